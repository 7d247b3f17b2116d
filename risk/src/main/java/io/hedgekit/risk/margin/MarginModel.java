package io.hedgekit.risk.margin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A portfolio-margin model: parameters per underlying, the maintenance ratio, and whether coin
 * collateral is stressed with the book.
 *
 * @param name what the model follows (printed with the result)
 * @param maintenanceRatio MM = IM × this, in (0, 1]
 * @param collateralInRiskMatrix true: coin collateral (after haircut) moves with its underlying in
 *     every risk-matrix and extended cell, like a spot position (cross-collateral portfolio margin)
 * @param underlyings parameters by underlying name
 * @param fallback parameters for an underlying not listed, or null (then one is an error)
 */
public record MarginModel(String name, double maintenanceRatio, boolean collateralInRiskMatrix,
    Map<String, MarginParameters> underlyings, MarginParameters fallback) {

  public MarginModel {
    Objects.requireNonNull(name, "name");
    if (!(maintenanceRatio > 0 && maintenanceRatio <= 1)) {
      throw new IllegalArgumentException("maintenance_ratio must be > 0 and <= 1, was " + maintenanceRatio);
    }
    underlyings = Map.copyOf(new LinkedHashMap<>(underlyings));
  }

  /** The built-in default: {@link MarginParameters#DERIBIT_BTC} for every underlying, MM = 0.8 × IM. */
  public static MarginModel defaults() {
    return new MarginModel("hedgekit Deribit-style portfolio margin (built-in defaults)", 0.8, true, Map.of(),
        MarginParameters.DERIBIT_BTC);
  }

  /**
   * Parameters of {@code underlying}.
   *
   * @throws IllegalArgumentException when it is not listed and there is no fallback
   */
  public MarginParameters paramsFor(String underlying) {
    MarginParameters p = underlyings.get(underlying);
    if (p == null) {
      p = fallback;
    }
    if (p == null) {
      throw new IllegalArgumentException("the margin model has no parameters for underlying " + underlying
          + " and no \"default\"; it lists " + underlyings.keySet());
    }
    return p;
  }
}

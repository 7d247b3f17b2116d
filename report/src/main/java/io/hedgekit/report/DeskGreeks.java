package io.hedgekit.report;

import io.hedgekit.risk.greeks.DeskUnits;

/**
 * Greeks in the units a trading desk reads, for one underlying (or one bucket of it).
 *
 * <p>Conversions ({@link DeskUnits}) from the model units of {@link io.hedgekit.kernels.GreeksColumns} (spot S, USD):
 * dollar delta = delta·S; gamma per 1% = gamma·S·0.01 (how many coins delta changes when spot
 * moves 1%); vega per vol point = vega / 100; theta per day = theta / 365. All four add up across
 * positions of the same underlying; gamma per 1% does not add across underlyings (coins differ).
 *
 * @param dollarDelta delta × spot, USD (USD gained per 100% spot rise, to first order)
 * @param gammaPer1Pct change of delta for a +1% spot move, coins of the underlying
 * @param vegaPerVolPoint value change for +1 vol point (0.01 of vol), USD
 * @param thetaPerDay value change as one calendar day passes, USD
 */
public record DeskGreeks(double dollarDelta, double gammaPer1Pct, double vegaPerVolPoint, double thetaPerDay) {

  /** All zero. */
  public static final DeskGreeks ZERO = new DeskGreeks(0, 0, 0, 0);

  /** Display names with units, in component order; {@code coin} stands for the underlying's coin. */
  public static final java.util.List<String> LABELS = java.util.List.of(
      "dollar delta (USD)", "gamma per 1% (coin)", "vega per vol pt (USD)", "theta per day (USD)");

  public DeskGreeks {
    Checks.finite("dollarDelta", dollarDelta);
    Checks.finite("gammaPer1Pct", gammaPer1Pct);
    Checks.finite("vegaPerVolPoint", vegaPerVolPoint);
    Checks.finite("thetaPerDay", thetaPerDay);
  }

  /**
   * Converts model-unit Greeks (as in {@link io.hedgekit.kernels.GreeksColumns}) to desk units.
   *
   * @param delta coins
   * @param gamma coins per USD
   * @param vega USD per 1.00 of vol
   * @param theta USD per year
   * @param spot USD, > 0
   */
  public static DeskGreeks fromModel(double delta, double gamma, double vega, double theta, double spot) {
    Checks.positive("spot", spot);
    return new DeskGreeks(DeskUnits.dollarDelta(delta, spot), DeskUnits.gammaPer1Pct(gamma, spot),
        DeskUnits.vegaPerVolPoint(vega), DeskUnits.thetaPerDay(theta));
  }

  /** Component-wise sum. */
  public DeskGreeks plus(DeskGreeks o) {
    return new DeskGreeks(dollarDelta + o.dollarDelta, gammaPer1Pct + o.gammaPer1Pct,
        vegaPerVolPoint + o.vegaPerVolPoint, thetaPerDay + o.thetaPerDay);
  }

  /** Component {@code i} in {@link #LABELS} order (0 dollar delta ... 3 theta). */
  public double get(int i) {
    return switch (i) {
      case 0 -> dollarDelta;
      case 1 -> gammaPer1Pct;
      case 2 -> vegaPerVolPoint;
      case 3 -> thetaPerDay;
      default -> throw new IndexOutOfBoundsException("Greek index must be 0..3, was " + i);
    };
  }
}

package io.hedgekit.risk.var;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The result of a VaR run; {@link #toJson()} gives
 * <pre>{@code
 * {"confidence": [0.99, 0.975], "horizon_days": 1.0, "scenarios": 10000, "positions": 100000,
 *  "instruments_priced": 10793,
 *  "results": [{"method": "full", "confidence": 0.99, "var": ..., "es": ...}, ...],
 *  "by_underlying": {"BTC": [{"method": ..., "confidence": ..., "var": ..., "es": ...}], ...},
 *  "contributions": {"confidence": 0.99, "es": ..., "by_underlying": {"BTC": ...},
 *                    "top": [{"id": ..., "underlying": ..., "contribution": ...}]},
 *  "approximation_error": {"delta-gamma": {"rmse": ..., "max_abs_diff": ...,
 *                          "results": [{"confidence": 0.99, "var_diff": ..., "es_diff": ...}]}, ...}}
 * }</pre>
 * {@code contributions} and {@code approximation_error} are left out when not computed.
 *
 * @param confidence the confidences, as requested
 * @param horizonDays horizon of the scenario step used, days
 * @param scenarios M, scenarios in that step
 * @param positions positions in the book
 * @param instrumentsPriced rows repriced in every scenario: the book's distinct instruments when
 *     positions were netted ({@link VarOptions#netting()}), else its positions
 * @param results per method (full, then the approximations) and confidence
 * @param byUnderlying per underlying: the same figures for that underlying's positions alone
 * @param contributions Euler ES contributions, or null
 * @param approximationError per approximation method label, or null
 * @param step the step of the scenario set used (not in JSON)
 * @param pnl the P&amp;L vectors (not in JSON; see {@link PnlVectors#write})
 */
public record VarResult(
    List<Double> confidence,
    double horizonDays,
    int scenarios,
    long positions,
    long instrumentsPriced,
    List<RiskFigure> results,
    Map<String, List<RiskFigure>> byUnderlying,
    @JsonInclude(JsonInclude.Include.NON_NULL) Contributions contributions,
    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, ApproximationError> approximationError,
    @JsonIgnore int step,
    @JsonIgnore PnlVectors pnl) {

  /** The figure of {@code method} at {@code confidence}. */
  public RiskFigure figure(VarMethod method, double confidence) {
    return results.stream()
        .filter(f -> f.method() == method && f.confidence() == confidence)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + method.label() + " result at " + confidence));
  }

  /** This result as indented JSON (see the class documentation). */
  public String toJson() {
    return RiskJson.toJson(this);
  }
}

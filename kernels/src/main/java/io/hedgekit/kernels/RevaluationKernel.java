package io.hedgekit.kernels;

/**
 * Reprices positions under scenarios and reduces the P&amp;L per scenario, without ever holding
 * the positions × scenarios matrix.
 *
 * <p>Scenario rules (the same for every implementation): spot {@code S' = S·exp(return)}, vol
 * {@code max(σ + shift, VOL_FLOOR)}, time to expiry {@code T − h}; rate and carry unchanged.
 * Contracts whose expiry falls within the horizon settle at their payoff at {@code S'}. Futures
 * and perpetuals keep their entry price. Perpetuals also pay funding over the horizon: a long
 * pays {@code funding8h × (h·365·3)} of its notional at today's spot (USD face for inverse).
 * A position's scenario P&amp;L is {@code value(scenario) − value(today) + funding}. When the
 * scenarios carry {@link ScenarioColumns#volDynamics()} other than sticky strike with parallel
 * shifts, a live option's scenario vol is {@link VolDynamics#scenarioVol} instead (floored the
 * same way).
 */
public interface RevaluationKernel {

  /**
   * Adds each scenario's P&amp;L, summed over the positions, to {@code out}: the portfolio total
   * and the total per underlying (by the positions' {@code underlying} index). Adds, never clears,
   * so a book may be fed batch by batch.
   *
   * @throws IllegalArgumentException if a position's underlying index is outside the scenario
   *     set's underlyings, or {@code out} does not match the scenario count
   */
  void revalue(PositionColumns positions, ScenarioColumns scenarios, PnlAccumulator out);

  /**
   * P&amp;L of every position in each of the chosen scenarios (for tail contributions).
   *
   * @param scenarioIndices the k scenarios wanted (indices into {@code scenarios})
   * @param out receives {@code positions.rows() × k} values, row-major: {@code out[i·k + j]} is
   *     position i in scenario {@code scenarioIndices[j]}
   */
  void revaluePositions(PositionColumns positions, ScenarioColumns scenarios, int[] scenarioIndices, double[] out);
}

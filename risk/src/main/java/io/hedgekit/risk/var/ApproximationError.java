package io.hedgekit.risk.var;

import java.util.List;

/**
 * How far a Greek approximation is from full revaluation over the same scenarios (portfolio
 * P&amp;L, USD). Differences are approximation minus full.
 *
 * @param rmse root mean square of the per-scenario P&amp;L difference
 * @param maxAbsDiff largest absolute per-scenario P&amp;L difference
 * @param results VaR and ES differences per confidence
 */
public record ApproximationError(double rmse, double maxAbsDiff, List<Difference> results) {

  /**
   * @param confidence the confidence
   * @param varDiff approximate VaR − full VaR
   * @param esDiff approximate ES − full ES
   */
  public record Difference(double confidence, double varDiff, double esDiff) {
  }
}

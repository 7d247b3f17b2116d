package io.hedgekit.risk.scenario;

import java.util.List;

/**
 * What historical scenarios to build from a daily price history.
 *
 * @param underlyings the price columns to use, in order; empty = every column of the history
 * @param horizonDays N: each scenario is the log return over N consecutive rows (days), >= 1
 * @param window W: use only the returns ending on the last W dates of the history; 0 = all
 * @param ewmaLambda NaN for plain historical simulation; a decay in (0, 1) (0.94 is RiskMetrics')
 *     for volatility-filtered historical simulation
 */
public record HistoricalSpec(List<String> underlyings, int horizonDays, int window, double ewmaLambda) {

  public HistoricalSpec {
    underlyings = List.copyOf(underlyings);
    if (horizonDays < 1) {
      throw new IllegalArgumentException("horizonDays must be >= 1, was " + horizonDays);
    }
    if (window < 0) {
      throw new IllegalArgumentException("window must be >= 0 (0 = whole history), was " + window);
    }
    if (!Double.isNaN(ewmaLambda) && !(ewmaLambda > 0 && ewmaLambda < 1)) {
      throw new IllegalArgumentException("ewmaLambda must be NaN (off) or in (0, 1), was " + ewmaLambda);
    }
  }

  /** Plain overlapping N-day returns over the whole history, every underlying. */
  public static HistoricalSpec of(int horizonDays) {
    return new HistoricalSpec(List.of(), horizonDays, 0, Double.NaN);
  }

  /** This spec restricted to the returns ending on the last {@code window} dates. */
  public HistoricalSpec withWindow(int window) {
    return new HistoricalSpec(underlyings, horizonDays, window, ewmaLambda);
  }

  /** This spec with volatility filtering by EWMA with decay {@code lambda}. */
  public HistoricalSpec withEwma(double lambda) {
    return new HistoricalSpec(underlyings, horizonDays, window, lambda);
  }

  /** This spec using only the named underlyings. */
  public HistoricalSpec withUnderlyings(List<String> names) {
    return new HistoricalSpec(names, horizonDays, window, ewmaLambda);
  }

  /** True when returns are rescaled to today's EWMA volatility. */
  public boolean filtered() {
    return !Double.isNaN(ewmaLambda);
  }
}

package io.hedgekit.risk.scenario;

import io.hedgekit.kernels.scenario.PriceHistory;

/** Log returns of a daily price history. */
public final class LogReturns {
  private LogReturns() {
  }

  /**
   * Daily log returns of one underlying: {@code out[t] = ln(P[t] / P[t−1])} for t ≥ 1; NaN at
   * t = 0 and wherever either price is missing.
   *
   * @param u column index in {@code history}
   */
  public static double[] daily(PriceHistory history, int u) {
    int n = history.size();
    double[] out = new double[n];
    out[0] = Double.NaN;
    for (int t = 1; t < n; t++) {
      out[t] = Math.log(history.close(u, t) / history.close(u, t - 1)); // NaN propagates
    }
    return out;
  }

  /**
   * Log return over {@code days} rows ending at row t: {@code ln(P[t] / P[t − days])}; NaN when
   * either price is missing or {@code t < days}.
   */
  public static double overDays(PriceHistory history, int u, int t, int days) {
    if (t < days) {
      return Double.NaN;
    }
    return Math.log(history.close(u, t) / history.close(u, t - days));
  }
}

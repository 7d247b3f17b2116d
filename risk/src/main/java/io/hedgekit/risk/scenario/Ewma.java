package io.hedgekit.risk.scenario;

/**
 * Exponentially weighted moving average variance (RiskMetrics): the variance forecast for day t
 * made at the end of day t−1 is {@code σ²[t] = λ·σ²[t−1] + (1 − λ)·r²[t−1]}.
 */
public final class Ewma {
  /** Returns averaged (as squares) to start the recursion. */
  public static final int WARM_UP = 30;
  /** Variance floor, so that a run of zero returns cannot make a later rescaling divide by zero. */
  public static final double MIN_VARIANCE = 1e-24;

  private Ewma() {
  }

  /**
   * Variance forecasts for a series of daily returns with gaps.
   *
   * <p>{@code out[t]} is the forecast for return t, using returns before t; NaN where
   * {@code returns[t]} is NaN. The recursion starts at the first valid return with the mean of the
   * squares of the first {@link #WARM_UP} valid returns (fewer if the series is shorter) and skips
   * missing returns. {@code out[n]} (one past the end) is today's forecast, for the day after the
   * last return.
   *
   * @param returns daily log returns, NaN where missing
   * @param lambda decay in (0, 1), e.g. 0.94
   * @return n + 1 variances per day, squared log-return units
   * @throws IllegalArgumentException if lambda is not in (0, 1) or no return is valid
   */
  public static double[] variances(double[] returns, double lambda) {
    if (!(lambda > 0 && lambda < 1)) {
      throw new IllegalArgumentException("EWMA lambda must be in (0, 1), was " + lambda);
    }
    int n = returns.length;
    double seed = 0;
    int count = 0;
    for (int t = 0; t < n && count < WARM_UP; t++) {
      if (!Double.isNaN(returns[t])) {
        seed += returns[t] * returns[t];
        count++;
      }
    }
    if (count == 0) {
      throw new IllegalArgumentException("EWMA needs at least one valid return");
    }
    double[] out = new double[n + 1];
    double var = Math.max(seed / count, MIN_VARIANCE);
    for (int t = 0; t < n; t++) {
      double r = returns[t];
      if (Double.isNaN(r)) {
        out[t] = Double.NaN;
        continue;
      }
      out[t] = var;
      var = Math.max(lambda * var + (1 - lambda) * r * r, MIN_VARIANCE);
    }
    out[n] = var;
    return out;
  }
}

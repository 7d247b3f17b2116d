package io.hedgekit.risk.backtest;

import io.hedgekit.kernels.Progress;
import io.hedgekit.risk.var.RiskMeasures;
import java.util.Objects;

/**
 * Settings of a VaR backtest.
 *
 * @param window number of past daily returns in each day's VaR sample, >= 1 (default 365)
 * @param confidence VaR confidence in (0, 1) (default 0.99)
 * @param trafficLightDays the last this many observations are scored by the traffic light (default 250)
 * @param progress told (positions revalued, −1: the book size is not known in advance)
 */
public record BacktestOptions(int window, double confidence, int trafficLightDays, Progress progress) {

  public BacktestOptions {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1, was " + window);
    }
    RiskMeasures.checkConfidence(confidence);
    if (trafficLightDays < 1) {
      throw new IllegalArgumentException("trafficLightDays must be >= 1, was " + trafficLightDays);
    }
    Objects.requireNonNull(progress, "progress");
  }

  /** Window 365, confidence 0.99, traffic light over 250 days. */
  public static BacktestOptions defaults() {
    return new BacktestOptions(365, 0.99, 250, Progress.NONE);
  }

  public BacktestOptions withWindow(int days) {
    return new BacktestOptions(days, confidence, trafficLightDays, progress);
  }

  public BacktestOptions withConfidence(double c) {
    return new BacktestOptions(window, c, trafficLightDays, progress);
  }

  public BacktestOptions withTrafficLightDays(int days) {
    return new BacktestOptions(window, confidence, days, progress);
  }

  public BacktestOptions withProgress(Progress p) {
    return new BacktestOptions(window, confidence, trafficLightDays, p);
  }
}

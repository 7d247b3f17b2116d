package io.hedgekit.risk.backtest;

import com.fasterxml.jackson.annotation.JsonValue;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Likelihood-ratio tests of VaR breaches and the Basel traffic light.
 *
 * <p>Notation: n observations, x breaches, p = 1 − confidence the expected breach rate.
 * Terms 0·ln 0 are taken as 0.
 */
public final class BacktestStatistics {
  /** Basel: green while the cumulative binomial probability of the breach count is below this. */
  public static final double GREEN_BELOW = 0.95;
  /** Basel: red from this cumulative probability on. */
  public static final double RED_FROM = 0.9999;

  private BacktestStatistics() {
  }

  /**
   * A likelihood-ratio statistic and its p-value under the chi-square distribution.
   *
   * @param statistic LR, >= 0
   * @param pValue P(χ²(dof) >= LR); small values reject the model
   * @param degreesOfFreedom of the chi-square distribution
   */
  public record TestResult(double statistic, double pValue, int degreesOfFreedom) {
  }

  /** Basel traffic-light zones. */
  public enum Zone {
    GREEN, YELLOW, RED;

    /** Lower-case name, as written in JSON. */
    @JsonValue
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Kupiec's proportion-of-failures test:
   * {@code LR = −2·ln[(1 − p)^(n−x)·p^x] + 2·ln[(1 − x/n)^(n−x)·(x/n)^x]}, χ²(1).
   *
   * @throws IllegalArgumentException unless 0 <= x <= n, n >= 1 and p in (0, 1)
   */
  public static TestResult kupiec(int n, int x, double p) {
    if (n < 1 || x < 0 || x > n || !(p > 0 && p < 1)) {
      throw new IllegalArgumentException("need n >= 1, 0 <= x <= n and p in (0, 1), got n=" + n + " x=" + x + " p=" + p);
    }
    double phat = (double) x / n;
    double lr = -2 * (xlogy(n - x, 1 - p) + xlogy(x, p)) + 2 * (xlogy(n - x, 1 - phat) + xlogy(x, phat));
    return chiSquare(Math.max(lr, 0.0), 1);
  }

  /**
   * Christoffersen's independence test on a breach sequence: with n_ij the number of days in
   * state j after a day in state i (1 = breach), π01 = n01/(n00 + n01), π11 = n11/(n10 + n11),
   * π = (n01 + n11)/(n00 + n01 + n10 + n11),
   * {@code LR = −2·ln[(1 − π)^(n00+n10)·π^(n01+n11)] + 2·ln[(1 − π01)^n00·π01^n01·(1 − π11)^n10·π11^n11]},
   * χ²(1). A sequence shorter than 2 gives LR 0.
   */
  public static TestResult christoffersen(boolean[] breaches) {
    long[] n = transitions(breaches);
    long n00 = n[0];
    long n01 = n[1];
    long n10 = n[2];
    long n11 = n[3];
    long total = n00 + n01 + n10 + n11;
    if (total == 0) {
      return chiSquare(0.0, 1);
    }
    double pi = (double) (n01 + n11) / total;
    double pi01 = n00 + n01 == 0 ? 0.0 : (double) n01 / (n00 + n01);
    double pi11 = n10 + n11 == 0 ? 0.0 : (double) n11 / (n10 + n11);
    double restricted = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
    double unrestricted = xlogy(n00, 1 - pi01) + xlogy(n01, pi01) + xlogy(n10, 1 - pi11) + xlogy(n11, pi11);
    return chiSquare(Math.max(-2 * restricted + 2 * unrestricted, 0.0), 1);
  }

  /** Christoffersen's conditional coverage: LR_pof + LR_ind, χ²(2). */
  public static TestResult conditionalCoverage(TestResult kupiec, TestResult independence) {
    return chiSquare(kupiec.statistic() + independence.statistic(), 2);
  }

  /** {n00, n01, n10, n11}: transitions between consecutive days (1 = breach). */
  public static long[] transitions(boolean[] breaches) {
    long[] n = new long[4];
    for (int t = 1; t < breaches.length; t++) {
      n[(breaches[t - 1] ? 2 : 0) + (breaches[t] ? 1 : 0)]++;
    }
    return n;
  }

  /**
   * Basel traffic-light zone of {@code breaches} in {@code days} at {@code confidence}: green while
   * the binomial probability P(X ≤ breaches) is below 95%, red from 99.99% on, yellow between. At
   * 99% over 250 days this is the Basel table: green 0-4, yellow 5-9, red 10 or more.
   */
  public static Zone trafficLight(int breaches, int days, double confidence) {
    if (days < 1 || breaches < 0 || breaches > days || !(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("need days >= 1, 0 <= breaches <= days and confidence in (0, 1), got "
          + breaches + "/" + days + " at " + confidence);
    }
    double cumulative = new BinomialDistribution(null, days, 1 - confidence).cumulativeProbability(breaches);
    if (cumulative < GREEN_BELOW) {
      return Zone.GREEN;
    }
    return cumulative < RED_FROM ? Zone.YELLOW : Zone.RED;
  }

  private static TestResult chiSquare(double lr, int dof) {
    double pValue = 1.0 - new ChiSquaredDistribution(null, dof).cumulativeProbability(lr);
    return new TestResult(lr, Math.max(0.0, pValue), dof);
  }

  /** x·ln(y), with 0·ln(anything) = 0. */
  private static double xlogy(double x, double y) {
    return x == 0 ? 0.0 : x * Math.log(y);
  }
}

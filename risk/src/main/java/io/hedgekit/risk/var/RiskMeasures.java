package io.hedgekit.risk.var;

import java.util.Arrays;

/**
 * VaR and ES of a P&amp;L sample, by the definitions of this package: with the M P&amp;Ls
 * sorted ascending L(1) ≤ ... ≤ L(M) and {@code k = ⌈M·(1 − c)⌉} (at least 1),
 * {@code VaR = −L(k)} and {@code ES = −(L(1) + ... + L(k))/k}. So VaR is the loss exceeded with
 * probability below 1 − c in the sample, and ES ≥ VaR always (ES averages L(k) with smaller
 * values). Tail scenarios are the k with the lowest P&amp;L, ties broken by lower index.
 */
public final class RiskMeasures {
  /** Relative tolerance when M·(1 − c) is an integer up to rounding (10,000 × (1 − 0.99) = 100). */
  static final double COUNT_TOLERANCE = 1e-9;

  private RiskMeasures() {
  }

  /**
   * VaR and ES at one confidence, USD (losses positive).
   *
   * @param var value at risk, −L(k)
   * @param es expected shortfall, −mean(L(1..k))
   * @param tail k, the number of tail scenarios
   */
  public record VarEs(double var, double es, int tail) {
  }

  /**
   * k = ⌈M·(1 − confidence)⌉, at least 1; M·(1 − c) within a relative 1e-9 of an integer counts as
   * that integer (so 10,000 scenarios at 99% give k = 100, not 101 from rounding of 1 − 0.99).
   *
   * @throws IllegalArgumentException if M < 1 or confidence is not in (0, 1)
   */
  public static int tailCount(int scenarios, double confidence) {
    checkConfidence(confidence);
    if (scenarios < 1) {
      throw new IllegalArgumentException("need at least 1 scenario, got " + scenarios);
    }
    double x = scenarios * (1.0 - confidence);
    double nearest = Math.rint(x);
    long k = Math.abs(x - nearest) <= COUNT_TOLERANCE * Math.max(1.0, x) ? (long) nearest : (long) Math.ceil(x);
    return (int) Math.max(1, Math.min(scenarios, k));
  }

  /** Throws unless {@code confidence} is in (0, 1). */
  public static void checkConfidence(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
    }
  }

  /** VaR and ES of {@code pnl} (not modified) at {@code confidence}. */
  public static VarEs of(double[] pnl, double confidence) {
    double[] sorted = pnl.clone();
    Arrays.sort(sorted);
    return ofSorted(sorted, confidence);
  }

  /** VaR and ES of P&amp;Ls already sorted ascending. */
  public static VarEs ofSorted(double[] sorted, double confidence) {
    int k = tailCount(sorted.length, confidence);
    double sum = 0;
    for (int i = 0; i < k; i++) {
      sum += sorted[i];
    }
    return new VarEs(-sorted[k - 1], -sum / k, k);
  }

  /**
   * Indices of the {@code k} lowest P&amp;Ls, in increasing index order; among equal values at the
   * boundary the lower indices are taken.
   */
  public static int[] tailScenarios(double[] pnl, int k) {
    if (k < 1 || k > pnl.length) {
      throw new IllegalArgumentException("k must be 1.." + pnl.length + ", was " + k);
    }
    double[] sorted = pnl.clone();
    Arrays.sort(sorted);
    double threshold = sorted[k - 1];
    int below = 0;
    for (double v : sorted) {
      if (v < threshold) {
        below++;
      } else {
        break;
      }
    }
    int equalWanted = k - below;
    int[] out = new int[k];
    int n = 0;
    for (int s = 0; s < pnl.length; s++) {
      double v = pnl[s];
      if (v < threshold) {
        out[n++] = s;
      } else if (v == threshold && equalWanted > 0) {
        out[n++] = s;
        equalWanted--;
      }
    }
    return out;
  }
}

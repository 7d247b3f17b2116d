package io.hedgekit.risk.hedge;

import java.util.Arrays;

/** Historical VaR and ES by sorting, the definition of {@link TailRisk#HISTORICAL}. */
final class EmpiricalTail {
  private EmpiricalTail() {
  }

  static TailRisk.VarEs measure(double[] pnl, double confidence) {
    double[] sorted = pnl.clone();
    Arrays.sort(sorted);
    int k = tailCount(sorted.length, confidence);
    double sum = 0;
    for (int i = 0; i < k; i++) {
      sum += sorted[i];
    }
    return new TailRisk.VarEs(-sorted[k - 1], -sum / k);
  }

  /** k = ceil(M·(1 − c)), at least 1; a product within 1e-9 of an integer is taken as that integer. */
  static int tailCount(int scenarios, double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
    }
    if (scenarios < 1) {
      throw new IllegalArgumentException("need at least one scenario for VaR/ES, got " + scenarios);
    }
    double x = scenarios * (1 - confidence);
    double nearest = Math.rint(x);
    int k = Math.abs(x - nearest) < 1e-9 ? (int) nearest : (int) Math.ceil(x);
    return Math.max(1, Math.min(k, scenarios));
  }
}

package io.hedgekit.report;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Value-at-Risk and Expected Shortfall over a scenario set, with the scenario P&amp;L behind them.
 *
 * <p>Sign conventions: P&amp;L is positive for a gain; VaR and ES are losses, reported as positive
 * USD amounts (a VaR of 1,000,000 means the {@code confidence} quantile of P&amp;L is −1,000,000).
 *
 * @param scenarios description of the scenario set (e.g. "1,000 historical daily moves, 2023-01-01 .. 2025-11-19")
 * @param horizonDays scenario horizon, calendar days, >= 0
 * @param estimates VaR/ES per method and confidence; not empty
 * @param full P&amp;L per scenario under full revaluation
 * @param approximations P&amp;L per scenario under Greek approximations (delta-gamma ...), each as long as {@code full}
 */
public record VarSection(String scenarios, double horizonDays, List<Estimate> estimates, Pnl full,
    List<Pnl> approximations) {

  /**
   * One VaR/ES pair.
   *
   * @param method how P&amp;L was computed, e.g. "full revaluation", "delta-gamma"
   * @param confidence e.g. 0.99, in (0, 1)
   * @param var Value-at-Risk, USD loss (positive = loss)
   * @param es Expected Shortfall (mean loss beyond VaR), USD loss
   */
  public record Estimate(String method, double confidence, double var, double es) {
    public Estimate {
      Checks.text("method", method);
      Checks.confidence("confidence of " + method, confidence);
      Checks.finite("var of " + method, var);
      Checks.finite("es of " + method, es);
    }
  }

  /**
   * P&amp;L per scenario under one method.
   *
   * @param method e.g. "full revaluation", "delta-gamma", "delta-gamma-vega-theta"
   * @param values USD per scenario, finite; copied in and out
   */
  public record Pnl(String method, double[] values) {
    public Pnl {
      Checks.text("method", method);
      values = values.clone();
      if (values.length == 0) {
        throw new IllegalArgumentException("P&L of " + method + " has no scenarios");
      }
      for (int s = 0; s < values.length; s++) {
        if (!Double.isFinite(values[s])) {
          throw new IllegalArgumentException("P&L of " + method + " must be finite, was " + values[s] + " in scenario " + s);
        }
      }
    }

    /** A copy of the values. */
    @Override
    public double[] values() {
      return values.clone();
    }

    /** Number of scenarios. */
    public int size() {
      return values.length;
    }

    /** Value of scenario {@code s}, USD. */
    public double get(int s) {
      return values[s];
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Pnl p && method.equals(p.method) && java.util.Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
      return method.hashCode() * 31 + java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Pnl[" + method + ", " + values.length + " scenarios]";
    }
  }

  public VarSection {
    Checks.text("scenarios", scenarios);
    Checks.nonNegative("horizonDays", horizonDays);
    estimates = Checks.nonEmpty("estimates", estimates);
    Objects.requireNonNull(full, "full");
    approximations = Checks.list("approximations", approximations);
    for (Pnl a : approximations) {
      if (a.size() != full.size()) {
        throw new IllegalArgumentException("approximation " + a.method() + " has " + a.size()
            + " scenarios, full revaluation " + full.size());
      }
    }
  }

  /**
   * The headline estimate: full revaluation ({@code full.method()}) at its highest confidence, or
   * the first estimate if none is for that method.
   */
  public Estimate headline() {
    return estimates.stream().filter(e -> e.method().equals(full.method()))
        .max(Comparator.comparingDouble(Estimate::confidence)).orElse(estimates.get(0));
  }

  /** The estimates of one method, in the order given. */
  public List<Estimate> estimatesOf(String method) {
    return estimates.stream().filter(e -> e.method().equals(method)).toList();
  }
}

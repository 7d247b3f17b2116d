package io.hedgekit.kernels;

/**
 * Per-scenario P&amp;L sums, USD: the portfolio's and each underlying's.
 *
 * @param portfolio {@code portfolio[s]}, summed over all positions
 * @param byUnderlying {@code byUnderlying[u][s]}, summed over the positions of underlying u
 */
public record PnlAccumulator(double[] portfolio, double[][] byUnderlying) {

  /** Zeros for {@code scenarios} scenarios and {@code underlyings} underlyings. */
  public static PnlAccumulator zeros(int scenarios, int underlyings) {
    return new PnlAccumulator(new double[scenarios], new double[underlyings][scenarios]);
  }

  /** Number of scenarios. */
  public int scenarios() {
    return portfolio.length;
  }

  /** Adds {@code other} into this, element by element. */
  public void add(PnlAccumulator other) {
    if (other.portfolio.length != portfolio.length || other.byUnderlying.length != byUnderlying.length) {
      throw new IllegalArgumentException("accumulator shapes differ");
    }
    for (int s = 0; s < portfolio.length; s++) {
      portfolio[s] += other.portfolio[s];
    }
    for (int u = 0; u < byUnderlying.length; u++) {
      double[] mine = byUnderlying[u];
      double[] theirs = other.byUnderlying[u];
      for (int s = 0; s < mine.length; s++) {
        mine[s] += theirs[s];
      }
    }
  }

  /** Checks this accumulator fits a scenario set. */
  public void checkFits(ScenarioColumns scenarios) {
    if (portfolio.length != scenarios.scenarios()) {
      throw new IllegalArgumentException("accumulator has " + portfolio.length + " scenarios, set has " + scenarios.scenarios());
    }
    if (byUnderlying.length != scenarios.underlyings()) {
      throw new IllegalArgumentException("accumulator has " + byUnderlying.length + " underlyings, set has " + scenarios.underlyings());
    }
  }
}

package io.hedgekit.risk.hedge;

/**
 * Value at Risk and Expected Shortfall of a vector of scenario P&amp;Ls. A function, so the VaR
 * module's own implementation can be plugged in; {@link #HISTORICAL} is this package's.
 */
@FunctionalInterface
public interface TailRisk {

  /**
   * The documented historical definition: the M P&amp;Ls sorted ascending L(1) &lt;= ... &lt;= L(M),
   * {@code k = ceil(M·(1 − c))}, VaR = −L(k), ES = −mean(L(1..k)). Both are losses in USD
   * (positive = loss). {@code M·(1 − c)} within 1e-9 of an integer counts as that integer, so
   * 1000 scenarios at 99% give k = 10, not 11 from binary rounding.
   */
  TailRisk HISTORICAL = EmpiricalTail::measure;

  /**
   * @param pnl scenario P&amp;Ls, USD (not modified)
   * @param confidence c in (0, 1), e.g. 0.99
   * @return VaR and ES at that confidence, USD, positive = loss
   */
  VarEs measure(double[] pnl, double confidence);

  /**
   * @param var Value at Risk, USD, positive = loss
   * @param es Expected Shortfall, USD, positive = loss; &gt;= var
   */
  record VarEs(double var, double es) {
  }
}

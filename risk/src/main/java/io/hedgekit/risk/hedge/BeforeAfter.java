package io.hedgekit.risk.hedge;

import java.util.List;

/**
 * A book's risk before and after a set of trades.
 *
 * @param before Greeks per underlying of the book, in the book's underlying order
 * @param after Greeks per underlying of the book plus the trades (the residual after lot rounding)
 * @param scenarios number of scenarios VaR/ES were computed on; 0 when no scenario set was given
 * @param confidence VaR/ES confidence, e.g. 0.99
 * @param tailBefore VaR/ES of the book, USD; null without scenarios
 * @param tailAfter VaR/ES of the book plus the trades, USD; null without scenarios
 * @param totalCost Σ |quantity| × cost of the trades, USD
 */
public record BeforeAfter(List<UnderlyingRisk> before, List<UnderlyingRisk> after, int scenarios, double confidence,
    TailRisk.VarEs tailBefore, TailRisk.VarEs tailAfter, double totalCost) {

  public BeforeAfter {
    before = List.copyOf(before);
    after = List.copyOf(after);
    if (before.size() != after.size()) {
      throw new IllegalArgumentException("before has " + before.size() + " underlyings, after " + after.size());
    }
  }

  /** True when VaR/ES were computed (a scenario set was given). */
  public boolean hasTail() {
    return tailBefore != null;
  }
}

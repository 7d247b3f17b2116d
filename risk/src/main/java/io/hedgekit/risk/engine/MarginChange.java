package io.hedgekit.risk.engine;

import io.hedgekit.risk.margin.MarginResult;
import java.util.Objects;

/**
 * Portfolio margin of a book before and after proposed trades ({@link RiskEngine#marginWhatIf}).
 *
 * @param before margin, equity and liquidation distance of the book as it is
 * @param after the same with the trades done at today's model value, paid from (or into) cash
 */
public record MarginChange(MarginResult before, MarginResult after) {
  public MarginChange {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }
}

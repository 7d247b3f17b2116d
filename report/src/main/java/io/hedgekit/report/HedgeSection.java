package io.hedgekit.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A suggested hedge: the tickets to trade and the risk before and after.
 *
 * @param objective what the hedge aims at, e.g. "neutralise dollar delta and vega, minimum cost"
 * @param tickets trades to execute, in display order
 * @param underlyings Greeks before and after, per underlying
 * @param totalCost Σ |quantity| × cost per contract of the tickets, USD, >= 0
 * @param tail VaR/ES before and after, when a scenario set was given
 */
public record HedgeSection(String objective, List<Ticket> tickets, List<Change> underlyings, double totalCost,
    Optional<Tail> tail) {

  /**
   * One trade.
   *
   * @param instrument instrument id, e.g. "BTC-PERPETUAL"
   * @param quantity signed contracts, positive = buy; not 0
   * @param cost estimated cost of the trade (spread, fees), USD, >= 0
   */
  public record Ticket(String instrument, double quantity, double cost) {
    public Ticket {
      Checks.text("instrument", instrument);
      Checks.finite("quantity of " + instrument, quantity);
      if (quantity == 0) {
        throw new IllegalArgumentException("quantity of " + instrument + " must not be 0");
      }
      Checks.nonNegative("cost of " + instrument, cost);
    }
  }

  /**
   * Greeks of one underlying before and after the hedge.
   *
   * @param underlying name
   * @param before the book's Greeks
   * @param after the book's Greeks plus the tickets'
   */
  public record Change(String underlying, DeskGreeks before, DeskGreeks after) {
    public Change {
      Checks.text("underlying", underlying);
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
    }
  }

  /**
   * VaR/ES before and after the hedge, USD losses (positive = loss).
   *
   * @param confidence e.g. 0.99
   */
  public record Tail(double confidence, double varBefore, double esBefore, double varAfter, double esAfter) {
    public Tail {
      Checks.confidence("confidence", confidence);
      Checks.finite("varBefore", varBefore);
      Checks.finite("esBefore", esBefore);
      Checks.finite("varAfter", varAfter);
      Checks.finite("esAfter", esAfter);
    }
  }

  public HedgeSection {
    Checks.text("objective", objective);
    tickets = Checks.list("tickets", tickets);
    underlyings = Checks.nonEmpty("underlyings", underlyings);
    Checks.nonNegative("totalCost", totalCost);
    Objects.requireNonNull(tail, "tail (use Optional.empty())");
  }
}

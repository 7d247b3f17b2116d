package io.hedgekit.risk.hedge;

import java.util.List;

/**
 * Before and after for proposed trades.
 *
 * @param tickets the proposed trades with their cost, in the order given (zero quantities kept)
 * @param comparison risk before and after the trades
 * @param notes remarks: quantities that are not lot multiples or are outside the instrument's bounds
 */
public record WhatIfResult(List<HedgeTicket> tickets, BeforeAfter comparison, List<String> notes) {

  public WhatIfResult {
    tickets = List.copyOf(tickets);
    notes = List.copyOf(notes);
  }
}

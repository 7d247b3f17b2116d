package io.hedgekit.risk.hedge;

import java.util.List;
import java.util.Map;

/**
 * What a hedge recommends and what it achieves.
 *
 * @param target the target that was solved
 * @param tickets the trades, lot-rounded, nonzero only, in universe order
 * @param solved the optimiser's quantities before lot rounding, by instrument id (nonzero only)
 * @param comparison Greeks per underlying (and VaR/ES with scenarios) before and after the tickets
 * @param notes plain-language remarks: subsampled scenarios, instruments left out and why,
 *     a rounded hedge replaced by no trade, ...
 */
public record HedgeResult(HedgeTarget target, List<HedgeTicket> tickets, Map<String, Double> solved,
    BeforeAfter comparison, List<String> notes) {

  public HedgeResult {
    tickets = List.copyOf(tickets);
    solved = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(solved));
    notes = List.copyOf(notes);
  }

  /** Total trading cost of the tickets, USD. */
  public double totalCost() {
    return comparison.totalCost();
  }
}

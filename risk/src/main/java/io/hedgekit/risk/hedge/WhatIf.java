package io.hedgekit.risk.hedge;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.risk.ResolvedBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The risk of a book before and after trades a person proposes: the same Greeks per underlying,
 * VaR/ES and cost as a {@link Hedger} result, for any quantities of universe instruments.
 */
public final class WhatIf {
  private final ComputeBackend backend;

  /** @param backend whose kernels price the book and the instruments */
  public WhatIf(ComputeBackend backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  /**
   * Evaluates proposed trades. Several trades of one instrument add up. Quantities that are not
   * multiples of the lot or lie outside the instrument's bounds are evaluated as given and noted.
   *
   * @param scenarios scenario set indexed by the book's underlyings, or null for Greeks only
   * @throws IllegalArgumentException for an id not in the universe, or a traded instrument whose
   *     underlying the scenario set does not move
   */
  public WhatIfResult evaluate(ResolvedBook book, HedgeUniverse universe, List<ProposedTrade> trades,
      ScenarioColumns scenarios, HedgeOptions options) {
    Objects.requireNonNull(trades, "trades");
    for (ProposedTrade t : trades) {
      if (universe.indexOf(t.id()) < 0) {
        throw new IllegalArgumentException("unknown instrument " + t.id() + " in proposed trades; the universe has "
            + universe.size() + " instruments, e.g. " + universe.get(0).id());
      }
    }
    Exposure ex = Exposure.compute(backend, book, universe, scenarios, options);
    double[] q = new double[ex.instruments()];
    List<HedgeTicket> tickets = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (ProposedTrade t : trades) {
      int j = ex.universe.indexOf(t.id());
      HedgeInstrument h = ex.instrument(j);
      q[j] += t.quantity();
      tickets.add(new HedgeTicket(t.id(), t.quantity(), Math.abs(t.quantity()) * h.cost()));
      double lots = t.quantity() / h.lot();
      if (Math.abs(lots - Math.rint(lots)) > 1e-9 * Math.max(1, Math.abs(lots))) {
        notes.add(t.id() + ": quantity " + t.quantity() + " is not a multiple of its lot " + h.lot());
      }
    }
    for (int j = 0; j < q.length; j++) {
      HedgeInstrument h = ex.instrument(j);
      if (q[j] != 0 && (q[j] < h.lowestQuantity() || q[j] > h.highestQuantity())) {
        notes.add(h.id() + ": quantity " + q[j] + " is outside its bounds [" + h.minQuantity() + ", " + h.maxQuantity() + "]");
      }
      if (q[j] != 0 && ex.hasScenarios() && ex.unitPnl[j] == null) {
        throw new IllegalArgumentException("the scenario set does not move " + ex.names.get(h.underlying())
            + ", the underlying of " + h.id() + "; VaR/ES after the trades cannot be computed");
      }
    }
    return new WhatIfResult(tickets, ex.compare(q), notes);
  }
}

package io.hedgekit.risk.hedge;

import static io.hedgekit.risk.hedge.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.Position;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.risk.greeks.PortfolioGreeks;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WhatIfTest {
  private static ComputeBackend backend;

  @BeforeAll
  static void open() {
    backend = scalar();
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  @Test
  void evaluate_matchesTheBookWithTheTradesAdded() {
    List<Position> book = optionsBook(71, 30);
    ScenarioColumns sc = scenarios(72, 150);
    HedgeUniverse universe = deskUniverse();
    List<ProposedTrade> trades = List.of(new ProposedTrade("BTC-PERPETUAL", -5_000), new ProposedTrade("ETH-3M-3000-P", 40),
        new ProposedTrade("BTC-6M-95000-P", 1.5));
    WhatIfResult r = new WhatIf(backend).evaluate(book(book), universe, trades, sc, HedgeOptions.defaults());
    List<HedgeTicket> tickets = List.of(new HedgeTicket("BTC-PERPETUAL", -5_000, 25), new HedgeTicket("ETH-3M-3000-P", 40, 80),
        new HedgeTicket("BTC-6M-95000-P", 1.5, 90));
    assertEquals(tickets, r.tickets());
    List<Position> traded = withTrades(book, universe, tickets);
    PortfolioGreeks after = referenceGreeks(traded);
    for (int u = 0; u < 2; u++) {
      UnderlyingRisk a = r.comparison().after().get(u);
      assertEquals(after.get(u, "delta"), a.delta(), 1e-9 * Math.abs(a.delta()));
      assertEquals(after.get(u, "gamma"), a.gamma(), 1e-9 * Math.abs(a.gamma()));
      assertEquals(after.get(u, "vega"), a.vega(), 1e-9 * Math.abs(a.vega()));
      assertEquals(after.get(u, "theta"), a.theta(), 1e-9 * Math.abs(a.theta()));
      assertEquals(after.dollarDelta(u), a.dollarDelta(), 1e-9 * Math.abs(a.dollarDelta()));
    }
    TailRisk.VarEs expected = TailRisk.HISTORICAL.measure(referencePnl(traded, sc), 0.99);
    assertEquals(expected.var(), r.comparison().tailAfter().var(), 1e-9 * Math.abs(expected.var()));
    assertEquals(expected.es(), r.comparison().tailAfter().es(), 1e-9 * Math.abs(expected.es()));
    assertEquals(195, r.comparison().totalCost(), 1e-9);
    assertEquals(List.of(), r.notes());
  }

  @Test
  void evaluate_reproducesAHedgeResult() {
    List<Position> book = optionsBook(73, 30);
    HedgeResult h = new Hedger(backend).hedge(book(book), deskUniverse(), HedgeTarget.DELTA_GAMMA, null, HedgeOptions.defaults());
    List<ProposedTrade> trades = h.tickets().stream().map(t -> new ProposedTrade(t.id(), t.quantity())).toList();
    WhatIfResult w = new WhatIf(backend).evaluate(book(book), deskUniverse(), trades, null, HedgeOptions.defaults());
    assertEquals(h.comparison(), w.comparison());
  }

  @Test
  void evaluate_notesOddLotsAndBoundsButEvaluatesThem() {
    HedgeUniverse universe = universe(
        new HedgeInstrument("BTC-PERPETUAL", linear(io.hedgekit.kernels.ContractKind.INVERSE_PERPETUAL, 0, 0, 10, 0, 0), 0.005, 1, -100, 100),
        instrument("BTC-1M-95000-C", option(io.hedgekit.kernels.ContractKind.INVERSE_CALL, 0, 1.0, 1.0 / 12, 0.55, 1), 30, 0.1));
    WhatIfResult r = new WhatIf(backend).evaluate(book(List.of(spot(0, 1))), universe,
        List.of(new ProposedTrade("BTC-1M-95000-C", 0.15), new ProposedTrade("BTC-PERPETUAL", -150)), null, HedgeOptions.defaults());
    assertEquals(List.of("BTC-1M-95000-C: quantity 0.15 is not a multiple of its lot 0.1",
        "BTC-PERPETUAL: quantity -150.0 is outside its bounds [-100.0, 100.0]"), r.notes());
    // evaluated as given: 1 BTC − 150 × (10 / 95 000) + 0.15 × the call's delta
    double callDelta = referenceGreeks(withTrades(List.of(), universe, List.of(new HedgeTicket("BTC-1M-95000-C", 1, 0)))).get(0, "delta");
    assertEquals(1 - 150 * 10 / 95_000.0 + 0.15 * callDelta, r.comparison().after().get(0).delta(), 1e-12);
  }

  @Test
  void evaluate_rejectsUnknownInstruments() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WhatIf(backend).evaluate(
        book(List.of(spot(0, 1))), deskUniverse(), List.of(new ProposedTrade("BTC-PERP", 1)), null, HedgeOptions.defaults()));
    assertEquals("unknown instrument BTC-PERP in proposed trades; the universe has 10 instruments, e.g. BTC-PERPETUAL", e.getMessage());
  }
}

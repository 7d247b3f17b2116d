package io.hedgekit.risk.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.Position;
import io.hedgekit.risk.InMemoryBook;
import io.hedgekit.risk.hedge.HedgeInstrument;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeUniverse;
import io.hedgekit.risk.var.TestBooks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarginHedgerTest {
  private static final double BTC = 95_000;
  private static final double ETH = 3_400;

  private static HedgeUniverse universe() {
    List<String> names = List.of("BTC", "ETH");
    double[] spots = {BTC, ETH};
    return new HedgeUniverse(List.of(
        new HedgeInstrument("BTC-PERPETUAL", new Position(ContractKind.LINEAR_PERPETUAL, 0, BTC, 0, 0, 0, 0.03, 0, 1, BTC, 1e-4),
            0.5, 1, Double.NaN, Double.NaN),
        new HedgeInstrument("BTC-3M-85000-P", new Position(ContractKind.LINEAR_PUT, 0, BTC, 85_000, 0.25, 0.6, 0.03, 0, 1, 0, 0),
            200, 0.1, Double.NaN, Double.NaN),
        new HedgeInstrument("ETH-PERPETUAL", new Position(ContractKind.LINEAR_PERPETUAL, 1, ETH, 0, 0, 0, 0.03, 0, 1, ETH, 1e-4),
            0.02, 1, Double.NaN, Double.NaN)), names, spots);
  }

  @Test
  void hedge_deltaOnlyBookSellsItsDeltaAndMarginFallsToZero() {
    InMemoryBook book = new TestBooks(List.of("BTC"), BTC).spot("BTC", 2).linearPerp("BTC", 5, 1e-4).build(1);
    try (ComputeBackend backend = TestBooks.scalar()) {
      MarginHedger.Result r = new MarginHedger(backend, MarginModel.defaults()).hedge(book, universe(),
          Collateral.usd(1e5), Map.of());
      assertEquals(HedgeTarget.MIN_MARGIN, r.hedge().target());
      assertEquals(1, r.hedge().tickets().size(), r.hedge().tickets().toString());
      assertEquals("BTC-PERPETUAL", r.hedge().tickets().getFirst().id());
      assertEquals(-7.0, r.hedge().tickets().getFirst().quantity(), 1e-12);
      assertEquals(0.16 * 7 * BTC, r.before().riskMatrix(), 1e-6);
      assertEquals(0.0, r.after().im(), 1e-6);
      assertTrue(r.after().liquidation("BTC").down() == null && r.after().liquidation("BTC").up() == null);
    }
  }

  @Test
  void hedge_neverEndsAboveNoTradeAndAfterMarginIsRecomputed() {
    InMemoryBook book = new TestBooks(List.of("BTC", "ETH"), BTC, ETH)
        .option("BTC", false, false, 80_000, 0.25, 0.6, -30)
        .option("BTC", true, true, 110_000, 0.1, 0.55, -10)
        .linearPerp("ETH", -200, 1e-4)
        .build(2);
    try (ComputeBackend backend = TestBooks.scalar()) {
      MarginModel model = MarginModel.defaults();
      MarginHedger.Result r = new MarginHedger(backend, model).hedge(book, universe(), Collateral.usd(2e6), Map.of());
      double cost = r.hedge().totalCost();
      assertTrue(r.after().im() + cost < r.before().im(), "after " + r.after().im() + " + " + cost + " vs " + r.before().im());
      assertEquals(new MarginEngine(backend, model).compute(book, Collateral.usd(2e6), Map.of()).im(), r.before().im(), 1e-9);
      for (var t : r.hedge().tickets()) {
        double lot = t.id().contains("-P") && t.id().startsWith("BTC-3M") ? 0.1 : 1;
        assertEquals(0.0, Math.IEEEremainder(t.quantity(), lot), 1e-9, t.toString());
      }
    }
  }

  @Test
  void whatIf_tradesAtModelValueLeaveEquityUnchangedAndChangeMargin() {
    InMemoryBook book = new TestBooks(List.of("BTC"), BTC).spot("BTC", 10).build(1);
    try (ComputeBackend backend = TestBooks.scalar()) {
      MarginResult[] m = new MarginHedger(backend, MarginModel.defaults()).whatIf(book, universe(),
          List.of(new io.hedgekit.risk.hedge.ProposedTrade("BTC-3M-85000-P", 10)), Collateral.usd(1e5), Map.of());
      assertEquals(m[0].equity(), m[1].equity(), 1e-6, "the premium is paid from cash");
      assertTrue(m[1].riskMatrix() < m[0].riskMatrix(), "protective puts cut the down-move loss");
      assertTrue(m[1].liquidation("BTC").down() == null || m[0].liquidation("BTC").down() == null
          || m[1].liquidation("BTC").down().move() < m[0].liquidation("BTC").down().move());
    }
  }
}

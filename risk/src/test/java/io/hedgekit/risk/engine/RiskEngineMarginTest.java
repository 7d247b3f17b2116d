package io.hedgekit.risk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.risk.hedge.HedgeOptions;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeTicket;
import io.hedgekit.risk.hedge.HedgeUniverse;
import io.hedgekit.risk.hedge.ProposedTrade;
import io.hedgekit.risk.margin.Carry;
import io.hedgekit.risk.margin.Collateral;
import io.hedgekit.risk.margin.MarginEngine;
import io.hedgekit.risk.margin.MarginHedger;
import io.hedgekit.risk.margin.MarginModel;
import io.hedgekit.risk.margin.MarginResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Portfolio margin, carry and the min-margin hedge as requests of the engine (issue 18 on the issue-13 API). */
class RiskEngineMarginTest {
  private static final MarginModel MODEL = MarginModel.defaults();
  private static final Collateral COLLATERAL = new Collateral(List.of(new Collateral.Balance("BTC", 3, 0.02),
      new Collateral.Balance("USDC", 400_000, 0)));

  private static RiskEngine scalar() {
    return RiskEngine.builder().backend("scalar").build();
  }

  private static Market flat() {
    return Market.builder(EngineFixtures.NOW).underlying("BTC", u -> u.spot(95_000).rate(0.03).flatVol(0.55))
        .underlying("ETH", u -> u.spot(3_000).rate(0.03).flatVol(0.70)).build();
  }

  @Test
  void margin_linearBookIsRangeTimesNetDollarDelta() {
    // 2 BTC spot and 5 short linear BTC perps (entry at spot): net dollar delta (2 - 5) x 95,000 USD.
    Book book = Book.of(List.of(Position.spot("s", "BTC", 2), Position.perpetual("p", "BTC", -5, 95_000)));
    try (RiskEngine engine = scalar(); ResolvedPositions resolved = engine.resolve(book, flat())) {
      Computed<MarginResult> m = engine.margin(resolved, Collateral.usd(100_000), MODEL);
      assertEquals(0.16 * 3 * 95_000, m.result().riskMatrix(), 1e-6);
      assertEquals(0.16 * 3 * 95_000, m.result().underlying("BTC").riskMatrix(), 1e-6);
      assertEquals(m.result().riskMatrix() + m.result().extended() + m.result().contingency(), m.result().im(), 1e-9);
      assertEquals(0.8 * m.result().im(), m.result().mm(), 1e-9);
      assertEquals("scalar", m.run().backend());
      assertTrue(m.run().steps().containsKey("margin"), m.run().steps().toString());
    }
  }

  @Test
  void margin_sameAsTheMarginEngineOnTheResolvedBook_andOnAFileBookOfTheSamePositions() throws Exception {
    Market market = EngineFixtures.market();
    Book book = Book.of(EngineFixtures.positions(200, 7));
    try (RiskEngine engine = scalar(); ResolvedPositions resolved = engine.resolve(book, market)) {
      MarginResult viaEngine = engine.margin(resolved, COLLATERAL, MODEL).result();
      MarginResult direct = new MarginEngine(engine.computeBackend(), MODEL).compute(resolved, COLLATERAL,
          MarginEngine.prices(market.data()));
      assertEquals(direct, viaEngine);
      // The explicit-market overload on the same snapshot gives the same answer.
      assertEquals(direct, engine.margin(resolved, market, COLLATERAL, MODEL).result());
    }
  }

  @Test
  void margin_ofABookWithoutItsMarket_needsTheMarket() {
    try (RiskEngine engine = scalar()) {
      io.hedgekit.risk.ResolvedBook bare = new io.hedgekit.risk.ResolvedBook() {
        @Override
        public List<String> underlyings() {
          return List.of("BTC");
        }

        @Override
        public double[] spots() {
          return new double[] {95_000};
        }

        @Override
        public java.util.Iterator<io.hedgekit.risk.ResolvedBatch> batches() {
          return java.util.Collections.emptyIterator();
        }
      };
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> engine.margin(bare, COLLATERAL, MODEL));
      assertTrue(e.getMessage().contains("pass the market"), e.getMessage());
      MarginResult empty = engine.margin(bare, flat(), Collateral.usd(1_000), MODEL).result();
      assertEquals(0.0, empty.im(), 0.0);
      assertEquals(1_000, empty.equity(), 1e-9);
    }
  }

  @Test
  void carry_basisAndFundingFromTheBooksMarket() {
    Market market = EngineFixtures.market();
    Book book = Book.of(List.of(Position.spot("s", "BTC", 4), Position.perpetual("p", "BTC", -4, 95_000)));
    try (RiskEngine engine = scalar(); ResolvedPositions resolved = engine.resolve(book, market)) {
      Computed<Carry.Report> c = engine.carry(resolved, Collateral.none(), MODEL);
      assertEquals(2, c.result().futures().size(), "the two listed BTC forwards");
      Carry.Basis b = c.result().futures().get(0);
      assertTrue(b.years() >= 30 / 366.0 && b.years() <= 30 / 365.0, "30 days in years: " + b.years());
      assertEquals(95_600, b.forward(), 1e-9);
      assertEquals(Math.pow(95_600 / 95_000.0, 1 / b.years()) - 1, b.annualised(), 1e-12);
      assertEquals(2, c.result().perpetuals().size(), "funding of every underlying (ETH's is the builder's 0)");
      Carry.Funding btc = c.result().perpetuals().stream().filter(f -> f.underlying().equals("BTC")).findFirst().orElseThrow();
      assertEquals(0.0001 * 3 * 365, btc.apr(), 1e-12);
      assertEquals(1, c.result().pairs().size(), "long spot against the short perpetual");
      assertEquals(4, c.result().pairs().get(0).coins(), 1e-9);
      assertTrue(c.run().steps().containsKey("carry"));
    }
  }

  @Test
  void riskRun_withMargin_hasTheMarginAndCarryOfTheRequests() {
    Market market = EngineFixtures.market();
    Book book = Book.of(EngineFixtures.positions(200, 11));
    try (RiskEngine engine = scalar(); ResolvedPositions resolved = engine.resolve(book, market)) {
      RiskRun plain = engine.riskRun(resolved, RiskRun.Request.basic());
      assertNull(plain.margin());
      assertNull(plain.carry());
      assertTrue(!plain.timings().containsKey("margin and carry"));

      RiskRun run = engine.riskRun(resolved, RiskRun.Request.basic().withMargin(COLLATERAL, MODEL));
      assertEquals(engine.margin(resolved, COLLATERAL, MODEL).result(), run.margin());
      assertEquals(engine.carry(resolved, COLLATERAL, MODEL).result(), run.carry());
      assertTrue(run.timings().containsKey("margin and carry"), run.timings().toString());
      assertTrue(run.margin().im() > 0);
    }
  }

  @Test
  void minMargin_throughRiskRunAndMarginHedge_sellsTheDeltaOfADeltaOnlyBook() {
    Market market = flat();
    // Long 3 BTC spot: the min-margin hedge sells about 3 BTC perps, and the risk-matrix margin falls.
    Book book = Book.of(List.of(Position.spot("s", "BTC", 3)));
    Book instruments = Book.of(List.of(Position.perpetual("BTC-PERPETUAL", "BTC", 1, 95_000),
        Position.perpetual("ETH-PERPETUAL", "ETH", 1, 3_000)));
    try (RiskEngine engine = scalar(); ResolvedPositions resolved = engine.resolve(book, market)) {
      HedgeUniverse universe = engine.universe(instruments, market, new double[] {0.5, 0.02}, new double[] {0.1, 1});
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> engine.hedge(resolved, universe, HedgeTarget.MIN_MARGIN, null, null, HedgeOptions.defaults()));
      assertTrue(e.getMessage().contains("marginHedge"), e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> engine.riskRun(resolved, RiskRun.Request.basic().withHedge(universe, HedgeTarget.MIN_MARGIN)));

      Computed<MarginHedger.Result> h = engine.marginHedge(resolved, universe, Collateral.usd(100_000), MODEL);
      assertEquals(HedgeTarget.MIN_MARGIN, h.result().hedge().target());
      double perps = h.result().hedge().tickets().stream().filter(t -> t.id().equals("BTC-PERPETUAL"))
          .mapToDouble(HedgeTicket::quantity).sum();
      assertEquals(-3.0, perps, 0.1 + 1e-9, "within one lot of the delta");
      assertTrue(h.result().after().riskMatrix() < h.result().before().riskMatrix());
      assertEquals(0.16 * 3 * 95_000, h.result().before().riskMatrix(), 1e-6);

      RiskRun run = engine.riskRun(resolved, RiskRun.Request.basic().withHedge(universe, HedgeTarget.MIN_MARGIN)
          .withMargin(Collateral.usd(100_000), MODEL));
      assertEquals(h.result().hedge().tickets(), run.hedge().tickets());
      assertEquals(HedgeTarget.MIN_MARGIN, run.hedgeTarget());
      assertNotNull(run.timings().get("hedge (min-margin)"));
    }
  }

  @Test
  void marginWhatIf_aDeltaRemovingTradeNeverRaisesTheRiskMatrix() {
    Market market = flat();
    Book book = Book.of(List.of(Position.spot("s", "BTC", 2), Position.perpetual("p", "ETH", 30, 3_000)));
    Book instruments = Book.of(List.of(Position.perpetual("BTC-PERPETUAL", "BTC", 1, 95_000)));
    try (RiskEngine engine = scalar(); ResolvedPositions resolved = engine.resolve(book, market)) {
      HedgeUniverse universe = engine.universe(instruments, market, new double[] {0}, new double[] {0.1});
      double previous = Double.POSITIVE_INFINITY;
      for (double q : new double[] {0, -0.5, -1, -1.5, -2}) {
        MarginChange m = engine.marginWhatIf(resolved, universe, List.of(new ProposedTrade("BTC-PERPETUAL", q)),
            Collateral.usd(50_000), MODEL).result();
        // Independent: BTC's risk matrix of a linear book is 16% of |net BTC dollar delta|.
        assertEquals(0.16 * Math.abs(2 + q) * 95_000, m.after().underlying("BTC").riskMatrix(), 1e-6);
        assertEquals(0.16 * 2 * 95_000, m.before().underlying("BTC").riskMatrix(), 1e-6);
        assertTrue(m.after().riskMatrix() <= previous + 1e-9);
        previous = m.after().riskMatrix();
      }
    }
  }

  @Test
  void margin_leavesNoMemoryBehind() {
    try (RiskEngine engine = scalar()) {
      try (ResolvedPositions resolved = engine.resolve(Book.of(EngineFixtures.positions(50, 3)), EngineFixtures.market())) {
        engine.margin(resolved, COLLATERAL, MODEL);
        engine.carry(resolved, COLLATERAL, MODEL);
      }
      assertEquals(0, engine.allocatedBytes());
    }
  }
}

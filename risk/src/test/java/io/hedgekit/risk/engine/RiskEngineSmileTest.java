package io.hedgekit.risk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.VolDynamics;
import io.hedgekit.kernels.market.SviSlice;
import io.hedgekit.kernels.market.VolSmile;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.stress.StressOptions;
import io.hedgekit.risk.stress.StressTest;
import io.hedgekit.risk.var.VarEngine;
import io.hedgekit.risk.var.VarMethod;
import io.hedgekit.risk.var.VarResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SVI smile through the engine API: the in-memory market, vol dynamics on requests, delta_smile. */
class RiskEngineSmileTest {
  private static final Instant NOW = EngineFixtures.NOW;
  private static final Instant E30 = NOW.plus(Duration.ofDays(30));
  private static final Instant E120 = NOW.plus(Duration.ofDays(120));

  /** Two arbitrage-free slices (w at 120 days above w at 30 days at every k). */
  private static Map<Instant, SviSlice> slices() {
    Map<Instant, SviSlice> s = new LinkedHashMap<>();
    s.put(E120, new SviSlice(0.04, 0.10, -0.30, 0.02, 0.20));
    s.put(E30, new SviSlice(0.01, 0.08, -0.35, 0.02, 0.12));
    return s;
  }

  /** BTC with the smile at {@code spot} (flat carry, so F moves with S), ETH with a flat vol. */
  private static Market market(double spot) {
    return Market.builder(NOW)
        .underlying("BTC", u -> u.spot(spot).rate(0.04).carry(0.01).flatVol(0.55).smile(slices()))
        .underlying("ETH", u -> u.spot(3_000).rate(0.04).carry(0.01).flatVol(0.70))
        .build();
  }

  private static RiskEngine scalar() {
    return RiskEngine.builder().backend("scalar").build();
  }

  @Test
  void builderSmile_isTheMarketsVolAndPassesTheNoArbitrageChecks() {
    Market m = market(95_000);
    VolSmile smile = m.underlying("BTC").smile();
    assertEquals(2, smile.slices().size());
    assertEquals(E30, smile.slices().get(0).expiry(), "slices sorted by expiry");
    assertEquals(30.0 / 365.0, smile.slices().get(0).timeYears(), 1e-15);
    assertTrue(smile.check().isEmpty(), smile.check().toString());
    double t = 30.0 / 365.0;
    double k = Math.log(100_000 / m.underlying("BTC").forward(t));
    SviSlice s = slices().get(E30);
    assertEquals(Math.sqrt(s.w(k) / t), m.underlying("BTC").volFor(t, 100_000), 1e-15,
        "the smile comes before the flat vol");
  }

  @Test
  void withSpot_keepsTheSmileInStrike() {
    Market m = market(95_000);
    Market moved = m.withSpot("BTC", 99_000);
    for (double t : new double[] {10 / 365.0, 30 / 365.0, 75 / 365.0, 200 / 365.0}) {
      for (double strike : new double[] {60_000, 95_000, 140_000}) {
        assertEquals(m.underlying("BTC").volFor(t, strike), moved.underlying("BTC").volFor(t, strike), 1e-13,
            "T " + t + " K " + strike);
      }
    }
  }

  @Test
  void var_stickyMoneyness_throughTheEngine_equalsTheDirectVarEngineCall() {
    Book book = Book.of(EngineFixtures.positions(300, 11));
    ScenarioSet set = EngineFixtures.scenarios(400, 11);
    try (RiskEngine engine = scalar(); ResolvedPositions r = engine.resolve(book, market(95_000))) {
      VarRequest request = VarRequest.fullRevaluation(0.99, 0.975).withContributions(5)
          .withVolDynamics(VolDynamicsSpec.stickyMoneyness());
      VarResult viaEngine = engine.var(r, set, request).result();
      // built by hand, as cli/VolDynamicsOptions did: one smile (or null) per book underlying
      List<VolSmile> smiles = new ArrayList<>();
      for (String name : r.underlyings()) {
        smiles.add(name.equals("BTC") ? market(95_000).underlying("BTC").smile() : null);
      }
      VolDynamics dynamics = VolDynamics.of(VolDynamics.Mode.STICKY_MONEYNESS, VolDynamics.ShiftTerm.PARALLEL, smiles);
      VarResult direct = VarEngine.run(r, set, engine.computeBackend(), request.toOptions(Progress.NONE), dynamics);
      assertEquals(direct.toJson(), viaEngine.toJson());

      VarResult stickyStrike = engine.var(r, set, request.withVolDynamics(VolDynamicsSpec.STICKY_STRIKE)).result();
      assertNotEquals(stickyStrike.figure(VarMethod.FULL, 0.99).es(), viaEngine.figure(VarMethod.FULL, 0.99).es(),
          "sticky moneyness moves the BTC option vols");

      RiskRun run = engine.riskRun(r, RiskRun.Request.basic().withScenarios(set, null)
          .withVolDynamics(VolDynamicsSpec.stickyMoneyness()));
      assertEquals(direct.figure(VarMethod.FULL, 0.99).es(), run.var().figure(VarMethod.FULL, 0.99).es(), 0.0);
    }
  }

  @Test
  void whatIf_stickyMoneyness_equalsVarOfTheBookWithAndWithoutTheTrades() {
    List<Position> positions = EngineFixtures.positions(300, 13);
    ScenarioSet set = EngineFixtures.scenarios(400, 13);
    Position put = Position.option("BTC-P80", "BTC", Position.PUT, 80_000, E30, 1);
    Position call = Position.option("BTC-C110", "BTC", Position.CALL, 110_000, E120, 1);
    try (RiskEngine engine = scalar(); ResolvedPositions r = engine.resolve(Book.of(positions), market(95_000))) {
      io.hedgekit.risk.hedge.HedgeUniverse universe = engine.universe(Book.of("universe", List.of(put, call)),
          market(95_000), new double[] {5, 5}, new double[] {0.1, 0.1});
      List<io.hedgekit.risk.hedge.ProposedTrade> trades = List.of(new io.hedgekit.risk.hedge.ProposedTrade("BTC-P80", 25),
          new io.hedgekit.risk.hedge.ProposedTrade("BTC-C110", -12));
      io.hedgekit.risk.hedge.HedgeOptions options = io.hedgekit.risk.hedge.HedgeOptions.defaults().withConfidence(0.99);
      io.hedgekit.risk.hedge.BeforeAfter moneyness = engine.whatIf(r, universe, trades, set, null, options,
          VolDynamicsSpec.stickyMoneyness()).result().comparison();
      io.hedgekit.risk.hedge.BeforeAfter strike = engine.whatIf(r, universe, trades, set, null, options).result()
          .comparison();
      assertNotEquals(strike.tailAfter().es(), moneyness.tailAfter().es(), "sticky moneyness moves the BTC option vols");
      assertEquals(strike.before(), moneyness.before(), "Greeks do not depend on the vol dynamics");

      // the var path on the same books under the same dynamics
      VarRequest request = VarRequest.fullRevaluation(0.99).withVolDynamics(VolDynamicsSpec.stickyMoneyness());
      VarResult before = engine.var(r, set, request).result();
      List<Position> withTrades = new ArrayList<>(positions);
      withTrades.add(put.withQuantity(25));
      withTrades.add(call.withQuantity(-12));
      VarResult after = engine.var(Book.of(withTrades), market(95_000), set, request).result();
      assertEquals(before.figure(VarMethod.FULL, 0.99).var(), moneyness.tailBefore().var(),
          1e-9 * Math.abs(moneyness.tailBefore().var()));
      assertEquals(before.figure(VarMethod.FULL, 0.99).es(), moneyness.tailBefore().es(),
          1e-9 * Math.abs(moneyness.tailBefore().es()));
      assertEquals(after.figure(VarMethod.FULL, 0.99).var(), moneyness.tailAfter().var(),
          1e-9 * Math.abs(moneyness.tailAfter().var()));
      assertEquals(after.figure(VarMethod.FULL, 0.99).es(), moneyness.tailAfter().es(),
          1e-9 * Math.abs(moneyness.tailAfter().es()));
    }
  }

  @Test
  void stress_sqrtTerm_throughTheEngine_equalsTheDirectStressTestCall() {
    Book book = Book.of(EngineFixtures.positions(200, 12));
    try (RiskEngine engine = scalar(); ResolvedPositions r = engine.resolve(book, market(95_000))) {
      VolDynamicsSpec spec = VolDynamicsSpec.stickyMoneyness().withShiftTerm(VolDynamics.ShiftTerm.SQRT);
      String viaEngine = engine.stress(r, StressOptions.defaults(), spec).result().toJson();
      String direct = StressTest.run(r, engine.computeBackend(), StressOptions.defaults(), spec.forBook(r)).toJson();
      assertEquals(direct, viaEngine);
      assertNotEquals(engine.stress(r, StressOptions.defaults()).result().toJson(), viaEngine);
    }
  }

  @Test
  void parse_acceptsTheCommandLineSpellingsAndNamesABadValue() {
    assertEquals(VolDynamicsSpec.STICKY_STRIKE, VolDynamicsSpec.parse("sticky-strike", "parallel"));
    assertEquals(new VolDynamicsSpec(VolDynamics.Mode.STICKY_MONEYNESS, VolDynamics.ShiftTerm.SQRT),
        VolDynamicsSpec.parse("Sticky-Moneyness", "SQRT"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VolDynamicsSpec.parse("sticky-delta", "parallel"));
    assertTrue(e.getMessage().contains("sticky-delta"), e.getMessage());
  }

  /**
   * delta_smile against a finite difference of the engine's values: markets built at S ± h with
   * the same smile (so the smile moves with the forward), and plain delta against Market.withSpot
   * (sticky strike).
   */
  @Test
  void deltaSmile_matchesAStickyMoneynessFiniteDifference() {
    Book one = Book.of(List.of(Position.option("p", "BTC", Position.PUT, 85_000, E30.plus(Duration.ofDays(10)), 3.0)));
    double s = 95_000;
    double h = 1.0;
    try (RiskEngine engine = scalar()) {
      GreeksResult g = engine.greeks(one, market(s));
      int u = g.portfolio().underlyings().indexOf("BTC");
      double delta = g.portfolio().get(u, "delta");
      double deltaSmile = g.portfolio().get(u, "delta_smile");
      double up = engine.greeks(one, market(s + h)).portfolio().get(u, "value");
      double down = engine.greeks(one, market(s - h)).portfolio().get(u, "value");
      assertEquals((up - down) / (2 * h), deltaSmile, 1e-6);
      double upStrike = engine.greeks(one, market(s).withSpot("BTC", s + h)).portfolio().get(u, "value");
      double downStrike = engine.greeks(one, market(s).withSpot("BTC", s - h)).portfolio().get(u, "value");
      assertEquals((upStrike - downStrike) / (2 * h), delta, 1e-6);
      assertTrue(Math.abs(deltaSmile - delta) > 1e-3, "the skew changes the put's delta: " + delta + " vs " + deltaSmile);
    }
  }
}

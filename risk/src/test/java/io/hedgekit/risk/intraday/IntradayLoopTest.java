package io.hedgekit.risk.intraday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.kernels.reference.ScalarBackendProvider;
import io.hedgekit.risk.engine.Book;
import io.hedgekit.risk.engine.EngineFixtures;
import io.hedgekit.risk.engine.GreeksResult;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.Position;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.engine.VarRequest;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeUniverse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntradayLoopTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  private RiskEngine engine;
  private final List<IntradayEvent> events = new ArrayList<>();

  @BeforeEach
  void open() {
    engine = RiskEngine.builder().backend("scalar").providers(List.of(new ScalarBackendProvider())).build();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  static Market market() {
    return Market.builder(T0)
        .underlying("BTC", u -> u.spot(95_000).rate(0.04).flatVol(0.55).fundingRate8h(0.0001)
            .forward(T0.plus(Duration.ofDays(30)), 95_600).forward(T0.plus(Duration.ofDays(120)), 97_400))
        .underlying("ETH", u -> u.spot(3_000).rate(0.04).carry(0.01).flatVol(0.70))
        .build();
  }

  /** Long BTC and ETH calls: delta about +520 BTC and +2,100 ETH. */
  static Book book() {
    Instant exp = T0.plus(Duration.ofDays(30));
    return Book.of("book", List.of(
        Position.option("c1", "BTC", Position.CALL, 95_000, exp, 600),
        Position.option("c2", "BTC", Position.CALL, 95_000, exp, 400),
        Position.inverseOption("c3", "BTC", Position.PUT, 90_000, T0.plus(Duration.ofDays(60)), -50),
        Position.option("e1", "ETH", Position.CALL, 3_000, exp, 4_000),
        Position.perpetual("f1", "BTC", -10, 94_000),
        Position.future("f2", "ETH", T0.plus(Duration.ofDays(120)), 5, Double.NaN)));
  }

  HedgeUniverse universe(Market m) {
    Book u = Book.of("universe", List.of(
        Position.perpetual("BTC-PERP", "BTC", 1, Double.NaN),
        Position.perpetual("ETH-PERP", "ETH", 1, Double.NaN),
        Position.option("BTC-C", "BTC", Position.CALL, 100_000, T0.plus(Duration.ofDays(30)), 1),
        Position.option("BTC-P", "BTC", Position.PUT, 90_000, T0.plus(Duration.ofDays(60)), 1)));
    return engine.universe(u, m, new double[] {5, 0.5, 40, 40}, new double[] {0.001, 0.01, 0.1, 0.1});
  }

  static Mandates.Limit btcDelta(double max, double band) {
    return new Mandates.Limit("BTC", Mandates.Measure.DELTA, "coin", max, band, HedgeTarget.DELTA, Double.NaN);
  }

  static Mandates mandates(double cooldown, Mandates.Limit... limits) {
    return new Mandates(60, 0.25, cooldown, null, List.of(limits), List.of());
  }

  IntradayLoop loop(Mandates m, HedgeUniverse u, ScenarioSet s, IntradayLoop.Options o) {
    return new IntradayLoop(engine, book(), market(), m, u, s, o, events::add);
  }

  static MarketUpdate spot(long line, long seconds, String u, double s) {
    return MarketUpdate.spot(line, T0.plusSeconds(seconds), u, s, "index");
  }

  List<IntradayEvent> ofType(String type) {
    return events.stream().filter(e -> e.type().equals(type)).toList();
  }

  @Test
  void onUpdate_spotMove_repricesLikeResolvingTheMovedMarket() {
    IntradayLoop loop = loop(mandates(300), null, null, IntradayLoop.Options.defaults());
    loop.onUpdate(spot(1, 0, "BTC", 97_300));
    GreeksResult expected = engine.greeks(book(), market().withSpot("BTC", 97_300));
    GreeksResult got = loop.lastGreeks();
    for (String u : List.of("BTC", "ETH")) {
      for (String c : List.of("delta", "gamma", "vega", "theta")) {
        assertEquals(expected.sum(u, c), got.sum(u, c), 1e-9 * Math.abs(expected.sum(u, c)) + 1e-9, u + " " + c);
      }
    }
    IntradayEvent g = ofType("greeks").get(0);
    assertEquals("BTC", g.underlying());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> by = (Map<String, Map<String, Object>>) g.get("by_underlying");
    assertEquals(expected.sum("BTC", "delta"), (double) by.get("BTC").get("delta_coin"), 1e-9 * 600);
    assertEquals(expected.desk("BTC").vegaPerVolPoint(), (double) by.get("BTC").get("vega_usd_per_vol_point"), 1e-6);
    assertEquals(6, ((Number) g.get("positions")).longValue());
    assertEquals(5, ((Number) g.get("instruments")).longValue(), "c1 and c2 net into one instrument");
  }

  @Test
  void onUpdate_volShiftAndTimePassing_matchTheEngineOnThatMarket() {
    IntradayLoop loop = loop(mandates(300), null, null, IntradayLoop.Options.defaults());
    loop.onUpdate(spot(1, 0, "BTC", 95_000));
    loop.onUpdate(MarketUpdate.parse("{\"time\":\"2026-11-24T08:00:30Z\",\"underlying\":\"ETH\",\"vol_shift\":0.05,"
        + "\"spot\":3050}", 2));
    Market expectedMarket = Market.builder(T0.plusSeconds(30))
        .underlying("BTC", u -> u.spot(95_000).rate(0.04).flatVol(0.55).fundingRate8h(0.0001)
            .forward(T0.plus(Duration.ofDays(30)), 95_600).forward(T0.plus(Duration.ofDays(120)), 97_400))
        .underlying("ETH", u -> u.spot(3_050).rate(0.04).carry(0.01).flatVol(0.70))
        .build().withVolShift("ETH", 0.05);
    GreeksResult expected = engine.greeks(book(), expectedMarket);
    GreeksResult got = loop.lastGreeks();
    // ETH has a flat carry, so 30 s later the snapshot's carry is the same; vega/gamma/theta match closely
    for (String c : List.of("delta", "gamma", "vega", "theta")) {
      assertEquals(expected.sum("ETH", c), got.sum("ETH", c), 1e-7 * Math.abs(expected.sum("ETH", c)) + 1e-9, c);
    }
  }

  @Test
  void onUpdate_forwardsReplacement_matchesTheEngineOnAMarketWithThatCurve() {
    IntradayLoop loop = loop(mandates(300), null, null, IntradayLoop.Options.defaults());
    loop.onUpdate(MarketUpdate.parse("{\"time\":\"2026-11-24T08:00:00Z\",\"underlying\":\"BTC\",\"spot\":96000,"
        + "\"forwards\":[{\"expiry\":\"2026-12-24T08:00:00Z\",\"price\":97500},"
        + "{\"expiry\":\"2027-03-24T08:00:00Z\",\"price\":99900}]}", 1));
    assertEquals(0, ofType("rejected").size(), events.toString());
    Market expected = Market.builder(T0)
        .underlying("BTC", u -> u.spot(96_000).rate(0.04).flatVol(0.55).fundingRate8h(0.0001)
            .forward(T0.plus(Duration.ofDays(30)), 97_500).forward(T0.plus(Duration.ofDays(120)), 99_900))
        .underlying("ETH", u -> u.spot(3_000).rate(0.04).carry(0.01).flatVol(0.70))
        .build();
    GreeksResult want = engine.greeks(book(), expected);
    GreeksResult got = loop.lastGreeks();
    for (String c : List.of("delta", "gamma", "vega", "theta", "rho")) {
      assertEquals(want.sum("BTC", c), got.sum("BTC", c), 1e-9 * Math.abs(want.sum("BTC", c)) + 1e-9, c);
    }
    // and the old curve would not have matched: the forward moved 1.5% more than spot
    GreeksResult old = engine.greeks(book(), market().withSpot("BTC", 96_000));
    assertTrue(Math.abs(old.sum("BTC", "delta") - got.sum("BTC", "delta")) > 1e-3);
  }

  @Test
  void onUpdate_smileReplacement_repricesMarketVolOptions_andLaterTradesUseIt() {
    IntradayLoop loop = loop(mandates(300), null, null, IntradayLoop.Options.defaults());
    loop.onUpdate(MarketUpdate.parse("{\"time\":\"2026-11-24T08:00:00Z\",\"underlying\":\"BTC\",\"smile\":"
        + "{\"expiries\":[\"2026-12-24T08:00:00Z\",\"2027-01-23T08:00:00Z\"],\"strikes\":[85000,95000,105000],"
        + "\"vols\":[[0.70,0.60,0.58],[0.66,0.58,0.57]]}}", 1));
    assertEquals(0, ofType("rejected").size(), events.toString());
    Position trade = Position.option("t1", "BTC", Position.CALL, 100_000, T0.plus(Duration.ofDays(45)), 30);
    loop.onUpdate(MarketUpdate.trade(2, T0, trade));
    io.hedgekit.kernels.market.VolSurface surface = new io.hedgekit.kernels.market.VolSurface(
        new double[] {30 / 365.0, 60 / 365.0}, new double[] {85_000, 95_000, 105_000},
        new double[][] {{0.70, 0.60, 0.58}, {0.66, 0.58, 0.57}});
    Market expected = Market.builder(T0)
        .underlying("BTC", u -> u.spot(95_000).rate(0.04).flatVol(0.55).surface(surface).fundingRate8h(0.0001)
            .forward(T0.plus(Duration.ofDays(30)), 95_600).forward(T0.plus(Duration.ofDays(120)), 97_400))
        .underlying("ETH", u -> u.spot(3_000).rate(0.04).carry(0.01).flatVol(0.70))
        .build();
    List<Position> all = new ArrayList<>(book().positions());
    all.add(trade);
    GreeksResult want = engine.greeks(Book.of(all), expected);
    GreeksResult got = loop.lastGreeks();
    for (String c : List.of("delta", "gamma", "vega", "theta")) {
      assertEquals(want.sum("BTC", c), got.sum("BTC", c), 1e-9 * Math.abs(want.sum("BTC", c)) + 1e-9, c);
    }
  }

  static final String SVI_UPDATE = "{\"time\":\"2026-11-24T08:00:00Z\",\"underlying\":\"BTC\",\"smile\":"
      + "{\"model\":\"svi\",\"slices\":[{\"expiry\":\"2026-12-24T08:00:00Z\",\"a\":0.01,\"b\":0.06,"
      + "\"rho\":-0.3,\"m\":0.02,\"sigma\":0.15},{\"expiry\":\"2027-01-23T08:00:00Z\",\"a\":0.025,"
      + "\"b\":0.08,\"rho\":-0.25,\"m\":0.03,\"sigma\":0.2}]}}";

  /** The slices of {@link #SVI_UPDATE}, in a market at T0. */
  static Market sviMarket(double spot) {
    java.util.Map<Instant, io.hedgekit.kernels.market.SviSlice> slices = new java.util.LinkedHashMap<>();
    slices.put(Instant.parse("2026-12-24T08:00:00Z"), new io.hedgekit.kernels.market.SviSlice(0.01, 0.06, -0.3, 0.02, 0.15));
    slices.put(Instant.parse("2027-01-23T08:00:00Z"), new io.hedgekit.kernels.market.SviSlice(0.025, 0.08, -0.25, 0.03, 0.2));
    return Market.builder(T0)
        .underlying("BTC", u -> u.spot(spot).rate(0.04).flatVol(0.55).smile(slices).fundingRate8h(0.0001)
            .forward(T0.plus(Duration.ofDays(30)), 95_600 * spot / 95_000)
            .forward(T0.plus(Duration.ofDays(120)), 97_400 * spot / 95_000))
        .underlying("ETH", u -> u.spot(3_000).rate(0.04).carry(0.01).flatVol(0.70))
        .build();
  }

  @Test
  void onUpdate_sviSmileReplacement_repricesMarketVolOptions_andLaterTradesUseIt() {
    IntradayLoop loop = loop(mandates(300), null, null, IntradayLoop.Options.defaults());
    loop.onUpdate(MarketUpdate.parse(SVI_UPDATE, 1));
    assertEquals(0, ofType("rejected").size(), events.toString());
    Position trade = Position.option("t1", "BTC", Position.PUT, 80_000, T0.plus(Duration.ofDays(45)), 30);
    loop.onUpdate(MarketUpdate.trade(2, T0, trade));
    List<Position> all = new ArrayList<>(book().positions());
    all.add(trade);
    // the engine on a market file with the same smile: the book's options and the later trade at the SVI vols
    GreeksResult want = engine.greeks(Book.of(all), sviMarket(95_000));
    GreeksResult got = loop.lastGreeks();
    for (String c : List.of("delta", "gamma", "vega", "theta")) {
      assertEquals(want.sum("BTC", c), got.sum("BTC", c), 1e-9 * Math.abs(want.sum("BTC", c)) + 1e-9, c);
    }
    // and the flat 55% of the snapshot would not have matched
    GreeksResult flat = engine.greeks(Book.of(all), market());
    assertTrue(Math.abs(flat.sum("BTC", "vega") - got.sum("BTC", "vega")) > 1.0);
  }

  @Test
  void onUpdate_sviSmileAfterASpotMove_readsTheSmileAtTheNewForwards_andVarUsesIt() {
    Mandates.Limit var = new Mandates.Limit(null, Mandates.Measure.VAR, "usd", 1e12, 0.5, HedgeTarget.MIN_VARIANCE,
        0.99);
    ScenarioSet sc = scenarios(300, 11);
    IntradayLoop loop = loop(mandates(300, var), null, sc, new IntradayLoop.Options(1, null, false));
    loop.onUpdate(MarketUpdate.spot(1, T0, "BTC", 98_000, "index"));
    loop.onUpdate(MarketUpdate.parse(SVI_UPDATE, 2));
    assertEquals(0, ofType("rejected").size(), events.toString());
    Market expected = sviMarket(98_000);
    GreeksResult want = engine.greeks(book(), expected);
    for (String c : List.of("delta", "gamma", "vega")) {
      assertEquals(want.sum("BTC", c), loop.lastGreeks().sum("BTC", c), 1e-9 * Math.abs(want.sum("BTC", c)) + 1e-9, c);
    }
    double wantVar = engine.var(book(), expected, sc, VarRequest.fullRevaluation(0.99).withNetting(false)).result()
        .figure(io.hedgekit.risk.var.VarMethod.FULL, 0.99).var();
    IntradayEvent v = ofType("var").get(ofType("var").size() - 1);
    @SuppressWarnings("unchecked")
    double gotVar = ((Number) ((java.util.Map<String, Object>) ((List<Object>) v.get("results")).get(0)).get("var_usd"))
        .doubleValue();
    assertEquals(wantVar, gotVar, 1e-9 * wantVar);
  }

  @Test
  void onUpdate_arbitrageableSviSmile_isRejectedUnlessAllowed() {
    // b·(1 + |ρ|) = 2.4 > 2: Lee's wing bound
    String bad = SVI_UPDATE.replace("\"b\":0.06", "\"b\":1.6").replace("\"rho\":-0.3", "\"rho\":0.5");
    IntradayLoop loop = loop(mandates(300), null, null, IntradayLoop.Options.defaults());
    loop.onUpdate(MarketUpdate.parse(bad, 5));
    String reason = (String) ofType("rejected").get(0).get("reason");
    assertTrue(reason.startsWith("line 5: smile.slices[0]: parameters arbitrage at expiry 2026-12-24T08:00:00Z"), reason);
    assertTrue(reason.contains("--allow-arbitrage"), reason);
    assertEquals(0, ofType("greeks").size());

    events.clear();
    IntradayLoop allowed = loop(mandates(300), null, null, IntradayLoop.Options.defaults());
    allowed.onUpdate(MarketUpdate.parse(bad, 5, true));
    assertEquals(0, ofType("rejected").size(), events.toString());
    String note = (String) ofType("greeks").get(0).get("note");
    assertTrue(note.contains("warning: update smile.slices[0]: parameters arbitrage"), note);
  }

  @Test
  void parse_sviSmileWithABadSlice_namesThePath() {
    MarketUpdate u = MarketUpdate.parse(SVI_UPDATE.replace("\"sigma\":0.2", "\"sigma\":-0.2"), 7);
    assertEquals("line 7: smile.slices[1].sigma: must be > 0, was -0.2", u.problem());
    MarketUpdate late = MarketUpdate.parse(SVI_UPDATE.replace("2026-12-24T08:00:00Z", "2026-11-01T08:00:00Z"), 8);
    assertTrue(late.problem().startsWith("line 8: smile.slices[0].expiry: must be after valuation_time"), late.problem());
  }

  @Test
  void onUpdate_badSmile_isRejected() {
    IntradayLoop loop = loop(mandates(300), null, null, IntradayLoop.Options.defaults());
    loop.onUpdate(MarketUpdate.parse("{\"time\":\"2026-11-24T08:00:00Z\",\"underlying\":\"BTC\",\"smile\":"
        + "{\"expiries\":[\"2026-12-24\"],\"strikes\":[85000,95000],\"vols\":[[0.7,-0.1]]}}", 3));
    String reason = (String) ofType("rejected").get(0).get("reason");
    assertTrue(reason.startsWith("line 3: smile: vol_surface vols[0][1] must be > 0 and <= 10"), reason);
  }

  @Test
  void onUpdate_badForwards_isRejectedNamingTheEntry() {
    IntradayLoop loop = loop(mandates(300), null, null, IntradayLoop.Options.defaults());
    loop.onUpdate(MarketUpdate.parse("{\"time\":\"2026-11-24T08:00:00Z\",\"underlying\":\"BTC\","
        + "\"forwards\":[{\"expiry\":\"2026-12-24T08:00:00Z\",\"price\":-1}]}", 4));
    IntradayEvent r = ofType("rejected").get(0);
    assertEquals("line 4: forwards: [0].price must be a finite number > 0, was -1", r.get("reason"));
    assertEquals(0, ofType("greeks").size());
  }

  @Test
  void breach_proposesADeltaRehedgeWithBeforeAndAfter() {
    IntradayLoop loop = loop(mandates(300, btcDelta(300, 30)), universe(market()), null,
        IntradayLoop.Options.defaults());
    loop.onUpdate(spot(1, 0, "BTC", 95_500));
    double delta = loop.lastGreeks().sum("BTC", "delta");
    assertTrue(delta > 300, "the book is long " + delta + " BTC");
    IntradayEvent breach = ofType("breach").get(0);
    assertEquals("BTC delta coin", breach.get("limit"));
    assertEquals("breached", breach.get("state"));
    assertEquals(delta, breach.number("value"), 1e-9);
    IntradayEvent r = ofType("rehedge").get(0);
    assertEquals("proposed", r.get("status"));
    assertEquals("delta", r.get("target"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tickets = (List<Map<String, Object>>) r.get("tickets");
    assertEquals(1, tickets.size());
    assertEquals("BTC-PERP", tickets.get(0).get("id"));
    // a linear perpetual has delta 1 per contract: sell the delta, rounded to the 0.001 lot
    assertEquals(-delta, (double) tickets.get(0).get("quantity"), 0.0005 + 1e-9);
    assertEquals(5 * Math.abs((double) tickets.get(0).get("quantity")), r.number("cost_usd"), 1e-9);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> limits = (List<Map<String, Object>>) r.get("limits");
    assertEquals(delta, (double) limits.get(0).get("before"), 1e-9);
    assertTrue(Math.abs((double) limits.get(0).get("after")) <= 0.0005 + 1e-9);
    assertEquals(true, r.get("within_band"));
    assertEquals(false, r.get("applied"));
    assertTrue(ofType("rehedge").stream().noneMatch(e -> "ETH".equals(e.underlying())), "ETH has no limit");
  }

  @Test
  void cooldown_holdsTheNextProposalUntilItPasses() {
    IntradayLoop loop = loop(mandates(300, btcDelta(300, 30)), universe(market()), null,
        IntradayLoop.Options.defaults());
    for (int s = 0; s <= 330; s += 30) {
      loop.onUpdate(spot(s, s, "BTC", 95_000 + s));
      loop.onUpdate(spot(s, s, "ETH", 3_000));
    }
    List<IntradayEvent> r = ofType("rehedge");
    assertEquals(2, r.size(), "at 0 s and at 300 s, not in between");
    assertEquals(T0, r.get(0).time());
    assertEquals(T0.plusSeconds(300), r.get(1).time());
    assertEquals(1, ofType("breach").size(), "one breach while it lasts (hysteresis)");
  }

  @Test
  void applyHedges_continuesFromTheHedgedBook_andTheBreachClears() {
    IntradayLoop loop = loop(mandates(300, btcDelta(300, 30)), universe(market()), null,
        new IntradayLoop.Options(100, null, true));
    loop.onUpdate(spot(1, 0, "BTC", 95_000));
    assertEquals(true, ofType("rehedge").get(0).get("applied"));
    loop.onUpdate(spot(2, 1, "BTC", 95_100));
    double after = loop.lastGreeks().sum("BTC", "delta");
    // gamma times the 100 USD move, plus the rounding of the hedge
    assertTrue(Math.abs(after) < 5, "hedged delta " + after);
    IntradayEvent cleared = ofType("breach").get(1);
    assertEquals("cleared", cleared.get("state"));
    assertEquals(1, ofType("rehedge").size());
    assertEquals(7, ((Number) ofType("greeks").get(1).get("positions")).longValue(), "the hedge is in the book");
  }

  @Test
  void noRehedge_onStaleData() {
    Mandates.Limit eth = new Mandates.Limit("ETH", Mandates.Measure.DELTA, "coin", 2_500, 100, HedgeTarget.DELTA,
        Double.NaN);
    IntradayLoop loop = loop(mandates(300, eth), universe(market()), null, IntradayLoop.Options.defaults());
    loop.onUpdate(spot(1, 0, "ETH", 3_000));
    loop.onUpdate(spot(2, 70, "BTC", 95_000));
    IntradayEvent stale = ofType("stale").get(0);
    assertEquals("ETH", stale.underlying());
    assertTrue(((String) stale.get("reason")).startsWith("no update for 70 s"), (String) stale.get("reason"));
    // a trade pushes ETH delta over its limit while ETH's data is stale
    loop.onUpdate(MarketUpdate.trade(3, T0.plusSeconds(71), Position.option("t1", "ETH", Position.CALL, 3_000,
        T0.plus(Duration.ofDays(30)), 2_000)));
    assertEquals("trade", ofType("trade").get(0).type());
    IntradayEvent breach = ofType("breach").get(0);
    assertEquals(true, breach.get("stale"));
    assertTrue(((String) breach.get("rehedge_withheld")).contains("ETH"));
    assertEquals(0, ofType("rehedge").size());
    @SuppressWarnings("unchecked")
    List<String> staleList = (List<String>) ofType("greeks").get(2).get("stale");
    assertEquals(List.of("ETH"), staleList);
    // fresh ETH data: the proposal follows
    loop.onUpdate(spot(4, 72, "ETH", 3_001));
    assertEquals(1, ofType("rehedge").size());
    assertEquals("ETH", ofType("rehedge").get(0).underlying());
  }

  @Test
  void noRehedge_whileAJumpIsQuarantined_andRejectedUpdatesAreNotPriced() {
    IntradayLoop loop = loop(mandates(300, btcDelta(300, 30)), universe(market()), null,
        IntradayLoop.Options.defaults());
    loop.onUpdate(spot(1, 0, "BTC", 150_000));
    assertEquals(0, ofType("greeks").size(), "nothing priced through a jump");
    IntradayEvent rej = ofType("rejected").get(0);
    assertEquals("BTC", rej.underlying());
    assertEquals(true, rej.get("quarantined"));
    assertEquals(1L, rej.get("line"));
    loop.onUpdate(MarketUpdate.trade(2, T0.plusSeconds(1), Position.perpetual("t1", "ETH", 1, Double.NaN)));
    assertEquals("breached", ofType("breach").get(0).get("state"));
    assertEquals(0, ofType("rehedge").size());
    loop.onUpdate(spot(3, 2, "BTC", 95_100));
    assertEquals(1, ofType("rehedge").size(), "back to good data");
  }

  @Test
  void var_everyNUpdates_andAtTheEnd() {
    Mandates.Limit var = new Mandates.Limit(null, Mandates.Measure.VAR, "usd", 1, 0.5, HedgeTarget.MIN_VARIANCE,
        0.99);
    IntradayLoop loop = loop(mandates(300, var), universe(market()), scenarios(500, 7),
        new IntradayLoop.Options(3, null, false));
    for (int i = 0; i < 8; i++) {
      loop.onUpdate(spot(i, i, "BTC", 95_000 + 10 * i));
    }
    loop.finish();
    List<IntradayEvent> v = ofType("var");
    assertEquals(4, v.size(), "first update, after 3 and 6 more, and at the end");
    assertEquals(500, ((Number) v.get(0).get("scenarios")).intValue());
    IntradayEvent r = ofType("rehedge").get(0);
    assertEquals(null, r.underlying());
    assertEquals("min-variance", r.get("target"));
    assertTrue(r.number("var_after_usd") < r.number("var_before_usd"), r.toJson());
  }

  @Test
  void volTrigger_realisedVolAboveThreshold_firesAHedge() {
    Mandates m = new Mandates(60, 0.25, 300, null, List.of(),
        List.of(new Mandates.VolTrigger("BTC", 600, 1.0, Double.NaN, HedgeTarget.DELTA)));
    IntradayLoop loop = loop(m, universe(market()), null, IntradayLoop.Options.defaults());
    // +-1% every 10 s: realised vol = 0.01 / sqrt(10 s in years) = 56 (5,600%)
    for (int i = 0; i < 6; i++) {
      loop.onUpdate(spot(i, 10L * i, "BTC", i % 2 == 0 ? 95_000 : 95_950));
    }
    IntradayEvent b = ofType("breach").get(0);
    assertEquals("BTC vol_trigger", b.get("limit"));
    double expected = Math.abs(Math.log(95_950 / 95_000.0)) / Math.sqrt(10 / (365 * 86_400.0));
    assertEquals(expected, b.number("realised_vol"), 1e-9 * expected);
    assertEquals(1, ofType("rehedge").size());
  }

  @Test
  void longRun_100kUpdates_heapStaysFlatAndResultsRepeat() {
    IntradayLoop loop = loop(mandates(300, btcDelta(1e9, 1)), null, scenarios(200, 3),
        new IntradayLoop.Options(5_000, null, false));
    long[] count = new long[1];
    events.clear();
    SplittableRandom rnd = new SplittableRandom(11);
    double[] firstDelta = new double[1];
    long heapAt10k = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      // every update at the same instant, so time does not run down; spot returns to 95,000 every 1,000
      double s = i % 1_000 == 0 ? 95_000 : 95_000 * (1 + 0.01 * (rnd.nextDouble() - 0.5));
      loop.onUpdate(spot(i + 1, 0, i % 2 == 0 ? "BTC" : "ETH", i % 2 == 0 ? s : 3_000));
      if (i % 1_000 == 0) {
        double d = loop.lastGreeks().sum("BTC", "delta");
        if (i == 0) {
          firstDelta[0] = d;
        } else {
          assertEquals(firstDelta[0], d, 0.0, "bit-identical at the same market, update " + i);
        }
      }
      count[0] += events.size();
      events.clear();
      if (i == 10_000) {
        heapAt10k = usedHeap();
      }
    }
    long grown = usedHeap() - heapAt10k;
    assertTrue(grown < 16L << 20, "heap grew by " + (grown >> 20) + " MiB over 90,000 updates");
    assertTrue(count[0] >= n, "at least one event per update, was " + count[0]);
    assertEquals(5, loop.book().instruments());
    assertNotNull(loop.lastVar());
    assertFalse(loop.guard().isStale("BTC"));
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** {@code m} one-day BTC/ETH scenarios with vol shifts (the engine tests' fixture). */
  static ScenarioSet scenarios(int m, long seed) {
    return EngineFixtures.scenarios(m, seed);
  }
}

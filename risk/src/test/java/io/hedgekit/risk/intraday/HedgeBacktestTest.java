package io.hedgekit.risk.intraday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.kernels.reference.ScalarBackendProvider;
import io.hedgekit.risk.engine.Book;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.Position;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeUniverse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HedgeBacktestTest {
  static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  static final double S0 = 100_000;
  static final double VOL = 0.5;
  static final double K = 100_000;
  static final double QTY = 10;
  static final NormalDistribution N = new NormalDistribution();

  private RiskEngine engine;

  @BeforeEach
  void open() {
    engine = RiskEngine.builder().backend("scalar").providers(List.of(new ScalarBackendProvider())).build();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  static Market market() {
    return Market.builder(T0).underlying("BTC", u -> u.spot(S0).rate(0).flatVol(VOL)).build();
  }

  HedgeUniverse perpetualOnly(Market m) {
    return engine.universe(Book.of("universe", List.of(Position.perpetual("BTC-PERP", "BTC", 1, Double.NaN))), m,
        new double[] {0}, new double[] {1e-6});
  }

  static Mandates deltaMandate() {
    return new Mandates(60, 0.25, 0, null, List.of(new Mandates.Limit("BTC", Mandates.Measure.DELTA, "coin", 1e6, 1,
        HedgeTarget.DELTA, Double.NaN)), List.of());
  }

  static PriceHistory history(double[] closes) {
    List<LocalDate> dates = new ArrayList<>();
    for (int t = 0; t < closes.length; t++) {
      dates.add(LocalDate.of(2020, 3, 1).plusDays(t));
    }
    return new PriceHistory("test", dates, List.of("BTC"), new double[][] {closes});
  }

  /** Black-Scholes gamma per coin, r = q = 0. */
  static double gamma(double s, double t) {
    double d1 = (Math.log(s / K) + 0.5 * VOL * VOL * t) / (VOL * Math.sqrt(t));
    return N.density(d1) / (s * VOL * Math.sqrt(t));
  }

  /** Black-Scholes theta per coin per year, r = q = 0. */
  static double theta(double s, double t) {
    double d1 = (Math.log(s / K) + 0.5 * VOL * VOL * t) / (VOL * Math.sqrt(t));
    return -s * N.density(d1) * VOL / (2 * Math.sqrt(t));
  }

  static double call(double s, double t) {
    double d1 = (Math.log(s / K) + 0.5 * VOL * VOL * t) / (VOL * Math.sqrt(t));
    return s * N.cumulativeProbability(d1) - K * N.cumulativeProbability(d1 - VOL * Math.sqrt(t));
  }

  @Test
  void deltaHedgedOption_dailyPnl_isHalfGammaDeltaSSquaredPlusThetaDt() {
    Book book = Book.of(List.of(Position.option("c", "BTC", Position.CALL, K, T0.plus(Duration.ofDays(60)), QTY)));
    SplittableRandom rnd = new SplittableRandom(5);
    int n = 21;
    double[] closes = new double[n];
    closes[0] = 7_000; // the history's level does not matter, only its returns
    for (int t = 1; t < n; t++) {
      closes[t] = closes[t - 1] * (1 + (rnd.nextBoolean() ? 1 : -1) * rnd.nextDouble(0.005, 0.02));
    }
    HedgeBacktest.Result r = HedgeBacktest.run(engine, book, market(), deltaMandate(), perpetualOnly(market()),
        history(closes), new HedgeBacktest.Options(null, null, HedgeBacktest.Rebalance.DAILY, 0, 30));
    assertEquals(n - 1, r.days().size());
    assertEquals(n, r.rehedges(), "set-up plus every day");
    double dt = 1 / 365.0;
    double s = S0;
    for (int t = 1; t < n; t++) {
      double next = S0 * closes[t] / closes[0];
      double tau = (60 - (t - 1)) / 365.0;
      double ds = next - s;
      double gammaTerm = 0.5 * QTY * gamma(s, tau) * ds * ds;
      double thetaTerm = QTY * theta(s, tau) * dt;
      HedgeBacktest.Day d = r.days().get(t - 1);
      double tol = 0.03 * (Math.abs(gammaTerm) + Math.abs(thetaTerm)) + 1;
      assertEquals(gammaTerm + thetaTerm, d.hedgedPnl(), tol, "day " + t + ", dS " + ds);
      // the unhedged option moves by delta x dS on top: far outside that tolerance
      assertTrue(Math.abs(d.unhedgedPnl() - d.hedgedPnl()) > 10 * tol, "day " + t);
      assertEquals(0, d.cost());
      s = next;
    }
  }

  @Test
  void expiringOption_settlesAtIntrinsic_andLeavesTheBook() {
    Book book = Book.of(List.of(Position.option("c", "BTC", Position.CALL, K, T0.plus(Duration.ofDays(5)), QTY)));
    double[] closes = {100, 101, 103, 104, 106, 108, 90, 80};
    HedgeBacktest.Result r = HedgeBacktest.run(engine, book, market(), deltaMandate(), perpetualOnly(market()),
        history(closes), new HedgeBacktest.Options(null, null, HedgeBacktest.Rebalance.THRESHOLD, 0, 30));
    double settle = S0 * closes[5] / closes[0];
    double expected = QTY * (Math.max(settle - K, 0) - call(S0, 5 / 365.0));
    assertEquals(expected, r.unhedgedTotal(), 1e-6 * QTY * S0);
    assertEquals(1, r.days().get(4).settled());
    assertEquals(0, r.days().get(5).unhedgedPnl(), 1e-9, "nothing left to move after settlement");
    assertEquals(0, r.rehedges(), "no limit breached: no re-hedge");
  }

  @Test
  void threshold_rehedgesOnlyOnBreach_andCountsBreachesBeforeAndAfter() {
    Book book = Book.of(List.of(Position.option("c", "BTC", Position.CALL, K, T0.plus(Duration.ofDays(60)), QTY)));
    Mandates m = new Mandates(60, 0.25, 0, null, List.of(new Mandates.Limit("BTC", Mandates.Measure.DELTA, "coin", 6,
        0.5, HedgeTarget.DELTA, Double.NaN)), List.of());
    // the call's delta is about 5.4 at the money, about 8 after +20%
    double[] closes = {100, 101, 102, 110, 120, 121, 122};
    HedgeBacktest.Result r = HedgeBacktest.run(engine, book, market(), m, perpetualOnly(market()),
        history(closes), new HedgeBacktest.Options(null, null, HedgeBacktest.Rebalance.THRESHOLD, 0.5, 30));
    assertEquals(1, r.rehedges(), "once, the day delta first crossed 6");
    assertTrue(r.breachDaysUnhedged() >= 3, "unhedged breaches from +10% on: " + r.breachDaysUnhedged());
    assertEquals(1, r.breachDaysHedged(), "the hedged book breached once, then stayed inside");
    assertTrue(r.totalCost() == 0);
  }
}

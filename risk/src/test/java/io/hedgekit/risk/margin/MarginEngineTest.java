package io.hedgekit.risk.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.reference.ReferencePricer;
import io.hedgekit.risk.InMemoryBook;
import io.hedgekit.risk.stress.StressOptions;
import io.hedgekit.risk.stress.StressResult;
import io.hedgekit.risk.stress.StressTest;
import io.hedgekit.risk.var.TestBooks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarginEngineTest {
  private static final double BTC = 95_000;
  private static final double ETH = 3_400;
  private static final double RATE = 0.03;
  private static final MarginModel MODEL = MarginModel.defaults();

  private static MarginResult margin(InMemoryBook book, Collateral c) {
    try (ComputeBackend backend = TestBooks.scalar()) {
      return new MarginEngine(backend, MODEL).compute(book, c, Map.of());
    }
  }

  @Test
  void compute_linearBookRiskMatrixIsRangeTimesNetDollarDelta() {
    double years = 0.5;
    double carry = 0.01;
    InMemoryBook book = new TestBooks(List.of("BTC", "ETH"), BTC, ETH)
        .spot("BTC", 2.0)
        .linearPerp("BTC", -3.0, 1e-4)
        .future("BTC", false, 1.5, years, RATE, carry, 93_000)
        .future("BTC", true, 50_000, years, RATE, carry, 94_000)
        .inversePerp("BTC", -20_000, 96_000, 1e-4)
        .spot("ETH", -40)
        .linearPerp("ETH", 15, 0)
        .build(2);
    double forward = BTC * Math.exp((RATE - carry) * years);
    // Dollar delta, USD per 100% move: coins x spot; linear futures x forward; inverse face x S / entry.
    double btcDelta = 2.0 * BTC - 3.0 * BTC + 1.5 * forward + 50_000 * BTC / 94_000 - 20_000 * BTC / 96_000;
    double ethDelta = -40 * ETH + 15 * ETH;
    MarginResult r = margin(book, Collateral.usd(1_000_000));
    assertEquals(0.16 * Math.abs(btcDelta), r.underlying("BTC").riskMatrix(), 1e-6);
    assertEquals(0.16 * Math.abs(ethDelta), r.underlying("ETH").riskMatrix(), 1e-6);
    assertEquals(0.16 * (Math.abs(btcDelta) + Math.abs(ethDelta)), r.riskMatrix(), 1e-6);
    assertEquals(0.0, r.extended(), 1e-9, "a linear book's extended loss scales back to at most the core range");
    assertEquals(btcDelta > 0 ? -0.16 : 0.16, r.underlying("BTC").worstCell().spotMove(), 1e-12);
    // Contingency: offsetting futures/perps notional (min of long and short), 1%.
    double longUsd = 1.5 * BTC + 50_000;
    double shortUsd = 3.0 * BTC + 20_000;
    assertEquals(0.01 * Math.min(longUsd, shortUsd), r.underlying("BTC").contingency(), 1e-6);
    assertEquals(r.riskMatrix() + r.extended() + r.contingency(), r.im(), 1e-9);
    assertEquals(0.8 * r.im(), r.mm(), 1e-9);
  }

  @Test
  void compute_optionBookRiskMatrixEqualsStressGridWorstCell() {
    double years = 0.25;
    double vol = 0.6;
    InMemoryBook book = new TestBooks(List.of("BTC"), BTC)
        .option("BTC", true, false, 110_000, years, vol, -12)
        .option("BTC", false, false, 80_000, years, vol, -20)
        .option("BTC", true, true, 95_000, years, vol, 5)
        .build(2);
    MarginParameters p = MarginParameters.DERIBIT_BTC;
    // Independent shocks: 91 days > 30, so power 0.13; up on max(vol, 0.5).
    double f = Math.pow(30.0 / (years * 365), 0.13);
    double[] shifts = {Math.max(vol * (1 - 0.25 * f), 0.05) - vol, 0.0, vol * 0.5 * f};
    try (ComputeBackend backend = TestBooks.scalar()) {
      StressResult grid = StressTest.run(book, backend, StressOptions.defaults().withGrid(p.spotMoves(), shifts));
      MarginResult r = new MarginEngine(backend, MODEL).compute(book, Collateral.usd(1e6), Map.of());
      assertEquals(-grid.worst().pnl(), r.underlying("BTC").riskMatrix(), 1e-6 * Math.abs(grid.worst().pnl()));
      assertEquals(grid.worst().spotMove(), r.worstCell().spotMove(), 1e-12);
      assertEquals(shifts[2], grid.worst().volShift(), 1e-12, "short options lose most with vol up");
      assertEquals("up", r.worstCell().vol());
    }
  }

  @Test
  void compute_mixedExpiriesMatchReferenceRepricingWithExpiryDependentShocks() {
    double[][] opts = { // call?, strike, years, vol, size
        {1, 100_000, 3 / 365.0, 0.7, -10}, {0, 90_000, 10 / 365.0, 0.55, 8}, {1, 95_000, 60 / 365.0, 0.52, -6},
        {0, 70_000, 0.5, 0.75, -30}, {1, 130_000, 1.0, 0.45, 4}, {0, 95_000, 0.2 / 365, 0.9, 3}};
    TestBooks tb = new TestBooks(List.of("BTC"), BTC);
    for (double[] o : opts) {
      tb.option("BTC", o[0] == 1, false, o[1], o[2], o[3], o[4]);
    }
    MarginResult r = margin(tb.build(3), Collateral.usd(1e6));
    double worst = 0;
    for (int i = 0; i <= 8; i++) {
      double move = -0.16 + 0.04 * i;
      for (int v = -1; v <= 1; v++) {
        double pnl = 0;
        for (double[] o : opts) {
          double days = Math.max(o[2] * 365, 1.0);
          double f = Math.pow(30 / days, days <= 30 ? 0.3 : 0.13);
          double vol = o[3];
          double shocked = v > 0 ? vol + Math.max(vol, 0.5) * 0.5 * f : v < 0 ? Math.max(vol * (1 - 0.25 * f), 0.05) : vol;
          pnl += o[4] * (ReferencePricer.optionValue(o[0] == 1, BTC * (1 + move), o[1], o[2], shocked, RATE, 0.0)
              - ReferencePricer.optionValue(o[0] == 1, BTC, o[1], o[2], vol, RATE, 0.0));
        }
        worst = Math.max(worst, -pnl);
      }
    }
    assertEquals(worst, r.riskMatrix(), 1e-6 * worst);
  }

  @Test
  void compute_sameOnCpuBackendAsOnScalarReference() {
    TestBooks tb = new TestBooks(List.of("BTC", "ETH"), BTC, ETH);
    for (int i = 0; i < 37; i++) {
      tb.option(i % 2 == 0 ? "BTC" : "ETH", i % 3 == 0, i % 4 == 0, (i % 2 == 0 ? BTC : ETH) * (0.7 + 0.02 * i),
          (5 + 11 * i) / 365.0, 0.45 + 0.01 * (i % 9), (i % 5) - 2.5);
    }
    tb.linearPerp("BTC", 3, 1e-4).spot("ETH", -20);
    InMemoryBook book = tb.build(8);
    Collateral c = new Collateral(List.of(new Collateral.Balance("BTC", 3, 0.05), new Collateral.Balance("USDC", 2e5, 0)));
    MarginResult ref = margin(book, c);
    try (ComputeBackend cpu = new io.hedgekit.cpu.CpuBackendProvider().open(io.hedgekit.kernels.BackendOptions.defaults())) {
      MarginResult r = new MarginEngine(cpu, MODEL).compute(book, c, Map.of());
      assertEquals(ref.im(), r.im(), 1e-7 * ref.im());
      assertEquals(ref.extended(), r.extended(), 1e-7 * ref.im());
      assertEquals(ref.equity(), r.equity(), 1e-9 * Math.abs(ref.equity()));
      assertEquals(ref.liquidation(MarginResult.ALL).nearest().move(),
          r.liquidation(MarginResult.ALL).nearest().move(), 1e-5);
    }
  }

  @Test
  void compute_inverseBookWithBtcCollateralLiquidatesEarlierThanWithUsd() {
    // Long 600k USD face of BTC inverse perpetual, entered at today's spot: long BTC.
    InMemoryBook book = new TestBooks(List.of("BTC"), BTC).inversePerp("BTC", 600_000, BTC, 0).build(1);
    double coins = 2.0;
    MarginResult inBtc = margin(book, new Collateral(List.of(new Collateral.Balance("BTC", coins, 0))));
    MarginResult inUsd = margin(book, Collateral.usd(coins * BTC));
    assertEquals(inUsd.equity(), inBtc.equity(), 1e-6, "the same equity today");
    MarginResult.Point btcDown = inBtc.liquidation("BTC").down();
    MarginResult.Point usdDown = inUsd.liquidation("BTC").down();
    assertNotNull(btcDown);
    assertNotNull(usdDown);
    // Independent closed form (no options: no vol; contingency 0): long L = face/entry coins of
    // perp delta, plus c coins of collateral with USD collateral X. At move m equity is
    // X + c·S(1+m) + L·S·m; MM = 0.8·0.16·(L + c_in_matrix)·S(1+m).
    double l = 600_000 / BTC;
    double mUsd = solve(coins * BTC, 0, l, 0);
    double mBtc = solve(0, coins, l, coins);
    assertEquals(mUsd, usdDown.move(), 1e-6);
    assertEquals(mBtc, btcDown.move(), 1e-6);
    assertTrue(btcDown.move() > usdDown.move(), "coin collateral falls with the book: liquidation comes earlier ("
        + btcDown.move() + " vs " + usdDown.move() + ")");
    assertEquals(BTC * (1 + mBtc), btcDown.prices().get("BTC"), 1e-3);
    assertNull(inUsd.liquidation("BTC").up(), "a long book is not liquidated by a rally");
  }

  /** The move m with X + c·S(1+m) + L·S·m = 0.8·0.16·(L + k)·S(1+m). */
  private static double solve(double usd, double coins, double l, double coinsInMatrix) {
    double a = 0.8 * 0.16 * (l + coinsInMatrix) * BTC;
    // usd + coins·S + coins·S·m + L·S·m = a + a·m
    return (a - usd - coins * BTC) / (coins * BTC + l * BTC - a);
  }

  @Test
  void compute_liquidationPointHasEquityEqualToMarginRecomputedThere() {
    InMemoryBook book = new TestBooks(List.of("BTC"), BTC)
        .option("BTC", false, true, 85_000, 0.1, 0.6, -40)
        .inversePerp("BTC", 1_000_000, BTC, 0)
        .build(1);
    Collateral c = new Collateral(List.of(new Collateral.Balance("BTC", 15, 0.02)));
    MarginResult r = margin(book, c);
    assertTrue(r.equity() > r.mm(), "equity " + r.equity() + " above MM " + r.mm() + " today");
    MarginResult.Point down = r.liquidation("BTC").down();
    assertNotNull(down);
    double s = BTC * (1 + down.move());
    InMemoryBook moved = new TestBooks(List.of("BTC"), s)
        .option("BTC", false, true, 85_000, 0.1, 0.6, -40)
        .inversePerp("BTC", 1_000_000, BTC, 0)
        .build(1);
    MarginResult there = margin(moved, c);
    assertEquals(there.mm(), there.equity(), 1e-5 * there.mm(), "equity = MM at the liquidation price");
  }

  @Test
  void compute_deltaRemovingHedgeNeverRaisesRiskMatrixMarginOfDeltaOnlyBook() {
    double previous = Double.POSITIVE_INFINITY;
    for (int k = 0; k <= 20; k++) {
      double hedge = -7.0 * k / 20; // the book is long 2 + 5 = 7 BTC of delta
      InMemoryBook book = new TestBooks(List.of("BTC"), BTC).spot("BTC", 2).linearPerp("BTC", 5, 0)
          .linearPerp("BTC", hedge, 0).build(1);
      double rm = margin(book, Collateral.usd(1e5)).riskMatrix();
      assertTrue(rm <= previous + 1e-9, "hedge " + hedge + " raised the risk matrix margin to " + rm + " from " + previous);
      previous = rm;
    }
    assertEquals(0.0, previous, 1e-6);
  }

  @Test
  void compute_contingencyCountsNetShortOptionsPerStrike() {
    InMemoryBook book = new TestBooks(List.of("BTC"), BTC)
        .option("BTC", true, false, 100_000, 0.25, 0.6, 10)
        .option("BTC", false, false, 100_000, 0.25, 0.6, -20)
        .option("BTC", false, false, 80_000, 0.25, 0.6, 7)
        .build(1);
    assertEquals(10 * 0.01 * BTC, margin(book, Collateral.none()).contingency(), 1e-9);
  }

  @Test
  void compute_farOutOfTheMoneyShortPutsPayExtendedMargin() {
    InMemoryBook book = new TestBooks(List.of("BTC"), BTC).option("BTC", false, false, 50_000, 0.25, 0.8, -100).build(1);
    MarginResult r = margin(book, Collateral.usd(5e6));
    assertTrue(r.extended() > 0, "extended " + r.extended());
    // The −66% cell, vol up, weighted: factor·(R/0.66)·(loss − dampener) − risk matrix.
    double f = Math.pow(30.0 / (0.25 * 365), 0.13);
    double up = 0.8 + 0.8 * 0.5 * f;
    double loss = 100 * (ReferencePricer.optionValue(false, BTC * 0.34, 50_000, 0.25, up, RATE, 0)
        - ReferencePricer.optionValue(false, BTC, 50_000, 0.25, 0.8, RATE, 0));
    double w = (0.16 / 0.66) * (loss - 100_000);
    double w33 = (0.16 / 0.33) * (100 * (ReferencePricer.optionValue(false, BTC * 0.67, 50_000, 0.25, up, RATE, 0)
        - ReferencePricer.optionValue(false, BTC, 50_000, 0.25, 0.8, RATE, 0)) - 100_000);
    assertEquals(Math.max(w, w33) - r.riskMatrix(), r.extended(), 1e-6 * r.extended());
  }

  @Test
  void compute_collateralOnlyCurrencyIsPricedFromTheMarketAndStressed() {
    InMemoryBook book = new TestBooks(List.of("BTC"), BTC).spot("BTC", 1).build(1);
    Collateral c = new Collateral(List.of(new Collateral.Balance("ETH", 100, 0.1)));
    try (ComputeBackend backend = TestBooks.scalar()) {
      MarginResult r = new MarginEngine(backend, MODEL).compute(book, c, Map.of("ETH", ETH));
      assertEquals(BTC + 100 * 0.9 * ETH, r.equity(), 1e-6);
      assertEquals(0.16 * 90 * ETH, r.underlying("ETH").riskMatrix(), 1e-6);
      assertEquals(List.of("BTC", "ETH", MarginResult.ALL), r.liquidation().stream().map(MarginResult.Liquidation::underlying).toList());
    }
  }
}

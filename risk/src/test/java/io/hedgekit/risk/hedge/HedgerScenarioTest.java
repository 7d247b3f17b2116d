package io.hedgekit.risk.hedge;

import static io.hedgekit.risk.hedge.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.Position;
import io.hedgekit.kernels.ScenarioColumns;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HedgerScenarioTest {
  private static ComputeBackend backend;

  @BeforeAll
  static void open() {
    backend = scalar();
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  private static HedgeResult hedge(List<Position> book, HedgeUniverse universe, HedgeTarget target, ScenarioColumns sc,
      HedgeOptions options) {
    return new Hedger(backend).hedge(book(book), universe, target, sc, options);
  }

  private static double variance(double[] pnl) {
    double mean = 0;
    for (double x : pnl) {
      mean += x;
    }
    mean /= pnl.length;
    double v = 0;
    for (double x : pnl) {
      v += (x - mean) * (x - mean);
    }
    return v / pnl.length;
  }

  @Test
  void hedge_minVarianceOfALinearBookWithTheMatchingPerpLeavesNoVariance() {
    // 3.7 BTC spot and a 1.2 BTC linear perpetual paying funding: P&L = 4.9·S·(e^r − 1) + constant
    List<Position> book = List.of(spot(0, 3.7), linear(ContractKind.LINEAR_PERPETUAL, 0, 0, 1.2, 0, 0.0002));
    HedgeUniverse universe = universe(
        instrument("BTC-PERPETUAL", linear(ContractKind.INVERSE_PERPETUAL, 0, 0, 10, 0, 0.0001), 0.005, 1),
        instrument("ETH-PERPETUAL", linear(ContractKind.LINEAR_PERPETUAL, 1, 0, 0.01, 0, 0.0001), 0.0004, 1));
    ScenarioColumns sc = scenarios(7, 300);
    HedgeResult r = hedge(book, universe, HedgeTarget.MIN_VARIANCE, sc, HedgeOptions.defaults());
    // an inverse perp's USD P&L is face·(S'/S − 1): 4.9 BTC needs 4.9·95 000 / 10 contracts short
    assertEquals(List.of(new HedgeTicket("BTC-PERPETUAL", -46_550, 232.75)), r.tickets());
    double[] before = referencePnl(book, sc);
    double[] after = referencePnl(withTrades(book, universe, r.tickets()), sc);
    assertTrue(variance(before) > 1e6, "book variance " + variance(before));
    assertTrue(variance(after) <= 1e-20 * variance(before), "residual variance " + variance(after));
    // the constant funding difference stays: VaR = ES = its loss, the same in every scenario
    assertEquals(r.comparison().tailAfter().var(), r.comparison().tailAfter().es(), 1e-6);
  }

  @Test
  void hedge_minVarianceLeavesOutCollinearInstrumentsAndKeepsTheCheapest() {
    List<Position> book = List.of(spot(0, 2));
    HedgeUniverse universe = universe(
        instrument("BTC-LINEAR-PERP", linear(ContractKind.LINEAR_PERPETUAL, 0, 0, 0.001, 0, 0), 0.06, 1),
        instrument("BTC-PERPETUAL", linear(ContractKind.INVERSE_PERPETUAL, 0, 0, 10, 0, 0), 0.005, 1));
    HedgeResult r = hedge(book, universe, HedgeTarget.MIN_VARIANCE, scenarios(8, 200), HedgeOptions.defaults());
    assertEquals(List.of(new HedgeTicket("BTC-PERPETUAL", -19_000, 95.0)), r.tickets());
    assertEquals(List.of("BTC-LINEAR-PERP left out: its scenario P&L is a combination of cheaper instruments'"), r.notes());
  }

  @Test
  void hedge_minVarianceBeatsTheDeltaHedgeOnAnOptionsBook() {
    List<Position> book = optionsBook(31, 50);
    ScenarioColumns sc = scenarios(9, 400);
    HedgeResult mv = hedge(book, deskUniverse(), HedgeTarget.MIN_VARIANCE, sc, HedgeOptions.defaults());
    HedgeResult delta = hedge(book, deskUniverse(), HedgeTarget.DELTA, sc, HedgeOptions.defaults());
    double vBook = variance(referencePnl(book, sc));
    double vMv = variance(referencePnl(withTrades(book, deskUniverse(), mv.tickets()), sc));
    double vDelta = variance(referencePnl(withTrades(book, deskUniverse(), delta.tickets()), sc));
    assertTrue(vMv < vDelta && vDelta < vBook, vMv + " " + vDelta + " " + vBook);
  }

  @Test
  void hedge_minEsNeverHasHigherEsThanNoHedge() {
    for (long seed = 1; seed <= 6; seed++) {
      List<Position> book = optionsBook(100 + seed, 30);
      ScenarioColumns sc = scenarios(200 + seed, 200);
      HedgeResult r = hedge(book, deskUniverse(), HedgeTarget.MIN_ES, sc, HedgeOptions.defaults().withConfidence(0.975));
      TailRisk.VarEs before = TailRisk.HISTORICAL.measure(referencePnl(book, sc), 0.975);
      TailRisk.VarEs after = TailRisk.HISTORICAL.measure(referencePnl(withTrades(book, deskUniverse(), r.tickets()), sc), 0.975);
      assertEquals(before.es(), r.comparison().tailBefore().es(), 1e-9 * Math.abs(before.es()));
      assertEquals(after.es(), r.comparison().tailAfter().es(), 1e-9 * Math.abs(before.es()) + 1e-9);
      assertTrue(after.es() + r.totalCost() <= before.es(), "seed " + seed + ": ES + cost " + (after.es() + r.totalCost())
          + " above no hedge " + before.es());
      assertTrue(after.es() < 0.5 * before.es(), "seed " + seed + ": ES barely reduced, " + before.es() + " -> " + after.es());
    }
  }

  @Test
  void hedge_minEsWithOneInstrumentIsAsGoodAsAGridSearch() {
    // ES + cost as a function of the perpetual quantity; M·(1 − c) = 10 is a whole number
    List<Position> book = optionsBook(41, 25);
    ScenarioColumns sc = scenarios(42, 200);
    Position perp = linear(ContractKind.LINEAR_PERPETUAL, 0, 0, 0.01, 0, 0.0001);
    HedgeUniverse universe = universe(instrument("BTC-PERP", perp, 0.5, 1));
    HedgeResult r = hedge(book, universe, HedgeTarget.MIN_ES, sc, HedgeOptions.defaults().withConfidence(0.95));
    double solved = r.solved().getOrDefault("BTC-PERP", 0.0);
    // P&L is linear in the quantity: book + q·(one contract), both from the reference kernel
    double[] bookPnl = referencePnl(book, sc);
    double[] unitPnl = referencePnl(withTrades(List.of(), universe, List.of(new HedgeTicket("BTC-PERP", 1, 0))), sc);
    double lp = esPlusCost(bookPnl, unitPnl, solved);
    double best = Double.POSITIVE_INFINITY;
    for (int q = -3000; q <= 3000; q++) {
      best = Math.min(best, esPlusCost(bookPnl, unitPnl, q));
    }
    assertTrue(lp <= best + 1e-9 * Math.abs(best), "LP " + lp + " worse than the grid's " + best);
    assertTrue(Math.abs(solved) > 10, "trivial hedge " + solved);
  }

  private static double esPlusCost(double[] bookPnl, double[] unitPnl, double q) {
    double[] pnl = new double[bookPnl.length];
    for (int s = 0; s < pnl.length; s++) {
      pnl[s] = bookPnl[s] + q * unitPnl[s];
    }
    return TailRisk.HISTORICAL.measure(pnl, 0.95).es() + 0.5 * Math.abs(q);
  }

  @Test
  void hedge_minEsAboveTheLimitSubsamplesAndSaysSo() {
    List<Position> book = optionsBook(51, 20);
    ScenarioColumns sc = scenarios(52, 120);
    HedgeResult r = hedge(book, deskUniverse(), HedgeTarget.MIN_ES, sc, HedgeOptions.defaults().withMinEsLimit(50, true));
    assertTrue(r.notes().get(0).startsWith("min-es: 120 scenarios exceed the limit of 50; optimised on 50 evenly spaced"),
        r.notes().toString());
    assertEquals(120, r.comparison().scenarios());
    assertTrue(r.comparison().tailAfter().es() < r.comparison().tailBefore().es());
  }

  @Test
  void hedge_minEsAboveTheLimitRefusesWhenToldTo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hedge(optionsBook(51, 20),
        deskUniverse(), HedgeTarget.MIN_ES, scenarios(52, 120), HedgeOptions.defaults().withMinEsLimit(50, false)));
    assertTrue(e.getMessage().startsWith("min-es: 120 scenarios exceed the limit of 50"), e.getMessage());
  }

  @Test
  void hedge_minEsUnboundedWhenAnInstrumentAlwaysGains() {
    // every scenario moves BTC up, so a long perpetual gains everywhere and ES falls without limit
    double[][] r = new double[2][40];
    for (int s = 0; s < 40; s++) {
      r[0][s] = 0.001 + 0.001 * s;
      r[1][s] = 0.0;
    }
    ScenarioColumns sc = ScenarioColumns.ofArrays(r, null, 0.0);
    HedgeUniverse universe = universe(instrument("BTC-PERP", linear(ContractKind.LINEAR_PERPETUAL, 0, 0, 1, 0, 0), 0.0, 1));
    HedgeInfeasibleException e = assertThrows(HedgeInfeasibleException.class,
        () -> hedge(List.of(spot(0, -1)), universe, HedgeTarget.MIN_ES, sc, HedgeOptions.defaults()));
    assertTrue(e.getMessage().startsWith("min-es is unbounded"), e.getMessage());
  }

  @Test
  void hedge_greekTargetsReportVarEsWhenScenariosAreGiven() {
    List<Position> book = new ArrayList<>(optionsBook(61, 30));
    ScenarioColumns sc = scenarios(62, 250);
    HedgeResult r = hedge(book, deskUniverse(), HedgeTarget.DELTA, sc, HedgeOptions.defaults());
    double[] after = referencePnl(withTrades(book, deskUniverse(), r.tickets()), sc);
    TailRisk.VarEs expected = TailRisk.HISTORICAL.measure(after, 0.99);
    assertEquals(expected.var(), r.comparison().tailAfter().var(), 1e-9 * Math.abs(expected.var()));
    assertEquals(expected.es(), r.comparison().tailAfter().es(), 1e-9 * Math.abs(expected.es()));
    assertEquals(250, r.comparison().scenarios());
  }

  @Test
  void evenlySpaced_picksEveryNthDeterministically() {
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 2, 5, 7}, Hedger.evenlySpaced(10, 4));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 1, 2}, Hedger.evenlySpaced(3, 5));
  }
}

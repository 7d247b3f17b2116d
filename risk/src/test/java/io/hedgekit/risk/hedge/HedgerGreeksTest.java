package io.hedgekit.risk.hedge;

import static io.hedgekit.risk.hedge.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.Position;
import io.hedgekit.risk.greeks.PortfolioGreeks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HedgerGreeksTest {
  private static ComputeBackend backend;

  @BeforeAll
  static void open() {
    backend = scalar();
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  private static HedgeResult hedge(List<Position> book, HedgeUniverse universe, HedgeTarget target) {
    return new Hedger(backend).hedge(book(book), universe, target, null, HedgeOptions.defaults());
  }

  @Test
  void hedge_deltaLeavesAtMostHalfALotPerUnderlying() {
    for (long seed = 1; seed <= 5; seed++) {
      List<Position> book = new ArrayList<>(optionsBook(seed, 40));
      book.add(spot(0, 1.234 * seed));
      HedgeUniverse universe = deskUniverse();
      HedgeResult r = hedge(book, universe, HedgeTarget.DELTA);
      PortfolioGreeks before = referenceGreeks(book);
      PortfolioGreeks after = referenceGreeks(withTrades(book, universe, r.tickets()));
      for (int u = 0; u < 2; u++) {
        // the finest delta step among the traded linear instruments of u
        double halfLot = Double.POSITIVE_INFINITY;
        for (HedgeTicket t : r.tickets()) {
          HedgeInstrument h = universe.get(universe.indexOf(t.id()));
          assertFalse(h.contract().kind().isOption(), "delta hedge traded an option: " + t);
          if (h.underlying() == u) {
            double unitDelta = referenceGreeks(withTrades(List.of(), universe, List.of(new HedgeTicket(t.id(), 1, 0)))).get(u, "delta");
            halfLot = Math.min(halfLot, 0.5 * h.lot() * Math.abs(unitDelta));
          }
        }
        double residual = after.get(u, "delta");
        assertTrue(Math.abs(before.get(u, "delta")) > 100 * halfLot, "book delta too small for a meaningful test: " + before.get(u, "delta") + " vs " + halfLot + " " + r.tickets());
        assertTrue(Math.abs(residual) <= halfLot * (1 + 1e-9), "seed " + seed + " underlying " + u + ": residual delta "
            + residual + " > half a lot " + halfLot);
        assertEquals(residual, r.comparison().after().get(u).delta(), 1e-9 * Math.abs(before.get(u, "delta")));
        assertEquals(before.get(u, "delta"), r.comparison().before().get(u).delta(), 1e-9 * Math.abs(before.get(u, "delta")));
      }
    }
  }

  @Test
  void hedge_deltaUsesTheCheapestLinearInstrumentPerCoin() {
    // long 3 BTC spot; the inverse perp costs 0.005 per $10 (47.5 USD per BTC), the future 0.05 per 0.001 BTC (50 per BTC)
    HedgeResult r = hedge(List.of(spot(0, 3)), deskUniverse(), HedgeTarget.DELTA);
    assertEquals(1, r.tickets().size(), r.tickets().toString());
    HedgeTicket t = r.tickets().get(0);
    assertEquals("BTC-PERPETUAL", t.id());
    // delta of one inverse perpetual contract is face / entry = 10 / 95 000 coins
    assertEquals(-3 * 9_500, t.quantity(), 0.0);
    assertEquals(28_500 * 0.005, t.cost(), 1e-9);
    assertEquals(t.cost(), r.totalCost(), 0.0);
  }

  @Test
  void hedge_deltaGammaVegaHitsAllThreeWithinLotRounding() {
    for (long seed = 11; seed <= 14; seed++) {
      List<Position> book = optionsBook(seed, 60);
      HedgeUniverse universe = deskUniverse();
      HedgeResult r = hedge(book, universe, HedgeTarget.DELTA_GAMMA_VEGA);
      PortfolioGreeks before = referenceGreeks(book);
      PortfolioGreeks after = referenceGreeks(withTrades(book, universe, r.tickets()));
      for (String greek : List.of("delta", "gamma", "vega")) {
        for (int u = 0; u < 2; u++) {
          double bound = 0;
          for (HedgeTicket t : r.tickets()) {
            HedgeInstrument h = universe.get(universe.indexOf(t.id()));
            PortfolioGreeks unit = referenceGreeks(withTrades(List.of(), universe, List.of(new HedgeTicket(t.id(), 1, 0))));
            bound += 0.5 * h.lot() * Math.abs(unit.get(u, greek));
          }
          double b = before.get(u, greek);
          double a = after.get(u, greek);
          assertTrue(Math.abs(b) > 5 * bound, greek + " of " + u + " too small for a meaningful test: " + b + " vs " + bound);
          assertTrue(Math.abs(a) <= bound + 1e-9 * Math.abs(b), "seed " + seed + " " + greek + " of " + u + ": " + a + " > " + bound);
        }
      }
    }
  }

  @Test
  void hedge_deltaGammaSolutionIsExactBeforeRounding() {
    List<Position> book = optionsBook(21, 50);
    HedgeUniverse universe = deskUniverse();
    HedgeResult r = hedge(book, universe, HedgeTarget.DELTA_GAMMA);
    List<HedgeTicket> unrounded = new ArrayList<>();
    r.solved().forEach((id, q) -> unrounded.add(new HedgeTicket(id, q, 0)));
    PortfolioGreeks before = referenceGreeks(book);
    PortfolioGreeks after = referenceGreeks(withTrades(book, universe, unrounded));
    for (int u = 0; u < 2; u++) {
      assertEquals(0, after.get(u, "delta"), 1e-9 * Math.abs(before.get(u, "delta")));
      assertEquals(0, after.get(u, "gamma"), 1e-9 * Math.abs(before.get(u, "gamma")));
    }
  }

  @Test
  void hedge_deltaCostMatchesBruteForceOnALotGrid() {
    // book delta +7.3 BTC; three linear perps of 1, 0.1 and 0.01 BTC with costs per coin 0.5, 0.8 and 1.0 and bounds
    List<Position> book = List.of(spot(0, 7.3));
    HedgeInstrument a = new HedgeInstrument("A", linear(ContractKind.LINEAR_PERPETUAL, 0, 0, 1, 0, 0), 0.5, 1, -5, 5);
    HedgeInstrument b = new HedgeInstrument("B", linear(ContractKind.LINEAR_PERPETUAL, 0, 0, 0.1, 0, 0), 0.08, 1, -30, 30);
    HedgeInstrument c = new HedgeInstrument("C", linear(ContractKind.LINEAR_PERPETUAL, 0, 0, 0.01, 0, 0), 0.01, 1, -300, 300);
    HedgeResult r = hedge(book, universe(a, b, c), HedgeTarget.DELTA);
    double best = Double.POSITIVE_INFINITY;
    for (int qa = -5; qa <= 5; qa++) {
      for (int qb = -30; qb <= 30; qb++) {
        // the delta equality fixes qc; keep it only when it is a whole lot within bounds
        double qc = Math.rint((-7.3 - qa - 0.1 * qb) / 0.01);
        if (Math.abs(qc) <= 300 && Math.abs(7.3 + qa + 0.1 * qb + 0.01 * qc) < 1e-9) {
          best = Math.min(best, 0.5 * Math.abs(qa) + 0.08 * Math.abs(qb) + 0.01 * Math.abs(qc));
        }
      }
    }
    assertEquals(4.34, best, 1e-12);
    assertEquals(best, r.totalCost(), 1e-9);
    assertEquals(0, r.comparison().after().get(0).delta(), 1e-9);
  }

  @Test
  void hedge_deltaGammaCostMatchesBruteForceOverTheSolutionLine() {
    // one underlying, two calls and a perpetual: the gamma equality leaves a line q2(q1), delta fixes the perpetual
    List<Position> book = List.of(option(ContractKind.LINEAR_CALL, 0, 1.05, 0.3, 0.6, 12), spot(0, -4));
    Position o1 = option(ContractKind.LINEAR_CALL, 0, 1.0, 1.0 / 12, 0.55, 1);
    Position o2 = option(ContractKind.LINEAR_PUT, 0, 0.9, 0.5, 0.6, 1);
    Position perp = linear(ContractKind.LINEAR_PERPETUAL, 0, 0, 1, 0, 0);
    double c1 = 30, c2 = 45, cp = 20;
    HedgeUniverse universe = universe(instrument("O1", o1, c1, 0.1), instrument("O2", o2, c2, 0.1), instrument("P", perp, cp, 0.01));
    HedgeResult r = hedge(book, universe, HedgeTarget.DELTA_GAMMA);
    Map<String, Double> q = r.solved();
    double lpCost = c1 * Math.abs(q.getOrDefault("O1", 0.0)) + c2 * Math.abs(q.getOrDefault("O2", 0.0))
        + cp * Math.abs(q.getOrDefault("P", 0.0));

    PortfolioGreeks bg = referenceGreeks(book);
    double[] g1 = unit(universe, "O1"), g2 = unit(universe, "O2"), gp = unit(universe, "P");
    double delta = bg.get(0, "delta"), gamma = bg.get(0, "gamma");
    double best = Double.POSITIVE_INFINITY;
    double step = 0.001;
    double maxSlope = 0;
    for (int i = -100_000; i <= 100_000; i++) {
      double q1 = i * step;
      double q2 = (-gamma - g1[1] * q1) / g2[1];
      double qp = (-delta - g1[0] * q1 - g2[0] * q2) / gp[0];
      double cost = c1 * Math.abs(q1) + c2 * Math.abs(q2) + cp * Math.abs(qp);
      best = Math.min(best, cost);
      maxSlope = c1 + c2 * Math.abs(g1[1] / g2[1]) + cp * Math.abs((g1[0] - g2[0] * g1[1] / g2[1]) / gp[0]);
    }
    assertTrue(lpCost <= best + 1e-9 * best, "LP cost " + lpCost + " above the grid's best " + best);
    assertEquals(best, lpCost, maxSlope * step);
  }

  /** {delta, gamma} of one contract of instrument id on BTC. */
  private static double[] unit(HedgeUniverse universe, String id) {
    PortfolioGreeks g = referenceGreeks(withTrades(List.of(), universe, List.of(new HedgeTicket(id, 1, 0))));
    return new double[] {g.get(0, "delta"), g.get(0, "gamma")};
  }

  @Test
  void hedge_gammaWithoutOptionsNamesWhatIsMissing() {
    List<Position> book = optionsBook(3, 20);
    HedgeUniverse universe = universe(
        instrument("BTC-PERPETUAL", linear(ContractKind.INVERSE_PERPETUAL, 0, 0, 10, 0, 0), 0.005, 1),
        instrument("ETH-PERPETUAL", linear(ContractKind.LINEAR_PERPETUAL, 1, 0, 0.01, 0, 0), 0.0004, 1),
        instrument("ETH-1M-3400-C", option(ContractKind.INVERSE_CALL, 1, 1.0, 1.0 / 12, 0.7, 1), 1.5, 1));
    HedgeInfeasibleException e = assertThrows(HedgeInfeasibleException.class, () -> hedge(book, universe, HedgeTarget.DELTA_GAMMA));
    assertTrue(e.getMessage().contains("cannot neutralise gamma of BTC: the universe has no BTC options"), e.getMessage());
    assertFalse(e.getMessage().contains("of ETH"), e.getMessage());
  }

  @Test
  void hedge_deltaWithoutLinearInstrumentsNamesWhatIsMissing() {
    HedgeUniverse universe = universe(
        instrument("BTC-PERPETUAL", linear(ContractKind.INVERSE_PERPETUAL, 0, 0, 10, 0, 0), 0.005, 1),
        instrument("ETH-1M-3400-C", option(ContractKind.INVERSE_CALL, 1, 1.0, 1.0 / 12, 0.7, 1), 1.5, 1));
    HedgeInfeasibleException e = assertThrows(HedgeInfeasibleException.class,
        () -> hedge(optionsBook(4, 20), universe, HedgeTarget.DELTA));
    assertEquals("cannot neutralise delta of ETH: the universe has no ETH perpetuals, futures or spot", e.getMessage());
  }

  @Test
  void hedge_gammaAndVegaWithOneOptionCannotBeOffsetTogether() {
    List<Position> book = List.of(option(ContractKind.LINEAR_CALL, 0, 1.1, 0.4, 0.6, 5), option(ContractKind.LINEAR_PUT, 0, 0.9, 0.05, 0.7, 3));
    HedgeUniverse universe = universe(
        instrument("BTC-PERPETUAL", linear(ContractKind.INVERSE_PERPETUAL, 0, 0, 10, 0, 0), 0.005, 1),
        instrument("BTC-1M-95000-C", option(ContractKind.INVERSE_CALL, 0, 1.0, 1.0 / 12, 0.55, 1), 30, 0.1));
    HedgeInfeasibleException e = assertThrows(HedgeInfeasibleException.class, () -> hedge(book, universe, HedgeTarget.DELTA_GAMMA_VEGA));
    assertTrue(e.getMessage().startsWith("cannot neutralise delta, gamma and vega of BTC (delta-gamma-vega): "), e.getMessage());
    assertTrue(e.getMessage().contains("cannot offset these Greeks together"), e.getMessage());
  }

  @Test
  void hedge_boundsTooTightIsReportedAsSuch() {
    HedgeUniverse universe = universe(
        new HedgeInstrument("BTC-PERPETUAL", linear(ContractKind.INVERSE_PERPETUAL, 0, 0, 10, 0, 0), 0.005, 1, -1000, 1000));
    HedgeInfeasibleException e = assertThrows(HedgeInfeasibleException.class,
        () -> hedge(List.of(spot(0, 3)), universe, HedgeTarget.DELTA));
    assertTrue(e.getMessage().contains("delta of BTC") && e.getMessage().contains("bounds"), e.getMessage());
  }

  @Test
  void hedge_respectsBoundsAndSpillsOverToTheNextCheapest() {
    HedgeUniverse universe = universe(
        new HedgeInstrument("BTC-PERPETUAL", linear(ContractKind.INVERSE_PERPETUAL, 0, 0, 10, 0, 0), 0.005, 1, -10_000, 10_000),
        instrument("BTC-27MAR26", linear(ContractKind.LINEAR_FUTURE, 0, 0.25, 0.001, 0, 0), 0.05, 1));
    HedgeResult r = hedge(List.of(spot(0, 3)), universe, HedgeTarget.DELTA);
    assertEquals(2, r.tickets().size());
    assertEquals(-10_000, r.tickets().get(0).quantity(), 0.0);
    assertTrue(Math.abs(r.comparison().after().get(0).delta()) <= 0.5 * 0.001 * Math.exp(0.02 * 0.25) + 1e-12);
  }

  @Test
  void hedge_matchesUnderlyingsByNameWhateverTheUniverseOrder() {
    List<Position> book = List.of(spot(0, 2), spot(1, -50));
    // universe lists ETH first and also SOL, which the book does not hold
    List<String> names = List.of("ETH", "SOL", "BTC");
    double[] spots = {3_400, 180, 95_000};
    HedgeUniverse universe = new HedgeUniverse(List.of(
        instrument("ETH-PERPETUAL", new Position(ContractKind.LINEAR_PERPETUAL, 0, 3_400, 3_400, 0, 1, RATE, CARRY, 0.01, 0, 0), 0.0004, 1),
        instrument("SOL-PERPETUAL", new Position(ContractKind.LINEAR_PERPETUAL, 1, 180, 180, 0, 1, RATE, CARRY, 1, 0, 0), 0.01, 1),
        instrument("BTC-PERPETUAL", new Position(ContractKind.INVERSE_PERPETUAL, 2, 95_000, 95_000, 0, 1, RATE, CARRY, 10, 0, 0), 0.005, 1)),
        names, spots);
    HedgeResult r = hedge(book, universe, HedgeTarget.DELTA);
    assertEquals(List.of(new HedgeTicket("ETH-PERPETUAL", 5_000, 2.0), new HedgeTicket("BTC-PERPETUAL", -19_000, 95.0)), r.tickets());
    assertEquals(List.of("BTC", "ETH"), r.comparison().after().stream().map(UnderlyingRisk::underlying).toList());
    assertEquals(2 * 95_000, r.comparison().before().get(0).dollarDelta(), 1e-6);
  }

  @Test
  void hedge_scenarioTargetsNeedScenarios() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> hedge(List.of(spot(0, 1)), deskUniverse(), HedgeTarget.MIN_VARIANCE));
    assertEquals("target min-variance needs a scenario set", e.getMessage());
  }
}

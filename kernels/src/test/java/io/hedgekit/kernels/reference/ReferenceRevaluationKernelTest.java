package io.hedgekit.kernels.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.check.SyntheticBooks;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ReferenceRevaluationKernel} against closed forms for linear contracts, the scenario rules
 * of {@link io.hedgekit.kernels.RevaluationKernel} (settlement within the horizon, vol floor,
 * funding), and the bookkeeping (per-underlying sums, per-position P&amp;L, accumulation).
 */
class ReferenceRevaluationKernelTest {

  private static final double ONE_DAY = 1.0 / 365;
  private static final double[] RETURNS = {-0.35, -0.1, -0.01, 0.0, 0.02, 0.15, 0.4};

  private final ReferenceRevaluationKernel kernel = new ReferenceRevaluationKernel();

  /** One position as columns (underlying 0). */
  private static PositionColumns one(ContractKind kind, double spot, double strike, double t, double vol, double r,
      double q, double size, double entry, double funding) {
    return PositionColumns.ofArrays(new int[] {kind.code()}, new int[] {0}, new double[] {spot},
        new double[] {strike}, new double[] {t}, new double[] {vol}, new double[] {r}, new double[] {q},
        new double[] {size}, new double[] {entry}, new double[] {funding});
  }

  private static ScenarioColumns scenarios(double[] returns, double[] volShifts, double horizon) {
    return ScenarioColumns.ofArrays(new double[][] {returns}, new double[][] {volShifts}, horizon);
  }

  /** Portfolio P&amp;L per scenario of a book. */
  private double[] pnl(PositionColumns p, ScenarioColumns sc) {
    PnlAccumulator acc = PnlAccumulator.zeros(sc.scenarios(), sc.underlyings());
    kernel.revalue(p, sc, acc);
    return acc.portfolio();
  }

  @Test
  void revalue_linearPerpetualIsSpotMovePlusFunding() {
    double s = 95_000, size = 2.5, entry = 90_000, funding = 0.0001, h = ONE_DAY;
    double[] got = pnl(one(ContractKind.LINEAR_PERPETUAL, s, 0, 0, 0.6, 0.05, 0.01, size, entry, funding),
        scenarios(RETURNS, null, h));
    for (int i = 0; i < RETURNS.length; i++) {
      // A long pays funding8h on its notional at today's spot, 3 times a day for h·365 days.
      double expected = size * s * Math.expm1(RETURNS[i]) - size * s * funding * (h * 365 * 3);
      // value(S') − value(S) = size·(S' − E) − size·(S − E): rounding of terms of size·S.
      assertEquals(expected, got[i], 1e-14 * size * s, "return " + RETURNS[i]);
    }
  }

  @Test
  void revalue_inversePerpetualIsFaceOverEntryPlusFunding() {
    double s = 3_400, face = -50_000, entry = 3_100, funding = -0.0002, h = 10 * ONE_DAY;
    double[] got = pnl(one(ContractKind.INVERSE_PERPETUAL, s, 0, 0, 0.6, 0.05, 0.01, face, entry, funding),
        scenarios(RETURNS, null, h));
    for (int i = 0; i < RETURNS.length; i++) {
      // USD value face·(S/E − 1); funding on the USD face: −face·funding8h·(h·365·3).
      double expected = face * s * Math.expm1(RETURNS[i]) / entry - face * funding * (h * 365 * 3);
      assertEquals(expected, got[i], 1e-14 * Math.abs(face) * s / entry, "return " + RETURNS[i]);
    }
  }

  @Test
  void revalue_datedFuturesRollDownTheForward() {
    double s = 95_000, t = 0.25, r = 0.04, q = -0.03, h = 5 * ONE_DAY, size = -1.5, face = 20_000, entry = 96_000;
    double[] lin = pnl(one(ContractKind.LINEAR_FUTURE, s, 0, t, 0.6, r, q, size, entry, 0.01), scenarios(RETURNS, null, h));
    double[] inv = pnl(one(ContractKind.INVERSE_FUTURE, s, 0, t, 0.6, r, q, face, entry, 0.01), scenarios(RETURNS, null, h));
    for (int i = 0; i < RETURNS.length; i++) {
      double moved = s * Math.exp(RETURNS[i]);
      // Funding applies to perpetuals only, so the 0.01 above must not show.
      double expectedLin = size * (moved * Math.exp((r - q) * (t - h)) - s * Math.exp((r - q) * t));
      assertEquals(expectedLin, lin[i], 1e-14 * Math.abs(size) * s, "linear, return " + RETURNS[i]);
      double expectedInv = face * ((moved - s) / entry - Math.exp(-(r - q) * (t - h)) + Math.exp(-(r - q) * t));
      assertEquals(expectedInv, inv[i], 1e-14 * face * s / entry, "inverse, return " + RETURNS[i]);
    }
  }

  @Test
  void revalue_futureExpiringWithinHorizonSettlesAtMovedSpot() {
    double s = 95_000, t = 0.5 * ONE_DAY, r = 0.04, q = 0.0, size = 3, entry = 94_000;
    double[] got = pnl(one(ContractKind.LINEAR_FUTURE, s, 0, t, 0.6, r, q, size, entry, 0), scenarios(RETURNS, null, ONE_DAY));
    for (int i = 0; i < RETURNS.length; i++) {
      double expected = size * (s * Math.exp(RETURNS[i]) - entry) - size * (s * Math.exp(r * t) - entry);
      assertEquals(expected, got[i], 1e-14 * size * s);
    }
  }

  @Test
  void revalue_optionExpiringWithinHorizonSettlesAtPayoff() {
    double s = 95_000, k = 97_000, t = 0.5 * ONE_DAY, vol = 0.7, r = 0.04, q = 0.01, size = -2;
    for (ContractKind kind : new ContractKind[] {ContractKind.LINEAR_CALL, ContractKind.LINEAR_PUT,
        ContractKind.INVERSE_CALL, ContractKind.INVERSE_PUT}) {
      double base = size * ReferencePricer.optionValue(kind.isCall(), s, k, t, vol, r, q);
      double[] shifts = new double[RETURNS.length];
      java.util.Arrays.fill(shifts, 0.3); // a vol move cannot matter once the option has expired
      double[] got = pnl(one(kind, s, k, t, vol, r, q, size, 0, 0), scenarios(RETURNS, shifts, ONE_DAY));
      for (int i = 0; i < RETURNS.length; i++) {
        double moved = s * Math.exp(RETURNS[i]);
        double payoff = Math.max(kind.isCall() ? moved - k : k - moved, 0);
        assertEquals(size * payoff - base, got[i], 1e-14 * Math.abs(size) * s, kind + " return " + RETURNS[i]);
      }
    }
  }

  @Test
  void revalue_optionRepricedAtShiftedVolAndShortenedTime() {
    SplittableRandom rnd = new SplittableRandom(21);
    for (int n = 0; n < 200; n++) {
      boolean call = rnd.nextBoolean();
      double s = 3_400, k = s * Math.exp(rnd.nextDouble(-0.5, 0.5)), t = rnd.nextDouble(0.05, 2), vol = rnd.nextDouble(0.2, 1.5);
      double r = rnd.nextDouble(-0.01, 0.06), q = rnd.nextDouble(-0.02, 0.08), size = rnd.nextDouble(-10, 10);
      double ret = rnd.nextDouble(-0.3, 0.3), shift = rnd.nextDouble(-0.1, 0.1), h = rnd.nextDouble(0, 0.04);
      ContractKind kind = call ? ContractKind.LINEAR_CALL : ContractKind.INVERSE_PUT;
      double[] got = pnl(one(kind, s, k, t, vol, r, q, size, 0, 0.01),
          scenarios(new double[] {ret}, new double[] {shift}, h));
      double expected = size * (ReferencePricer.optionValue(call, s * Math.exp(ret), k, t - h, vol + shift, r, q)
          - ReferencePricer.optionValue(call, s, k, t, vol, r, q));
      assertEquals(expected, got[0], 1e-13 * Math.abs(size) * s);
    }
  }

  @Test
  void revalue_volShiftIsFlooredAtVolFloor() {
    double s = 95_000, k = 100_000, t = 0.5, vol = 0.25, size = 1;
    PositionColumns p = one(ContractKind.LINEAR_CALL, s, k, t, vol, 0.03, 0.0, size, 0, 0);
    double[] got = pnl(p, scenarios(new double[] {0.01, 0.01, 0.01}, new double[] {-0.5, -3.0, -0.2}, ONE_DAY));
    double base = ReferencePricer.optionValue(true, s, k, t, vol, 0.03, 0.0);
    double atFloor = ReferencePricer.optionValue(true, s * Math.exp(0.01), k, t - ONE_DAY, ScenarioColumns.VOL_FLOOR, 0.03, 0.0)
        - base;
    assertEquals(atFloor, got[0], 0.0, "vol 0.25 − 0.5 is floored at " + ScenarioColumns.VOL_FLOOR);
    assertEquals(atFloor, got[1], 0.0, "vol 0.25 − 3 is floored at " + ScenarioColumns.VOL_FLOOR);
    double unfloored = ReferencePricer.optionValue(true, s * Math.exp(0.01), k, t - ONE_DAY, 0.05, 0.03, 0.0) - base;
    assertEquals(unfloored, got[2], 1e-12 * s, "vol 0.05 is above the floor");
    assertTrue(got[2] > got[0] + 1, "the floored scenario is cheaper than vol 0.05");
  }

  @Test
  void revalue_noMoveNoTimeIsZero() {
    PositionColumns book = SyntheticBooks.mixed(2_000, 3, 5, false);
    ScenarioColumns still = ScenarioColumns.ofArrays(new double[3][4], null, 0.0);
    PnlAccumulator acc = PnlAccumulator.zeros(4, 3);
    kernel.revalue(book, still, acc);
    for (int s = 0; s < 4; s++) {
      assertEquals(0.0, acc.portfolio()[s], 0.0, "nothing moved, no time passed, no funding");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Bookkeeping

  private static ScenarioColumns randomScenarios(int underlyings, int m, long seed, double horizon) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] ret = new double[underlyings][m];
    double[][] shift = new double[underlyings][];
    for (int u = 0; u < underlyings; u++) {
      for (int s = 0; s < m; s++) {
        ret[u][s] = rnd.nextDouble(-0.25, 0.25);
      }
      if (u != 1) { // underlying 1 has no vol moves
        shift[u] = new double[m];
        for (int s = 0; s < m; s++) {
          shift[u][s] = rnd.nextDouble(-0.3, 0.3);
        }
      }
    }
    return ScenarioColumns.ofArrays(ret, shift, horizon);
  }

  @Test
  void revalue_perUnderlyingSumsAddToPortfolio() {
    PositionColumns book = SyntheticBooks.mixed(1_500, 3, 7, false);
    ScenarioColumns sc = randomScenarios(3, 250, 8, ONE_DAY);
    PnlAccumulator acc = PnlAccumulator.zeros(250, 3);
    kernel.revalue(book, sc, acc);
    double[] perPosition = new double[book.rows() * 250];
    int[] all = java.util.stream.IntStream.range(0, 250).toArray();
    kernel.revaluePositions(book, sc, all, perPosition);
    for (int s = 0; s < 250; s++) {
      double sumU = 0;
      double[] byU = new double[3];
      double magnitude = 0;
      for (int i = 0; i < book.rows(); i++) {
        double x = perPosition[i * 250 + s];
        byU[book.row(i).underlying()] += x;
        magnitude += Math.abs(x);
      }
      for (int u = 0; u < 3; u++) {
        sumU += acc.byUnderlying()[u][s];
        // Per underlying the kernel adds the same numbers in the same row order.
        assertEquals(byU[u], acc.byUnderlying()[u][s], 1e-14 * magnitude, "underlying " + u + " scenario " + s);
      }
      // Summing three partial sums instead of one running sum differs by rounding only.
      assertEquals(acc.portfolio()[s], sumU, 1e-14 * magnitude, "scenario " + s);
    }
  }

  @Test
  void revaluePositions_matchesRevalueAndScenarioPnl() {
    PositionColumns book = SyntheticBooks.mixed(800, 2, 9, false);
    ScenarioColumns sc = randomScenarios(2, 100, 10, 3 * ONE_DAY);
    PnlAccumulator acc = PnlAccumulator.zeros(100, 2);
    kernel.revalue(book, sc, acc);
    int[] chosen = {0, 17, 99, 17, 42};
    double[] out = new double[book.rows() * chosen.length];
    kernel.revaluePositions(book, sc, chosen, out);
    for (int j = 0; j < chosen.length; j++) {
      double sum = 0;
      double magnitude = 0;
      for (int i = 0; i < book.rows(); i++) {
        var p = book.row(i);
        double base = ReferencePricer.value(p.kind().code(), p.spot(), p.strike(), p.timeYears(), p.vol(), p.rate(),
            p.carry(), p.size(), p.entryPrice());
        double expected = ReferencePricer.scenarioPnl(p.kind().code(), p.spot(), p.strike(), p.timeYears(), p.vol(),
            p.rate(), p.carry(), p.size(), p.entryPrice(), p.funding8h(), base, sc.spotReturn(p.underlying(), chosen[j]),
            sc.volShift(p.underlying(), chosen[j]), sc.horizonYears());
        assertEquals(expected, out[i * chosen.length + j], 0.0, "row " + i + " scenario " + chosen[j]);
        sum += out[i * chosen.length + j];
        magnitude += Math.abs(out[i * chosen.length + j]);
      }
      assertEquals(acc.portfolio()[chosen[j]], sum, 1e-14 * magnitude, "scenario " + chosen[j]);
    }
  }

  @Test
  void revalue_accumulatesAcrossCallsAndBatches() {
    PositionColumns book = SyntheticBooks.mixed(1_001, 3, 11, false);
    ScenarioColumns sc = randomScenarios(3, 64, 12, ONE_DAY);
    PnlAccumulator once = PnlAccumulator.zeros(64, 3);
    kernel.revalue(book, sc, once);
    PnlAccumulator twice = PnlAccumulator.zeros(64, 3);
    kernel.revalue(book, sc, twice);
    kernel.revalue(book, sc, twice);
    PnlAccumulator batches = PnlAccumulator.zeros(64, 3);
    kernel.revalue(book.slice(0, 333), sc, batches);
    kernel.revalue(book.slice(333, 668), sc, batches);
    double[] perPosition = new double[book.rows() * 64];
    kernel.revaluePositions(book, sc, java.util.stream.IntStream.range(0, 64).toArray(), perPosition);
    for (int s = 0; s < 64; s++) {
      double magnitude = 0;
      for (int i = 0; i < book.rows(); i++) {
        magnitude += Math.abs(perPosition[i * 64 + s]);
      }
      // Each running sum rounds at most n times, so sums of the same terms in another grouping
      // agree to n·2^-53 of the sum of magnitudes, well inside 1e-12 for n = 2002.
      double tol = 1e-12 * magnitude;
      assertEquals(2 * once.portfolio()[s], twice.portfolio()[s], tol, "two calls add, scenario " + s);
      assertEquals(once.portfolio()[s], batches.portfolio()[s], tol, "batches add, scenario " + s);
      for (int u = 0; u < 3; u++) {
        assertEquals(2 * once.byUnderlying()[u][s], twice.byUnderlying()[u][s], tol, "underlying " + u);
        assertEquals(once.byUnderlying()[u][s], batches.byUnderlying()[u][s], tol, "underlying " + u);
      }
    }
  }

  @Test
  void revalue_rejectsMismatchedInputs() {
    PositionColumns book = SyntheticBooks.mixed(10, 3, 13, false);
    ScenarioColumns twoUnderlyings = randomScenarios(2, 5, 14, ONE_DAY);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> kernel.revalue(book, twoUnderlyings, PnlAccumulator.zeros(5, 2)));
    assertTrue(e.getMessage().contains("but the scenario set moves 2 underlyings"), e.getMessage());
    ScenarioColumns three = randomScenarios(3, 5, 15, ONE_DAY);
    assertThrows(IllegalArgumentException.class, () -> kernel.revalue(book, three, PnlAccumulator.zeros(6, 3)));
    assertThrows(IllegalArgumentException.class, () -> kernel.revalue(book, three, PnlAccumulator.zeros(5, 2)));
    assertThrows(IllegalArgumentException.class, () -> kernel.revaluePositions(book, three, new int[] {0, 1}, new double[19]));
    assertThrows(IndexOutOfBoundsException.class, () -> kernel.revaluePositions(book, three, new int[] {5}, new double[10]));
    assertThrows(IndexOutOfBoundsException.class, () -> kernel.revaluePositions(book, three, new int[] {-1}, new double[10]));
  }
}

package io.hedgekit.cpu.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.Position;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.check.SyntheticBooks;
import io.hedgekit.kernels.reference.ReferenceRevaluationKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VectorRevaluationKernelTest {

  /** The documented bound: |P&L − reference| ≤ TOLERANCE × gross size G(s). */
  private static final double TOLERANCE = 1e-12;

  private static WorkerPool pool;
  private static VectorRevaluationKernel kernel;

  @BeforeAll
  static void open() {
    pool = new WorkerPool(2);
    kernel = new VectorRevaluationKernel(pool);
  }

  @AfterAll
  static void close() {
    pool.close();
  }

  /** M scenarios for U underlyings: daily-sized log returns with fat tails, vol shifts that hit the floor. */
  static ScenarioColumns scenarios(int underlyings, int m, double horizonYears, boolean volShifts, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] returns = new double[underlyings][m];
    double[][] shifts = volShifts ? new double[underlyings][m] : null;
    for (int u = 0; u < underlyings; u++) {
      for (int s = 0; s < m; s++) {
        returns[u][s] = rnd.nextDouble() < 0.05 ? rnd.nextDouble(-0.6, 0.4) : rnd.nextDouble(-0.08, 0.08);
        if (volShifts) {
          shifts[u][s] = rnd.nextDouble() < 0.05 ? -2.0 : rnd.nextDouble(-0.2, 0.3);
        }
      }
      if (volShifts && u == underlyings - 1 && underlyings > 1) {
        shifts[u] = null; // one underlying without vol moves
      }
    }
    return ScenarioColumns.ofArrays(returns, shifts, horizonYears);
  }

  /** Gross size of a position in scenario s, as in the kernel's accuracy bound. */
  static double grossSize(Position p, double spotReturn) {
    double moved = p.spot() * Math.exp(spotReturn);
    double size = Math.abs(p.size());
    if (p.kind().isOption()) {
      return size * (p.spot() + moved + p.strike());
    }
    if (p.kind().isInverse()) {
      return size * (2 + (p.spot() + moved) / p.entryPrice());
    }
    return size * (p.spot() + moved + p.entryPrice());
  }

  /** Revalues with the kernel and the reference; asserts the bound; returns the worst error/allowance. */
  static double assertWithinBound(PositionColumns book, ScenarioColumns sc, String label) {
    PnlAccumulator ref = PnlAccumulator.zeros(sc.scenarios(), sc.underlyings());
    new ReferenceRevaluationKernel().revalue(book, sc, ref);
    PnlAccumulator got = PnlAccumulator.zeros(sc.scenarios(), sc.underlyings());
    kernel.revalue(book, sc, got);
    double[] gross = new double[sc.scenarios()];
    double[][] grossByU = new double[sc.underlyings()][sc.scenarios()];
    for (int i = 0; i < book.rows(); i++) {
      Position p = book.row(i);
      for (int s = 0; s < sc.scenarios(); s++) {
        double g = grossSize(p, sc.spotReturn(p.underlying(), s));
        gross[s] += g;
        grossByU[p.underlying()][s] += g;
      }
    }
    double worst = 0;
    for (int s = 0; s < sc.scenarios(); s++) {
      worst = Math.max(worst, check(label + " portfolio", s, got.portfolio()[s], ref.portfolio()[s], gross[s]));
      for (int u = 0; u < sc.underlyings(); u++) {
        worst = Math.max(worst, check(label + " underlying " + u, s, got.byUnderlying()[u][s],
            ref.byUnderlying()[u][s], grossByU[u][s]));
      }
    }
    return worst;
  }

  private static double check(String label, int s, double got, double ref, double gross) {
    double err = Math.abs(got - ref);
    double allowance = TOLERANCE * gross;
    assertTrue(err <= allowance, () -> label + " scenario " + s + ": " + got + " vs reference " + ref
        + ", error " + err + " > " + allowance);
    return err == 0 ? 0 : err / allowance;
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "7, 7", "8, 9", "9, 8", "63, 63", "1000, 37", "4099, 17", "300, 1030"})
  void revalue_mixedBookWithinBoundAtOddSizes(int rows, int scenarios) {
    PositionColumns book = SyntheticBooks.mixed(rows, 5, rows, false);
    assertWithinBound(book, scenarios(5, scenarios, 1.0 / 365, true, scenarios), "mixed " + rows + "x" + scenarios);
    assertWithinBound(book, scenarios(5, scenarios, 10.0 / 365, false, scenarios + 1),
        "mixed 10d no shifts " + rows + "x" + scenarios);
  }

  @ParameterizedTest
  @CsvSource({"1, 9", "9, 8", "63, 31", "1000, 17", "4099, 9"})
  void revalue_edgeCasesWithinBound(int rows, int scenarios) {
    PositionColumns book = SyntheticBooks.edgeCases(rows, rows);
    for (double h : new double[] {0.0, SyntheticBooks.ONE_MINUTE, 1.0 / 365, 0.3}) {
      assertWithinBound(book, scenarios(3, scenarios, h, true, scenarios), "edge h=" + h + " " + rows);
      assertWithinBound(book, scenarios(3, scenarios, h, false, scenarios), "edge h=" + h + " no shifts " + rows);
    }
  }

  @Test
  void revalue_optionsReachingZeroVarianceAtTheHorizon() {
    // T − h = 1e-22 years: σ'√T' < 1e-12 for every vol the floor allows, so the zero-variance branch prices.
    double h = 1.0 / 365;
    int n = 12;
    int[] kinds = new int[n];
    double[][] c = new double[9][n];
    for (int i = 0; i < n; i++) {
      kinds[i] = i % 4;
      c[0][i] = 100;
      c[1][i] = 80 + 4 * i;
      c[2][i] = h + (i < 6 ? 1e-22 : 1e-19);
      c[3][i] = 0.5;
      c[4][i] = 0.03;
      c[5][i] = -0.01;
      c[6][i] = 2;
      c[7][i] = 100;
      c[8][i] = 0;
    }
    PositionColumns book = PositionColumns.ofArrays(kinds, new int[n], c[0], c[1], c[2], c[3], c[4], c[5], c[6],
        c[7], c[8]);
    assertWithinBound(book, scenarios(1, 33, h, true, 3), "tiny T'");
    assertWithinBound(book, scenarios(1, 33, h, false, 3), "tiny T' no shifts");
  }

  @Test
  void revalue_addsToWhatTheAccumulatorHolds() {
    PositionColumns book = SyntheticBooks.mixed(200, 3, 5, false);
    ScenarioColumns sc = scenarios(3, 50, 1.0 / 365, true, 5);
    PnlAccumulator fresh = PnlAccumulator.zeros(50, 3);
    kernel.revalue(book, sc, fresh);
    PnlAccumulator twice = PnlAccumulator.zeros(50, 3);
    kernel.revalue(book.slice(0, 120), sc, twice);
    kernel.revalue(book.slice(120, 80), sc, twice);
    double gross = 0;
    for (int i = 0; i < book.rows(); i++) {
      gross += grossSize(book.row(i), 0.6);
    }
    for (int s = 0; s < 50; s++) {
      assertEquals(fresh.portfolio()[s], twice.portfolio()[s], TOLERANCE * gross, "scenario " + s);
    }
  }

  @Test
  void revalue_oneAndTwoThreadsBitIdentical() {
    PositionColumns book = SyntheticBooks.mixed(2 * VectorRevaluationKernel.GROUP_ROWS + 77, 4, 11, false);
    ScenarioColumns sc = scenarios(4, 2 * VectorRevaluationKernel.TILE + 45, 1.0 / 365, true, 12);
    PnlAccumulator one = PnlAccumulator.zeros(sc.scenarios(), 4);
    PnlAccumulator two = PnlAccumulator.zeros(sc.scenarios(), 4);
    try (WorkerPool single = new WorkerPool(1)) {
      new VectorRevaluationKernel(single).revalue(book, sc, one);
    }
    kernel.revalue(book, sc, two);
    assertArrayEquals(one.portfolio(), two.portfolio());
    for (int u = 0; u < 4; u++) {
      assertArrayEquals(one.byUnderlying()[u], two.byUnderlying()[u], "underlying " + u);
    }
  }

  @Test
  void revalue_offHeapColumnsGiveTheSameAsHeap() {
    PositionColumns heap = SyntheticBooks.mixed(333, 3, 21, false);
    ScenarioColumns sc = scenarios(3, 77, 1.0 / 365, true, 21);
    PnlAccumulator expected = PnlAccumulator.zeros(77, 3);
    kernel.revalue(heap, sc, expected);
    try (Arena arena = Arena.ofConfined()) {
      PositionColumns off = VectorGreeksKernelTest.offHeapCopy(heap, arena);
      MemorySegment[] returns = new MemorySegment[3];
      MemorySegment[] shifts = new MemorySegment[3];
      for (int u = 0; u < 3; u++) {
        returns[u] = VectorGreeksKernelTest.misaligned(arena, 8L * 77);
        returns[u].copyFrom(sc.spotReturn()[u]);
        if (sc.volShift()[u] != null) {
          shifts[u] = VectorGreeksKernelTest.misaligned(arena, 8L * 77);
          shifts[u].copyFrom(sc.volShift()[u]);
        }
      }
      PnlAccumulator got = PnlAccumulator.zeros(77, 3);
      kernel.revalue(off, new ScenarioColumns(77, returns, shifts, sc.horizonYears()), got);
      assertArrayEquals(expected.portfolio(), got.portfolio());
      for (int u = 0; u < 3; u++) {
        assertArrayEquals(expected.byUnderlying()[u], got.byUnderlying()[u]);
      }
    }
  }

  @Test
  void revalue_rejectsUnknownUnderlyingAndMismatchedAccumulator() {
    PositionColumns book = SyntheticBooks.mixed(20, 4, 1, false);
    ScenarioColumns sc = scenarios(2, 5, 0.0, false, 1);
    PnlAccumulator out = PnlAccumulator.zeros(5, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kernel.revalue(book, sc, out));
    assertTrue(e.getMessage().contains("but the scenario set moves 2 underlyings"), e.getMessage());
    assertArrayEquals(new double[5], out.portfolio(), "nothing is added when the input is rejected");
    assertThrows(IllegalArgumentException.class,
        () -> kernel.revalue(SyntheticBooks.mixed(5, 2, 1, false), sc, PnlAccumulator.zeros(6, 2)));
  }

  @Test
  void revalue_emptyBookOrNoScenariosAddsNothing() {
    PnlAccumulator out = PnlAccumulator.zeros(4, 2);
    kernel.revalue(SyntheticBooks.mixed(0, 2, 1, false), scenarios(2, 4, 0.01, true, 1), out);
    assertArrayEquals(new double[4], out.portfolio());
    PnlAccumulator none = PnlAccumulator.zeros(0, 2);
    kernel.revalue(SyntheticBooks.mixed(10, 2, 1, false), scenarios(2, 0, 0.01, true, 1), none);
    assertEquals(0, none.scenarios());
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "9, 7", "100, 19", "40, 600"})
  void revaluePositions_matchesReferencePerPosition(int rows, int k) {
    PositionColumns book = SyntheticBooks.mixed(rows, 3, 40 + rows, false);
    ScenarioColumns sc = scenarios(3, 700, 2.0 / 365, true, rows);
    SplittableRandom rnd = new SplittableRandom(k);
    int[] picks = new int[k];
    for (int j = 0; j < k; j++) {
      picks[j] = rnd.nextInt(700);
    }
    double[] ref = new double[rows * k];
    new ReferenceRevaluationKernel().revaluePositions(book, sc, picks, ref);
    double[] got = new double[rows * k];
    kernel.revaluePositions(book, sc, picks, got);
    for (int i = 0; i < rows; i++) {
      Position p = book.row(i);
      for (int j = 0; j < k; j++) {
        double allowance = TOLERANCE * grossSize(p, sc.spotReturn(p.underlying(), picks[j]));
        double err = Math.abs(got[i * k + j] - ref[i * k + j]);
        int row = i;
        int col = j;
        assertTrue(err <= allowance, () -> "row " + row + " (" + p.kind() + ") scenario " + picks[col] + ": "
            + got[row * k + col] + " vs " + ref[row * k + col]);
      }
    }
  }

  @Test
  void revaluePositions_rejectsBadIndexAndShortOutput() {
    PositionColumns book = SyntheticBooks.mixed(4, 1, 1, false);
    ScenarioColumns sc = scenarios(1, 10, 0.0, false, 1);
    assertThrows(IndexOutOfBoundsException.class, () -> kernel.revaluePositions(book, sc, new int[] {3, 10}, new double[8]));
    assertThrows(IllegalArgumentException.class, () -> kernel.revaluePositions(book, sc, new int[] {3, 4}, new double[7]));
  }

  @Test
  void linearCoefficients_perpetualFundingIsPaidByLongs() {
    int[] kinds = {ContractKind.LINEAR_PERPETUAL.code()};
    double[] one = {1.0};
    PositionColumns book = PositionColumns.ofArrays(kinds, new int[1], new double[] {100}, one, one, one,
        new double[] {0}, new double[] {0}, new double[] {2}, new double[] {100}, new double[] {0.0001});
    double h = 1.0 / 365;
    double[] ab = VectorRevaluationKernel.linearCoefficients(book, 0, 0.0, h);
    // A = size·S = 200; B = −size·entry − size·S·funding·3 periods = −200 − 0.06.
    assertEquals(200.0, ab[0], 1e-12);
    assertEquals(-200.06, ab[1], 1e-12);
  }
}

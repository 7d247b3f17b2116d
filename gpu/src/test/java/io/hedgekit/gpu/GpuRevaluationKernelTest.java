package io.hedgekit.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.check.SyntheticBooks;
import io.hedgekit.kernels.reference.ReferenceRevaluationKernel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenCL revaluation kernel against the scalar reference.
 *
 * <p>Tolerance: a scenario sum (portfolio or one underlying) may differ from the reference by
 * {@value #SUM_TOLERANCE} × Σ spot·|size| over the positions summed (their gross notional: each
 * position's P&amp;L is priced within 1e-12 × spot·|size|, and the two sums add in different
 * orders); one position's P&amp;L by {@value #POSITION_TOLERANCE} × spot·|size| × max(1, e^return).
 */
class GpuRevaluationKernelTest {

  static final double SUM_TOLERANCE = 1e-12;
  static final double POSITION_TOLERANCE = 2e-12;

  private static GpuBackend backend;

  @BeforeAll
  static void open() {
    backend = OpenClTestSupport.openOrSkip(OpenClTestSupport.TEST_CHUNK_ROWS);
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
  }

  /** M scenarios over U underlyings: mostly small moves, some crashes and spikes; underlying 1 has no vol move. */
  static ScenarioColumns scenarios(int m, int underlyings, double horizonYears, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] returns = new double[underlyings][m];
    double[][] shifts = new double[underlyings][];
    for (int u = 0; u < underlyings; u++) {
      shifts[u] = u == 1 ? null : new double[m];
      for (int s = 0; s < m; s++) {
        returns[u][s] = s % 11 == 3 ? rnd.nextDouble(-0.6, 0.6) : rnd.nextDouble(-0.08, 0.08);
        if (shifts[u] != null) {
          shifts[u][s] = rnd.nextDouble(-0.4, 0.4);
        }
      }
    }
    return ScenarioColumns.ofArrays(returns, shifts, horizonYears);
  }

  private static double[] grossByUnderlying(PositionColumns p, int underlyings) {
    double[] gross = new double[underlyings + 1];
    for (int i = 0; i < p.rows(); i++) {
      double g = p.spot().getAtIndex(PositionColumns.DOUBLE, i) * Math.abs(p.size().getAtIndex(PositionColumns.DOUBLE, i));
      gross[0] += g;
      gross[1 + p.underlying().getAtIndex(PositionColumns.INT, i)] += g;
    }
    return gross;
  }

  private static void assertSumsMatch(String book, PositionColumns p, ScenarioColumns sc) {
    int u = sc.underlyings();
    PnlAccumulator want = PnlAccumulator.zeros(sc.scenarios(), u);
    new ReferenceRevaluationKernel().revalue(p, sc, want);
    PnlAccumulator got = PnlAccumulator.zeros(sc.scenarios(), u);
    backend.revaluation().revalue(p, sc, got);
    double[] gross = grossByUnderlying(p, u);
    double worst = 0;
    for (int s = 0; s < sc.scenarios(); s++) {
      worst = Math.max(worst, check(book + " portfolio s=" + s, want.portfolio()[s], got.portfolio()[s], gross[0]));
      for (int k = 0; k < u; k++) {
        worst = Math.max(worst, check(book + " underlying " + k + " s=" + s, want.byUnderlying()[k][s],
            got.byUnderlying()[k][s], gross[1 + k]));
      }
    }
    System.out.printf("%s rows=%d scenarios=%d worst |error|/(1e-12·gross)=%.3g%n", book, p.rows(), sc.scenarios(),
        worst);
  }

  private static double check(String what, double want, double got, double gross) {
    double err = Math.abs(got - want);
    double allowance = SUM_TOLERANCE * gross;
    assertTrue(err <= allowance, () -> what + ": gpu " + got + " reference " + want + " error " + err
        + " allowance " + allowance);
    return allowance == 0 ? 0 : err / allowance;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 9, 63, 1000, 4099})
  void revalue_mixedBookMatchesReference(int rows) {
    assertSumsMatch("mixed", SyntheticBooks.mixed(rows, 5, 300 + rows, false), scenarios(37, 5, 1.0 / 365, rows));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 9, 63, 1000, 4099})
  void revalue_edgeCasesMatchReference(int rows) {
    // a 10-day horizon: every short-dated edge position expires inside it and settles at its payoff
    assertSumsMatch("edge", SyntheticBooks.edgeCases(rows, 600 + rows), scenarios(37, 3, 10.0 / 365, rows));
  }

  @Test
  void revalue_moreScenariosThanOneWorkGroup() {
    assertSumsMatch("mixed", SyntheticBooks.mixed(300, 4, 1, false), scenarios(1001, 4, 1.0 / 365, 2));
  }

  @Test
  void revalue_oneScenario() {
    assertSumsMatch("edge", SyntheticBooks.edgeCases(1500, 3), scenarios(1, 3, 0.25, 4));
  }

  @Test
  void revalue_noMoveNoTimeIsExactlyZero() {
    // Same inputs as today's valuation: every P&L is value − value, exactly 0 (vols ≥ 0.25 stay above the floor).
    PositionColumns p = SyntheticBooks.mixed(1000, 3, 8, false);
    ScenarioColumns flat = ScenarioColumns.ofArrays(new double[3][5], null, 0.0);
    PnlAccumulator got = PnlAccumulator.zeros(5, 3);
    backend.revaluation().revalue(p, flat, got);
    for (int s = 0; s < 5; s++) {
      assertEquals(0.0, got.portfolio()[s]);
      for (int u = 0; u < 3; u++) {
        assertEquals(0.0, got.byUnderlying()[u][s]);
      }
    }
  }

  @Test
  void revalue_addsToWhatIsThere() {
    PositionColumns p = SyntheticBooks.mixed(700, 2, 9, false);
    ScenarioColumns sc = scenarios(20, 2, 1.0 / 365, 10);
    PnlAccumulator once = PnlAccumulator.zeros(20, 2);
    backend.revaluation().revalue(p, sc, once);
    PnlAccumulator twice = PnlAccumulator.zeros(20, 2);
    backend.revaluation().revalue(p, sc, twice);
    backend.revaluation().revalue(p, sc, twice);
    for (int s = 0; s < 20; s++) {
      assertEquals(2 * once.portfolio()[s], twice.portfolio()[s], 1e-12 * Math.abs(once.portfolio()[s]));
    }
  }

  @Test
  void revalue_sameResultTwice() {
    PositionColumns p = SyntheticBooks.mixed(4099, 5, 77, false);
    ScenarioColumns sc = scenarios(129, 5, 1.0 / 365, 78);
    PnlAccumulator a = PnlAccumulator.zeros(129, 5);
    PnlAccumulator b = PnlAccumulator.zeros(129, 5);
    backend.revaluation().revalue(p, sc, a);
    backend.revaluation().revalue(p, sc, b);
    for (int s = 0; s < 129; s++) {
      assertEquals(Double.doubleToRawLongBits(a.portfolio()[s]), Double.doubleToRawLongBits(b.portfolio()[s]));
      for (int u = 0; u < 5; u++) {
        assertEquals(Double.doubleToRawLongBits(a.byUnderlying()[u][s]),
            Double.doubleToRawLongBits(b.byUnderlying()[u][s]));
      }
    }
  }

  @Test
  void revalue_rejectsUnderlyingOutsideScenarioSet() {
    PositionColumns p = SyntheticBooks.mixed(50, 4, 1, false);
    ScenarioColumns sc = scenarios(3, 2, 0.0, 1);
    PnlAccumulator out = PnlAccumulator.zeros(3, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> backend.revaluation().revalue(p, sc, out));
    assertTrue(e.getMessage().contains("underlying index"), e.getMessage());
    assertEquals(0.0, out.portfolio()[0]);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 9, 1000, 4099})
  void revaluePositions_matchReference(int rows) {
    PositionColumns p = rows % 2 == 0 ? SyntheticBooks.mixed(rows, 3, rows, false) : SyntheticBooks.edgeCases(rows, rows);
    ScenarioColumns sc = scenarios(50, 3, 3.0 / 365, rows);
    int[] chosen = {49, 0, 3, 3, 17};
    double[] want = new double[rows * chosen.length];
    double[] got = new double[rows * chosen.length];
    new ReferenceRevaluationKernel().revaluePositions(p, sc, chosen, want);
    backend.revaluation().revaluePositions(p, sc, chosen, got);
    double worst = 0;
    for (int i = 0; i < rows; i++) {
      double scale = p.spot().getAtIndex(PositionColumns.DOUBLE, i) * Math.abs(p.size().getAtIndex(PositionColumns.DOUBLE, i));
      int u = p.underlying().getAtIndex(PositionColumns.INT, i);
      for (int j = 0; j < chosen.length; j++) {
        double allowance = POSITION_TOLERANCE * scale * Math.max(1, Math.exp(sc.spotReturn(u, chosen[j])));
        double err = Math.abs(got[i * chosen.length + j] - want[i * chosen.length + j]);
        worst = Math.max(worst, err / allowance);
        int row = i;
        int col = j;
        assertTrue(err <= allowance, () -> "row " + row + " scenario " + chosen[col] + ": gpu "
            + got[row * chosen.length + col] + " reference " + want[row * chosen.length + col]);
      }
    }
    System.out.printf("revaluePositions rows=%d worst error/allowance=%.3g%n", rows, worst);
  }

  @Test
  void revaluePositions_rejectsBadScenarioIndex() {
    PositionColumns p = SyntheticBooks.mixed(5, 1, 1, false);
    ScenarioColumns sc = scenarios(4, 1, 0.0, 1);
    assertThrows(IndexOutOfBoundsException.class,
        () -> backend.revaluation().revaluePositions(p, sc, new int[] {4}, new double[5]));
  }
}

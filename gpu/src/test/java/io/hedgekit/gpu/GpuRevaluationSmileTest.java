package io.hedgekit.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.VolDynamics;
import io.hedgekit.kernels.check.SyntheticBooks;
import io.hedgekit.kernels.check.SyntheticSmiles;
import io.hedgekit.kernels.reference.ReferenceRevaluationKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenCL revaluation kernels under vol dynamics (sticky moneyness on SVI smiles with extreme
 * slices, sqrt-term shifts) against the scalar reference, with the tolerances of
 * {@link GpuRevaluationKernelTest}.
 */
class GpuRevaluationSmileTest {

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

  static VolDynamics[] dynamics(int underlyings) {
    return new VolDynamics[] {
        SyntheticSmiles.dynamics(underlyings, VolDynamics.Mode.STICKY_MONEYNESS, VolDynamics.ShiftTerm.PARALLEL),
        SyntheticSmiles.dynamics(underlyings, VolDynamics.Mode.STICKY_MONEYNESS, VolDynamics.ShiftTerm.SQRT),
        SyntheticSmiles.dynamics(underlyings, VolDynamics.Mode.STICKY_STRIKE, VolDynamics.ShiftTerm.SQRT)};
  }

  private static void assertSumsMatch(String label, PositionColumns p, ScenarioColumns sc) {
    int u = sc.underlyings();
    PnlAccumulator want = PnlAccumulator.zeros(sc.scenarios(), u);
    new ReferenceRevaluationKernel().revalue(p, sc, want);
    PnlAccumulator got = PnlAccumulator.zeros(sc.scenarios(), u);
    backend.revaluation().revalue(p, sc, got);
    double[] gross = new double[u + 1];
    for (int i = 0; i < p.rows(); i++) {
      double g = p.spot().getAtIndex(PositionColumns.DOUBLE, i) * Math.abs(p.size().getAtIndex(PositionColumns.DOUBLE, i));
      gross[0] += g;
      gross[1 + p.underlying().getAtIndex(PositionColumns.INT, i)] += g;
    }
    for (int s = 0; s < sc.scenarios(); s++) {
      check(label + " portfolio s=" + s, want.portfolio()[s], got.portfolio()[s], gross[0]);
      for (int k = 0; k < u; k++) {
        check(label + " underlying " + k + " s=" + s, want.byUnderlying()[k][s], got.byUnderlying()[k][s], gross[1 + k]);
      }
    }
  }

  private static void check(String what, double want, double got, double gross) {
    double err = Math.abs(got - want);
    double allowance = GpuRevaluationKernelTest.SUM_TOLERANCE * gross;
    assertTrue(err <= allowance, () -> what + ": gpu " + got + " reference " + want + " error " + err
        + " allowance " + allowance);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 9, 63, 1000, 4099})
  void revalue_mixedBookUnderEveryDynamics(int rows) {
    for (VolDynamics d : dynamics(5)) {
      assertSumsMatch(d + " mixed", SyntheticBooks.mixed(rows, 5, 300 + rows, false),
          GpuRevaluationKernelTest.scenarios(37, 5, 1.0 / 365, rows).withVolDynamics(d));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 9, 1000})
  void revalue_optionsOnListedExpiries(int rows) {
    PositionColumns book = SyntheticSmiles.onSlices(SyntheticBooks.mixed(rows, 5, 300 + rows, false),
        SyntheticSmiles.smiles(5));
    for (VolDynamics d : dynamics(5)) {
      assertSumsMatch(d + " listed", book, GpuRevaluationKernelTest.scenarios(37, 5, 1.0 / 365, rows).withVolDynamics(d));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 9, 63, 4099})
  void revalue_edgeCasesWithExtremeSlices(int rows) {
    for (VolDynamics d : dynamics(3)) {
      for (double h : new double[] {0.0, 1.0 / 365, 10.0 / 365}) {
        assertSumsMatch(d + " edge h=" + h, SyntheticBooks.edgeCases(rows, 600 + rows),
            GpuRevaluationKernelTest.scenarios(37, 3, h, rows).withVolDynamics(d));
      }
    }
  }

  @Test
  void revaluePositions_underStickyMoneyness() {
    int rows = 1001;
    PositionColumns p = SyntheticBooks.mixed(rows, 3, 5, false);
    ScenarioColumns sc = GpuRevaluationKernelTest.scenarios(50, 3, 3.0 / 365, 5).withVolDynamics(dynamics(3)[1]);
    int[] chosen = {49, 0, 3, 3, 17};
    double[] want = new double[rows * chosen.length];
    double[] got = new double[rows * chosen.length];
    new ReferenceRevaluationKernel().revaluePositions(p, sc, chosen, want);
    backend.revaluation().revaluePositions(p, sc, chosen, got);
    for (int i = 0; i < rows; i++) {
      double scale = p.spot().getAtIndex(PositionColumns.DOUBLE, i) * Math.abs(p.size().getAtIndex(PositionColumns.DOUBLE, i));
      int u = p.underlying().getAtIndex(PositionColumns.INT, i);
      for (int j = 0; j < chosen.length; j++) {
        double allowance = GpuRevaluationKernelTest.POSITION_TOLERANCE * scale
            * Math.max(1, Math.exp(sc.spotReturn(u, chosen[j])));
        double err = Math.abs(got[i * chosen.length + j] - want[i * chosen.length + j]);
        int row = i;
        int col = j;
        assertTrue(err <= allowance, () -> "row " + row + " scenario " + chosen[col] + ": gpu "
            + got[row * chosen.length + col] + " reference " + want[row * chosen.length + col]);
      }
    }
  }
}

package io.hedgekit.cpu.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.Position;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.VolDynamics;
import io.hedgekit.kernels.check.SyntheticBooks;
import io.hedgekit.kernels.check.SyntheticSmiles;
import io.hedgekit.kernels.reference.ReferenceRevaluationKernel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cpu kernel under sticky-moneyness and sqrt-term vol dynamics, against the scalar reference. */
class VectorRevaluationSmileTest {

  private static WorkerPool pool;
  private static VectorRevaluationKernel kernel;

  @BeforeAll
  static void open() {
    pool = new WorkerPool(2);
    kernel = new VectorRevaluationKernel(pool);
    VectorRevaluationKernelTest.open(); // its assertWithinBound runs its own kernel
  }

  @AfterAll
  static void close() {
    pool.close();
    VectorRevaluationKernelTest.close();
  }

  static final VolDynamics[] DYNAMICS_5 = {
      SyntheticSmiles.dynamics(5, VolDynamics.Mode.STICKY_MONEYNESS, VolDynamics.ShiftTerm.PARALLEL),
      SyntheticSmiles.dynamics(5, VolDynamics.Mode.STICKY_MONEYNESS, VolDynamics.ShiftTerm.SQRT),
      SyntheticSmiles.dynamics(5, VolDynamics.Mode.STICKY_STRIKE, VolDynamics.ShiftTerm.SQRT)};

  @ParameterizedTest
  @CsvSource({"1, 1", "7, 7", "8, 9", "9, 8", "63, 63", "1000, 37", "4099, 17", "300, 1030"})
  void revalue_mixedBookUnderEveryDynamicsWithinBound(int rows, int scenarios) {
    PositionColumns book = SyntheticBooks.mixed(rows, 5, rows, false);
    for (VolDynamics d : DYNAMICS_5) {
      VectorRevaluationKernelTest.assertWithinBound(book,
          VectorRevaluationKernelTest.scenarios(5, scenarios, 1.0 / 365, true, scenarios).withVolDynamics(d),
          d + " " + rows + "x" + scenarios);
      VectorRevaluationKernelTest.assertWithinBound(book,
          VectorRevaluationKernelTest.scenarios(5, scenarios, 10.0 / 365, false, scenarios + 1).withVolDynamics(d),
          d + " no shifts " + rows + "x" + scenarios);
    }
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "9, 8", "1000, 37", "4099, 17"})
  void revalue_optionsOnListedExpiriesWithinBound(int rows, int scenarios) {
    // each option exactly on a slice: one SVI per lane (the other weight is 0)
    PositionColumns book = SyntheticSmiles.onSlices(SyntheticBooks.mixed(rows, 5, rows, false), SyntheticSmiles.smiles(5));
    for (VolDynamics d : DYNAMICS_5) {
      VectorRevaluationKernelTest.assertWithinBound(book,
          VectorRevaluationKernelTest.scenarios(5, scenarios, 1.0 / 365, true, scenarios).withVolDynamics(d),
          d + " listed " + rows + "x" + scenarios);
    }
  }

  @ParameterizedTest
  @CsvSource({"1, 9", "9, 8", "63, 31", "1000, 17", "4099, 9"})
  void revalue_edgeCasesWithExtremeSlicesWithinBound(int rows, int scenarios) {
    PositionColumns book = SyntheticBooks.edgeCases(rows, rows);
    for (VolDynamics.Mode mode : VolDynamics.Mode.values()) {
      for (VolDynamics.ShiftTerm term : VolDynamics.ShiftTerm.values()) {
        VolDynamics d = SyntheticSmiles.dynamics(3, mode, term);
        for (double h : new double[] {0.0, SyntheticBooks.ONE_MINUTE, 1.0 / 365, 0.3}) {
          VectorRevaluationKernelTest.assertWithinBound(book,
              VectorRevaluationKernelTest.scenarios(3, scenarios, h, true, scenarios).withVolDynamics(d),
              d + " edge h=" + h + " " + rows);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "9, 7", "100, 19", "40, 600"})
  void revaluePositions_underStickyMoneynessMatchesReference(int rows, int k) {
    PositionColumns book = SyntheticBooks.mixed(rows, 5, 40 + rows, false);
    ScenarioColumns sc = VectorRevaluationKernelTest.scenarios(5, 700, 2.0 / 365, true, rows).withVolDynamics(DYNAMICS_5[1]);
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
        double allowance = 1e-12 * VectorRevaluationKernelTest.grossSize(p, sc.spotReturn(p.underlying(), picks[j]));
        double err = Math.abs(got[i * k + j] - ref[i * k + j]);
        int row = i;
        int col = j;
        assertTrue(err <= allowance, () -> "row " + row + " scenario " + picks[col] + ": " + got[row * k + col]
            + " vs " + ref[row * k + col]);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"2000, 300"})
  void revalue_oneAndTwoThreadsBitIdenticalUnderStickyMoneyness(int rows, int m) {
    PositionColumns book = SyntheticBooks.mixed(rows, 5, 9, false);
    ScenarioColumns sc = VectorRevaluationKernelTest.scenarios(5, m, 1.0 / 365, true, 3).withVolDynamics(DYNAMICS_5[0]);
    PnlAccumulator one = PnlAccumulator.zeros(m, 5);
    PnlAccumulator two = PnlAccumulator.zeros(m, 5);
    try (WorkerPool single = new WorkerPool(1)) {
      new VectorRevaluationKernel(single).revalue(book, sc, one);
    }
    kernel.revalue(book, sc, two);
    assertArrayEquals(one.portfolio(), two.portfolio());
  }
}

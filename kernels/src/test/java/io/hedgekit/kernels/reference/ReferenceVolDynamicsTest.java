package io.hedgekit.kernels.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.VolDynamics;
import io.hedgekit.kernels.check.SyntheticBooks;
import io.hedgekit.kernels.check.SyntheticSmiles;
import io.hedgekit.kernels.market.SviSlice;
import io.hedgekit.kernels.market.VolSmile;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceVolDynamicsTest {

  static final ReferenceRevaluationKernel KERNEL = new ReferenceRevaluationKernel();

  @Test
  void stickyMoneyness_reReadsTheSmileAtTheScenarioForward() {
    SviSlice svi = new SviSlice(0.01, 0.08, -0.35, 0.02, 0.12);
    double t = 30 / 365.0;
    VolSmile smile = new VolSmile(List.of(new VolSmile.Slice(Instant.EPOCH, t, svi)));
    double s = 95000, k = 85000, r = 0.03, q = 0.01, h = 1 / 365.0, x = -0.1, shift = 0.02;
    double vol = smile.vol(Math.log(k / (s * Math.exp((r - q) * t))), t); // priced from the smile
    PositionColumns book = PositionColumns.ofArrays(new int[] {ContractKind.LINEAR_PUT.code()}, new int[1],
        new double[] {s}, new double[] {k}, new double[] {t}, new double[] {vol}, new double[] {r}, new double[] {q},
        new double[] {2}, new double[] {0}, new double[] {0});
    ScenarioColumns sc = ScenarioColumns.ofArrays(new double[][] {{x}}, new double[][] {{shift}}, h);
    // by hand: F' = S·e^x·e^{(r−q)(T−h)}, vol = σ_smile(ln(K/F')) + shift (σ(k0) = vol cancels)
    double fScenario = s * Math.exp(x) * Math.exp((r - q) * (t - h));
    double volScenario = smile.vol(Math.log(k / fScenario), t) + shift;
    double expected = 2 * (ReferencePricer.optionValue(false, s * Math.exp(x), k, t - h, volScenario, r, q)
        - ReferencePricer.optionValue(false, s, k, t, vol, r, q));
    for (VolDynamics.ShiftTerm term : VolDynamics.ShiftTerm.values()) {
      VolDynamics d = VolDynamics.of(VolDynamics.Mode.STICKY_MONEYNESS, term, java.util.Arrays.asList(smile));
      PnlAccumulator out = PnlAccumulator.zeros(1, 1);
      KERNEL.revalue(book, sc.withVolDynamics(d), out);
      double scale = term == VolDynamics.ShiftTerm.SQRT ? Math.sqrt(30 / 365.0 / t) : 1.0; // T = 30 days: 1
      assertEquals(1.0, scale, 1e-15);
      assertEquals(expected, out.portfolio()[0], 1e-9 * Math.abs(expected));
    }
    // sticky strike keeps the vol: a different P&L
    PnlAccumulator strike = PnlAccumulator.zeros(1, 1);
    KERNEL.revalue(book, sc, strike);
    assertNotEquals(expected, strike.portfolio()[0], 1.0);
  }

  @Test
  void laneCoefficients_scenarioVolIsTheSmileReadAtTheMovedForward() {
    // The folded per-option form against VolSmile.vol read at k0 and k′ directly: before the
    // first slice, on a slice, between two slices and after the last, with extreme slices.
    List<VolSmile> smiles = SyntheticSmiles.smiles(4);
    double s = 95000, r = 0.03, q = 0.01, h = 2 / 365.0;
    for (VolDynamics.ShiftTerm term : VolDynamics.ShiftTerm.values()) {
      VolDynamics d = VolDynamics.of(VolDynamics.Mode.STICKY_MONEYNESS, term, smiles);
      for (int u = 0; u < 3; u++) {
        VolSmile smile = smiles.get(u);
        for (double t : new double[] {0.5 / 365, smile.times()[0], 20 / 365.0, 0.3, smile.times()[smile.times().length - 1], 6.0}) {
          for (double k : new double[] {30000, 80000, 95000, 120000, 400000}) {
            for (double x : new double[] {-0.6, -0.05, 0.0, 0.08, 0.9}) {
              double vol = 0.55;
              double shift = -0.03;
              double[] co = new double[VolDynamics.LANE_COEFFICIENTS];
              d.laneCoefficients(u, vol, Math.log(k / s), r - q, t, h, co, 0);
              double k0 = Math.log(k / (s * Math.exp((r - q) * t)));
              double k1 = Math.log(k / (s * Math.exp(x) * Math.exp((r - q) * (t - h))));
              double expected = vol + (smile.vol(k1, t) - smile.vol(k0, t)) + shift * d.shiftScale(t);
              double got = VolDynamics.scenarioVol(co, 0, x, shift);
              assertEquals(expected, got, 1e-12 * (1 + smile.vol(k1, t)), u + " T=" + t + " K=" + k + " x=" + x);
            }
          }
        }
      }
    }
  }

  @Test
  void sqrtTerm_scalesTheShiftByRootOf30DaysOverT() {
    double t = 120 / 365.0;
    PositionColumns book = PositionColumns.ofArrays(new int[] {ContractKind.LINEAR_CALL.code()}, new int[1],
        new double[] {100}, new double[] {110}, new double[] {t}, new double[] {0.6}, new double[1], new double[1],
        new double[] {1}, new double[1], new double[1]);
    ScenarioColumns sc = ScenarioColumns.ofArrays(new double[][] {{0.05}}, new double[][] {{0.1}}, 0.0);
    VolDynamics d = VolDynamics.of(VolDynamics.Mode.STICKY_STRIKE, VolDynamics.ShiftTerm.SQRT, java.util.Arrays.asList((VolSmile) null));
    PnlAccumulator out = PnlAccumulator.zeros(1, 1);
    KERNEL.revalue(book, sc.withVolDynamics(d), out);
    double expected = ReferencePricer.optionValue(true, 100 * Math.exp(0.05), 110, t, 0.6 + 0.1 * 0.5, 0, 0)
        - ReferencePricer.optionValue(true, 100, 110, t, 0.6, 0, 0);
    assertEquals(expected, out.portfolio()[0], 1e-13);
    assertEquals(Math.sqrt(30.0), d.shiftScale(1e-6), 1e-12, "capped below one day");
  }

  @Test
  void stickyMoneyness_noMoveGivesStickyStrikeBitForBit() {
    PositionColumns book = SyntheticBooks.mixed(500, 4, 3, false);
    double[][] zeros = new double[4][16];
    double[][] shifts = new double[4][16];
    for (int s = 0; s < 16; s++) {
      shifts[0][s] = 0.01 * s;
    }
    ScenarioColumns sc = ScenarioColumns.ofArrays(zeros, shifts, 0.0);
    PnlAccumulator plain = PnlAccumulator.zeros(16, 4);
    KERNEL.revalue(book, sc, plain);
    PnlAccumulator moneyness = PnlAccumulator.zeros(16, 4);
    KERNEL.revalue(book, sc.withVolDynamics(SyntheticSmiles.dynamics(4, VolDynamics.Mode.STICKY_MONEYNESS,
        VolDynamics.ShiftTerm.PARALLEL)), moneyness);
    assertArrayEquals(plain.portfolio(), moneyness.portfolio());
  }
}

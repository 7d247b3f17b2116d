package io.hedgekit.cpu.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.reference.NormalDistribution;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorNormalTest {

  private static final int LANES = VectorNormal.SPECIES.length();

  /** Vector CDF of each point (length need not be a multiple of the lane count). */
  private static double[] vectorCdf(double[] x) {
    int padded = (x.length + LANES - 1) / LANES * LANES;
    double[] xs = java.util.Arrays.copyOf(x, padded);
    double[] e = new double[padded];
    for (int i = 0; i < x.length; i++) {
      double y = Math.abs(x[i]);
      double ys = Math.floor(Math.min(y, 40.0) * 16.0) / 16.0;
      e[i] = Math.exp(-ys * ys * 0.5) * Math.exp(-(y - ys) * (y + ys) * 0.5);
    }
    double[] out = new double[padded];
    VectorNormal.cdf(xs, e, out, 0, padded);
    return java.util.Arrays.copyOf(out, x.length);
  }

  @Test
  void cdfAndSmileVols_isTheCdfBitForBit_andTheScalarScenarioVols() {
    // every smile of SyntheticSmiles (extreme slices, one and two slices read, no smile) and
    // expiries before, on, between and after the slices; CDF points in every region
    java.util.List<io.hedgekit.kernels.market.VolSmile> smiles = io.hedgekit.kernels.check.SyntheticSmiles.smiles(5);
    io.hedgekit.kernels.VolDynamics d = io.hedgekit.kernels.VolDynamics.of(
        io.hedgekit.kernels.VolDynamics.Mode.STICKY_MONEYNESS, io.hedgekit.kernels.VolDynamics.ShiftTerm.SQRT, smiles);
    SplittableRandom rnd = new SplittableRandom(17);
    int n = 8 * LANES;
    for (int u = 0; u < 5; u++) {
      for (double t : new double[] {0.5 / 365, 7 / 365.0, 20 / 365.0, 0.3, 3.0, 7.0}) {
        double[] x = new double[n];
        double[] e = new double[n];
        double[] returns = new double[n + LANES];
        double[] shifts = new double[n + LANES];
        for (int i = 0; i < n; i++) {
          x[i] = rnd.nextDouble(-40, 40);
          double y = Math.min(Math.abs(x[i]), 40.0);
          e[i] = Math.exp(-y * y * 0.5);
          returns[LANES + i] = rnd.nextDouble(-1.5, 1.5);
          shifts[LANES + i] = rnd.nextDouble(-0.2, 0.2);
        }
        double[] co = new double[io.hedgekit.kernels.VolDynamics.LANE_COEFFICIENTS];
        d.laneCoefficients(u, 0.6, Math.log(1.3), 0.02, t, 1 / 365.0, co, 0);
        double[] plain = new double[n];
        VectorNormal.cdf(x, e, plain, 0, n);
        double[] fused = new double[n];
        double[] vols = new double[n + LANES];
        // vols for lanes [LANES, LANES + 5·LANES): fewer than the CDF's, done in its first iterations
        VectorNormal.cdfAndSmileVols(x, e, fused, 0, n, co, 0, returns, shifts, LANES, 6 * LANES, vols);
        assertArrayEquals(plain, fused, "u " + u + " T " + t);
        for (int j = LANES; j < 6 * LANES; j++) {
          double want = io.hedgekit.kernels.VolDynamics.scenarioVol(co, 0, returns[j], shifts[j]);
          assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(vols[j]),
              "u " + u + " T " + t + " lane " + j + ": " + vols[j] + " vs " + want);
        }
        assertEquals(0.0, vols[6 * LANES], "nothing past the range");
      }
    }
    assertThrows(IllegalArgumentException.class, () -> VectorNormal.cdfAndSmileVols(new double[LANES],
        new double[LANES], new double[LANES], 0, LANES, new double[12], 0, new double[2 * LANES], null, 0, 2 * LANES,
        new double[2 * LANES]));
  }

  /** {@link VectorNormal#cdfPair} of {@code a} and {@code b} (equal lengths, padded to whole vectors), e as the kernels give it. */
  private static double[][] pairCdf(double[] a, double[] b) {
    int padded = (a.length + LANES - 1) / LANES * LANES;
    double[] x = new double[2 * padded];
    System.arraycopy(a, 0, x, 0, a.length);
    System.arraycopy(b, 0, x, padded, b.length);
    double[] e = new double[2 * padded];
    for (int i = 0; i < x.length; i++) {
      double y = Math.min(Math.abs(x[i]), 40.0);
      e[i] = Math.exp(-y * y * 0.5);
    }
    double[] n = new double[2 * padded];
    VectorNormal.cdfPair(x, e, n, 0, padded, padded);
    return new double[][] {java.util.Arrays.copyOf(n, a.length), java.util.Arrays.copyOfRange(n, padded, padded + b.length)};
  }

  @Test
  void cdfPair_withinItsAbsoluteBoundOfTheReferenceEverywhere() {
    // Both halves of the pair, all regions mixed in every vector, the tail beyond √32 included
    // (where the pair is held to its absolute bound, not to a relative one).
    SplittableRandom rnd = new SplittableRandom(23);
    int n = 40_000;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = i % 3 == 0 ? rnd.nextDouble(-1, 1) : rnd.nextDouble(-40, 40);
      b[i] = i % 2 == 0 ? rnd.nextDouble(-9, 9) : rnd.nextDouble(-0.7, 0.7);
    }
    double[][] got = pairCdf(a, b);
    double worst = 0;
    for (int i = 0; i < n; i++) {
      worst = Math.max(worst, Math.abs(got[0][i] - NormalDistribution.cdf(a[i])));
      worst = Math.max(worst, Math.abs(got[1][i] - NormalDistribution.cdf(b[i])));
    }
    assertTrue(worst <= 2.3e-16, "max abs error " + worst);
  }

  @Test
  void cdfPair_limitsAndSpecialValues() {
    double[] a = {0.0, -0.0, NormalDistribution.SPLIT1, -Math.nextUp(NormalDistribution.SPLIT1), -5.7, 6.0,
        -NormalDistribution.LOWER_LIMIT, 37.6, -1e300, Double.POSITIVE_INFINITY, Double.NaN, 1e-300};
    double[][] got = pairCdf(a, a);
    for (int h = 0; h < 2; h++) {
      assertEquals(0.5, got[h][0], 1e-16);
      assertEquals(0.0, got[h][6], "at the lower limit the CDF is exactly 0");
      assertEquals(1.0, got[h][7], "beyond the upper limit the CDF is exactly 1");
      assertEquals(0.0, got[h][8]);
      assertEquals(1.0, got[h][9]);
      assertTrue(Double.isNaN(got[h][10]), "NaN gives NaN");
      for (int i = 0; i < a.length; i++) {
        if (!Double.isNaN(a[i])) {
          assertEquals(NormalDistribution.cdf(a[i]), got[h][i], 2.3e-16, "x = " + a[i]);
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> VectorNormal.cdfPair(new double[2 * LANES + 2],
        new double[2 * LANES + 2], new double[2 * LANES + 2], 0, LANES + 1, LANES + 1));
  }

  @Test
  void cdf_matchesReferenceAcrossAllRegions() {
    SplittableRandom rnd = new SplittableRandom(7);
    int n = 20_000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextDouble(-40, 40);
    }
    double[] got = vectorCdf(x);
    double worstRel = 0;
    double worstAbs = 0;
    for (int i = 0; i < n; i++) {
      double ref = NormalDistribution.cdf(x[i]);
      double err = Math.abs(got[i] - ref);
      worstAbs = Math.max(worstAbs, err);
      if (ref != 0 && x[i] < 0) {
        worstRel = Math.max(worstRel, err / ref);
      }
    }
    // One ulp of values near 1 is 1.1e-16: the upper half may differ from the reference by that much.
    assertTrue(worstAbs <= 2.3e-16, "max abs error " + worstAbs);
    assertTrue(worstRel <= 1e-14, "max lower-tail rel error " + worstRel);
  }

  @Test
  void cdf_regionBoundariesAndLimits() {
    double[] x = {0.0, -0.0, NormalDistribution.SPLIT1, -NormalDistribution.SPLIT1, Math.nextUp(NormalDistribution.SPLIT1),
        -Math.nextUp(NormalDistribution.SPLIT1), NormalDistribution.SPLIT2, -NormalDistribution.SPLIT2,
        -Math.nextUp(NormalDistribution.SPLIT2), -37.5, -NormalDistribution.LOWER_LIMIT, 37.6, -1e300, 1e300,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1e-300, -1e-300};
    double[] got = vectorCdf(x);
    for (int i = 0; i < x.length; i++) {
      double ref = NormalDistribution.cdf(x[i]);
      assertEquals(ref, got[i], Math.max(1e-16, 1e-14 * Math.abs(ref)), "x = " + x[i]);
    }
    assertEquals(0.0, got[10], "at the lower limit the CDF is exactly 0");
    assertEquals(1.0, got[11], "beyond the upper limit the CDF is exactly 1");
  }

  @Test
  void cdf_nanGivesNan() {
    assertTrue(Double.isNaN(vectorCdf(new double[] {Double.NaN, 0.3})[0]));
  }

  @Test
  void cdf_rejectsPartialVector() {
    double[] a = new double[LANES + 1];
    assertThrows(IllegalArgumentException.class, () -> VectorNormal.cdf(a, a, a, 0, LANES + 1));
  }

  @Test
  void cdf_knownValues() {
    // Published values: N(−1) = 0.158655253931457, N(1.96) = 0.975002104851780, N(−8) = 6.22096057427178e-16.
    double[] got = vectorCdf(new double[] {-1.0, 1.96, -8.0});
    assertEquals(0.158655253931457, got[0], 1e-15);
    assertEquals(0.975002104851780, got[1], 1e-15);
    assertEquals(6.22096057427178e-16, got[2], 1e-28);
  }
}

package io.hedgekit.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.reference.NormalDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The device's port of Cody's normal CDF against the Java reference, in every region and both tails. */
class DeviceNormalCdfTest {

  private static GpuBackend backend;

  @BeforeAll
  static void open() {
    backend = OpenClTestSupport.openOrSkip(64);
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void normalCdf_matchesReferenceAcrossAllRegions() {
    // −40..40 in steps of 1/256 plus the region boundaries and their neighbours
    int n = 80 * 256 + 1;
    double[] x = new double[n + 12];
    for (int i = 0; i < n; i++) {
      x[i] = -40 + i / 256.0;
    }
    double[] edges = {NormalDistribution.SPLIT1, NormalDistribution.SPLIT2, NormalDistribution.LOWER_LIMIT};
    int k = n;
    for (double e : edges) {
      x[k++] = Math.nextDown(e);
      x[k++] = Math.nextUp(e);
      x[k++] = -Math.nextDown(e);
      x[k++] = -Math.nextUp(e);
    }
    double[] got = backend.deviceNormalCdf(x);
    double worstRel = 0;
    for (int i = 0; i < x.length; i++) {
      double want = NormalDistribution.cdf(x[i]);
      double err = Math.abs(got[i] - want);
      assertTrue(err <= 1e-16 || err <= 1e-14 * want, "N(" + x[i] + "): device " + got[i] + ", reference " + want);
      if (want > 0) {
        worstRel = Math.max(worstRel, err / want);
      }
    }
    System.out.printf("device normal CDF: worst relative error vs reference %.3g over %d points%n", worstRel, x.length);
  }

  @Test
  void normalCdf_knownValuesAndSpecials() {
    double[] got = backend.deviceNormalCdf(new double[] {0.0, -1.0, 1.959963984540054, -10.0, -38.0, Double.NaN,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY});
    assertEquals(0.5, got[0]);
    // published values (Abramowitz-Stegun table 26.1 to 15 digits; N(−10) from Wolfram)
    assertEquals(0.158655253931457, got[1], 1e-15);
    assertEquals(0.975, got[2], 1e-15);
    assertEquals(7.61985302416047e-24, got[3], 1e-36);
    assertEquals(0.0, got[4]);
    assertTrue(Double.isNaN(got[5]));
    assertEquals(0.0, got[6]);
    assertEquals(1.0, got[7]);
  }
}

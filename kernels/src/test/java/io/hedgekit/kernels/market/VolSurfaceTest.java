package io.hedgekit.kernels.market;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class VolSurfaceTest {

  private static final double[] TIMES = {0.02, 0.25, 1.0};
  private static final double[] STRIKES = {60_000, 90_000, 100_000, 140_000};
  private static final double[][] VOLS = {
      {0.95, 0.70, 0.66, 0.85},
      {0.80, 0.62, 0.60, 0.72},
      {0.70, 0.58, 0.57, 0.64}};

  private static VolSurface surface() {
    return new VolSurface(TIMES, STRIKES, VOLS);
  }

  @Test
  void vol_gridPointsExact() {
    VolSurface s = surface();
    for (int i = 0; i < TIMES.length; i++) {
      for (int j = 0; j < STRIKES.length; j++) {
        // At a listed expiry total variance is interpolated with weight 1 on that expiry: only the
        // sqrt(σ²·T/T) round trip remains, one or two ulps.
        assertEquals(VOLS[i][j], s.vol(TIMES[i], STRIKES[j]), 2 * Math.ulp(VOLS[i][j]), "T=" + TIMES[i] + " K=" + STRIKES[j]);
      }
    }
  }

  @Test
  void vol_linearInStrikeAtAnExpiry() {
    VolSurface s = surface();
    for (int i = 0; i < TIMES.length; i++) {
      for (int j = 0; j + 1 < STRIKES.length; j++) {
        for (double w : new double[] {0.1, 0.5, 0.75}) {
          double k = STRIKES[j] + w * (STRIKES[j + 1] - STRIKES[j]);
          double expected = (1 - w) * VOLS[i][j] + w * VOLS[i][j + 1];
          assertEquals(expected, s.vol(TIMES[i], k), 1e-15, "T=" + TIMES[i] + " K=" + k);
        }
      }
    }
  }

  @Test
  void vol_totalVarianceLinearInTimeBetweenExpiries() {
    VolSurface s = surface();
    for (int i = 0; i + 1 < TIMES.length; i++) {
      for (int j = 0; j < STRIKES.length; j++) {
        for (double w : new double[] {0.2, 0.5, 0.8}) {
          double t = TIMES[i] + w * (TIMES[i + 1] - TIMES[i]);
          double variance = (1 - w) * VOLS[i][j] * VOLS[i][j] * TIMES[i] + w * VOLS[i + 1][j] * VOLS[i + 1][j] * TIMES[i + 1];
          assertEquals(Math.sqrt(variance / t), s.vol(t, STRIKES[j]), 1e-15, "T=" + t + " K=" + STRIKES[j]);
        }
      }
    }
    // Both interpolations at once: between expiries and between strikes.
    double k = 95_000;
    double v0 = 0.5 * (VOLS[0][1] + VOLS[0][2]);
    double v1 = 0.5 * (VOLS[1][1] + VOLS[1][2]);
    double t = 0.1;
    double w = (t - TIMES[0]) / (TIMES[1] - TIMES[0]);
    assertEquals(Math.sqrt(((1 - w) * v0 * v0 * TIMES[0] + w * v1 * v1 * TIMES[1]) / t), s.vol(t, k), 1e-15);
  }

  @Test
  void vol_flatOutsideTheGrid() {
    VolSurface s = surface();
    // Strikes beyond the first and last are flat at every expiry.
    for (int i = 0; i < TIMES.length; i++) {
      assertEquals(VOLS[i][0], s.vol(TIMES[i], 10_000), 2 * Math.ulp(1.0));
      assertEquals(VOLS[i][3], s.vol(TIMES[i], 1e7), 2 * Math.ulp(1.0));
    }
    // Before the first and after the last expiry the vol (not the variance) is flat.
    for (double t : new double[] {1e-6, 0.01, 0.02}) {
      assertEquals(VOLS[0][1], s.vol(t, 90_000), 0.0, "T=" + t);
    }
    for (double t : new double[] {1.0, 1.5, 5}) {
      assertEquals(VOLS[2][2], s.vol(t, 100_000), 2 * Math.ulp(1.0), "T=" + t);
    }
    assertEquals(VOLS[2][0], s.vol(5, 1_000), 2 * Math.ulp(1.0), "corner beyond both");
  }

  @Test
  void vol_singlePointSurfaceIsFlat() {
    VolSurface s = new VolSurface(new double[] {0.5}, new double[] {100}, new double[][] {{0.42}});
    for (double t : new double[] {0.01, 0.5, 3}) {
      for (double k : new double[] {1, 100, 1e6}) {
        assertEquals(0.42, s.vol(t, k), 0.0);
      }
    }
  }

  @Test
  void constructor_copiesItsInputs() {
    double[] times = TIMES.clone();
    double[][] vols = {VOLS[0].clone(), VOLS[1].clone(), VOLS[2].clone()};
    VolSurface s = new VolSurface(times, STRIKES.clone(), vols);
    times[0] = 0.5;
    vols[0][0] = 5;
    assertEquals(VOLS[0][0], s.vol(TIMES[0], STRIKES[0]), 2 * Math.ulp(1.0));
    assertArrayEquals(TIMES, s.times());
    s.times()[0] = 9;
    assertArrayEquals(TIMES, s.times());
    assertArrayEquals(STRIKES, s.strikes());
  }

  @Test
  void constructor_rejectsInvalidGrids() {
    assertMessage("vol_surface needs at least one expiry and one strike",
        () -> new VolSurface(new double[0], STRIKES, new double[0][]));
    assertMessage("vol_surface needs at least one expiry and one strike",
        () -> new VolSurface(TIMES, new double[0], new double[][] {{}, {}, {}}));
    assertTrue(message(() -> new VolSurface(new double[] {0.25, 0.02, 1.0}, STRIKES, VOLS))
        .startsWith("vol_surface expiries must be finite and strictly increasing"));
    assertTrue(message(() -> new VolSurface(TIMES, new double[] {60_000, 90_000, 90_000, 140_000}, VOLS))
        .startsWith("vol_surface strikes must be finite and strictly increasing"));
    assertTrue(message(() -> new VolSurface(new double[] {0.02, Double.NaN, 1.0}, STRIKES, VOLS))
        .startsWith("vol_surface expiries must be finite"));
    assertMessage("vol_surface expiries must be after the valuation time",
        () -> new VolSurface(new double[] {0.0, 0.25, 1.0}, STRIKES, VOLS));
    assertMessage("vol_surface has 3 expiries but 2 rows of vols",
        () -> new VolSurface(TIMES, STRIKES, new double[][] {VOLS[0], VOLS[1]}));
    assertMessage("vol_surface row 1 has 3 vols, need 4",
        () -> new VolSurface(TIMES, STRIKES, new double[][] {VOLS[0], {0.5, 0.5, 0.5}, VOLS[2]}));
    assertMessage("vol_surface vols[2][3] must be > 0 and <= 10, was 0.0",
        () -> new VolSurface(TIMES, STRIKES, new double[][] {VOLS[0], VOLS[1], {0.7, 0.58, 0.57, 0.0}}));
    assertMessage("vol_surface vols[0][0] must be > 0 and <= 10, was NaN",
        () -> new VolSurface(TIMES, STRIKES, new double[][] {{Double.NaN, 0.7, 0.66, 0.85}, VOLS[1], VOLS[2]}));
    assertMessage("vol_surface vols[1][2] must be > 0 and <= 10, was 10.5",
        () -> new VolSurface(TIMES, STRIKES, new double[][] {VOLS[0], {0.8, 0.62, 10.5, 0.72}, VOLS[2]}));
  }

  private static String message(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, message(call));
  }
}

package io.hedgekit.cpu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorMathTest {

  private static final int LANES = VectorNormal.SPECIES.length();

  private static double[] padded(double[] x) {
    return Arrays.copyOf(x, (x.length + LANES - 1) / LANES * LANES);
  }

  private static double[] exp(double[] x) {
    double[] v = padded(x);
    VectorMath.exp(v, 0, v.length);
    return Arrays.copyOf(v, x.length);
  }

  private static double[] log(double[] x) {
    double[] v = padded(x);
    Arrays.fill(v, x.length, v.length, 1.0);
    double[] out = new double[v.length];
    VectorMath.log(v, out, 0, v.length);
    return Arrays.copyOf(out, x.length);
  }

  /** Largest error in ulps of the expected value. */
  private static double worstUlps(double[] got, double[] expected) {
    double worst = 0;
    for (int i = 0; i < got.length; i++) {
      if (got[i] != expected[i]) {
        worst = Math.max(worst, Math.abs(got[i] - expected[i]) / Math.ulp(expected[i]));
      }
    }
    return worst;
  }

  @Test
  void exp_withinOneUlpOfMathExpOverTheNormalRange() {
    SplittableRandom rnd = new SplittableRandom(5);
    double[] x = new double[200_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 4 == 0 ? rnd.nextDouble(-1, 1) : rnd.nextDouble(-708, 709.7);
    }
    double[] expected = Arrays.stream(x).map(Math::exp).toArray();
    double ulps = worstUlps(exp(x), expected);
    assertTrue(ulps <= 1.0, "worst error " + ulps + " ulp");
  }

  @Test
  void exp_smallArgumentsTakeTheUnreducedPath_withinOneUlp() {
    // Whole vectors with every |x| <= 1/4 (the path without range reduction), including the
    // boundary, tiny and signed-zero lanes; then vectors where one lane just above 1/4 sends the
    // whole vector through the reduced path, which must agree as closely.
    SplittableRandom rnd = new SplittableRandom(11);
    double[] x = new double[64_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = switch (i % 5) {
        case 0 -> rnd.nextDouble(-0.25, 0.25);
        case 1 -> rnd.nextDouble(-1e-3, 1e-3);
        case 2 -> (rnd.nextBoolean() ? 1 : -1) * Math.scalb(1.0, -rnd.nextInt(20, 1074));
        case 3 -> rnd.nextBoolean() ? 0.25 : -0.25;
        default -> rnd.nextBoolean() ? 0.0 : -0.0;
      };
    }
    double[] expected = Arrays.stream(x).map(Math::exp).toArray();
    assertTrue(worstUlps(exp(x), expected) <= 1.0, "small path: " + worstUlps(exp(x), expected) + " ulp");
    double[] mixed = x.clone();
    for (int i = 0; i < mixed.length; i += LANES) {
      mixed[i] = Math.nextUp(0.25);
    }
    double[] expectedMixed = Arrays.stream(mixed).map(Math::exp).toArray();
    assertTrue(worstUlps(exp(mixed), expectedMixed) <= 1.0, "reduced path");
    assertEquals(1.0, exp(new double[] {0.0})[0], "exp(0) is exactly 1 on the small path");
  }

  @Test
  void exp_limitsAndSpecialValues() {
    double[] got = exp(new double[] {0.0, -0.0, 1.0, -708.5, -1000, 709.79, 1e300, Double.NaN,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 709.7, -708.39});
    assertEquals(1.0, got[0], "exp(0) is exactly 1");
    assertEquals(1.0, got[1]);
    assertEquals(Math.E, got[2], Math.ulp(Math.E));
    assertEquals(0.0, got[3], "below the smallest normal the result is flushed to 0");
    assertEquals(0.0, got[4]);
    assertEquals(Double.POSITIVE_INFINITY, got[5]);
    assertEquals(Double.POSITIVE_INFINITY, got[6]);
    assertTrue(Double.isNaN(got[7]));
    assertEquals(0.0, got[8]);
    assertEquals(Double.POSITIVE_INFINITY, got[9]);
    assertEquals(Math.exp(709.7), got[10], Math.ulp(Math.exp(709.7)));
    assertEquals(Math.exp(-708.39), got[11], Math.ulp(Math.exp(-708.39)));
  }

  @Test
  void log_withinOneUlpOfMathLogFromSubnormalToHuge() {
    SplittableRandom rnd = new SplittableRandom(9);
    double[] x = new double[200_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = switch (i % 4) {
        case 0 -> rnd.nextDouble(0.5, 2.0);
        case 1 -> 1.0 + rnd.nextDouble(-1e-6, 1e-6);
        case 2 -> Math.exp(rnd.nextDouble(-700, 700));
        default -> rnd.nextDouble(1e-3, 1e3);
      };
    }
    double ulps = worstUlps(log(x), Arrays.stream(x).map(Math::log).toArray());
    assertTrue(ulps <= 1.0, "worst error " + ulps + " ulp");
  }

  @Test
  void log_limitsAndSpecialValues() {
    double[] got = log(new double[] {1.0, 0.0, -0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE,
        4.9e-310, Double.MAX_VALUE, Math.E});
    assertEquals(0.0, got[0], "log(1) is exactly 0, so log(S/K) at the money is exactly the reference's");
    assertEquals(Double.NEGATIVE_INFINITY, got[1]);
    assertEquals(Double.NEGATIVE_INFINITY, got[2]);
    assertTrue(Double.isNaN(got[3]));
    assertTrue(Double.isNaN(got[4]));
    assertEquals(Double.POSITIVE_INFINITY, got[5]);
    assertEquals(Math.log(Double.MIN_VALUE), got[6], Math.ulp(Math.log(Double.MIN_VALUE)));
    assertEquals(Math.log(4.9e-310), got[7], Math.ulp(Math.log(4.9e-310)));
    assertEquals(Math.log(Double.MAX_VALUE), got[8], Math.ulp(Math.log(Double.MAX_VALUE)));
    assertEquals(1.0, got[9], Math.ulp(1.0));
  }

  @Test
  void exp_rejectsPartialVector() {
    assertThrows(IllegalArgumentException.class, () -> VectorMath.exp(new double[LANES + 1], 0, LANES + 1));
  }
}

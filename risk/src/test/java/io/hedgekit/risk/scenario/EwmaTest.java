package io.hedgekit.risk.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EwmaTest {

  @Test
  void variances_handComputedWithAGap() {
    // returns 0.1, (missing), −0.2, 0.05; λ = 0.5; seed = (0.01 + 0.04 + 0.0025)/3 = 0.0175
    double[] v = Ewma.variances(new double[] {0.1, Double.NaN, -0.2, 0.05}, 0.5);
    assertEquals(0.0175, v[0], 1e-15);
    assertTrue(Double.isNaN(v[1]));
    assertEquals(0.5 * 0.0175 + 0.5 * 0.01, v[2], 1e-15); // 0.01375
    assertEquals(0.5 * 0.01375 + 0.5 * 0.04, v[3], 1e-15); // 0.026875
    assertEquals(0.5 * 0.026875 + 0.5 * 0.0025, v[4], 1e-15); // today's forecast
  }

  @Test
  void variances_rejectsBadLambdaAndEmptySeries() {
    assertThrows(IllegalArgumentException.class, () -> Ewma.variances(new double[] {0.1}, 1.0));
    assertThrows(IllegalArgumentException.class, () -> Ewma.variances(new double[] {Double.NaN}, 0.94));
  }
}

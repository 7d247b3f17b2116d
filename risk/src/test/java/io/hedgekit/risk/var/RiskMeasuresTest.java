package io.hedgekit.risk.var;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RiskMeasuresTest {

  @Test
  void tailCount_roundsUpButForgivesFloatingPointNoise() {
    assertEquals(100, RiskMeasures.tailCount(10_000, 0.99)); // 10,000 × (1 − 0.99) = 100.00000000000009
    assertEquals(25, RiskMeasures.tailCount(1_000, 0.975));
    assertEquals(2, RiskMeasures.tailCount(101, 0.99)); // ⌈1.01⌉
    assertEquals(1, RiskMeasures.tailCount(50, 0.99)); // ⌈0.5⌉
    assertEquals(1, RiskMeasures.tailCount(1, 0.5));
    assertThrows(IllegalArgumentException.class, () -> RiskMeasures.tailCount(10, 1.0));
    assertThrows(IllegalArgumentException.class, () -> RiskMeasures.tailCount(10, 0.0));
    assertThrows(IllegalArgumentException.class, () -> RiskMeasures.tailCount(0, 0.99));
  }

  @Test
  void of_handExample() {
    // 20 P&Ls; at 90% k = 2: the two worst are −50 and −30
    double[] pnl = {5, -30, 12, 7, -50, 3, 1, 0, 9, -4, 6, 2, 8, 11, -1, 4, 10, -2, 13, 14};
    RiskMeasures.VarEs v = RiskMeasures.of(pnl, 0.90);
    assertEquals(2, v.tail());
    assertEquals(30.0, v.var());
    assertEquals(40.0, v.es());
    RiskMeasures.VarEs v80 = RiskMeasures.of(pnl, 0.80); // k = 4: −50, −30, −4, −2
    assertEquals(2.0, v80.var());
    assertEquals(21.5, v80.es());
  }

  @Test
  void of_esIsAtLeastVarOnRandomSamples() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int trial = 0; trial < 200; trial++) {
      double[] pnl = new double[1 + rnd.nextInt(500)];
      for (int i = 0; i < pnl.length; i++) {
        pnl[i] = rnd.nextDouble(-1, 1) * Math.exp(rnd.nextGaussian());
      }
      for (double c : new double[] {0.5, 0.9, 0.975, 0.99}) {
        RiskMeasures.VarEs v = RiskMeasures.of(pnl, c);
        assertTrue(v.es() >= v.var() - 1e-12 * Math.abs(v.var()), "ES " + v.es() + " < VaR " + v.var());
      }
    }
  }

  @Test
  void tailScenarios_takesLowestWithTiesByIndex() {
    double[] pnl = {3, -1, -5, -1, 2, -1};
    assertArrayEquals(new int[] {1, 2}, RiskMeasures.tailScenarios(pnl, 2));
    assertArrayEquals(new int[] {1, 2, 3}, RiskMeasures.tailScenarios(pnl, 3));
    assertArrayEquals(new int[] {2}, RiskMeasures.tailScenarios(pnl, 1));
    assertThrows(IllegalArgumentException.class, () -> RiskMeasures.tailScenarios(pnl, 0));
  }
}

package io.hedgekit.risk.backtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hedgekit.risk.backtest.BacktestStatistics.Zone;
import org.junit.jupiter.api.Test;

class BacktestStatisticsTest {

  @Test
  void kupiec_handComputedCase() {
    // n = 250, x = 5, p = 0.01:
    // LR = −2[245 ln 0.99 + 5 ln 0.01] + 2[245 ln 0.98 + 5 ln 0.02]
    //    = −2(−2.462332 − 23.025851) + 2(−4.949665 − 19.560115) = 50.976366 − 49.019560 = 1.956806
    // p = P(χ²₁ > 1.9568) = 2(1 − Φ(√1.9568)) = 2(1 − Φ(1.39886)) = 0.16185
    BacktestStatistics.TestResult t = BacktestStatistics.kupiec(250, 5, 0.01);
    assertEquals(1.9568097882306, t.statistic(), 1e-9);
    assertEquals(0.1618549171960, t.pValue(), 1e-9);
    assertEquals(1, t.degreesOfFreedom());
  }

  @Test
  void kupiec_noBreachesAndExactCoverage() {
    // x = 0: LR = −2·250·ln 0.99 = 5.0251679; p = 0.024982
    BacktestStatistics.TestResult none = BacktestStatistics.kupiec(250, 0, 0.01);
    assertEquals(5.025167926750726, none.statistic(), 1e-9);
    assertEquals(0.0249815030534, none.pValue(), 1e-9);
    BacktestStatistics.TestResult exact = BacktestStatistics.kupiec(1000, 10, 0.01);
    assertEquals(0.0, exact.statistic(), 1e-9);
    assertEquals(1.0, exact.pValue(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> BacktestStatistics.kupiec(10, 11, 0.01));
  }

  @Test
  void christoffersen_handComputedCase() {
    boolean[] b = bits("00001110000011000000");
    // transitions: n00 = 12, n01 = 2, n10 = 2, n11 = 3; π = 5/19, π01 = 2/14, π11 = 3/5
    assertArrayEquals(new long[] {12, 2, 2, 3}, BacktestStatistics.transitions(b));
    BacktestStatistics.TestResult t = BacktestStatistics.christoffersen(b);
    // LR = −2[14 ln(14/19) + 5 ln(5/19)] + 2[12 ln(12/14) + 2 ln(2/14) + 2 ln(2/5) + 3 ln(3/5)] = 3.6873233
    assertEquals(3.6873232725885, t.statistic(), 1e-9);
    assertEquals(0.054827538150, t.pValue(), 1e-9);
  }

  @Test
  void christoffersen_noBreachesIsNoEvidence() {
    BacktestStatistics.TestResult t = BacktestStatistics.christoffersen(new boolean[100]);
    assertEquals(0.0, t.statistic());
    assertEquals(1.0, t.pValue(), 1e-12);
  }

  @Test
  void conditionalCoverage_isChiSquareTwoClosedForm() {
    BacktestStatistics.TestResult k = BacktestStatistics.kupiec(250, 5, 0.01);
    BacktestStatistics.TestResult i = BacktestStatistics.christoffersen(bits("00001110000011000000"));
    BacktestStatistics.TestResult cc = BacktestStatistics.conditionalCoverage(k, i);
    assertEquals(k.statistic() + i.statistic(), cc.statistic(), 1e-12);
    assertEquals(Math.exp(-cc.statistic() / 2), cc.pValue(), 1e-9); // χ²₂ survival = e^(−x/2)
    assertEquals(2, cc.degreesOfFreedom());
  }

  @Test
  void trafficLight_reproducesTheBaselTable() {
    for (int x = 0; x <= 4; x++) {
      assertEquals(Zone.GREEN, BacktestStatistics.trafficLight(x, 250, 0.99), "breaches " + x);
    }
    for (int x = 5; x <= 9; x++) {
      assertEquals(Zone.YELLOW, BacktestStatistics.trafficLight(x, 250, 0.99), "breaches " + x);
    }
    for (int x = 10; x <= 30; x++) {
      assertEquals(Zone.RED, BacktestStatistics.trafficLight(x, 250, 0.99), "breaches " + x);
    }
    assertEquals("green", Zone.GREEN.label());
  }

  private static boolean[] bits(String s) {
    boolean[] b = new boolean[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = s.charAt(i) == '1';
    }
    return b;
  }
}

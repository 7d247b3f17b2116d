package io.hedgekit.risk.hedge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TailRiskTest {
  private static final double[] PNL = {5, -3, 2, -10, 0, -7, 1, 4, -1, 6};

  @Test
  void historical_wholeTailCount() {
    // k = ceil(10·0.2) = 2: the two worst are −10 and −7
    TailRisk.VarEs t = TailRisk.HISTORICAL.measure(PNL, 0.8);
    assertEquals(7, t.var(), 0.0);
    assertEquals(8.5, t.es(), 0.0);
  }

  @Test
  void historical_fractionalTailCountRoundsUp() {
    // k = ceil(10·0.25) = 3: −10, −7, −3
    TailRisk.VarEs t = TailRisk.HISTORICAL.measure(PNL, 0.75);
    assertEquals(3, t.var(), 0.0);
    assertEquals(20.0 / 3, t.es(), 1e-15);
  }

  @Test
  void historical_leavesTheInputUnsorted() {
    double[] copy = PNL.clone();
    TailRisk.HISTORICAL.measure(copy, 0.9);
    org.junit.jupiter.api.Assertions.assertArrayEquals(PNL, copy);
  }

  @Test
  void tailCount_ignoresBinaryRoundingOfTheProduct() {
    // 1000·(1 − 0.99) = 10.000000000000009 in binary
    assertEquals(10, EmpiricalTail.tailCount(1000, 0.99));
    assertEquals(25, EmpiricalTail.tailCount(1000, 0.975));
    assertEquals(1, EmpiricalTail.tailCount(10, 0.999));
  }

  @Test
  void tailCount_rejectsBadInputs() {
    assertEquals("confidence must be in (0, 1), was 1.0",
        assertThrows(IllegalArgumentException.class, () -> EmpiricalTail.tailCount(10, 1.0)).getMessage());
    assertEquals("need at least one scenario for VaR/ES, got 0",
        assertThrows(IllegalArgumentException.class, () -> EmpiricalTail.tailCount(0, 0.99)).getMessage());
  }
}

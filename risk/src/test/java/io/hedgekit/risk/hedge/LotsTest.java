package io.hedgekit.risk.hedge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LotsTest {

  @Test
  void round_toNearestLotWithoutBinaryNoise() {
    assertEquals(0.3, Lots.round(0.26, 0.1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), 0.0);
    assertEquals(-1.7, Lots.round(-1.749, 0.1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), 0.0);
    assertEquals(0.0, Lots.round(0.049, 0.1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), 0.0);
    assertEquals(46_550, Lots.round(46_549.6, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), 0.0);
  }

  @Test
  void round_halvesGoAwayFromZero() {
    assertEquals(3.0, Lots.round(2.5, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), 0.0);
    assertEquals(-3.0, Lots.round(-2.5, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), 0.0);
  }

  @Test
  void round_clampsToBounds() {
    assertEquals(0.8, Lots.round(1.26, 0.2, -0.4, 0.8), 0.0);
    assertEquals(-0.4, Lots.round(-3, 0.2, -0.4, 0.8), 0.0);
  }

  @Test
  void lowestAndHighestMultiple_treatDecimalBoundsAsExact() {
    // 0.3 / 0.1 is 2.9999999999999996 in binary; the bound 0.3 is still a multiple of 0.1
    assertEquals(0.3, Lots.highestMultiple(0.3, 0.1), 0.0);
    assertEquals(0.3, Lots.lowestMultiple(0.3, 0.1), 0.0);
    assertEquals(-0.2, Lots.lowestMultiple(-0.25, 0.1), 0.0);
    assertEquals(Double.NEGATIVE_INFINITY, Lots.lowestMultiple(Double.NaN, 0.1));
  }
}

package io.hedgekit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DeskGreeksTest {

  @Test
  void fromModel_convertsToDeskUnits() {
    // 2 coins of delta at 50,000 = $100,000; gamma 0.0001/USD: a 1% move (500 USD) adds 0.05 coins;
    // vega 3,650 per 1.00 vol = 36.5 per point; theta -36,500 per year = -100 per day.
    DeskGreeks g = DeskGreeks.fromModel(2, 0.0001, 3_650, -36_500, 50_000);
    assertEquals(100_000, g.dollarDelta(), 1e-9);
    assertEquals(0.05, g.gammaPer1Pct(), 1e-15);
    assertEquals(36.5, g.vegaPerVolPoint(), 1e-12);
    assertEquals(-100, g.thetaPerDay(), 1e-12);
  }

  @Test
  void plus_addsComponentWise() {
    DeskGreeks sum = new DeskGreeks(1, 2, 3, 4).plus(new DeskGreeks(10, 20, 30, 40));
    assertEquals(new DeskGreeks(11, 22, 33, 44), sum);
    assertEquals(44, sum.get(3));
  }

  @Test
  void constructor_nonFinite_namesTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DeskGreeks(0, Double.NaN, 0, 0));
    assertEquals("gammaPer1Pct must be finite, was NaN", e.getMessage());
  }

  @Test
  void fromModel_nonPositiveSpot_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeskGreeks.fromModel(1, 1, 1, 1, 0));
    assertEquals("spot must be finite and > 0, was 0.0", e.getMessage());
  }
}

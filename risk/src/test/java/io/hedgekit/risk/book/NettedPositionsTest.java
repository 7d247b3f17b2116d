package io.hedgekit.risk.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.PositionColumns;
import org.junit.jupiter.api.Test;

class NettedPositionsTest {

  /** Rows: kind, underlying, strike, vol, size, entry. */
  private static PositionColumns book(double[][] rows) {
    int n = rows.length;
    int[] kind = new int[n];
    int[] und = new int[n];
    double[] spot = new double[n];
    double[] strike = new double[n];
    double[] time = new double[n];
    double[] vol = new double[n];
    double[] rate = new double[n];
    double[] carry = new double[n];
    double[] size = new double[n];
    double[] entry = new double[n];
    double[] funding = new double[n];
    for (int i = 0; i < n; i++) {
      kind[i] = (int) rows[i][0];
      und[i] = (int) rows[i][1];
      spot[i] = 95_000;
      strike[i] = rows[i][2];
      time[i] = 0.25;
      vol[i] = rows[i][3];
      rate[i] = 0.03;
      carry[i] = 0.01;
      size[i] = rows[i][4];
      entry[i] = rows[i][5];
      funding[i] = 0.0001;
    }
    return PositionColumns.ofArrays(kind, und, spot, strike, time, vol, rate, carry, size, entry, funding);
  }

  private static final int CALL = ContractKind.LINEAR_CALL.code();
  private static final int FUTURE = ContractKind.LINEAR_FUTURE.code();

  @Test
  void add_sumsSizesOfEqualInstrumentsInFirstAppearanceOrder() {
    PositionColumns p = book(new double[][] {
        {CALL, 0, 100_000, 0.6, 2.0, 0},
        {FUTURE, 0, 95_000, 1.0, 5.0, 94_000},
        {CALL, 0, 100_000, 0.6, -0.5, 123}, // same option, other entry price: nets
        {CALL, 0, 100_000, 0.61, 1.0, 0}, // other vol: its own row
        {FUTURE, 0, 95_000, 1.0, 1.0, 93_000}, // other entry price: its own row
        {CALL, 1, 100_000, 0.6, 4.0, 0}, // other underlying
        {FUTURE, 0, 95_000, 1.0, -5.0, 94_000}, // cancels the first future exactly
    });
    try (NettedPositions net = new NettedPositions(10)) {
      int[] rows = new int[p.rows()];
      for (int i = 0; i < p.rows(); i++) {
        rows[i] = net.add(p, i);
      }
      assertEquals(5, net.instruments());
      assertEquals(java.util.List.of(0, 1, 0, 2, 3, 4, 1), java.util.Arrays.stream(rows).boxed().toList());
      PositionColumns c = net.columns();
      assertEquals(5, c.rows());
      assertEquals(1.5, c.size().getAtIndex(PositionColumns.DOUBLE, 0));
      assertEquals(0.0, c.size().getAtIndex(PositionColumns.DOUBLE, 1));
      assertEquals(1.0, c.size().getAtIndex(PositionColumns.DOUBLE, 2));
      assertEquals(4.0, c.size().getAtIndex(PositionColumns.DOUBLE, 4));
      // an option's entry price is not part of its instrument (the kernels never read it)
      assertEquals(0.0, c.entryPrice().getAtIndex(PositionColumns.DOUBLE, 0));
      assertEquals(93_000, c.entryPrice().getAtIndex(PositionColumns.DOUBLE, 3));
      assertEquals(0.61, c.vol().getAtIndex(PositionColumns.DOUBLE, 2));
      assertEquals(1, c.underlying().getAtIndex(PositionColumns.INT, 4));
      assertEquals(FUTURE, c.kind().getAtIndex(PositionColumns.INT, 3));
      assertEquals(0.0001, c.funding8h().getAtIndex(PositionColumns.DOUBLE, 3));
      assertEquals(true, c.spot().isNative());
    }
  }

  @Test
  void add_reportsFullOnlyForNewInstruments() {
    PositionColumns p = book(new double[][] {
        {CALL, 0, 100_000, 0.6, 2.0, 0},
        {CALL, 0, 110_000, 0.6, 1.0, 0},
        {CALL, 0, 100_000, 0.6, 3.0, 0},
    });
    try (NettedPositions net = new NettedPositions(1)) {
      assertEquals(0, net.add(p, 0));
      assertEquals(-1, net.add(p, 1));
      assertEquals(0, net.add(p, 2));
      assertEquals(5.0, net.columns().size().getAtIndex(PositionColumns.DOUBLE, 0));
      net.clear();
      assertEquals(0, net.instruments());
      assertEquals(0, net.add(p, 1));
      assertEquals(110_000, net.columns().strike().getAtIndex(PositionColumns.DOUBLE, 0));
    }
  }

  @Test
  void addUnit_keepsSizeOne() {
    PositionColumns p = book(new double[][] {
        {CALL, 0, 100_000, 0.6, 2.0, 0},
        {CALL, 0, 100_000, 0.6, -7.0, 0},
    });
    try (NettedPositions net = new NettedPositions(4)) {
      assertEquals(0, net.addUnit(p, 0));
      assertEquals(0, net.addUnit(p, 1));
      assertEquals(1.0, net.columns().size().getAtIndex(PositionColumns.DOUBLE, 0));
    }
  }

  @Test
  void constructor_rejectsZeroCapacity() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NettedPositions(0));
    assertEquals("capacity must be >= 1, was 0", e.getMessage());
  }
}

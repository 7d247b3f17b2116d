package io.hedgekit.kernels.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.check.SyntheticBooks;
import org.junit.jupiter.api.Test;

class ReferenceGreeksKernelTest {

  private final ReferenceGreeksKernel kernel = new ReferenceGreeksKernel();

  @Test
  void compute_isReferencePricerRowByRow() {
    PositionColumns book = SyntheticBooks.mixed(1_003, 4, 31, false);
    GreeksColumns out = GreeksColumns.allocateOnHeap(book.rows());
    kernel.compute(book, out);
    double[] row = new double[GreeksColumns.COUNT];
    for (int i = 0; i < book.rows(); i++) {
      var p = book.row(i);
      ReferencePricer.greeks(p.kind().code(), p.spot(), p.strike(), p.timeYears(), p.vol(), p.rate(), p.carry(),
          p.size(), p.entryPrice(), row);
      for (int c = 0; c < GreeksColumns.COUNT; c++) {
        // Same function, same inputs: bit-identical (NaN coin values included).
        assertEquals(row[c], out.get(c, i), 0.0, GreeksColumns.NAMES.get(c) + " row " + i);
      }
    }
  }

  @Test
  void compute_slicesWriteTheirOwnRowsOnly() {
    PositionColumns book = SyntheticBooks.edgeCases(100, 32);
    GreeksColumns whole = GreeksColumns.allocateOnHeap(100);
    kernel.compute(book, whole);
    GreeksColumns parts = GreeksColumns.allocateOnHeap(101);
    kernel.compute(book.slice(0, 37), parts.slice(0, 37));
    kernel.compute(book.slice(37, 63), parts.slice(37, 64));
    for (int i = 0; i < 100; i++) {
      for (int c = 0; c < GreeksColumns.COUNT; c++) {
        assertEquals(whole.get(c, i), parts.get(c, i), 0.0, GreeksColumns.NAMES.get(c) + " row " + i);
      }
    }
    for (int c = 0; c < GreeksColumns.COUNT; c++) {
      assertEquals(0.0, parts.get(c, 100), 0.0, "the row past the input is not written");
    }
  }

  @Test
  void compute_rejectsTooFewOutputRows() {
    PositionColumns book = SyntheticBooks.mixed(10, 1, 33, true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> kernel.compute(book, GreeksColumns.allocateOnHeap(9)));
    assertEquals("output has 9 rows, input 10", e.getMessage());
  }
}

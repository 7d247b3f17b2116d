package io.hedgekit.kernels.reference;

import static io.hedgekit.kernels.PositionColumns.DOUBLE;
import static io.hedgekit.kernels.PositionColumns.INT;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PositionColumns;
import java.lang.foreign.MemorySegment;

/**
 * The {@link GreeksKernel} of the scalar reference: {@link ReferencePricer} row by row, one thread.
 * Every kind code is checked before any output is written ({@link ContractKind#checkCodes}).
 */
public final class ReferenceGreeksKernel implements GreeksKernel {

  @Override
  public void compute(PositionColumns in, GreeksColumns out) {
    if (out.rows() < in.rows()) {
      throw new IllegalArgumentException("output has " + out.rows() + " rows, input " + in.rows());
    }
    ContractKind.checkCodes(in.kind(), in.rows());
    MemorySegment[] cols = out.columns();
    double[] row = new double[GreeksColumns.COUNT];
    for (int i = 0; i < in.rows(); i++) {
      ReferencePricer.greeks(in.kind().getAtIndex(INT, i), in.spot().getAtIndex(DOUBLE, i),
          in.strike().getAtIndex(DOUBLE, i), in.timeYears().getAtIndex(DOUBLE, i), in.vol().getAtIndex(DOUBLE, i),
          in.rate().getAtIndex(DOUBLE, i), in.carry().getAtIndex(DOUBLE, i), in.size().getAtIndex(DOUBLE, i),
          in.entryPrice().getAtIndex(DOUBLE, i), row);
      for (int c = 0; c < GreeksColumns.COUNT; c++) {
        cols[c].setAtIndex(DOUBLE, i, row[c]);
      }
    }
  }
}

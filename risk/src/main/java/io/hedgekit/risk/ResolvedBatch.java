package io.hedgekit.risk;

import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.SumBuckets;

/**
 * A batch of positions resolved against market data: kernel-ready columns plus what a person
 * needs to name a position. Owns off-heap memory when backed by Arrow: close it.
 */
public interface ResolvedBatch extends AutoCloseable {

  /** The resolved columns; valid until {@link #close()}. */
  PositionColumns columns();

  /** Position id of row {@code row}. */
  String id(int row);

  /** Name of the underlying of row {@code row}. */
  String underlyingName(int row);

  /** Index of this batch's first row in the whole book (0-based). */
  long firstRow();

  /**
   * Rows of each cell of {@code layout} in this batch ({@code counts[key]}, the cells of
   * {@link SumBuckets#keyOf}). The default counts them (one pass); the batches of an in-memory
   * resolved book count once per layout and keep the answer (resolve once, revalue many times).
   *
   * @throws IllegalArgumentException if a row's kind code or underlying index is outside the layout's
   */
  default long[] positionsPerCell(SumBuckets layout) {
    return countPerCell(columns(), layout);
  }

  /** Rows of each cell of {@code layout} among {@code p}'s rows (see {@link #positionsPerCell}). */
  static long[] countPerCell(PositionColumns p, SumBuckets layout) {
    long[] counts = new long[layout.cells()];
    for (int i = 0; i < p.rows(); i++) {
      counts[layout.keyOf(p.kind().getAtIndex(PositionColumns.INT, i), p.underlying().getAtIndex(PositionColumns.INT, i),
          p.spot().getAtIndex(PositionColumns.DOUBLE, i), p.strike().getAtIndex(PositionColumns.DOUBLE, i),
          p.timeYears().getAtIndex(PositionColumns.DOUBLE, i), i)]++;
    }
    return counts;
  }

  @Override
  void close();
}

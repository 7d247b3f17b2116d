package io.hedgekit.risk;

import io.hedgekit.kernels.PositionColumns;

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
   * Rows of each underlying in this batch: element u counts the rows whose underlying index is u.
   * The default counts them (one pass over the underlying column); the batches of an in-memory
   * resolved book count once and keep the answer (resolve once, revalue many times).
   *
   * @param underlyings the book's number of underlyings
   * @throws IndexOutOfBoundsException if a row's underlying index is outside {@code [0, underlyings)}
   */
  default long[] positionsPerUnderlying(int underlyings) {
    return countPerUnderlying(columns(), underlyings);
  }

  /** Rows of each underlying among {@code p}'s rows (see {@link #positionsPerUnderlying}). */
  static long[] countPerUnderlying(PositionColumns p, int underlyings) {
    long[] counts = new long[underlyings];
    java.lang.foreign.MemorySegment und = p.underlying();
    for (int i = 0; i < p.rows(); i++) {
      counts[java.util.Objects.checkIndex(und.getAtIndex(PositionColumns.INT, i), underlyings)]++;
    }
    return counts;
  }

  @Override
  void close();
}

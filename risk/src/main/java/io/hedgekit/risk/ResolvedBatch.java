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

  @Override
  void close();
}

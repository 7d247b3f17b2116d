package io.hedgekit.risk;

import java.util.Iterator;
import java.util.List;

/**
 * A book resolved against market data, read batch by batch (so it never has to fit in memory at
 * once) and readable more than once (VaR passes over it twice: P&amp;L, then tail contributions).
 */
public interface ResolvedBook {

  /** Underlying names; a position's {@code underlying} index points into this list. */
  List<String> underlyings();

  /** Spot of each underlying, USD, in {@link #underlyings()} order. */
  double[] spots();

  /**
   * A fresh pass over the batches, in book order. Each batch must be closed by the caller before
   * or after the next is requested; the iterator may reuse memory only after a close.
   */
  Iterator<ResolvedBatch> batches();
}

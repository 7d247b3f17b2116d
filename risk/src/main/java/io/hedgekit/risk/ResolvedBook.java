package io.hedgekit.risk;

import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.market.UnderlyingMarket;
import io.hedgekit.kernels.market.VolSmile;
import java.util.ArrayList;
import java.util.Collections;
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

  /**
   * The SVI smile of each underlying in {@link #underlyings()} order, null where it has none:
   * what the sticky-moneyness delta and {@link io.hedgekit.kernels.VolDynamics} read. Books
   * resolved against a market return the market's smiles; the default is none.
   */
  default List<VolSmile> smiles() {
    return Collections.nCopies(underlyings().size(), null);
  }

  /**
   * Ends a pass over {@link #batches()}: closes the iterator where it holds resources (the
   * streaming passes of file books); the passes of in-memory books need nothing. Call it in a
   * {@code finally}, after the last batch or after a failure.
   *
   * @throws IllegalStateException if closing fails
   */
  static void endPass(Iterator<ResolvedBatch> pass) {
    if (pass instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing a pass over the book failed: " + e.getMessage(), e);
      }
    }
  }

  /** The smiles of {@code underlyings} in {@code market}, in that order (null where none or unknown). */
  static List<VolSmile> smilesOf(MarketData market, List<String> underlyings) {
    List<VolSmile> smiles = new ArrayList<>(underlyings.size());
    for (String name : underlyings) {
      UnderlyingMarket m = market.underlying(name);
      smiles.add(m == null ? null : m.smile());
    }
    return Collections.unmodifiableList(smiles);
  }
}

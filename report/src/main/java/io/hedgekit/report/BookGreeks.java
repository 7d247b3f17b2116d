package io.hedgekit.report;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.greeks.GreeksSums;
import io.hedgekit.risk.greeks.PortfolioGreeks;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Everything the report's Greeks section needs, from one pass over a book: the summary per
 * underlying and the Greeks by expiry and by strike bucket.
 *
 * @param portfolio model-unit sums per underlying (as {@link PortfolioGreeks#compute})
 * @param underlyings the same sums in desk units
 * @param byExpiry Greeks by time-to-expiry bucket
 * @param byStrike Greeks by strike bucket (options only)
 */
public record BookGreeks(PortfolioGreeks portfolio, List<UnderlyingSummary> underlyings, GreekBuckets byExpiry,
    GreekBuckets byStrike) {

  public BookGreeks {
    Objects.requireNonNull(portfolio, "portfolio");
    underlyings = Checks.list("underlyings", underlyings);
    Objects.requireNonNull(byExpiry, "byExpiry");
    Objects.requireNonNull(byStrike, "byStrike");
  }

  /**
   * Computes per-position Greeks with {@code kernel}, batch by batch (each batch closed before the
   * next), and sums them per underlying and per bucket, in book order (deterministic).
   */
  public static BookGreeks compute(ResolvedBook book, GreeksKernel kernel) {
    Objects.requireNonNull(kernel, "kernel");
    GreeksSums sums = new GreeksSums(book.underlyings(), book.spots(), true, book.smiles());
    Iterator<ResolvedBatch> it = book.batches();
    while (it.hasNext()) {
      try (ResolvedBatch batch = it.next()) {
        PositionColumns p = batch.columns();
        GreeksColumns out = GreeksColumns.allocateOnHeap(p.rows());
        kernel.compute(p, out);
        sums.add(p, out);
      }
    }
    return of(sums);
  }

  /** The report's Greeks from sums with buckets. */
  public static BookGreeks of(GreeksSums sums) {
    return of(sums.portfolio(), sums.buckets(GreeksSums.Dimension.EXPIRY), sums.buckets(GreeksSums.Dimension.STRIKE));
  }

  /** The report's Greeks from model-unit sums (as the engine's Greeks request with buckets returns them). */
  public static BookGreeks of(PortfolioGreeks portfolio, GreeksSums.Buckets byExpiry, GreeksSums.Buckets byStrike) {
    return new BookGreeks(portfolio, UnderlyingSummary.fromPortfolio(portfolio), GreekBuckets.of(byExpiry),
        GreekBuckets.of(byStrike));
  }

  /** The buckets of {@code dimension}. */
  public GreekBuckets buckets(GreekBuckets.Dimension dimension) {
    return dimension == GreekBuckets.Dimension.EXPIRY ? byExpiry : byStrike;
  }
}

package io.hedgekit.risk.greeks;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.ResolvedBook;
import java.util.Iterator;
import java.util.List;

/**
 * Greeks of a whole book summed per underlying, in the units of {@link GreeksColumns}
 * (value USD, delta coins, gamma per USD, vega per 1.00 vol, theta per year, ...).
 *
 * <p>{@code value_coin} sums only the inverse positions' coin values (linear ones have none).
 *
 * @param underlyings underlying names
 * @param spots spot per underlying, USD
 * @param sums {@code sums[u][c]}: output column c ({@link GreeksColumns#NAMES} order) summed over underlying u;
 *     a column {@code COUNT} after them, when present, is {@link #DELTA_SMILE}
 * @param positions number of positions per underlying
 */
public record PortfolioGreeks(List<String> underlyings, double[] spots, double[][] sums, long[] positions) {

  /** Name of the sticky-moneyness delta ({@link GreeksJob#DELTA_SMILE}), summed as column {@code COUNT} when present. */
  public static final String DELTA_SMILE = "delta_smile";

  /**
   * Computes Greeks batch by batch with {@code kernel} and sums them per underlying, in book order
   * (deterministic), through {@link GreeksSums}.
   */
  public static PortfolioGreeks compute(ResolvedBook book, GreeksKernel kernel) {
    GreeksSums sums = new GreeksSums(book.underlyings(), book.spots(), false, book.smiles());
    Iterator<ResolvedBatch> it = book.batches();
    while (it.hasNext()) {
      try (ResolvedBatch batch = it.next()) {
        PositionColumns p = batch.columns();
        GreeksColumns out = GreeksColumns.allocateOnHeap(p.rows());
        kernel.compute(p, out);
        sums.add(p, out);
      }
    }
    return sums.portfolio();
  }

  /** The index of a {@link GreeksColumns#NAMES} entry. */
  static int columnIndex(String column) {
    int c = GreeksColumns.NAMES.indexOf(column);
    if (c < 0) {
      throw new IllegalArgumentException("unknown Greek column " + column + "; known: " + GreeksColumns.NAMES);
    }
    return c;
  }

  /** Sum of output {@code column} (a {@link GreeksColumns#NAMES} entry) for underlying index u. */
  public double get(int u, String column) {
    if (column.equals(DELTA_SMILE)) {
      // the sticky-moneyness delta when the job computed it (an extra column), else the delta
      return sums[u].length > GreeksColumns.COUNT ? sums[u][GreeksColumns.COUNT] : get(u, "delta");
    }
    return sums[u][columnIndex(column)];
  }

  /** Dollar delta of underlying u: delta × spot, USD per 1.00 (100%) relative move of spot. */
  public double dollarDelta(int u) {
    return DeskUnits.dollarDelta(get(u, "delta"), spots[u]);
  }

  /** Number of positions in the book. */
  public long totalPositions() {
    long n = 0;
    for (long c : positions) {
      n += c;
    }
    return n;
  }

  /** Sum of output {@code column} over all underlyings (meaningful for USD columns). */
  public double total(String column) {
    double t = 0;
    for (int u = 0; u < underlyings.size(); u++) {
      t += get(u, column);
    }
    return t;
  }
}

package io.hedgekit.kernels;

import java.util.Arrays;

/**
 * How a {@link GreekSumsKernel} groups positions: per underlying, optionally split by expiry
 * bucket and by strike bucket. Every position falls in exactly one cell
 * {@code (underlying, expiryBucket, strikeBucket)}; a cell's index is its {@link #key}.
 *
 * <p>Bucket rules (edges ascending, finite; a bucket includes its lower edge):
 * <ul>
 *   <li><b>Expiry</b>, when {@code expiryEdges} is not null: options and dated futures with time to
 *       expiry T (ACT/365 years) go to bucket {@code e} = the number of edges ≤ T, so bucket 0 is
 *       T &lt; edges[0] (expired positions, T ≤ 0, count there when edges[0] &gt; 0) and bucket
 *       {@code edges.length} is T ≥ the last edge. Perpetuals and spot, which have no expiry, go to
 *       the extra bucket {@link #undatedBucket()} = {@code edges.length + 1}. Without expiry edges
 *       there is one expiry bucket, 0, for every position.</li>
 *   <li><b>Strike</b>, when {@code strikeEdges} is not null: options go to bucket {@code s} = the
 *       number of edges ≤ K/S (moneyness: strike over spot), futures, perpetuals and spot to the
 *       extra bucket {@link #noStrikeBucket()} = {@code edges.length + 1}. Without strike edges
 *       there is one strike bucket, 0.</li>
 *   <li>NaN T or K/S counts below every edge (bucket 0).</li>
 * </ul>
 *
 * <p>Example: {@code new SumBuckets(2, new double[] {7 / 365.0, 30 / 365.0}, new double[] {0.9, 1.1})}
 * has 2 × 4 × 4 = 32 cells: expiry [0, 7d), [7d, 30d), ≥ 30d, undated; strike K/S &lt; 0.9,
 * [0.9, 1.1), ≥ 1.1, no strike.
 *
 * <p>Immutable (the edge arrays are copied); thread-safe.
 *
 * @param underlyings number of underlyings U: every row's {@code underlying} index must be in {@code [0, U)}
 * @param expiryEdges expiry bucket edges, ACT/365 years, strictly ascending and finite; null = no expiry split
 * @param strikeEdges moneyness (K/S) bucket edges, strictly ascending, finite and &gt; 0; null = no strike split
 */
public record SumBuckets(int underlyings, double[] expiryEdges, double[] strikeEdges) {

  /** At most this many cells (about 64 MB of partial sums on a 1M-row book at most; see the kernels). */
  public static final int MAX_CELLS = 1 << 20;

  public SumBuckets {
    if (underlyings < 1) {
      throw new IllegalArgumentException("underlyings must be >= 1, was " + underlyings);
    }
    expiryEdges = checkEdges("expiryEdges", expiryEdges, false);
    strikeEdges = checkEdges("strikeEdges", strikeEdges, true);
    long cells = (long) underlyings * count(expiryEdges) * count(strikeEdges);
    if (cells > MAX_CELLS) {
      throw new IllegalArgumentException("too many sum cells: " + underlyings + " underlyings × " + count(expiryEdges)
          + " expiry × " + count(strikeEdges) + " strike buckets = " + cells + ", at most " + MAX_CELLS);
    }
  }

  /** Sums per underlying only: one cell per underlying. */
  public static SumBuckets perUnderlying(int underlyings) {
    return new SumBuckets(underlyings, null, null);
  }

  private static double[] checkEdges(String name, double[] edges, boolean positive) {
    if (edges == null) {
      return null;
    }
    double[] copy = edges.clone();
    for (int i = 0; i < copy.length; i++) {
      if (!Double.isFinite(copy[i]) || (positive && !(copy[i] > 0)) || (i > 0 && !(copy[i] > copy[i - 1]))) {
        throw new IllegalArgumentException(name + " must be finite" + (positive ? ", > 0" : "")
            + " and strictly ascending, was " + Arrays.toString(copy) + " (edge " + i + ")");
      }
    }
    return copy;
  }

  private static int count(double[] edges) {
    return edges == null ? 1 : edges.length + 2;
  }

  /** Expiry buckets per underlying: {@code expiryEdges.length + 2}, or 1 without expiry edges. */
  public int expiryBuckets() {
    return count(expiryEdges);
  }

  /** Strike buckets per expiry bucket: {@code strikeEdges.length + 2}, or 1 without strike edges. */
  public int strikeBuckets() {
    return count(strikeEdges);
  }

  /** Number of cells: underlyings × expiry buckets × strike buckets. */
  public int cells() {
    return underlyings * expiryBuckets() * strikeBuckets();
  }

  /** The expiry bucket of perpetuals and spot ({@code expiryEdges.length + 1}); 0 without expiry edges. */
  public int undatedBucket() {
    return expiryEdges == null ? 0 : expiryEdges.length + 1;
  }

  /** The strike bucket of futures, perpetuals and spot ({@code strikeEdges.length + 1}); 0 without strike edges. */
  public int noStrikeBucket() {
    return strikeEdges == null ? 0 : strikeEdges.length + 1;
  }

  /** The expiry edges (a copy), or null. */
  @Override
  public double[] expiryEdges() {
    return expiryEdges == null ? null : expiryEdges.clone();
  }

  /** The strike edges (a copy), or null. */
  @Override
  public double[] strikeEdges() {
    return strikeEdges == null ? null : strikeEdges.clone();
  }

  /** Index of a cell: {@code (underlying · expiryBuckets + expiryBucket) · strikeBuckets + strikeBucket}. */
  public int key(int underlying, int expiryBucket, int strikeBucket) {
    java.util.Objects.checkIndex(underlying, underlyings);
    java.util.Objects.checkIndex(expiryBucket, expiryBuckets());
    java.util.Objects.checkIndex(strikeBucket, strikeBuckets());
    return (underlying * expiryBuckets() + expiryBucket) * strikeBuckets() + strikeBucket;
  }

  /**
   * The cell of one position by the rules above (the scalar definition every kernel follows).
   *
   * @param row the row, for the error message
   * @throws IllegalArgumentException if {@code underlying} is not in {@code [0, underlyings)} or
   *     the kind code is bad; the message names the row
   */
  public int keyOf(int kindCode, int underlying, double spot, double strike, double timeYears, int row) {
    if (kindCode < 0 || kindCode >= ContractKind.COUNT) {
      throw ContractKind.badCode(kindCode, row);
    }
    if (underlying < 0 || underlying >= underlyings) {
      throw badUnderlying(underlying, row);
    }
    ContractKind kind = ContractKind.ofCode(kindCode);
    int e = 0;
    if (expiryEdges != null) {
      e = kind.hasExpiry() ? below(expiryEdges, timeYears) : expiryEdges.length + 1;
    }
    int s = 0;
    if (strikeEdges != null) {
      s = kind.isOption() ? below(strikeEdges, strike / spot) : strikeEdges.length + 1;
    }
    return (underlying * expiryBuckets() + e) * strikeBuckets() + s;
  }

  /** The error for an underlying index out of range, naming the row. */
  public IllegalArgumentException badUnderlying(int underlying, long row) {
    return new IllegalArgumentException("underlying index must be 0.." + (underlyings - 1) + ", was " + underlying
        + " (row " + row + ")");
  }

  /** Number of edges ≤ x (0 for NaN). */
  private static int below(double[] edges, double x) {
    int n = 0;
    for (double edge : edges) {
      if (edge <= x) {
        n++;
      }
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SumBuckets b && underlyings == b.underlyings && Arrays.equals(expiryEdges, b.expiryEdges)
        && Arrays.equals(strikeEdges, b.strikeEdges);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * underlyings + Arrays.hashCode(expiryEdges)) + Arrays.hashCode(strikeEdges);
  }

  @Override
  public String toString() {
    return "SumBuckets[underlyings=" + underlyings + ", expiryEdges=" + Arrays.toString(expiryEdges)
        + ", strikeEdges=" + Arrays.toString(strikeEdges) + "]";
  }
}

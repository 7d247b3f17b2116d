package io.hedgekit.kernels;

import java.util.Objects;

/**
 * The result of a {@link GreekSumsKernel}: for every cell of a {@link SumBuckets} layout, the sums
 * over its positions of all ten {@link GreeksColumns} outputs, in the same position-level
 * units: value (USD), coin value (coins), delta (coins), premium-adjusted delta (coins), gamma
 * (coins per USD), vega (USD per 1.00 of vol), theta (USD per year), rho (USD per 1.00 of rate),
 * vanna (coins per 1.00 of vol), volga (USD per (1.00 of vol)²).
 *
 * <p>A cell without positions holds zeros. The coin value is summed over the positions that have
 * one (inverse contracts; linear ones have NaN, which adds nothing: {@link Greek#summand}); any
 * other NaN output makes its cell's sum NaN. Immutable; thread-safe.
 */
public final class GreekSums {

  /** The summed outputs, in this order; {@link #column()} is the {@link GreeksColumns} index. */
  public enum Greek {
    VALUE(0), VALUE_COIN(1), DELTA(2), DELTA_ADJUSTED(3), GAMMA(4), VEGA(5), THETA(6), RHO(7), VANNA(8), VOLGA(9);

    /** Number of summed outputs. */
    public static final int COUNT = 10;

    private static final Greek[] ALL = values();

    private final int column;

    Greek(int column) {
      this.column = column;
    }

    /** The index of this output in {@link GreeksColumns#NAMES}. */
    public int column() {
      return column;
    }

    /**
     * What one position's output {@code v} adds to its cell's sum of this Greek: {@code v}, except
     * a NaN coin value (a linear contract's), which adds −0.0, i.e. nothing (x + −0.0 is x, bit
     * for bit, for every x).
     */
    public double summand(double v) {
      return this == VALUE_COIN && v != v ? -0.0 : v;
    }

    /** The Greek at position {@code i} of this enum (0 = VALUE .. 9 = VOLGA). */
    public static Greek at(int i) {
      return ALL[i];
    }
  }

  private final SumBuckets buckets;
  private final int rows;
  private final double[] sums;

  /**
   * @param buckets the layout
   * @param rows number of positions summed
   * @param sums {@code buckets.cells() × Greek.COUNT} values, cell-major: {@code sums[key · Greek.COUNT + greek.ordinal()]};
   *     taken over, not copied (kernels hand over a fresh array)
   */
  public GreekSums(SumBuckets buckets, int rows, double[] sums) {
    this.buckets = Objects.requireNonNull(buckets, "buckets");
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, was " + rows);
    }
    if (sums.length != buckets.cells() * Greek.COUNT) {
      throw new IllegalArgumentException("need " + buckets.cells() * Greek.COUNT + " sums, got " + sums.length);
    }
    this.rows = rows;
    this.sums = sums;
  }

  /** The layout these sums follow. */
  public SumBuckets buckets() {
    return buckets;
  }

  /** Number of positions summed. */
  public int rows() {
    return rows;
  }

  /** The sum of {@code greek} over the positions of cell {@code key} ({@link SumBuckets#key}). */
  public double get(int key, Greek greek) {
    Objects.checkIndex(key, buckets.cells());
    return sums[key * Greek.COUNT + greek.ordinal()];
  }

  /** The sum of {@code greek} over the positions of one cell. */
  public double get(int underlying, int expiryBucket, int strikeBucket, Greek greek) {
    return get(buckets.key(underlying, expiryBucket, strikeBucket), greek);
  }

  /**
   * The sum of {@code greek} over all positions of {@code underlying}: its cells added in key order
   * (expiry bucket, then strike bucket), so it is as deterministic as the cells.
   */
  public double underlyingTotal(int underlying, Greek greek) {
    int first = buckets.key(underlying, 0, 0);
    int perUnderlying = buckets.expiryBuckets() * buckets.strikeBuckets();
    double total = 0.0;
    for (int k = first; k < first + perUnderlying; k++) {
      total += sums[k * Greek.COUNT + greek.ordinal()];
    }
    return total;
  }

  /** A copy of all sums, cell-major ({@code [key · Greek.COUNT + greek.ordinal()]}). */
  public double[] toArray() {
    return sums.clone();
  }

  /** True when {@code o} has the same layout, row count and bit-identical sums. */
  @Override
  public boolean equals(Object o) {
    return o instanceof GreekSums g && rows == g.rows && buckets.equals(g.buckets)
        && java.util.Arrays.equals(sums, g.sums);
  }

  @Override
  public int hashCode() {
    return 31 * buckets.hashCode() + java.util.Arrays.hashCode(sums);
  }

  @Override
  public String toString() {
    return "GreekSums[" + rows + " rows, " + buckets + "]";
  }
}

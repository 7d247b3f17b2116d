package io.hedgekit.kernels;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;

/**
 * Where a {@link GreeksKernel} writes its results: ten float64 columns of {@code rows} values.
 *
 * <p>All values are at position level (already multiplied by quantity × contract size):
 * <ul>
 *   <li>{@code value}: USD value (for futures and perpetuals, the unrealised P&amp;L against the entry price)</li>
 *   <li>{@code valueCoin}: value / spot in coin for inverse instruments; NaN (written as null) otherwise</li>
 *   <li>{@code delta}: ∂value/∂spot, coins</li>
 *   <li>{@code deltaAdjusted}: inverse options: delta − valueCoin (premium-adjusted); otherwise = delta</li>
 *   <li>{@code gamma}: ∂²value/∂spot², coins per USD</li>
 *   <li>{@code vega}: ∂value/∂vol, USD per 1.00 of vol</li>
 *   <li>{@code theta}: ∂value/∂t, USD per year of time passing (spot, vol, rates fixed)</li>
 *   <li>{@code rho}: ∂value/∂rate, USD per 1.00 of rate (spot and carry fixed)</li>
 *   <li>{@code vanna}: ∂²value/∂spot∂vol, coins per 1.00 of vol</li>
 *   <li>{@code volga}: ∂²value/∂vol², USD per (1.00 of vol)²</li>
 * </ul>
 */
public record GreeksColumns(
    int rows,
    MemorySegment value,
    MemorySegment valueCoin,
    MemorySegment delta,
    MemorySegment deltaAdjusted,
    MemorySegment gamma,
    MemorySegment vega,
    MemorySegment theta,
    MemorySegment rho,
    MemorySegment vanna,
    MemorySegment volga) {

  /** Output names in file order, matching {@link #columns()}. */
  public static final List<String> NAMES = List.of(
      "value", "value_coin", "delta", "delta_adjusted", "gamma", "vega", "theta", "rho", "vanna", "volga");

  /** Number of output columns. */
  public static final int COUNT = 10;

  public GreeksColumns {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, was " + rows);
    }
    for (int c = 0; c < COUNT; c++) {
      PositionColumns.checkDoubles(NAMES.get(c), columnOf(c, value, valueCoin, delta, deltaAdjusted, gamma, vega, theta, rho, vanna, volga), rows);
    }
  }

  private static MemorySegment columnOf(int c, MemorySegment... all) {
    return Objects.requireNonNull(all[c], NAMES.get(c));
  }

  /** Fresh heap-backed columns of {@code rows} zeros. */
  public static GreeksColumns allocateOnHeap(int rows) {
    MemorySegment[] s = new MemorySegment[COUNT];
    for (int c = 0; c < COUNT; c++) {
      s[c] = MemorySegment.ofArray(new double[rows]);
    }
    return of(rows, s);
  }

  /**
   * Fresh native columns of {@code rows} zeros from {@code arena}, 64-byte aligned (what the
   * SIMD and GPU kernels write fastest); valid while the arena is open.
   */
  public static GreeksColumns allocate(int rows, java.lang.foreign.Arena arena) {
    MemorySegment[] s = new MemorySegment[COUNT];
    for (int c = 0; c < COUNT; c++) {
      s[c] = arena.allocate(8L * rows, 64);
    }
    return of(rows, s);
  }

  /** Builds from ten segments in {@link #NAMES} order. */
  public static GreeksColumns of(int rows, MemorySegment[] s) {
    if (s.length != COUNT) {
      throw new IllegalArgumentException("need " + COUNT + " output columns, got " + s.length);
    }
    return new GreeksColumns(rows, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9]);
  }

  /** The ten columns in {@link #NAMES} order. */
  public MemorySegment[] columns() {
    return new MemorySegment[] {value, valueCoin, delta, deltaAdjusted, gamma, vega, theta, rho, vanna, volga};
  }

  /** Value of output column {@code c} ({@link #NAMES} order) at row {@code i}. */
  public double get(int c, int i) {
    Objects.checkIndex(i, rows);
    return columns()[c].getAtIndex(PositionColumns.DOUBLE, i);
  }

  /** Rows {@code [from, from + count)} as columns of their own (views, no copy). */
  public GreeksColumns slice(int from, int count) {
    Objects.checkFromIndexSize(from, count, rows);
    MemorySegment[] all = columns();
    for (int c = 0; c < COUNT; c++) {
      all[c] = all[c].asSlice(8L * from, 8L * count);
    }
    return of(count, all);
  }
}

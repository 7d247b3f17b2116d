package io.hedgekit.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A batch of positions resolved against market data, as columns a kernel reads in place.
 *
 * <p>Each column is a {@link MemorySegment} holding {@code rows} little-endian values: int32 for
 * {@code kind} and {@code underlying}, float64 for the rest. Segments may be views of Arrow
 * buffers (off-heap, at least 8-byte aligned) or of Java arrays (tests); kernels must use
 * unaligned access layouts. Row {@code i} of every column describes the same position.
 *
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>column</th><th>type</th><th>meaning, units</th></tr>
 *   <tr><td>kind</td><td>int32</td><td>{@link ContractKind#code()}</td></tr>
 *   <tr><td>underlying</td><td>int32</td><td>index of the underlying (0-based) for per-underlying sums</td></tr>
 *   <tr><td>spot</td><td>float64</td><td>spot price of the underlying, USD</td></tr>
 *   <tr><td>strike</td><td>float64</td><td>option strike, USD (ignored for non-options)</td></tr>
 *   <tr><td>timeYears</td><td>float64</td><td>time to expiry, ACT/365 years; ≤ 0 means expired (valued at intrinsic)</td></tr>
 *   <tr><td>vol</td><td>float64</td><td>implied vol, decimal (0.65)</td></tr>
 *   <tr><td>rate</td><td>float64</td><td>continuously compounded USD rate r</td></tr>
 *   <tr><td>carry</td><td>float64</td><td>continuous carry (yield) q; forward = spot·exp((r − q)·T)</td></tr>
 *   <tr><td>size</td><td>float64</td><td>signed quantity × contract size: coins, or USD face for inverse futures/perpetuals</td></tr>
 *   <tr><td>entryPrice</td><td>float64</td><td>futures/perpetuals: entry price, USD (the resolver fills today's price when the book has none)</td></tr>
 *   <tr><td>funding8h</td><td>float64</td><td>perpetuals: funding rate per 8 hours, decimal (longs pay when positive)</td></tr>
 * </table>
 */
public record PositionColumns(
    int rows,
    MemorySegment kind,
    MemorySegment underlying,
    MemorySegment spot,
    MemorySegment strike,
    MemorySegment timeYears,
    MemorySegment vol,
    MemorySegment rate,
    MemorySegment carry,
    MemorySegment size,
    MemorySegment entryPrice,
    MemorySegment funding8h) {

  /** Layout every kernel uses to read and write int32 columns. */
  public static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
  /** Layout every kernel uses to read and write float64 columns. */
  public static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

  public PositionColumns {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, was " + rows);
    }
    checkInts("kind", kind, rows);
    checkInts("underlying", underlying, rows);
    checkDoubles("spot", spot, rows);
    checkDoubles("strike", strike, rows);
    checkDoubles("timeYears", timeYears, rows);
    checkDoubles("vol", vol, rows);
    checkDoubles("rate", rate, rows);
    checkDoubles("carry", carry, rows);
    checkDoubles("size", size, rows);
    checkDoubles("entryPrice", entryPrice, rows);
    checkDoubles("funding8h", funding8h, rows);
  }

  /** Wraps Java arrays (all of length {@code kind.length}); for tests and small books. */
  public static PositionColumns ofArrays(
      int[] kind, int[] underlying, double[] spot, double[] strike, double[] timeYears, double[] vol,
      double[] rate, double[] carry, double[] size, double[] entryPrice, double[] funding8h) {
    return new PositionColumns(kind.length,
        MemorySegment.ofArray(kind), MemorySegment.ofArray(underlying),
        MemorySegment.ofArray(spot), MemorySegment.ofArray(strike), MemorySegment.ofArray(timeYears),
        MemorySegment.ofArray(vol), MemorySegment.ofArray(rate), MemorySegment.ofArray(carry),
        MemorySegment.ofArray(size), MemorySegment.ofArray(entryPrice), MemorySegment.ofArray(funding8h));
  }

  /** Reads one row into a {@link Position}; convenient, not for hot paths. */
  public Position row(int i) {
    Objects.checkIndex(i, rows);
    return new Position(
        ContractKind.ofCode(kind.getAtIndex(INT, i)), underlying.getAtIndex(INT, i),
        spot.getAtIndex(DOUBLE, i), strike.getAtIndex(DOUBLE, i), timeYears.getAtIndex(DOUBLE, i),
        vol.getAtIndex(DOUBLE, i), rate.getAtIndex(DOUBLE, i), carry.getAtIndex(DOUBLE, i),
        size.getAtIndex(DOUBLE, i), entryPrice.getAtIndex(DOUBLE, i), funding8h.getAtIndex(DOUBLE, i));
  }

  /** Rows {@code [from, from + count)} as columns of their own (views, no copy). */
  public PositionColumns slice(int from, int count) {
    Objects.checkFromIndexSize(from, count, rows);
    return new PositionColumns(count,
        kind.asSlice(4L * from, 4L * count), underlying.asSlice(4L * from, 4L * count),
        d(spot, from, count), d(strike, from, count), d(timeYears, from, count), d(vol, from, count),
        d(rate, from, count), d(carry, from, count), d(size, from, count), d(entryPrice, from, count),
        d(funding8h, from, count));
  }

  private static MemorySegment d(MemorySegment s, int from, int count) {
    return s.asSlice(8L * from, 8L * count);
  }

  static void checkInts(String name, MemorySegment s, int rows) {
    Objects.requireNonNull(s, name);
    if (s.byteSize() < 4L * rows) {
      throw new IllegalArgumentException(name + " column holds " + s.byteSize() / 4 + " int32 values, need " + rows);
    }
  }

  static void checkDoubles(String name, MemorySegment s, int rows) {
    Objects.requireNonNull(s, name);
    if (s.byteSize() < 8L * rows) {
      throw new IllegalArgumentException(name + " column holds " + s.byteSize() / 8 + " float64 values, need " + rows);
    }
  }
}

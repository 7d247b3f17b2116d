package io.hedgekit.risk.book;

import static io.hedgekit.kernels.PositionColumns.DOUBLE;
import static io.hedgekit.kernels.PositionColumns.INT;

import io.hedgekit.kernels.PositionColumns;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

/**
 * Positions netted by instrument: rows with equal {@link InstrumentKey}s become one row whose size
 * is their sum (or, with {@link #addUnit}, one row of size 1), in the order instruments first
 * appear. A desk's book holds many positions in each listed contract (the 100,000-position demo
 * book has about 5,000 instruments), and every kernel output is linear in size, so pricing the
 * netted rows gives the book's P&amp;L and Greek sums with a fraction of the work. The results
 * differ from pricing every row only by rounding: (a + b)·x where a·x + b·x was summed, a few ulps
 * of the gross amounts.
 *
 * <p>Holds at most {@code capacity} instruments in native memory (the kernels read native columns
 * fastest) from a shared {@link Arena}, so that kernel worker threads can read it; {@link #close}
 * frees it. A caller streaming a book prices and {@link #clear}s the netted rows whenever
 * {@link #add} reports the set full, so memory stays bounded whatever the book's size. Not
 * thread-safe.
 */
public final class NettedPositions implements AutoCloseable {
  private final int capacity;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment kind;
  private final MemorySegment underlying;
  private final MemorySegment[] doubles = new MemorySegment[9];
  private final Map<InstrumentKey, Integer> index = new HashMap<>();
  private int count;

  /** @param capacity most instruments held before the caller must {@link #clear} (≥ 1) */
  public NettedPositions(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.capacity = capacity;
    this.kind = arena.allocate(4L * capacity, 64);
    this.underlying = arena.allocate(4L * capacity, 64);
    for (int c = 0; c < doubles.length; c++) {
      doubles[c] = arena.allocate(8L * capacity, 64);
    }
  }

  /**
   * Adds row {@code i} of {@code p}: its size to its instrument's row, creating the row if the
   * instrument is new.
   *
   * @return the instrument's row, or −1 if the instrument is new and the set is full (nothing added)
   */
  public int add(PositionColumns p, int i) {
    InstrumentKey key = InstrumentKey.of(p, i);
    double size = p.size().getAtIndex(DOUBLE, i);
    Integer row = index.get(key);
    if (row == null) {
      return insert(key, p, i, size);
    }
    MemorySegment sizes = doubles[SIZE];
    sizes.setAtIndex(DOUBLE, row, sizes.getAtIndex(DOUBLE, row) + size);
    return row;
  }

  /**
   * Adds row {@code i}'s instrument with size 1 if it is new (sizes are not summed), for pricing
   * one unit of each instrument.
   *
   * @return the instrument's row, or −1 if the instrument is new and the set is full
   */
  public int addUnit(PositionColumns p, int i) {
    return addUnit(InstrumentKey.of(p, i), p, i);
  }

  /** {@link #addUnit(PositionColumns, int)} with row {@code i}'s key already at hand. */
  public int addUnit(InstrumentKey key, PositionColumns p, int i) {
    Integer row = index.get(key);
    return row != null ? row : insert(key, p, i, 1.0);
  }

  private int insert(InstrumentKey key, PositionColumns p, int i, double size) {
    if (count == capacity) {
      return -1;
    }
    int r = count++;
    index.put(key, r);
    kind.setAtIndex(INT, r, key.kind());
    underlying.setAtIndex(INT, r, key.underlying());
    doubles[SPOT].setAtIndex(DOUBLE, r, p.spot().getAtIndex(DOUBLE, i));
    doubles[STRIKE].setAtIndex(DOUBLE, r, p.strike().getAtIndex(DOUBLE, i));
    doubles[TIME].setAtIndex(DOUBLE, r, p.timeYears().getAtIndex(DOUBLE, i));
    doubles[VOL].setAtIndex(DOUBLE, r, p.vol().getAtIndex(DOUBLE, i));
    doubles[RATE].setAtIndex(DOUBLE, r, p.rate().getAtIndex(DOUBLE, i));
    doubles[CARRY].setAtIndex(DOUBLE, r, p.carry().getAtIndex(DOUBLE, i));
    doubles[SIZE].setAtIndex(DOUBLE, r, size);
    doubles[ENTRY].setAtIndex(DOUBLE, r, Double.longBitsToDouble(key.entryPrice()));
    doubles[FUNDING].setAtIndex(DOUBLE, r, Double.longBitsToDouble(key.funding8h()));
    return r;
  }

  /** Number of instruments held. */
  public int instruments() {
    return count;
  }

  /** The netted rows, {@link #instruments()} of them; valid until the next {@link #clear} or {@link #close}. */
  public PositionColumns columns() {
    long n = count;
    return new PositionColumns(count, kind.asSlice(0, 4 * n), underlying.asSlice(0, 4 * n),
        slice(SPOT, n), slice(STRIKE, n), slice(TIME, n), slice(VOL, n), slice(RATE, n), slice(CARRY, n),
        slice(SIZE, n), slice(ENTRY, n), slice(FUNDING, n));
  }

  /** Forgets every instrument (the memory is kept for reuse). */
  public void clear() {
    count = 0;
    index.clear();
  }

  @Override
  public void close() {
    arena.close();
  }

  private MemorySegment slice(int column, long n) {
    return doubles[column].asSlice(0, 8 * n);
  }

  private static final int SPOT = 0;
  private static final int STRIKE = 1;
  private static final int TIME = 2;
  private static final int VOL = 3;
  private static final int RATE = 4;
  private static final int CARRY = 5;
  private static final int SIZE = 6;
  private static final int ENTRY = 7;
  private static final int FUNDING = 8;
}

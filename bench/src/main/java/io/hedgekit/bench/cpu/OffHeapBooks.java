package io.hedgekit.bench.cpu;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.check.SyntheticBooks;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Benchmark inputs in native memory, as the Arrow reader hands them to the kernels (public for JMH's generated code). */
public final class OffHeapBooks {

  private OffHeapBooks() {
  }

  /** Which synthetic book a benchmark runs on. */
  public enum Book {
    /** Linear and inverse calls and puts only. */
    OPTIONS,
    /** All nine kinds in random order (every vector of 8 rows mixes kinds). */
    MIXED,
    /** The MIXED book with its rows sorted by kind (homogeneous runs). */
    MIXED_SORTED,
    /** The OPTIONS book with its rows grouped by underlying (stable sort), as a resolver may keep them. */
    OPTIONS_BY_UNDERLYING
  }

  /** {@code rows} positions over five underlyings (seed 42), copied to native memory. */
  static PositionColumns book(Book which, int rows, Arena arena) {
    PositionColumns heap = SyntheticBooks.mixed(rows, 5, 42, which == Book.OPTIONS || which == Book.OPTIONS_BY_UNDERLYING);
    if (which == Book.MIXED_SORTED) {
      heap = sortedBy(heap, heap.kind());
    } else if (which == Book.OPTIONS_BY_UNDERLYING) {
      heap = sortedBy(heap, heap.underlying());
    }
    return new PositionColumns(rows, copy(heap.kind(), arena), copy(heap.underlying(), arena),
        copy(heap.spot(), arena), copy(heap.strike(), arena), copy(heap.timeYears(), arena), copy(heap.vol(), arena),
        copy(heap.rate(), arena), copy(heap.carry(), arena), copy(heap.size(), arena),
        copy(heap.entryPrice(), arena), copy(heap.funding8h(), arena));
  }

  /** Ten native output columns of {@code rows} rows. */
  static GreeksColumns outputs(int rows, Arena arena) {
    MemorySegment[] cols = new MemorySegment[GreeksColumns.COUNT];
    for (int c = 0; c < cols.length; c++) {
      cols[c] = arena.allocate(8L * rows, 64);
    }
    return GreeksColumns.of(rows, cols);
  }

  /**
   * {@code scenarios} moves of five underlyings (seed 7): daily log returns of a few percent,
   * and vol shifts of up to ±10 points when {@code volShifts}; horizon one day.
   */
  static ScenarioColumns scenarios(int scenarios, boolean volShifts, Arena arena) {
    SplittableRandom rnd = new SplittableRandom(7);
    MemorySegment[] returns = new MemorySegment[5];
    MemorySegment[] shifts = new MemorySegment[5];
    for (int u = 0; u < 5; u++) {
      returns[u] = arena.allocate(8L * scenarios, 64);
      shifts[u] = volShifts ? arena.allocate(8L * scenarios, 64) : null;
      for (int s = 0; s < scenarios; s++) {
        returns[u].setAtIndex(ValueLayout.JAVA_DOUBLE, s, rnd.nextGaussian() * 0.04);
        if (volShifts) {
          shifts[u].setAtIndex(ValueLayout.JAVA_DOUBLE, s, rnd.nextDouble(-0.1, 0.1));
        }
      }
    }
    return new ScenarioColumns(scenarios, returns, shifts, 1.0 / 365);
  }

  private static MemorySegment copy(MemorySegment heap, Arena arena) {
    MemorySegment s = arena.allocate(heap.byteSize(), 64);
    s.copyFrom(heap);
    return s;
  }

  /** The rows of {@code p} stably sorted by the int32 column {@code key} (one of its own). */
  private static PositionColumns sortedBy(PositionColumns p, MemorySegment key) {
    int n = p.rows();
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingInt(i -> key.getAtIndex(PositionColumns.INT, i)));
    int[] kind = new int[n];
    int[] und = new int[n];
    double[][] d = new double[9][n];
    MemorySegment[] src = {p.spot(), p.strike(), p.timeYears(), p.vol(), p.rate(), p.carry(), p.size(),
        p.entryPrice(), p.funding8h()};
    for (int j = 0; j < n; j++) {
      int i = order[j];
      kind[j] = p.kind().getAtIndex(PositionColumns.INT, i);
      und[j] = p.underlying().getAtIndex(PositionColumns.INT, i);
      for (int c = 0; c < 9; c++) {
        d[c][j] = src[c].getAtIndex(PositionColumns.DOUBLE, i);
      }
    }
    return PositionColumns.ofArrays(kind, und, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
  }
}

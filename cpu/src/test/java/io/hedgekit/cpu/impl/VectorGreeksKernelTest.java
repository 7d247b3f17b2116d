package io.hedgekit.cpu.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreekSums;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.SumBuckets;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.check.GreeksComparison;
import io.hedgekit.kernels.check.SyntheticBooks;
import io.hedgekit.kernels.reference.ReferenceGreeksKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What only the cpu Greeks kernel has to show: native blocks read and written in place give the
 * bits of the staged path, any thread count gives the same bits, a row's result does not depend
 * on its neighbours (packing), and the sums kernel's bits do not depend on the thread count. Accuracy
 * at odd sizes and on edge inputs, bad kinds, empty books, slices, off-heap columns and concurrent
 * calls are the backend conformance test's ({@code io.hedgekit.cpu.CpuBackendConformanceTest}).
 */
class VectorGreeksKernelTest {

  private static WorkerPool pool;
  private static VectorGreeksKernel kernel;

  @BeforeAll
  static void open() {
    pool = new WorkerPool(2);
    kernel = new VectorGreeksKernel(pool);
  }

  @AfterAll
  static void close() {
    pool.close();
  }

  /** Reference and vector outputs for a book; asserts the 1e-12 contract and returns the errors. */
  static List<GreeksComparison.OutputError> assertWithinContract(PositionColumns book, String label) {
    GreeksColumns ref = GreeksColumns.allocateOnHeap(book.rows());
    new ReferenceGreeksKernel().compute(book, ref);
    GreeksColumns got = GreeksColumns.allocateOnHeap(book.rows());
    kernel.compute(book, got);
    List<GreeksComparison.OutputError> errors = GreeksComparison.compare(book, ref, got);
    for (GreeksComparison.OutputError e : errors) {
      assertTrue(e.withinContract(), () -> label + ": " + e + " at " + book.row(e.worstRow()));
    }
    return errors;
  }

  @ParameterizedTest
  @ValueSource(strings = {"options", "sortedEdgeCases"})
  void compute_offHeapOptionBlocksReadAndWrittenInPlaceGiveTheSameAsHeap(String which) {
    // Whole blocks of options in native memory are read and written in place (no staging); the
    // sorted edge cases put expired and zero-variance options into such blocks.
    PositionColumns heap = which.equals("options") ? SyntheticBooks.mixed(4099, 3, 11, true)
        : sortedByKind(SyntheticBooks.edgeCases(4099, 5));
    assertWithinContract(heap, which);
    GreeksColumns expected = GreeksColumns.allocateOnHeap(heap.rows());
    kernel.compute(heap, expected);
    try (Arena arena = Arena.ofConfined()) {
      GreeksColumns got = computeOffHeap(heap, arena);
      for (int c = 0; c < GreeksColumns.COUNT; c++) {
        for (int i = 0; i < heap.rows(); i++) {
          assertEquals(Double.doubleToRawLongBits(expected.get(c, i)), Double.doubleToRawLongBits(got.get(c, i)),
              GreeksColumns.NAMES.get(c) + " row " + i);
        }
      }
    }
  }

  /** The kernel's outputs for a native copy of {@code heap}, written to misaligned native columns of {@code arena}. */
  private static GreeksColumns computeOffHeap(PositionColumns heap, Arena arena) {
    PositionColumns off = offHeapCopy(heap, arena);
    MemorySegment[] outs = new MemorySegment[GreeksColumns.COUNT];
    for (int c = 0; c < outs.length; c++) {
      outs[c] = misaligned(arena, 8L * heap.rows());
    }
    GreeksColumns got = GreeksColumns.of(heap.rows(), outs);
    kernel.compute(off, got);
    return got;
  }

  /** The book's rows sorted by kind code (stable), on the heap. */
  static PositionColumns sortedByKind(PositionColumns p) {
    return reordered(p, kindOrder(p));
  }

  /** Row indices of {@code p} in kind-code order (stable). */
  private static Integer[] kindOrder(PositionColumns p) {
    Integer[] order = new Integer[p.rows()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> p.row(i).kind().code()));
    return order;
  }

  /** Row {@code order[j]} of {@code p} as row j, on the heap. */
  private static PositionColumns reordered(PositionColumns p, Integer[] order) {
    int n = order.length;
    int[] kind = new int[n];
    int[] und = new int[n];
    double[][] c = new double[9][n];
    for (int j = 0; j < n; j++) {
      io.hedgekit.kernels.Position r = p.row(order[j]);
      kind[j] = r.kind().code();
      und[j] = r.underlying();
      double[] v = {r.spot(), r.strike(), r.timeYears(), r.vol(), r.rate(), r.carry(), r.size(), r.entryPrice(),
          r.funding8h()};
      for (int k = 0; k < 9; k++) {
        c[k][j] = v[k];
      }
    }
    return PositionColumns.ofArrays(kind, und, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
  }

  @Test
  void compute_oneAndTwoThreadsBitIdentical() {
    PositionColumns book = SyntheticBooks.mixed(3 * VectorGreeksKernel.CHUNK + 5, 5, 5, false);
    GreeksColumns one = GreeksColumns.allocateOnHeap(book.rows());
    GreeksColumns two = GreeksColumns.allocateOnHeap(book.rows());
    try (WorkerPool single = new WorkerPool(1)) {
      new VectorGreeksKernel(single).compute(book, one);
    }
    kernel.compute(book, two);
    for (int c = 0; c < GreeksColumns.COUNT; c++) {
      assertArrayEquals(one.columns()[c].toArray(java.lang.foreign.ValueLayout.JAVA_DOUBLE),
          two.columns()[c].toArray(java.lang.foreign.ValueLayout.JAVA_DOUBLE), GreeksColumns.NAMES.get(c));
    }
  }

  @Test
  void sum_oneAndTwoThreadsBitIdentical() {
    // Per underlying (vector-wide accumulators, cell by cell), with buckets, and with thousands of
    // cells (one accumulator per cell and output).
    PositionColumns book = SyntheticBooks.mixed(5 * VectorGreeksKernel.CHUNK + 77, 5, 6, false);
    double[] manyEdges = new double[120];
    for (int i = 0; i < manyEdges.length; i++) {
      manyEdges[i] = 0.01 * (i + 1);
    }
    List<SumBuckets> layouts = List.of(SumBuckets.perUnderlying(5),
        new SumBuckets(5, new double[] {7 / 365.0, 0.25}, new double[] {0.9, 1.1}),
        new SumBuckets(5, manyEdges, new double[] {0.8, 0.9, 1.0, 1.1, 1.2, 1.3}));
    assertTrue(layouts.get(2).cells() > 4096);
    for (SumBuckets layout : layouts) {
      GreekSums one;
      try (WorkerPool single = new WorkerPool(1)) {
        one = new VectorGreekSumsKernel(single).sum(book, layout);
      }
      GreekSums two = new VectorGreekSumsKernel(pool).sum(book, layout);
      GreekSums three;
      try (WorkerPool three3 = new WorkerPool(3)) {
        three = new VectorGreekSumsKernel(three3).sum(book, layout);
      }
      assertEquals(one, two, layout.toString());
      assertEquals(one, three, layout.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"random", "sortedByUnderlying", "buckets", "manyCells"})
  void sum_isThePerPositionOutputsAddedInTheDocumentedOrder(String which) {
    // The order VectorGreekSumsKernel documents, written out here over the per-position kernel's
    // outputs: chunks of CHUNK rows; the total = the chunks in chunk order. Layouts of at most
    // SumScratch.CELL_MAJOR_CELLS cells (per underlying): in a chunk, row i into lane (i mod w) of
    // its cell, each SUM_BLOCK of rows added per lane from -0.0 in row order first, then into the
    // chunk's lane (cell major); a chunk's cell = its lanes in lane order. Larger layouts: one
    // accumulator per cell and output (w = 1), the chunk's rows in row order.
    PositionColumns book = SyntheticBooks.mixed(2 * VectorGreeksKernel.CHUNK + 1001, 4, 12, false);
    if (which.equals("sortedByUnderlying")) {
      for (int i = 0; i < book.rows(); i++) {
        book.underlying().setAtIndex(PositionColumns.INT, i, (int) (4L * i / book.rows()));
      }
    }
    double[] many = new double[100];
    for (int e = 0; e < many.length; e++) {
      many[e] = 0.03 * (e + 1);
    }
    SumBuckets layout = switch (which) {
      case "buckets" -> new SumBuckets(4, new double[] {7 / 365.0, 0.25}, new double[] {0.9, 1.1});
      case "manyCells" -> new SumBuckets(4, many, new double[] {0.6, 0.8, 0.9, 1.0, 1.1, 1.2, 1.4, 1.8, 2.5, 4.0});
      default -> SumBuckets.perUnderlying(4);
    };
    boolean perUnderlying = which.equals("random") || which.equals("sortedByUnderlying");
    int width = SumScratch.widthFor(layout.cells(), VectorNormal.SPECIES.length());
    assertEquals(perUnderlying ? VectorNormal.SPECIES.length() : 1, width, "the path under test");
    GreeksColumns out = GreeksColumns.allocateOnHeap(book.rows());
    kernel.compute(book, out);
    int g8 = GreekSums.Greek.COUNT;
    double[] total = new double[layout.cells() * g8];
    boolean cellMajor = width > 1 && layout.cells() <= SumScratch.CELL_MAJOR_CELLS;
    assertEquals(perUnderlying, cellMajor, "the path under test");
    for (int from = 0; from < book.rows(); from += VectorGreeksKernel.CHUNK) {
      double[][] lanes = new double[layout.cells() * g8][width];
      int end = Math.min(book.rows(), from + VectorGreeksKernel.CHUNK);
      for (int block = from; block < end; block += VectorGreeksKernel.SUM_BLOCK) {
        double[][] blockLanes = new double[layout.cells() * g8][width];
        for (double[] l : blockLanes) {
          java.util.Arrays.fill(l, -0.0);
        }
        for (int i = block; i < Math.min(end, block + VectorGreeksKernel.SUM_BLOCK); i++) {
          var p = book.row(i);
          int cell = layout.keyOf(p.kind().code(), p.underlying(), p.spot(), p.strike(), p.timeYears(), i);
          for (GreekSums.Greek g : GreekSums.Greek.values()) {
            double v = g.summand(out.get(g.column(), i));
            if (cellMajor) {
              blockLanes[cell * g8 + g.ordinal()][(i - from) % width] += v;
            } else {
              lanes[cell * g8 + g.ordinal()][(i - from) % width] += v;
            }
          }
        }
        if (cellMajor) {
          for (int k = 0; k < lanes.length; k++) {
            for (int l = 0; l < width; l++) {
              lanes[k][l] += blockLanes[k][l];
            }
          }
        }
      }
      for (int k = 0; k < lanes.length; k++) {
        double chunk = lanes[k][0];
        for (int l = 1; l < width; l++) {
          chunk += lanes[k][l];
        }
        total[k] += chunk;
      }
    }
    GreekSums got = new VectorGreekSumsKernel(pool).sum(book, layout);
    for (int k = 0; k < layout.cells(); k++) {
      for (GreekSums.Greek g : GreekSums.Greek.values()) {
        assertEquals(Double.doubleToRawLongBits(total[k * g8 + g.ordinal()]), Double.doubleToRawLongBits(got.get(k, g)),
            which + " cell " + k + " " + g);
      }
    }
  }

  @Test
  void compute_rowResultsDoNotDependOnTheirNeighbours() {
    // The same rows in random kind order (packed per block) and sorted by kind (homogeneous
    // vectors) must give bit-identical results row by row.
    PositionColumns mixed = SyntheticBooks.mixed(1000, 4, 77, false);
    Integer[] order = kindOrder(mixed);
    int n = order.length;
    PositionColumns sorted = reordered(mixed, order);
    GreeksColumns a = GreeksColumns.allocateOnHeap(n);
    GreeksColumns b = GreeksColumns.allocateOnHeap(n);
    kernel.compute(mixed, a);
    kernel.compute(sorted, b);
    for (int j = 0; j < n; j++) {
      for (int col = 0; col < GreeksColumns.COUNT; col++) {
        assertEquals(Double.doubleToRawLongBits(a.get(col, order[j])), Double.doubleToRawLongBits(b.get(col, j)),
            GreeksColumns.NAMES.get(col) + " of row " + order[j]);
      }
    }
  }

  /** A copy of the book in off-heap segments that start 8 bytes past a 64-byte boundary. */
  static PositionColumns offHeapCopy(PositionColumns p, Arena arena) {
    return new PositionColumns(p.rows(), copy(p.kind(), arena), copy(p.underlying(), arena), copy(p.spot(), arena),
        copy(p.strike(), arena), copy(p.timeYears(), arena), copy(p.vol(), arena), copy(p.rate(), arena),
        copy(p.carry(), arena), copy(p.size(), arena), copy(p.entryPrice(), arena), copy(p.funding8h(), arena));
  }

  private static MemorySegment copy(MemorySegment heap, Arena arena) {
    MemorySegment s = misaligned(arena, heap.byteSize());
    s.copyFrom(heap);
    return s;
  }

  /** Off-heap memory aligned to 8 but not to 16 bytes (as an Arrow buffer view may be). */
  static MemorySegment misaligned(Arena arena, long bytes) {
    MemorySegment block = arena.allocate(bytes + 64, 64);
    return block.asSlice(8, bytes);
  }
}

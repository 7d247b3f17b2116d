package io.hedgekit.cpu.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreeksColumns;
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
  @ValueSource(ints = {1, 7, 8, 9, 63, 1000, 4099})
  void compute_mixedBookWithinContractAtOddSizes(int rows) {
    assertWithinContract(SyntheticBooks.mixed(rows, 5, 42 + rows, false), "mixed " + rows);
    assertWithinContract(SyntheticBooks.mixed(rows, 3, 7 + rows, true), "options " + rows);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 9, 63, 1000, 4099})
  void compute_edgeCasesWithinContractAtOddSizes(int rows) {
    assertWithinContract(SyntheticBooks.edgeCases(rows, 3 + rows), "edge " + rows);
  }

  @Test
  void compute_gridOfMoneynessExpiryVolAndRates() {
    double[] moneyness = {0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 1.0, 1.05, 1.25, 2.0, 5.0, 20.0, 100.0};
    double[] times = {SyntheticBooks.ONE_MINUTE, 1.0 / 24 / 365, 1.0 / 365, 7.0 / 365, 0.1, 0.5, 1.0, 2.0, 5.0};
    double[] vols = {0.05, 0.1, 0.3, 0.8, 1.5, 3.0, 5.0};
    double[] rates = {0.0, -0.02, 0.05};
    double[] carries = {0.0, -0.03, 0.1};
    double[] spots = {95_000, 0.75};
    List<double[]> rows = new ArrayList<>();
    int kind = 0;
    for (double m : moneyness) {
      for (double t : times) {
        for (double v : vols) {
          for (int rc = 0; rc < rates.length * carries.length; rc++) {
            double s = spots[rows.size() % 2];
            rows.add(new double[] {kind % 4, s, s * m, t, v, rates[rc % 3], carries[rc / 3]});
            kind++;
          }
        }
      }
    }
    int n = rows.size();
    int[] kinds = new int[n];
    int[] und = new int[n];
    double[][] c = new double[9][n];
    for (int i = 0; i < n; i++) {
      double[] r = rows.get(i);
      kinds[i] = (int) r[0];
      for (int j = 1; j < 7; j++) {
        c[j - 1][i] = r[j];
      }
      c[6][i] = i % 2 == 0 ? 2.5 : -1.0;
      c[7][i] = r[1];
      c[8][i] = 0.0001;
    }
    PositionColumns book = PositionColumns.ofArrays(kinds, und, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
    List<GreeksComparison.OutputError> errors = assertWithinContract(book, "grid");
    assertEquals(GreeksColumns.COUNT, errors.size());
  }

  @Test
  void compute_offHeapUnalignedSegmentsGiveTheSameAsHeap() {
    PositionColumns heap = SyntheticBooks.mixed(1001, 4, 99, false);
    GreeksColumns expected = GreeksColumns.allocateOnHeap(heap.rows());
    kernel.compute(heap, expected);
    try (Arena arena = Arena.ofConfined()) {
      GreeksColumns got = computeOffHeap(heap, arena);
      for (int c = 0; c < GreeksColumns.COUNT; c++) {
        for (int i = 0; i < heap.rows(); i++) {
          assertEquals(expected.get(c, i), got.get(c, i), GreeksColumns.NAMES.get(c) + " row " + i);
        }
      }
    }
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

  @Test
  void compute_sliceWritesOnlyItsRows() {
    PositionColumns book = SyntheticBooks.mixed(50, 2, 3, false);
    GreeksColumns out = GreeksColumns.allocateOnHeap(50);
    for (MemorySegment col : out.columns()) {
      col.fill((byte) 0x7f);
    }
    kernel.compute(book.slice(10, 13), out.slice(10, 13));
    double untouched = out.get(0, 0);
    assertEquals(untouched, out.get(0, 9));
    assertEquals(untouched, out.get(0, 23));
    assertTrue(out.get(0, 10) != untouched && out.get(0, 22) != untouched);
  }

  @Test
  void compute_rejectsShortOutputAndUnknownKind() {
    PositionColumns book = SyntheticBooks.mixed(10, 2, 1, false);
    assertThrows(IllegalArgumentException.class, () -> kernel.compute(book, GreeksColumns.allocateOnHeap(9)));
    int[] kinds = new int[10];
    kinds[6] = ContractKind.COUNT;
    double[] d = new double[10];
    java.util.Arrays.fill(d, 1.0);
    PositionColumns bad = PositionColumns.ofArrays(kinds, new int[10], d, d, d, d, d, d, d, d, d);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> kernel.compute(bad, GreeksColumns.allocateOnHeap(10)));
    assertTrue(e.getMessage().contains("was 9 (row 6)"), e.getMessage());
  }

  @Test
  void compute_emptyBookDoesNothing() {
    PositionColumns empty = SyntheticBooks.mixed(0, 1, 1, false);
    kernel.compute(empty, GreeksColumns.allocateOnHeap(0));
    assertEquals(0, empty.rows());
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

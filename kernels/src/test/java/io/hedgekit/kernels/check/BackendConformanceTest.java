package io.hedgekit.kernels.check;

import static io.hedgekit.kernels.PositionColumns.DOUBLE;
import static io.hedgekit.kernels.PositionColumns.INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreekSums;
import io.hedgekit.kernels.GreekSums.Greek;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.SumBuckets;
import io.hedgekit.kernels.reference.ReferenceGreeksKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ComputeBackend} must do with its {@code greeks()} and {@code greekSums()}
 * kernels, checked against the scalar reference: the accuracy contract of
 * {@link GreeksComparison} on odd sizes (1, 7, 8, 9, 63, 1000, 4099), on the edge-case books and on
 * a grid of every contract kind × deep ITM/OTM × T from expired through 1e-9 years to five years ×
 * vol from 1e-9 to 10; bad kind codes named by row (6, 300, 70,000); NaN inputs confined to their
 * rows; short outputs rejected; empty books and slices writing nothing outside their rows; heap and
 * misaligned off-heap columns giving the same bits; concurrent calls from several threads giving
 * the bits of the same calls made one at a time; and the portfolio sums (per underlying, per
 * expiry and strike bucket) within the {@link io.hedgekit.kernels.GreekSumsKernel} bound of the
 * reference's per-position outputs summed.
 *
 * <p>A backend module's test extends this class and opens its backend in {@link #openBackend()}
 * (the gpu module's skips, through an assumption, where there is no OpenCL device, unless
 * {@code HEDGEKIT_REQUIRE_OPENCL=1}). Shipped in the kernels test-jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceTest {

  /** Sentinel bits written into outputs that a call must leave alone. */
  private static final long UNTOUCHED = 0x7f7f7f7f7f7f7f7fL;

  private ComputeBackend backend;

  /** Opens the backend under test (closed after the class's tests). */
  protected abstract ComputeBackend openBackend();

  /** True when the backend's sums must equal the row-order sum bit for bit (the reference). */
  protected boolean sumsExactlyInRowOrder() {
    return false;
  }

  @BeforeAll
  void open() {
    backend = openBackend();
  }

  @AfterAll
  void close() {
    if (backend != null) {
      backend.close();
    }
  }

  /** The backend under test. */
  protected ComputeBackend backend() {
    return backend;
  }

  // ---------------------------------------------------------------- per-position Greeks

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 9, 63, 1000, 4099})
  void greeks_mixedBooksWithinContractAtOddSizes(int rows) {
    assertWithinContract("mixed", SyntheticBooks.mixed(rows, 5, 42 + rows, false));
    assertWithinContract("options", SyntheticBooks.mixed(rows, 3, 7 + rows, true));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 9, 63, 1000, 4099})
  void greeks_edgeCasesWithinContractAtOddSizes(int rows) {
    assertWithinContract("edge", SyntheticBooks.edgeCases(rows, 3 + rows));
  }

  @Test
  void greeks_gridOfEveryKindAndEdgeInputWithinContract() {
    PositionColumns grid = edgeGrid();
    assertEquals(84_240, grid.rows());
    assertWithinContract("grid", grid);
  }

  @ParameterizedTest
  @CsvSource({"6, 9", "300, -1", "70000, 9", "70000, 2147483647"})
  void greeks_badKindCodeNamesItsRow(int row, int code) {
    PositionColumns book = SyntheticBooks.mixed(70_013, 3, 5, false);
    book.kind().setAtIndex(INT, row, code);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> backend.greeks().compute(book, GreeksColumns.allocateOnHeap(book.rows())));
    assertEquals("contract kind code must be 0.." + (ContractKind.COUNT - 1) + ", was " + code + " (row " + row + ")",
        e.getMessage());
  }

  @Test
  void greeks_nanInputsStayInTheirRows() {
    // A row with a NaN input gives what the reference gives for it (NaN outputs where the
    // formula meets the NaN); its neighbours, in the same vector and block, are unaffected.
    PositionColumns book = SyntheticBooks.mixed(1000, 3, 17, false);
    int[] rows = {3, 4, 500, 777, 778, 998};
    MemorySegment[] cols = {book.spot(), book.vol(), book.timeYears(), book.strike(), book.rate(), book.size()};
    for (int i = 0; i < rows.length; i++) {
      cols[i].setAtIndex(DOUBLE, rows[i], Double.NaN);
    }
    assertWithinContract("nan rows", book);
    GreeksColumns got = GreeksColumns.allocateOnHeap(book.rows());
    backend.greeks().compute(book, got);
    for (int i = 0; i < book.rows(); i++) {
      boolean nanRow = false;
      for (int r : rows) {
        nanRow |= r == i;
      }
      if (!nanRow) {
        assertTrue(Double.isFinite(got.get(0, i)), "value of row " + i + " next to NaN rows");
      }
    }
  }

  @Test
  void greeks_rejectsShortOutput() {
    PositionColumns book = SyntheticBooks.mixed(10, 2, 3, false);
    assertThrows(IllegalArgumentException.class, () -> backend.greeks().compute(book, GreeksColumns.allocateOnHeap(9)));
  }

  @Test
  void greeks_emptyBookWritesNothing() {
    GreeksColumns out = sentinelColumns(4);
    backend.greeks().compute(SyntheticBooks.mixed(0, 1, 1, false), out);
    assertUntouched(out, 0, 4);
  }

  @Test
  void greeks_sliceWritesOnlyItsRows() {
    PositionColumns book = SyntheticBooks.mixed(50, 2, 3, false);
    GreeksColumns out = sentinelColumns(50);
    backend.greeks().compute(book.slice(10, 13), out.slice(10, 13));
    assertUntouched(out, 0, 10);
    assertUntouched(out, 23, 50);
    List<GreeksComparison.OutputError> errors =
        GreeksComparison.compare(book.slice(10, 13), reference(book.slice(10, 13)), out.slice(10, 13));
    assertTrue(GreeksComparison.allWithin(errors), errors::toString);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 1000, GreeksKernel.CHUNK_ROWS, GreeksKernel.CHUNK_ROWS + 1, 40_003})
  void greeks_handOverEveryChunkWholeOnceInRowOrderAfterItsOutputs(int rows) {
    PositionColumns book = SyntheticBooks.mixed(rows, 3, 11 + rows, false);
    GreeksColumns expected = GreeksColumns.allocateOnHeap(rows);
    backend.greeks().compute(book, expected);
    GreeksColumns got = GreeksColumns.allocateOnHeap(rows);
    int chunks = (rows + GreeksKernel.CHUNK_ROWS - 1) / GreeksKernel.CHUNK_ROWS;
    int[] next = new int[chunks];
    Thread[] by = new Thread[chunks];
    for (int c = 0; c < chunks; c++) {
      next[c] = c * GreeksKernel.CHUNK_ROWS;
    }
    backend.greeks().compute(book, got, (c, from, to) -> {
      synchronized (next) {
        assertEquals(next[c], from, "chunk " + c + " continues where it stopped");
        assertTrue(to > from && to <= Math.min(rows, (c + 1) * GreeksKernel.CHUNK_ROWS), "chunk " + c + " range");
        assertTrue(by[c] == null || by[c] == Thread.currentThread(), "chunk " + c + " from one thread");
        next[c] = to;
        by[c] = Thread.currentThread();
      }
      for (int i = from; i < to; i++) {
        for (int k = 0; k < GreeksColumns.COUNT; k++) {
          assertEquals(Double.doubleToRawLongBits(expected.get(k, i)), Double.doubleToRawLongBits(got.get(k, i)),
              "row " + i + " column " + k + " written before its hand-over");
        }
      }
    });
    for (int c = 0; c < chunks; c++) {
      assertEquals(Math.min(rows, (c + 1) * GreeksKernel.CHUNK_ROWS), next[c], "chunk " + c + " handed over whole");
    }
    assertSameBits(expected, got);
  }

  @Test
  void greeks_offHeapMisalignedColumnsGiveTheBitsOfHeapColumns() {
    PositionColumns heap = SyntheticBooks.mixed(1001, 4, 99, false);
    GreeksColumns expected = GreeksColumns.allocateOnHeap(heap.rows());
    backend.greeks().compute(heap, expected);
    try (Arena arena = Arena.ofConfined()) {
      PositionColumns off = offHeapCopy(heap, arena);
      MemorySegment[] outs = new MemorySegment[GreeksColumns.COUNT];
      for (int c = 0; c < outs.length; c++) {
        outs[c] = misaligned(arena, 8L * heap.rows());
      }
      GreeksColumns got = GreeksColumns.of(heap.rows(), outs);
      backend.greeks().compute(off, got);
      assertSameBits(expected, got);
    }
  }

  @Test
  void concurrentCallsFromSeveralThreadsGiveTheBitsOfSequentialCalls() throws Exception {
    List<PositionColumns> books = List.of(SyntheticBooks.mixed(4099, 5, 1, false),
        SyntheticBooks.mixed(20_001, 3, 2, true), SyntheticBooks.edgeCases(777, 3));
    SumBuckets buckets = new SumBuckets(5, new double[] {7 / 365.0, 0.25}, new double[] {0.9, 1.1});
    List<GreeksColumns> expected = new ArrayList<>();
    List<GreekSums> expectedSums = new ArrayList<>();
    for (PositionColumns b : books) {
      GreeksColumns out = GreeksColumns.allocateOnHeap(b.rows());
      backend.greeks().compute(b, out);
      expected.add(out);
      expectedSums.add(backend.greekSums().sum(b, buckets));
    }
    int threads = 6;
    int callsPerThread = 5;
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t;
      tasks.add(() -> {
        for (int c = 0; c < callsPerThread; c++) {
          int which = (first + c) % books.size();
          PositionColumns b = books.get(which);
          if ((first + c) % 2 == 0) {
            GreeksColumns out = GreeksColumns.allocateOnHeap(b.rows());
            backend.greeks().compute(b, out);
            assertSameBits(expected.get(which), out);
          } else {
            assertEquals(expectedSums.get(which), backend.greekSums().sum(b, buckets), "sums of book " + which);
          }
        }
        return null;
      });
    }
    // Half platform threads, half virtual threads: an embedding service uses both.
    try (ExecutorService platform = Executors.newFixedThreadPool(threads / 2);
        ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Void>> futures = new ArrayList<>();
      for (int t = 0; t < tasks.size(); t++) {
        futures.add((t % 2 == 0 ? platform : virtual).submit(tasks.get(t)));
      }
      for (Future<Void> f : futures) {
        f.get();
      }
    }
  }

  // ---------------------------------------------------------------- portfolio sums

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 9, 63, 1000, 4099, 70_001})
  void greekSums_perUnderlyingWithinBoundOfReferenceOutputsSummed(int rows) {
    assertSumsWithinBound("mixed", SyntheticBooks.mixed(rows, 5, 11 + rows, false), SumBuckets.perUnderlying(5));
    assertSumsWithinBound("edge", SyntheticBooks.edgeCases(rows, 5 + rows), SumBuckets.perUnderlying(3));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 9, 63, 1000, 4099, 33_333})
  void greekSums_expiryAndStrikeBucketsWithinBoundOfReferenceOutputsSummed(int rows) {
    SumBuckets both = new SumBuckets(5, new double[] {7 / 365.0, 30 / 365.0, 0.25, 1.0}, new double[] {0.8, 0.95, 1.05, 1.25});
    assertSumsWithinBound("mixed, both", SyntheticBooks.mixed(rows, 5, 3 + rows, false), both);
    assertSumsWithinBound("edge, expiry", SyntheticBooks.edgeCases(rows, 9 + rows),
        new SumBuckets(3, new double[] {0.0, SyntheticBooks.ONE_MINUTE, 1.0}, null));
    assertSumsWithinBound("edge, strike", SyntheticBooks.edgeCases(rows, 13 + rows),
        new SumBuckets(3, null, new double[] {0.2, 1.0, 5.0}));
  }

  @Test
  void greekSums_gridWithManyCellsWithinBound() {
    // Thousands of cells: on the cpu backend one accumulator per cell and output.
    double[] expiry = new double[40];
    for (int i = 0; i < expiry.length; i++) {
      expiry[i] = (i + 1) * 0.1;
    }
    double[] strike = new double[30];
    for (int i = 0; i < strike.length; i++) {
      strike[i] = 0.5 + 0.05 * i;
    }
    assertSumsWithinBound("many cells", SyntheticBooks.mixed(20_000, 5, 8, false), new SumBuckets(5, expiry, strike));
    assertSumsWithinBound("grid", edgeGrid(), new SumBuckets(2, new double[] {0.0, 1e-6, 0.1}, new double[] {0.5, 2.0}));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 9})
  void greekSums_coinValueOfInverseContractsOnly_andANaNOutputMakesItsCellNaN(int underlyings) {
    // 9 underlyings: above the cell-major layouts of the cpu kernel, so both of its paths are covered.
    PositionColumns book = SyntheticBooks.mixed(5_003, underlyings, 31, false);
    SumBuckets layout = SumBuckets.perUnderlying(underlyings);
    GreeksColumns ref = reference(book);
    double[] coin = new double[underlyings];
    boolean[] inverse = new boolean[underlyings];
    for (int i = 0; i < book.rows(); i++) {
      int u = book.underlying().getAtIndex(INT, i);
      double v = ref.get(Greek.VALUE_COIN.column(), i);
      if (!Double.isNaN(v)) {
        coin[u] += v;
        inverse[u] = true;
      }
    }
    GreekSums sums = backend.greekSums().sum(book, layout);
    for (int u = 0; u < underlyings; u++) {
      assertTrue(inverse[u], "the book has inverse contracts on underlying " + u);
      double got = sums.get(u, Greek.VALUE_COIN);
      assertTrue(Double.isFinite(got), "linear contracts' NaN coin values add nothing: " + got);
      assertEquals(coin[u], got, 1e-9 * Math.max(1, Math.abs(coin[u])), "coin value, underlying " + u);
    }
    // A NaN spot on one row: its outputs are NaN, so its cell's sums are; the other cells are not.
    int row = 4_321;
    int hit = book.underlying().getAtIndex(INT, row);
    book.spot().setAtIndex(DOUBLE, row, Double.NaN);
    GreekSums poisoned = backend.greekSums().sum(book, layout);
    assertTrue(Double.isNaN(poisoned.get(hit, Greek.DELTA)), "the NaN row's cell");
    for (int u = 0; u < underlyings; u++) {
      if (u != hit) {
        assertEquals(sums.get(u, Greek.DELTA), poisoned.get(u, Greek.DELTA), "cell " + u + " untouched");
      }
    }
  }

  @Test
  void greekSums_sameBitsOnRepeatedCalls() {
    PositionColumns book = SyntheticBooks.mixed(50_000, 5, 21, false);
    SumBuckets buckets = new SumBuckets(5, new double[] {0.1, 0.5}, new double[] {1.0});
    GreekSums first = backend.greekSums().sum(book, buckets);
    assertEquals(first, backend.greekSums().sum(book, buckets));
    assertEquals(first, backend.greekSums().sum(book, buckets));
  }

  @Test
  void greekSums_offHeapMisalignedColumnsGiveTheBitsOfHeapColumns() {
    PositionColumns heap = SyntheticBooks.mixed(40_001, 5, 77, false);
    SumBuckets buckets = new SumBuckets(5, new double[] {0.05, 0.5}, new double[] {0.9, 1.1});
    GreekSums expected = backend.greekSums().sum(heap, buckets);
    // shared: a multi-threaded backend reads the columns from its own threads
    try (Arena arena = Arena.ofShared()) {
      assertEquals(expected, backend.greekSums().sum(offHeapCopy(heap, arena), buckets));
    }
  }

  @ParameterizedTest
  @CsvSource({"6, 9", "300, -1", "70000, 9"})
  void greekSums_badKindCodeNamesItsRow(int row, int code) {
    PositionColumns book = SyntheticBooks.mixed(70_013, 3, 5, false);
    book.kind().setAtIndex(INT, row, code);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> backend.greekSums().sum(book, SumBuckets.perUnderlying(3)));
    assertEquals("contract kind code must be 0.." + (ContractKind.COUNT - 1) + ", was " + code + " (row " + row + ")",
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"6, 3", "300, -1", "70000, 7"})
  void greekSums_underlyingOutOfRangeNamesItsRow(int row, int underlying) {
    PositionColumns book = SyntheticBooks.mixed(70_013, 3, 5, false);
    book.underlying().setAtIndex(INT, row, underlying);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> backend.greekSums().sum(book, SumBuckets.perUnderlying(3)));
    assertEquals("underlying index must be 0..2, was " + underlying + " (row " + row + ")", e.getMessage());
    // A failed call leaves nothing behind: the next one is right.
    book.underlying().setAtIndex(INT, row, 0);
    assertSumsWithinBound("after failure", book, SumBuckets.perUnderlying(3));
  }

  @Test
  void greekSums_emptyBookGivesZeros() {
    GreekSums sums = backend.greekSums().sum(SyntheticBooks.mixed(0, 1, 1, false),
        new SumBuckets(2, new double[] {1.0}, null));
    assertEquals(0, sums.rows());
    double[] all = sums.toArray();
    assertEquals(2 * 3 * Greek.COUNT, all.length);
    for (double v : all) {
      assertEquals(0L, Double.doubleToRawLongBits(v));
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Reference outputs of {@code in}. */
  protected static GreeksColumns reference(PositionColumns in) {
    GreeksColumns out = GreeksColumns.allocateOnHeap(in.rows());
    new ReferenceGreeksKernel().compute(in, out);
    return out;
  }

  private void assertWithinContract(String label, PositionColumns in) {
    GreeksColumns got = GreeksColumns.allocateOnHeap(in.rows());
    backend.greeks().compute(in, got);
    List<GreeksComparison.OutputError> errors = GreeksComparison.compare(in, reference(in), got);
    assertTrue(GreeksComparison.allWithin(errors), () -> backend.name() + " " + label + " rows " + in.rows()
        + " out of contract: " + errors.stream().filter(e -> !e.withinContract())
            .map(e -> e + " at " + in.row(e.worstRow())).collect(Collectors.joining("; ")));
  }

  /**
   * The backend's sums against the reference's per-position outputs added in row order, cell by
   * cell, under the bound of {@link io.hedgekit.kernels.GreekSumsKernel}. The cell of each row is
   * computed here from the bucket rules, independently of {@link SumBuckets#keyOf}.
   */
  private void assertSumsWithinBound(String label, PositionColumns in, SumBuckets buckets) {
    GreekSums got = backend.greekSums().sum(in, buckets);
    assertEquals(in.rows(), got.rows());
    GreeksColumns ref = reference(in);
    int cells = buckets.cells();
    double[] sum = new double[cells * Greek.COUNT];
    double[] abs = new double[cells * Greek.COUNT];
    double[] allowance = new double[cells * Greek.COUNT];
    int[] count = new int[cells];
    for (int i = 0; i < in.rows(); i++) {
      int cell = cellOf(in, i, buckets);
      count[cell]++;
      double scale = in.spot().getAtIndex(DOUBLE, i) * Math.abs(in.size().getAtIndex(DOUBLE, i));
      for (Greek g : Greek.values()) {
        double v = g.summand(ref.get(g.column(), i));
        int at = cell * Greek.COUNT + g.ordinal();
        sum[at] += v;
        abs[at] += Math.abs(v);
        allowance[at] += Math.max(GreeksComparison.CONTRACT_TOLERANCE * Math.abs(v),
            GreeksComparison.CONTRACT_TOLERANCE * scale);
      }
    }
    for (int cell = 0; cell < cells; cell++) {
      for (Greek g : Greek.values()) {
        int at = cell * Greek.COUNT + g.ordinal();
        double backendSum = got.get(cell, g);
        String where = backend.name() + " " + label + " rows " + in.rows() + " cell " + cell + " " + g;
        if (sumsExactlyInRowOrder()) {
          assertEquals(Double.doubleToRawLongBits(sum[at]), Double.doubleToRawLongBits(backendSum), where);
          continue;
        }
        double bound = allowance[at] + count[cell] * Math.ulp(1.0) * abs[at];
        double err = Math.abs(backendSum - sum[at]);
        assertTrue(err <= bound || backendSum == sum[at] || (Double.isNaN(sum[at]) && Double.isNaN(backendSum)),
            () -> where + ": " + backendSum + " vs reference " + sum[at] + ", error " + err + " > bound " + bound);
      }
    }
  }

  /** The cell of row {@code i} by the rules of the {@link SumBuckets} javadoc, written out once more. */
  private static int cellOf(PositionColumns in, int i, SumBuckets b) {
    ContractKind kind = ContractKind.ofCode(in.kind().getAtIndex(INT, i));
    int e = 0;
    double[] expiry = b.expiryEdges();
    if (expiry != null) {
      double t = in.timeYears().getAtIndex(DOUBLE, i);
      if (kind.hasExpiry()) {
        while (e < expiry.length && expiry[e] <= t) {
          e++;
        }
      } else {
        e = expiry.length + 1;
      }
    }
    int s = 0;
    double[] strike = b.strikeEdges();
    if (strike != null) {
      double m = in.strike().getAtIndex(DOUBLE, i) / in.spot().getAtIndex(DOUBLE, i);
      if (kind.isOption()) {
        while (s < strike.length && strike[s] <= m) {
          s++;
        }
      } else {
        s = strike.length + 1;
      }
    }
    return b.key(in.underlying().getAtIndex(INT, i), e, s);
  }

  /**
   * Every kind × 13 moneyness levels 0.01..100 × 12 times to expiry (expired, 0, 1e-9 years, one
   * minute ... five years) × 10 vols (1e-9 .. 10) × spot in {95,000, 0.75} × three rate/carry
   * pairs (zero, positive, negative): 84,240 rows.
   */
  protected static PositionColumns edgeGrid() {
    double[] moneyness = {0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 1.0, 1.05, 1.25, 2.0, 5.0, 20.0, 100.0};
    double[] times = {-0.01, 0.0, 1e-9, SyntheticBooks.ONE_MINUTE, 1.0 / 24 / 365, 1.0 / 365, 7.0 / 365, 0.1, 0.5,
        1.0, 2.0, 5.0};
    double[] vols = {1e-9, 1e-4, 0.05, 0.1, 0.3, 0.8, 1.5, 3.0, 5.0, 10.0};
    double[] spots = {95_000, 0.75};
    double[][] rateCarry = {{0.0, 0.0}, {0.05, -0.03}, {-0.02, 0.1}};
    int n = ContractKind.COUNT * moneyness.length * times.length * vols.length * spots.length * rateCarry.length;
    int[] kind = new int[n];
    int[] und = new int[n];
    double[][] c = new double[9][n];
    int i = 0;
    for (ContractKind k : ContractKind.values()) {
      for (double m : moneyness) {
        for (double t : times) {
          for (double v : vols) {
            for (double s : spots) {
              for (double[] rq : rateCarry) {
                kind[i] = k.code();
                und[i] = i % 2;
                c[0][i] = s;
                c[1][i] = s * m;
                c[2][i] = t;
                c[3][i] = v;
                c[4][i] = rq[0];
                c[5][i] = rq[1];
                // inverse futures and perpetuals are sized in USD face
                c[6][i] = (k.isInverse() && !k.isOption() ? 1_000.0 : 2.5) * (i % 3 == 0 ? -1 : 1);
                c[7][i] = s * (i % 2 == 0 ? 1.0 : 0.9);
                c[8][i] = 0.0001;
                i++;
              }
            }
          }
        }
      }
    }
    return PositionColumns.ofArrays(kind, und, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
  }

  private static GreeksColumns sentinelColumns(int rows) {
    GreeksColumns out = GreeksColumns.allocateOnHeap(rows);
    for (MemorySegment col : out.columns()) {
      col.fill((byte) 0x7f);
    }
    return out;
  }

  private static void assertUntouched(GreeksColumns out, int from, int to) {
    for (int c = 0; c < GreeksColumns.COUNT; c++) {
      for (int i = from; i < to; i++) {
        assertEquals(UNTOUCHED, Double.doubleToRawLongBits(out.get(c, i)), GreeksColumns.NAMES.get(c) + " row " + i);
      }
    }
  }

  private static void assertSameBits(GreeksColumns expected, GreeksColumns got) {
    for (int c = 0; c < GreeksColumns.COUNT; c++) {
      assertArrayEquals(expected.columns()[c].toArray(ValueLayout.JAVA_DOUBLE),
          got.columns()[c].toArray(ValueLayout.JAVA_DOUBLE), GreeksColumns.NAMES.get(c));
    }
  }

  /** A copy of the book in off-heap segments that start 8 bytes past a 64-byte boundary. */
  protected static PositionColumns offHeapCopy(PositionColumns p, Arena arena) {
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
  protected static MemorySegment misaligned(Arena arena, long bytes) {
    MemorySegment block = arena.allocate(bytes + 64, 64);
    return block.asSlice(8, bytes);
  }
}

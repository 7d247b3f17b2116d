package io.hedgekit.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.check.GreeksComparison;
import io.hedgekit.kernels.check.GreeksComparison.OutputError;
import io.hedgekit.kernels.check.SyntheticBooks;
import io.hedgekit.kernels.reference.ReferenceGreeksKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What only the OpenCL Greeks kernel has to show: a book of 40 chunks within the accuracy contract,
 * and off-heap columns with an output larger than the input (rows past the input untouched).
 * Odd sizes, edge inputs, bad kinds, empty books, repeatability and concurrent calls are the
 * backend conformance test's ({@link GpuBackendConformanceTest}).
 */
class GpuGreeksKernelTest {

  private static GpuBackend backend;

  @BeforeAll
  static void open() {
    backend = OpenClTestSupport.openOrSkip(OpenClTestSupport.TEST_CHUNK_ROWS);
    long start = System.nanoTime();
    device(SyntheticBooks.mixed(1, 1, 1, false));
    // PoCL generates machine code for a kernel at its first launch, not in clBuildProgram
    System.out.printf("gpu backend: %s; first Greeks launch %.0f ms%n", backend.description(),
        (System.nanoTime() - start) / 1e6);
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
  }

  private static GreeksColumns reference(PositionColumns in) {
    GreeksColumns out = GreeksColumns.allocateOnHeap(in.rows());
    new ReferenceGreeksKernel().compute(in, out);
    return out;
  }

  private static GreeksColumns device(PositionColumns in) {
    GreeksColumns out = GreeksColumns.allocateOnHeap(in.rows());
    backend.greeks().compute(in, out);
    return out;
  }

  private static void assertWithinContract(String book, PositionColumns in) {
    List<OutputError> errors = GreeksComparison.compare(in, reference(in), device(in));
    double worst = errors.stream().mapToDouble(OutputError::worstRatio).max().orElse(0);
    System.out.printf("%s rows=%d worst error/allowance=%.3g max rel=%.3g%n", book, in.rows(), worst,
        errors.stream().mapToDouble(OutputError::maxRelError).max().orElse(0));
    assertTrue(GreeksComparison.allWithin(errors), () -> book + " rows " + in.rows() + " out of contract: "
        + errors.stream().filter(e -> !e.withinContract()).map(OutputError::toString)
            .collect(Collectors.joining("; ")));
  }

  @Test
  void compute_largeEdgeBookWithinContract() {
    // 20 000 rows: every edge combination many times over, across 40 chunks
    assertWithinContract("edge-large", SyntheticBooks.edgeCases(20_000, 2024));
  }

  @Test
  void compute_offHeapColumnsAndLargerOutput() {
    PositionColumns heap = SyntheticBooks.mixed(777, 3, 5, false);
    try (Arena arena = Arena.ofConfined()) {
      PositionColumns offHeap = copyOffHeap(heap, arena);
      MemorySegment[] cols = new MemorySegment[GreeksColumns.COUNT];
      for (int c = 0; c < cols.length; c++) {
        cols[c] = arena.allocate(8L * 800, 8);
        cols[c].fill((byte) 0x7f);
      }
      GreeksColumns out = GreeksColumns.of(800, cols);
      backend.greeks().compute(offHeap, out);
      List<OutputError> errors = GreeksComparison.compare(heap, reference(heap), out.slice(0, 777));
      assertTrue(GreeksComparison.allWithin(errors), errors::toString);
      for (int c = 0; c < GreeksColumns.COUNT; c++) {
        // rows past the input are untouched
        for (int i = 777; i < 800; i++) {
          assertEquals(0x7f7f7f7f7f7f7f7fL, Double.doubleToRawLongBits(out.get(c, i)), GreeksColumns.NAMES.get(c));
        }
      }
    }
  }

  private static PositionColumns copyOffHeap(PositionColumns p, Arena arena) {
    MemorySegment[] src = {p.kind(), p.underlying(), p.spot(), p.strike(), p.timeYears(), p.vol(), p.rate(),
        p.carry(), p.size(), p.entryPrice(), p.funding8h()};
    MemorySegment[] dst = new MemorySegment[src.length];
    for (int c = 0; c < src.length; c++) {
      dst[c] = arena.allocate(src[c].byteSize(), 8);
      dst[c].copyFrom(src[c]);
    }
    return new PositionColumns(p.rows(), dst[0], dst[1], dst[2], dst[3], dst[4], dst[5], dst[6], dst[7], dst[8],
        dst[9], dst[10]);
  }
}

package io.hedgekit.bench.cpu;

import io.hedgekit.cpu.CpuBackendProvider;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.GreekSums;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.SumBuckets;
import java.lang.foreign.Arena;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Portfolio Greeks without per-position output: how many positions per second does the
 * {@code cpu} backend's sums kernel ({@code greekSums()}) take on a 4M-position native book, per
 * underlying and with expiry × strike buckets, against the per-position kernel ({@code greeks()},
 * ten output columns written) in the same run? One operation = one position.
 *
 * <p>Books: OPTIONS (random underlyings: most vectors of eight rows mix cells, added lane by
 * lane), OPTIONS_BY_UNDERLYING (the same rows grouped by underlying: whole vectors of one cell per
 * underlying, one vector add per output), MIXED (all nine kinds, random order).
 *
 * <p>Buckets: the report's expiry edges (7, 30, 91, 182, 365 days) and moneyness edges 0.8, 0.9,
 * 0.95, 1.05, 1.1, 1.25 over five underlyings: 5 × 7 × 8 = 280 cells.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar CpuGreekSumsBenchmark -f 1 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class CpuGreekSumsBenchmark {

  /** Positions in the book (the operations per invocation below must match). */
  static final int ROWS = 4_000_000;

  @Param({"OPTIONS", "OPTIONS_BY_UNDERLYING", "MIXED"})
  OffHeapBooks.Book book;

  @Param({"2"})
  int threads;

  Arena arena;
  PositionColumns positions;
  GreeksColumns out;
  ComputeBackend cpu;
  SumBuckets perUnderlying;
  SumBuckets buckets;

  @Setup(Level.Trial)
  public void setUp() {
    arena = Arena.ofShared();
    positions = OffHeapBooks.book(book, ROWS, arena);
    out = OffHeapBooks.outputs(ROWS, arena);
    cpu = new CpuBackendProvider().open(new BackendOptions(threads, null));
    perUnderlying = SumBuckets.perUnderlying(5);
    double[] days = {7, 30, 91, 182, 365};
    double[] expiry = new double[days.length];
    for (int i = 0; i < days.length; i++) {
      expiry[i] = days[i] / 365.0;
    }
    buckets = new SumBuckets(5, expiry, new double[] {0.8, 0.9, 0.95, 1.05, 1.1, 1.25});
    System.out.printf("%n%s%n", cpu.description());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cpu.close();
    arena.close();
  }

  /** The baseline: all ten outputs per position written to native columns. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void perPosition() {
    cpu.greeks().compute(positions, out);
  }

  /** Sums of the eight Greeks per underlying (5 cells), no output columns. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public GreekSums sumsPerUnderlying() {
    return cpu.greekSums().sum(positions, perUnderlying);
  }

  /** Sums per underlying × expiry bucket × strike bucket (280 cells), no output columns. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public GreekSums sumsWithBuckets() {
    return cpu.greekSums().sum(positions, buckets);
  }
}

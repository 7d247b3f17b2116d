package io.hedgekit.bench.cpu;

import io.hedgekit.cpu.CpuBackendProvider;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
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
 * How do the {@code cpu} kernels scale from one thread to two (target ≥ 1.8×)? Greeks on a
 * 4M-option native book (positions per second) and revaluation of 20,000 options × 10,000
 * scenarios (repricings per second), at {@code threads} = 1 and 2 in one run.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar CpuScalingBenchmark -f 1 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class CpuScalingBenchmark {

  static final int GREEKS_ROWS = 4_000_000;
  static final int REVALUATION_ROWS = 20_000;
  static final int SCENARIOS = 10_000;

  @Param({"1", "2"})
  int threads;

  Arena arena;
  PositionColumns options;
  PositionColumns revaluationBook;
  GreeksColumns out;
  ScenarioColumns moves;
  ComputeBackend cpu;

  @Setup(Level.Trial)
  public void setUp() {
    arena = Arena.ofShared();
    options = OffHeapBooks.book(OffHeapBooks.Book.OPTIONS, GREEKS_ROWS, arena);
    revaluationBook = options.slice(0, REVALUATION_ROWS);
    out = OffHeapBooks.outputs(GREEKS_ROWS, arena);
    moves = OffHeapBooks.scenarios(SCENARIOS, true, arena);
    cpu = new CpuBackendProvider().open(new BackendOptions(threads, null));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cpu.close();
    arena.close();
  }

  @Benchmark
  @OperationsPerInvocation(GREEKS_ROWS)
  public void greeks() {
    cpu.greeks().compute(options, out);
  }

  @Benchmark
  @OperationsPerInvocation(REVALUATION_ROWS * SCENARIOS)
  public PnlAccumulator revaluation() {
    PnlAccumulator pnl = PnlAccumulator.zeros(SCENARIOS, 5);
    cpu.revaluation().revalue(revaluationBook, moves, pnl);
    return pnl;
  }
}

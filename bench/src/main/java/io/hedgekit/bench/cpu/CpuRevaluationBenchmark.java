package io.hedgekit.bench.cpu;

import io.hedgekit.cpu.CpuBackendProvider;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.reference.ReferenceRevaluationKernel;
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
 * How many repricings per second does the {@code cpu} backend's revaluation kernel do on
 * 100,000 positions × 10,000 scenarios (the target: under 3 s, i.e. ≥ 350M/s on two threads), and
 * how does that compare with the scalar reference in the same run? One operation = one position
 * under one scenario; scores are repricings per second. The reference is run on the first 1,000
 * positions only (its full run would take minutes); its rate does not depend on the book size.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar CpuRevaluationBenchmark -f 1 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class CpuRevaluationBenchmark {

  static final int ROWS = 100_000;
  static final int SCENARIOS = 10_000;
  static final int REFERENCE_ROWS = 1_000;

  @Param({"OPTIONS", "MIXED"})
  OffHeapBooks.Book book;

  /** Whether the scenarios move vols too (one division more per lane). */
  @Param({"true", "false"})
  boolean volShifts;

  @Param({"2"})
  int threads;

  Arena arena;
  PositionColumns positions;
  PositionColumns referencePositions;
  ScenarioColumns moves;
  ComputeBackend cpu;
  ReferenceRevaluationKernel reference;

  @Setup(Level.Trial)
  public void setUp() {
    arena = Arena.ofShared();
    positions = OffHeapBooks.book(book, ROWS, arena);
    referencePositions = positions.slice(0, REFERENCE_ROWS);
    moves = OffHeapBooks.scenarios(SCENARIOS, volShifts, arena);
    cpu = new CpuBackendProvider().open(new BackendOptions(threads, null));
    reference = new ReferenceRevaluationKernel();
    System.out.printf("%n%s%n", cpu.description());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cpu.close();
    arena.close();
  }

  /** The Vector API kernel on {@code threads} threads, whole book. */
  @Benchmark
  @OperationsPerInvocation(ROWS * SCENARIOS)
  public PnlAccumulator cpu() {
    PnlAccumulator out = PnlAccumulator.zeros(SCENARIOS, 5);
    cpu.revaluation().revalue(positions, moves, out);
    return out;
  }

  /** The scalar reference, one thread, first {@link #REFERENCE_ROWS} positions. */
  @Benchmark
  @OperationsPerInvocation(REFERENCE_ROWS * SCENARIOS)
  public PnlAccumulator referenceOneThread() {
    PnlAccumulator out = PnlAccumulator.zeros(SCENARIOS, 5);
    reference.revalue(referencePositions, moves, out);
    return out;
  }
}

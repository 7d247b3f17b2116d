package io.hedgekit.bench.cpu;

import io.hedgekit.cpu.CpuBackendProvider;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.VolDynamics;
import io.hedgekit.kernels.check.SyntheticSmiles;
import io.hedgekit.kernels.market.VolSmile;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
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
 * What does re-reading the SVI smile per scenario (sticky moneyness) cost the {@code cpu}
 * revaluation kernel against sticky strike, in the same run (same book, same expiries)? An
 * options-only book of 20,000
 * positions over five underlyings, every one with a smile (the synthetic smiles of
 * {@link SyntheticSmiles}, extreme slices included), × 5,000 scenarios with vol shifts. One
 * operation = one option under one scenario; the question is the ratio of the two scores
 * (target ≥ 0.70).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar CpuSmileRevaluationBenchmark -f 1}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class CpuSmileRevaluationBenchmark {

  static final int ROWS = 20_000;
  static final int SCENARIOS = 5_000;

  @Param({"STICKY_STRIKE", "STICKY_MONEYNESS"})
  VolDynamics.Mode dynamics;

  /**
   * LISTED: every option expires on one of its smile's slices (as listed options do: one slice per
   * lane); ANY: expiries drawn anywhere from 1 day to 2 years (mostly between slices: two per lane).
   */
  @Param({"LISTED", "ANY"})
  String expiries;

  @Param({"2"})
  int threads;

  Arena arena;
  PositionColumns positions;
  ScenarioColumns moves;
  ComputeBackend cpu;

  @Setup(Level.Trial)
  public void setUp() {
    arena = Arena.ofShared();
    positions = OffHeapBooks.book(OffHeapBooks.Book.OPTIONS, ROWS, arena);
    List<VolSmile> smiles = new ArrayList<>(SyntheticSmiles.smiles(5));
    smiles.set(4, smiles.get(0)); // every underlying smiled
    if (expiries.equals("LISTED")) {
      PositionColumns listed = SyntheticSmiles.onSlices(positions, smiles);
      positions.timeYears().copyFrom(listed.timeYears());
    }
    moves = OffHeapBooks.scenarios(SCENARIOS, true, arena)
        .withVolDynamics(VolDynamics.of(dynamics, VolDynamics.ShiftTerm.PARALLEL, smiles));
    cpu = new CpuBackendProvider().open(new BackendOptions(threads, null));
    System.out.printf("%n%s%n", cpu.description());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cpu.close();
    arena.close();
  }

  /** The Vector API kernel on {@code threads} threads. */
  @Benchmark
  @OperationsPerInvocation(ROWS * SCENARIOS)
  public PnlAccumulator revalue() {
    PnlAccumulator out = PnlAccumulator.zeros(SCENARIOS, 5);
    cpu.revaluation().revalue(positions, moves, out);
    return out;
  }
}

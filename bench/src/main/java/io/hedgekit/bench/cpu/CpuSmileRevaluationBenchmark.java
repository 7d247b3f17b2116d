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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * revaluation kernel against sticky strike, in the same run, on the same book? An options-only
 * book of 5,000 positions over five underlyings, every one with a smile (the synthetic smiles of
 * {@link SyntheticSmiles}, extreme slices included), × 2,000 scenarios with vol shifts. One
 * operation = one option under one scenario; the question is the ratio of the two scores
 * (target ≥ 0.70).
 *
 * <p>The two variants run at the same time, one thread each (a JMH group): on a shared machine
 * whose load changes by the minute both see the same load. Each backend has one thread, which is
 * the benchmark thread itself (a one-thread {@code WorkerPool} runs on its caller), so the
 * auxiliary counters also give each variant's thread CPU time: {@code *Repricings} /
 * {@code *CpuNanos} is the rate per CPU second, which other processes on the machine hardly move.
 *
 * <p>{@code expiries}: LISTED puts every option on one of its smile's slices (as listed options
 * are: one SVI per lane); ANY keeps the book's expiries from 1 day to 2 years (mostly between two
 * slices: two SVIs per lane).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar CpuSmileRevaluationBenchmark -f 1}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
public class CpuSmileRevaluationBenchmark {

  static final int ROWS = 5_000;
  static final int SCENARIOS = 2_000;
  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Book and scenario moves under both dynamics, shared by the group's threads. */
  @State(Scope.Benchmark)
  public static class Inputs {
    @Param({"LISTED", "ANY"})
    String expiries;

    Arena arena;
    PositionColumns positions;
    ScenarioColumns stickyStrike;
    ScenarioColumns stickyMoneyness;

    @Setup(Level.Trial)
    public void setUp() {
      arena = Arena.ofShared();
      positions = OffHeapBooks.book(OffHeapBooks.Book.OPTIONS, ROWS, arena);
      List<VolSmile> smiles = new ArrayList<>(SyntheticSmiles.smiles(5));
      smiles.set(4, smiles.get(0)); // every underlying smiled
      if (expiries.equals("LISTED")) {
        positions.timeYears().copyFrom(SyntheticSmiles.onSlices(positions, smiles).timeYears());
      }
      ScenarioColumns moves = OffHeapBooks.scenarios(SCENARIOS, true, arena);
      stickyStrike = moves.withVolDynamics(VolDynamics.of(VolDynamics.Mode.STICKY_STRIKE,
          VolDynamics.ShiftTerm.PARALLEL, smiles));
      stickyMoneyness = moves.withVolDynamics(VolDynamics.of(VolDynamics.Mode.STICKY_MONEYNESS,
          VolDynamics.ShiftTerm.PARALLEL, smiles));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      arena.close();
    }
  }

  /** One single-threaded cpu backend per benchmark thread. */
  @State(Scope.Thread)
  public static class Backend {
    ComputeBackend cpu;

    @Setup(Level.Trial)
    public void setUp() {
      cpu = new CpuBackendProvider().open(new BackendOptions(1, null));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      cpu.close();
    }

    /** Revalues and returns the thread CPU time it took, ns. */
    long run(PositionColumns p, ScenarioColumns sc, PnlAccumulator[] result) {
      long t0 = THREADS.getCurrentThreadCpuTime();
      PnlAccumulator out = PnlAccumulator.zeros(SCENARIOS, 5);
      cpu.revaluation().revalue(p, sc, out);
      result[0] = out;
      return THREADS.getCurrentThreadCpuTime() - t0;
    }
  }

  /** Thread CPU time of the sticky-strike thread this iteration (counter names must differ per method). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class StrikeCpu {
    /** ns of thread CPU time. */
    public long strikeCpuNanos;
    /** repricings done. */
    public long strikeRepricings;

    @Setup(Level.Iteration)
    public void reset() {
      strikeCpuNanos = 0;
      strikeRepricings = 0;
    }
  }

  /** Thread CPU time of the sticky-moneyness thread this iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class MoneynessCpu {
    /** ns of thread CPU time. */
    public long moneynessCpuNanos;
    /** repricings done. */
    public long moneynessRepricings;

    @Setup(Level.Iteration)
    public void reset() {
      moneynessCpuNanos = 0;
      moneynessRepricings = 0;
    }
  }

  /** Sticky strike: each option keeps its vol plus the shift. */
  @Benchmark
  @Group("concurrent")
  @GroupThreads(1)
  @OperationsPerInvocation(ROWS * SCENARIOS)
  public PnlAccumulator stickyStrike(Inputs in, Backend b, StrikeCpu cpu) {
    PnlAccumulator[] out = new PnlAccumulator[1];
    cpu.strikeCpuNanos += b.run(in.positions, in.stickyStrike, out);
    cpu.strikeRepricings += (long) ROWS * SCENARIOS;
    return out[0];
  }

  /** Sticky moneyness: each option's vol re-read on its smile at the scenario's forward. */
  @Benchmark
  @Group("concurrent")
  @GroupThreads(1)
  @OperationsPerInvocation(ROWS * SCENARIOS)
  public PnlAccumulator stickyMoneyness(Inputs in, Backend b, MoneynessCpu cpu) {
    PnlAccumulator[] out = new PnlAccumulator[1];
    cpu.moneynessCpuNanos += b.run(in.positions, in.stickyMoneyness, out);
    cpu.moneynessRepricings += (long) ROWS * SCENARIOS;
    return out[0];
  }
}

package io.hedgekit.bench.cpu;

import io.hedgekit.cpu.CpuBackendProvider;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.reference.ReferenceGreeksKernel;
import java.lang.foreign.Arena;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * How many positions per second does the {@code cpu} backend's Greeks kernel (all ten outputs)
 * price on a 4M-position book in native memory, against the scalar reference in the same run, on
 * one and on two threads? One operation = one position; scores are positions per second.
 *
 * <p>The {@code book} parameter answers the masks-or-sorting question: MIXED has every kind in
 * random order, MIXED_SORTED the same rows sorted by kind.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar CpuGreeksBenchmark -f 1 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class CpuGreeksBenchmark {

  /** Positions in the book (the operations per invocation below must match). */
  static final int ROWS = 4_000_000;

  @Param({"OPTIONS", "MIXED", "MIXED_SORTED"})
  OffHeapBooks.Book book;

  @Param({"2"})
  int threads;

  Arena arena;
  PositionColumns positions;
  GreeksColumns out;
  ComputeBackend cpu;
  ReferenceGreeksKernel reference;
  ExecutorService referencePool;

  @Setup(Level.Trial)
  public void setUp() {
    arena = Arena.ofShared();
    positions = OffHeapBooks.book(book, ROWS, arena);
    out = OffHeapBooks.outputs(ROWS, arena);
    cpu = new CpuBackendProvider().open(new BackendOptions(threads, null));
    reference = new ReferenceGreeksKernel();
    referencePool = Executors.newFixedThreadPool(threads);
    System.out.printf("%n%s%n", cpu.description());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cpu.close();
    referencePool.shutdown();
    arena.close();
  }

  /** The Vector API kernel on {@code threads} threads. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void cpu() {
    cpu.greeks().compute(positions, out);
  }

  /** The scalar reference, one thread (as the {@code scalar} backend runs it). */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void referenceOneThread() {
    reference.compute(positions, out);
  }

  /** The scalar reference with the book cut into {@code threads} equal slices run in parallel. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void referenceSameThreads() throws Exception {
    int slice = (ROWS + threads - 1) / threads;
    Future<?>[] parts = new Future<?>[threads];
    for (int t = 0; t < threads; t++) {
      int from = t * slice;
      int count = Math.min(slice, ROWS - from);
      parts[t] = referencePool.submit(() -> reference.compute(positions.slice(from, count), out.slice(from, count)));
    }
    for (Future<?> f : parts) {
      f.get();
    }
  }
}

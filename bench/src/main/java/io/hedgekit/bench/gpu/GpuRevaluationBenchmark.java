package io.hedgekit.bench.gpu;

import io.hedgekit.gpu.GpuBackend;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.check.SyntheticBooks;
import io.hedgekit.kernels.reference.ReferenceRevaluationKernel;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast does the OpenCL backend revalue a book under historical-style scenarios (full
 * repricing, per-scenario sums on the device) against the scalar reference in the same run?
 * One operation = rows × scenarios repricings.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar GpuRevaluation -f 1 -wi 2 -i 5}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class GpuRevaluationBenchmark {

  @Param({"4096"})
  int rows;

  @Param({"1000"})
  int scenarios;

  /** OpenCL device as for {@code --device}; empty = the default. */
  @Param({""})
  String device;

  PositionColumns book;
  ScenarioColumns moves;
  GpuBackend backend;
  ReferenceRevaluationKernel reference;

  @Setup(Level.Trial)
  public void setUp() {
    int underlyings = 5;
    book = SyntheticBooks.mixed(rows, underlyings, 42, false);
    SplittableRandom rnd = new SplittableRandom(7);
    double[][] returns = new double[underlyings][scenarios];
    double[][] shifts = new double[underlyings][scenarios];
    for (int u = 0; u < underlyings; u++) {
      for (int s = 0; s < scenarios; s++) {
        returns[u][s] = rnd.nextDouble(-0.15, 0.15);
        shifts[u][s] = rnd.nextDouble(-0.1, 0.1);
      }
    }
    moves = ScenarioColumns.ofArrays(returns, shifts, 1.0 / 365);
    backend = GpuBackend.open(new BackendOptions(0, device.isEmpty() ? null : device));
    reference = new ReferenceRevaluationKernel();
    System.out.printf("%n%s%n", backend.description());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    backend.close();
  }

  @Benchmark
  public PnlAccumulator gpu() {
    PnlAccumulator out = PnlAccumulator.zeros(scenarios, moves.underlyings());
    backend.revaluation().revalue(book, moves, out);
    return out;
  }

  @Benchmark
  public PnlAccumulator scalarReference() {
    PnlAccumulator out = PnlAccumulator.zeros(scenarios, moves.underlyings());
    reference.revalue(book, moves, out);
    return out;
  }
}

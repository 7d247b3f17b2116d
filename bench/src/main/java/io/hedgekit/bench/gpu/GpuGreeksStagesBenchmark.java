package io.hedgekit.bench.gpu;

import io.hedgekit.gpu.GpuBackend;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.check.SyntheticBooks;
import io.hedgekit.kernels.reference.ReferenceGreeksKernel;
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
 * Where does the time of an OpenCL Greeks call go? The host-to-device transfer of the inputs
 * (kind + 8 float64 columns, 68 B per position, staged into pinned memory), the kernel alone on
 * resident data, the device-to-host transfer of the ten outputs (80 B per position), and the
 * whole double-buffered call; the scalar reference on the same book is the baseline.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar GpuGreeksStages -f 1 -wi 2 -i 5}; on a
 * machine with several OpenCL devices add {@code -p device=<index or name part>}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class GpuGreeksStagesBenchmark {

  @Param({"65536", "1048576"})
  int rows;

  /** OpenCL device as for {@code --device}; empty = the default (first fp64 GPU, else first fp64 device). */
  @Param({""})
  String device;

  @Param({"131072"})
  int chunkRows;

  PositionColumns book;
  GreeksColumns out;
  GpuBackend backend;
  ReferenceGreeksKernel reference;

  @Setup(Level.Trial)
  public void setUp() {
    book = SyntheticBooks.mixed(rows, 5, 42, false);
    out = GreeksColumns.allocateOnHeap(rows);
    backend = GpuBackend.open(new BackendOptions(0, device.isEmpty() ? null : device), chunkRows);
    reference = new ReferenceGreeksKernel();
    // the kernel-only benchmark runs on what the buffers hold: real positions
    backend.benchmarkUpload(book);
    System.out.printf("%n%s; build %.0f ms%n", backend.description(), backend.buildMillis());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    backend.close();
  }

  @Benchmark
  public long transferToDevice() {
    return backend.benchmarkUpload(book);
  }

  @Benchmark
  public void kernel() {
    backend.benchmarkGreeksKernel(rows);
  }

  @Benchmark
  public long transferToHost() {
    return backend.benchmarkDownload(rows);
  }

  @Benchmark
  public GreeksColumns total() {
    backend.greeks().compute(book, out);
    return out;
  }

  @Benchmark
  public GreeksColumns scalarReference() {
    reference.compute(book, out);
    return out;
  }
}

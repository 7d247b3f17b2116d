package io.hedgekit.bench.cpu;

import io.hedgekit.cpu.impl.WorkerPool;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
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
 * What is the memory ceiling of the Greeks kernel's access pattern? The same traffic as the kernel on a
 * 4M-option native book, with no arithmetic: read the eight input columns an option needs (kind and
 * seven doubles, 60 bytes per row) and write the ten output columns (80 bytes per row, plus the
 * write-allocate read of each line), in blocks of 256 rows on the same fixed chunks and threads.
 * Positions per second; the Greeks kernel cannot beat {@code READ_WRITE}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class GreeksMemoryCeilingBenchmark {

  static final int ROWS = 4_194_304;
  static final int CHUNK = 16_384;
  static final int BLOCK = 256;
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

  /** READ: inputs only; WRITE: outputs only; READ_WRITE: both (the kernel's traffic). */
  @Param({"READ_WRITE", "READ", "WRITE"})
  String traffic;

  @Param({"1", "2"})
  int threads;

  Arena arena;
  PositionColumns positions;
  MemorySegment[] outs;
  WorkerPool pool;

  @Setup(Level.Trial)
  public void setUp() {
    arena = Arena.ofShared();
    positions = OffHeapBooks.book(OffHeapBooks.Book.OPTIONS, ROWS, arena);
    outs = OffHeapBooks.outputs(ROWS, arena).columns();
    pool = new WorkerPool(threads);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
    arena.close();
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void traffic() {
    boolean read = !traffic.equals("WRITE");
    boolean write = !traffic.equals("READ");
    pool.forEach(ROWS / CHUNK, c -> {
      int[] kind = new int[BLOCK];
      double[][] in = new double[7][BLOCK];
      MemorySegment[] src = {positions.spot(), positions.strike(), positions.timeYears(), positions.vol(),
          positions.rate(), positions.carry(), positions.size()};
      for (int b = c * CHUNK; b < (c + 1) * CHUNK; b += BLOCK) {
        if (read) {
          MemorySegment.copy(positions.kind(), PositionColumns.INT, 4L * b, kind, 0, BLOCK);
          for (int col = 0; col < 7; col++) {
            MemorySegment.copy(src[col], PositionColumns.DOUBLE, 8L * b, in[col], 0, BLOCK);
          }
        }
        if (write) {
          double[] s = in[0];
          for (int j = 0; j < BLOCK; j += SPECIES.length()) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, s, j);
            long o = 8L * (b + j);
            for (int col = 0; col < GreeksColumns.COUNT; col++) {
              v.intoMemorySegment(outs[col], o, ByteOrder.LITTLE_ENDIAN);
            }
          }
        }
      }
    });
  }
}

package io.hedgekit.bench.cpu;

import io.hedgekit.cpu.CpuBackendProvider;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.GreekSums;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.SumBuckets;
import java.lang.foreign.Arena;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * A companion to {@link CpuGreekSumsBenchmark} for a machine shared with other work: the same
 * three calls on the same 4M-row native book, on ONE thread, timed by the thread's CPU time
 * (which other processes' load does not inflate the way it inflates wall time), interleaved
 * round by round so the ratios compare like with like. Not a JMH benchmark: it prints ns of CPU
 * per row for each call, four rounds after one untimed warm-up round.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp
 * bench/target/benchmarks.jar io.hedgekit.bench.cpu.GreekSumsCpuTime OPTIONS}
 * (or OPTIONS_BY_UNDERLYING, MIXED). {@code -Dhk.rows=N} changes the book's size (default
 * {@link CpuGreekSumsBenchmark#ROWS}; 32768 keeps it in L2) and {@code -Dhk.reps=N} the calls per
 * round (default 5).
 */
public final class GreekSumsCpuTime {

  private GreekSumsCpuTime() {
  }

  public static void main(String[] args) {
    OffHeapBooks.Book which = OffHeapBooks.Book.valueOf(args.length > 0 ? args[0] : "OPTIONS");
    int rows = Integer.getInteger("hk.rows", CpuGreekSumsBenchmark.ROWS);
    int reps = Integer.getInteger("hk.reps", 5);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (Arena arena = Arena.ofShared();
        ComputeBackend cpu = new CpuBackendProvider().open(new BackendOptions(1, null))) {
      PositionColumns book = OffHeapBooks.book(which, rows, arena);
      GreeksColumns out = OffHeapBooks.outputs(rows, arena);
      SumBuckets perUnderlying = SumBuckets.perUnderlying(5);
      SumBuckets buckets = new SumBuckets(5, new double[] {7 / 365.0, 30 / 365.0, 91 / 365.0, 182 / 365.0, 1.0},
          new double[] {0.8, 0.9, 0.95, 1.05, 1.1, 1.25});
      double check = 0;
      for (int round = 0; round <= 4; round++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
          cpu.greeks().compute(book, out);
        }
        long t1 = mx.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
          check += cpu.greekSums().sum(book, perUnderlying).get(0, GreekSums.Greek.DELTA);
        }
        long t2 = mx.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
          check += cpu.greekSums().sum(book, buckets).get(0, GreekSums.Greek.DELTA);
        }
        long t3 = mx.getCurrentThreadCpuTime();
        double n = (double) rows * reps;
        if (round > 0) {
          System.out.printf(Locale.ROOT, "%s round %d: ns of CPU per row: perPosition %.2f, sumsPerUnderlying %.2f,"
              + " sumsWithBuckets %.2f%n", which, round, (t1 - t0) / n, (t2 - t1) / n, (t3 - t2) / n);
        }
      }
      System.out.println("(checksum " + check + ")");
    }
  }
}

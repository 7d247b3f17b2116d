package io.hedgekit.bench.engine;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.engine.GreeksRequest;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.ResolvePolicy;
import io.hedgekit.risk.engine.ResolvedPositions;
import io.hedgekit.risk.engine.RiskEngine;
import java.lang.foreign.Arena;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;

/**
 * A companion to {@link EngineGreeksBenchmark} for a machine shared with other work: the same
 * calls on the same resolved 1M-position book, through an engine with ONE thread (so the calling
 * thread does all the work), timed by the thread's CPU time (which other processes' load inflates
 * far less than wall time), interleaved round by round. Not a JMH benchmark: it prints ns of CPU
 * per position for the bare kernel on the resolved batches, the engine's sums-only request and the
 * engine's request with buckets, four rounds after one untimed warm-up round.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
 * --sun-misc-unsafe-memory-access=allow --add-opens=java.base/java.nio=ALL-UNNAMED -cp
 * bench/target/benchmarks.jar io.hedgekit.bench.engine.EngineGreeksCpuTime}
 */
public final class EngineGreeksCpuTime {

  private EngineGreeksCpuTime() {
  }

  public static void main(String[] args) {
    int reps = 5;
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Instant now = Instant.parse("2026-11-24T08:00:00Z");
    Market market = Market.builder(now)
        .underlying("BTC", u -> u.spot(95_000).rate(0.04).flatVol(0.55).fundingRate8h(0.0001))
        .underlying("ETH", u -> u.spot(3_000).rate(0.04).carry(0.01).flatVol(0.70))
        .build();
    try (RiskEngine engine = RiskEngine.builder().backend("cpu").threads(1).build();
        ResolvedPositions resolved = engine.resolve(EngineGreeksBenchmark.book(now, 20260301), market);
        Arena arena = Arena.ofShared()) {
      GreeksKernel kernel = engine.computeBackend().greeks();
      GreeksColumns out = GreeksColumns.allocate(ResolvePolicy.DEFAULT_BATCH_ROWS, arena);
      double check = 0;
      for (int round = 0; round <= rounds; round++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
          Iterator<ResolvedBatch> it = resolved.batches();
          while (it.hasNext()) {
            PositionColumns p = it.next().columns();
            kernel.compute(p, out.slice(0, p.rows()));
          }
          check += out.get(0, 0);
        }
        long t1 = mx.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
          check += engine.greeks(resolved, GreeksRequest.sums()).portfolio().sums()[0][2];
        }
        long t2 = mx.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
          check += engine.greeks(resolved, GreeksRequest.withBuckets()).portfolio().sums()[0][2];
        }
        long t3 = mx.getCurrentThreadCpuTime();
        double n = (double) EngineGreeksBenchmark.ROWS * reps;
        if (round > 0) {
          System.out.printf(Locale.ROOT, "round %d: ns of CPU per position: kernelBatches %.2f, engineSums %.2f (%.2fx),"
              + " engineBuckets %.2f (%.2fx)%n", round, (t1 - t0) / n, (t2 - t1) / n, (t1 - t0) / (double) (t2 - t1),
              (t3 - t2) / n, (t1 - t0) / (double) (t3 - t2));
        }
      }
      System.out.println("(checksum " + check + ")");
    }
  }
}

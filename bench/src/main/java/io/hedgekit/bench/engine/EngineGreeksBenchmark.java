package io.hedgekit.bench.engine;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.engine.Book;
import io.hedgekit.risk.engine.GreeksRequest;
import io.hedgekit.risk.engine.GreeksResult;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.Position;
import io.hedgekit.risk.engine.ResolvedPositions;
import io.hedgekit.risk.engine.RiskEngine;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
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
 * Does a Greeks request through the engine on a resolved in-memory book of 1M positions run at
 * the bare kernel's rate, and does it allocate nothing per position? One operation = one position;
 * scores are positions per second; run with {@code -prof gc}: {@code gc.alloc.rate.norm} is then
 * bytes allocated per position.
 *
 * <p>Baselines in the same run: {@code kernelWholeBook} (the kernel on the book as one native
 * column set with one output, as the kernel benchmarks measure it) and {@code kernelBatches} (the
 * kernel on the resolved book's batches into one reused output: the engine's kernel calls without
 * the engine). {@code engineSums} is {@code engine.greeks(resolved, GreeksRequest.sums())};
 * {@code engineBuckets} adds the expiry and strike buckets.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar EngineGreeksBenchmark -f 1 -wi 3 -i 5 -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-Xmx3g"})
@State(Scope.Benchmark)
public class EngineGreeksBenchmark {
  /** Positions in the book (the operations per invocation below must match). */
  static final int ROWS = 1_000_000;

  @Param({"cpu"})
  String backend;

  @Param({"2"})
  int threads;

  @Param({"20260301"})
  long seed;

  RiskEngine engine;
  ResolvedPositions resolved;
  GreeksKernel kernel;
  Arena arena;
  PositionColumns whole;
  GreeksColumns wholeOut;
  GreeksColumns batchOut;

  @Setup(Level.Trial)
  public void setUp() {
    engine = RiskEngine.builder().backend(backend).threads(threads).build();
    System.out.printf("%n%s%n", engine.backendReason());
    Instant now = Instant.parse("2026-11-24T08:00:00Z");
    Market market = Market.builder(now)
        .underlying("BTC", u -> u.spot(95_000).rate(0.04).flatVol(0.55).fundingRate8h(0.0001))
        .underlying("ETH", u -> u.spot(3_000).rate(0.04).carry(0.01).flatVol(0.70))
        .build();
    resolved = engine.resolve(book(now, seed), market);
    kernel = engine.computeBackend().greeks();
    arena = Arena.ofShared();
    whole = copyToOneColumnSet(resolved, arena);
    wholeOut = GreeksColumns.allocate(ROWS, arena);
    batchOut = GreeksColumns.allocate(io.hedgekit.risk.engine.ResolvePolicy.DEFAULT_BATCH_ROWS, arena);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    resolved.close();
    engine.close();
    arena.close();
  }

  /** The kernel on the whole book at once. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public GreeksColumns kernelWholeBook() {
    kernel.compute(whole, wholeOut);
    return wholeOut;
  }

  /** The kernel on each resolved batch, into one reused output. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public GreeksColumns kernelBatches() {
    Iterator<ResolvedBatch> it = resolved.batches();
    while (it.hasNext()) {
      PositionColumns p = it.next().columns();
      kernel.compute(p, batchOut.slice(0, p.rows()));
    }
    return batchOut;
  }

  /** A Greeks request through the engine: sums per underlying. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public GreeksResult engineSums() {
    return engine.greeks(resolved, GreeksRequest.sums());
  }

  /** A Greeks request through the engine: sums per underlying and per expiry and strike bucket. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public GreeksResult engineBuckets() {
    return engine.greeks(resolved, GreeksRequest.withBuckets());
  }

  /** A desk-like book: 60% options (half inverse), futures, perpetuals and spot on BTC and ETH. */
  static Book book(Instant now, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Position> out = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      boolean btc = rnd.nextInt(3) != 0;
      String u = btc ? "BTC" : "ETH";
      double spot = btc ? 95_000 : 3_000;
      Instant expiry = now.plus(Duration.ofHours(8 + rnd.nextInt(24 * 500)));
      double q = rnd.nextDouble(-50, 50);
      String id = "p" + i;
      int k = rnd.nextInt(10);
      out.add(switch (k) {
        case 0, 1, 2 -> Position.option(id, u, rnd.nextBoolean() ? Position.CALL : Position.PUT,
            Math.round(spot * rnd.nextDouble(0.5, 1.6)), expiry, q);
        case 3, 4, 5 -> Position.inverseOption(id, u, rnd.nextBoolean() ? Position.CALL : Position.PUT,
            Math.round(spot * rnd.nextDouble(0.5, 1.6)), expiry, q);
        case 6 -> Position.future(id, u, expiry, q, spot);
        case 7 -> Position.inverseFuture(id, u, expiry, q, 10, Double.NaN);
        case 8 -> Position.perpetual(id, u, q, spot * 0.99);
        default -> Position.spot(id, u, q);
      });
    }
    return Book.of(out);
  }

  /** The resolved batches copied into one native column set of {@link #ROWS} rows. */
  static PositionColumns copyToOneColumnSet(ResolvedPositions resolved, Arena arena) {
    MemorySegment kind = arena.allocate(4L * ROWS, 64);
    MemorySegment und = arena.allocate(4L * ROWS, 64);
    MemorySegment[] d = new MemorySegment[9];
    for (int c = 0; c < d.length; c++) {
      d[c] = arena.allocate(8L * ROWS, 64);
    }
    long at = 0;
    Iterator<ResolvedBatch> it = resolved.batches();
    while (it.hasNext()) {
      PositionColumns p = it.next().columns();
      long n = p.rows();
      MemorySegment.copy(p.kind(), 0, kind, 4 * at, 4 * n);
      MemorySegment.copy(p.underlying(), 0, und, 4 * at, 4 * n);
      MemorySegment[] src = {p.spot(), p.strike(), p.timeYears(), p.vol(), p.rate(), p.carry(), p.size(), p.entryPrice(),
          p.funding8h()};
      for (int c = 0; c < d.length; c++) {
        MemorySegment.copy(src[c], 0, d[c], 8 * at, 8 * n);
      }
      at += n;
    }
    return new PositionColumns(ROWS, kind, und, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
  }
}

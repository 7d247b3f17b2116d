package io.hedgekit.bench;

import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.engine.Book;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.intraday.IntradayEvent;
import io.hedgekit.risk.intraday.IntradayLoop;
import io.hedgekit.risk.intraday.Mandates;
import io.hedgekit.risk.intraday.MarketUpdate;
import io.hedgekit.risk.hedge.HedgeTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * How long does the warm intraday loop take from a market update to its events, on the demo's
 * 300,000-position book (netted to its instruments)? Two questions, as sampled latencies (JMH
 * {@code SampleTime}: p50 and p99 in the output):
 *
 * <ul>
 *   <li>{@code greeks}: update → guard → column rewrite → Greeks of the whole book per underlying
 *       → limit checks → the {@code greeks} event serialised to JSON;</li>
 *   <li>{@code greeksAndVar}: the same plus VaR/ES by full revaluation over 10,000 scenarios on
 *       every update ({@code --var-every 1}) and its {@code var} event.</li>
 * </ul>
 *
 * <p>Each operation is one BTC spot update 0.05% from the last (alternating direction, within
 * the sanity band), one second after the previous one; the mandates hold a BTC delta limit that
 * is never breached, so no hedge is sized. Inputs: {@code hedgekit demo --inputs-only --positions
 * 300000 --scenarios 10000 --out DIR}, with DIR given as {@code -p demoDir=DIR} (default
 * {@code /tmp/hk-demo300k}).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar IntradayLatencyBenchmark -f 1 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
@State(Scope.Benchmark)
public class IntradayLatencyBenchmark {

  @Param({"/tmp/hk-demo300k"})
  String demoDir;

  @Param({"cpu"})
  String backend;

  @Param({"2"})
  int threads;

  RiskEngine engine;
  IntradayLoop greeksLoop;
  IntradayLoop varLoop;
  Blackhole sinkHole;
  long clock;
  double spot;
  SplittableRandom rnd = new SplittableRandom(42);

  @Setup(Level.Trial)
  public void setUp(Blackhole bh) {
    Path dir = Path.of(demoDir);
    if (!Files.isRegularFile(dir.resolve("book.arrow"))) {
      throw new IllegalStateException(dir + "/book.arrow is missing: run 'hedgekit demo --inputs-only --positions "
          + "300000 --scenarios 10000 --out " + dir + "' first");
    }
    sinkHole = bh;
    engine = RiskEngine.builder().backend(backend).threads(threads).build();
    Market market = Market.read(dir.resolve("market.json"));
    Book book = engine.readBook(dir.resolve("book.arrow"));
    ScenarioSet scenarios = engine.readScenarios(dir.resolve("scenarios.arrow"));
    Mandates mandates = new Mandates(1e9, 0.25, 300, null, List.of(new Mandates.Limit("BTC", Mandates.Measure.DELTA,
        "coin", 1e12, 1, HedgeTarget.DELTA, Double.NaN)), List.of());
    greeksLoop = new IntradayLoop(engine, book, market, mandates, null, null,
        new IntradayLoop.Options(0, null, false), this::consume);
    varLoop = new IntradayLoop(engine, book, market, mandates, null, scenarios,
        new IntradayLoop.Options(1, null, false), this::consume);
    spot = market.spot("BTC");
    clock = market.valuationTime().toEpochMilli();
    System.out.printf("%n%s; %,d positions -> %,d instruments; %,d scenarios%n", engine.backendDescription(),
        greeksLoop.book().positions(), greeksLoop.book().instruments(), scenarios.rows());
  }

  private void consume(IntradayEvent e) {
    sinkHole.consume(e.toJson());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  private MarketUpdate next() {
    clock += 1_000;
    spot *= rnd.nextBoolean() ? 1.0005 : 1 / 1.0005;
    return MarketUpdate.spot(0, Instant.ofEpochMilli(clock), "BTC", spot, "bench");
  }

  @Benchmark
  public long greeks() {
    greeksLoop.onUpdate(next());
    return greeksLoop.events();
  }

  @Benchmark
  public long greeksAndVar() {
    varLoop.onUpdate(next());
    return varLoop.events();
  }
}

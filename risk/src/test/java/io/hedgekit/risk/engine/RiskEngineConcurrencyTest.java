package io.hedgekit.risk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.hedgekit.kernels.BackendProvider;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.backend.Backends;
import io.hedgekit.risk.hedge.HedgeOptions;
import io.hedgekit.risk.hedge.HedgeReports;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeUniverse;
import io.hedgekit.risk.hedge.ProposedTrade;
import io.hedgekit.risk.stress.StressOptions;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One engine serving 8 threads × 50 mixed requests at once gives, for every request, exactly the
 * result (compared as text of every double, so bit for bit) of the same request run alone.
 */
class RiskEngineConcurrencyTest {
  private static final int THREADS = 8;
  private static final int REQUESTS = 50;
  private static final int KINDS = 8;

  @ParameterizedTest(name = "{0} backend, {1} threads")
  @CsvSource({"scalar, platform", "scalar, virtual", "cpu, platform", "cpu, virtual", "gpu, platform", "gpu, virtual"})
  void mixedRequests_fromEightThreads_equalTheSameRequestsRunAlone(String backend, String threadKind) throws Exception {
    requireUsable(backend);
    Market market = EngineFixtures.market();
    Book book = Book.of(EngineFixtures.positions(240, 11));
    ScenarioSet set = EngineFixtures.scenarios(300, 11);
    try (RiskEngine engine = RiskEngine.builder().backend(backend).threads(2).build();
        ResolvedPositions resolved = engine.resolve(book, market)) {
      HedgeUniverse universe = engine.universe(EngineFixtures.hedgeInstruments(), market, EngineFixtures.hedgeCosts(),
          EngineFixtures.hedgeLots());
      Fixture f = new Fixture(engine, book, market, resolved, set, universe);
      String[] alone = new String[KINDS];
      for (int k = 0; k < KINDS; k++) {
        alone[k] = f.run(k);
      }
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<String[]>> futures = new ArrayList<>();
      try (ExecutorService pool = threadKind.equals("virtual") ? Executors.newVirtualThreadPerTaskExecutor()
          : Executors.newFixedThreadPool(THREADS)) {
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          futures.add(pool.submit(() -> {
            start.await();
            String[] got = new String[REQUESTS];
            for (int i = 0; i < REQUESTS; i++) {
              got[i] = f.run((thread * REQUESTS + i) % KINDS);
            }
            return got;
          }));
        }
        for (int t = 0; t < THREADS; t++) {
          String[] got = futures.get(t).get();
          for (int i = 0; i < REQUESTS; i++) {
            int kind = (t * REQUESTS + i) % KINDS;
            assertEquals(alone[kind], got[i], "thread " + t + " request " + i + " (kind " + kind + ")");
          }
        }
      }
      assertEquals(resolved.allocatedBytes(), engine.allocatedBytes(), "only the shared resolved book holds memory");
    }
  }

  /** The eight request kinds, each turned into text that shows every bit of its numbers. */
  private record Fixture(RiskEngine engine, Book book, Market market, ResolvedPositions resolved, ScenarioSet set,
      HedgeUniverse universe) {

    String run(int kind) {
      return switch (kind) {
        case 0 -> Arrays.deepToString(engine.greeks(resolved, GreeksRequest.sums()).portfolio().sums());
        case 1 -> {
          GreeksResult g = engine.greeks(resolved, GreeksRequest.withBuckets().andPerPosition());
          yield Arrays.deepToString(g.byExpiry().sums()) + Arrays.deepToString(g.byStrike().sums())
              + Arrays.deepToString(g.perPosition().columns());
        }
        case 2 -> engine.var(resolved, set, VarRequest.fullRevaluation(0.99)).result().toJson();
        case 3 -> engine.var(resolved, set, VarRequest.fullRevaluation(0.99, 0.975).withGreekApproximations()
            .withContributions(10)).result().toJson();
        case 4 -> engine.stress(resolved, StressOptions.defaults()).result().toJson();
        case 5 -> {
          StringWriter w = new StringWriter();
          HedgeReports.writeJson(engine.hedge(resolved, universe, HedgeTarget.DELTA_GAMMA, set, null,
              HedgeOptions.defaults()).result(), w);
          yield w.toString();
        }
        case 6 -> {
          StringWriter w = new StringWriter();
          HedgeReports.writeJson(engine.whatIf(resolved, universe, List.of(new ProposedTrade("BTC-PERP", -3),
              new ProposedTrade("ETH-P", 20)), set, null, HedgeOptions.defaults()).result(), w);
          yield w.toString();
        }
        default -> {
          // Resolution itself under contention: a derived snapshot resolved, priced and freed per request.
          try (ResolvedPositions moved = engine.resolve(book, market.withSpot("BTC", 96_000).withVolShift(0.01))) {
            yield Arrays.deepToString(engine.greeks(moved, GreeksRequest.sums()).portfolio().sums());
          }
        }
      };
    }
  }

  /** Skips (or fails in CI for gpu) when the backend cannot run here. */
  static void requireUsable(String backend) {
    for (BackendProvider p : Backends.providers()) {
      if (p.name().equals(backend)) {
        BackendProvider.Availability a = Backends.safeAvailability(p);
        if (a.usable()) {
          return;
        }
        boolean required = backend.equals("gpu")
            ? "true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("HEDGEKIT_REQUIRE_OPENCL"))
            : "true".equalsIgnoreCase(System.getenv("CI"));
        if (required) {
          fail(backend + " backend required here but unusable: " + a.reason());
        }
        Assumptions.abort(backend + " backend unusable here: " + a.reason());
      }
    }
    fail("no " + backend + " provider on the class path");
  }
}

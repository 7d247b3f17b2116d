package io.hedgekit.risk.var;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hedgekit.io.scenario.PriceHistoryFiles;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.scenario.ScenarioMetadata;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.InMemoryBook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VarEngineTest {
  private static final double BTC = 95_000;
  private static final double ETH = 3_400;

  @TempDir
  Path dir;

  /** A one-step set of m scenarios over BTC and ETH with correlated normal returns (and optional vol shifts). */
  private static ScenarioSet set(int m, double sd, double volSd, double horizonDays, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] r = new double[2][m];
    double[][] v = volSd > 0 ? new double[2][m] : null;
    for (int s = 0; s < m; s++) {
      double z1 = rnd.nextGaussian();
      double z2 = 0.8 * z1 + 0.6 * rnd.nextGaussian();
      r[0][s] = sd * z1;
      r[1][s] = 1.3 * sd * z2;
      if (v != null) {
        v[0][s] = volSd * (-0.5 * z1 + 0.87 * rnd.nextGaussian());
        v[1][s] = volSd * (-0.5 * z2 + 0.87 * rnd.nextGaussian());
      }
    }
    int[] ids = new int[m];
    Arrays.setAll(ids, i -> i);
    double[] h = new double[m];
    Arrays.fill(h, horizonDays);
    return new ScenarioSet("test-set", ScenarioMetadata.UNKNOWN, List.of("BTC", "ETH"), ids, null, h, r, v);
  }

  private static TestBooks books() {
    return new TestBooks(List.of("BTC", "ETH"), BTC, ETH);
  }

  @Test
  void run_linearBookVarEqualsEmpiricalQuantileOfTheReturns() {
    ScenarioSet set = set(1000, 0.03, 0, 1.0, 11);
    InMemoryBook book = books().spot("BTC", 2.0).linearPerp("ETH", -10.0, 0.0001).build(1);
    // independent P&L: 2 BTC held, short 10 ETH perp (receives funding 0.0001 × 3 periods × 10 × 3400)
    double[] pnl = new double[1000];
    for (int s = 0; s < 1000; s++) {
      pnl[s] = 2.0 * BTC * Math.expm1(set.returnAt(0, s)) - 10.0 * ETH * Math.expm1(set.returnAt(1, s))
          + 10.0 * ETH * 0.0001 * 3;
    }
    Arrays.sort(pnl);
    try (ComputeBackend backend = TestBooks.scalar()) {
      VarResult res = VarEngine.run(book, set, backend, VarOptions.defaults());
      RiskFigure f99 = res.figure(VarMethod.FULL, 0.99);
      assertEquals(-pnl[9], f99.var(), 1e-9 * Math.abs(pnl[9])); // k = ⌈1000 × 0.01⌉ = 10
      double tail = 0;
      for (int i = 0; i < 10; i++) {
        tail += pnl[i];
      }
      assertEquals(-tail / 10, f99.es(), 1e-9 * Math.abs(tail));
      RiskFigure f975 = res.figure(VarMethod.FULL, 0.975);
      assertEquals(-pnl[24], f975.var(), 1e-9 * Math.abs(pnl[24]));
      assertEquals(1000, res.scenarios());
      assertEquals(1.0, res.horizonDays());
      for (RiskFigure f : res.results()) {
        assertTrue(f.es() >= f.var(), f.toString());
      }
    }
  }

  @Test
  void run_contributionsSumToEs() {
    ScenarioSet set = set(2000, 0.04, 0.03, 1.0, 12);
    InMemoryBook book = books()
        .spot("BTC", 1.5)
        .option("BTC", true, false, 100_000, 0.25, 0.6, -3.0)
        .option("BTC", false, true, 85_000, 0.5, 0.7, 2.0)
        .linearPerp("ETH", 20.0, 0.0002)
        .option("ETH", false, false, 3_000, 0.1, 0.8, -40.0)
        .future("ETH", true, 50_000, 0.3, 0.04, 0.0, 3_300)
        .inversePerp("BTC", -100_000, 90_000, 0.0001)
        .build(3);
    List<PositionContribution> all = new ArrayList<>();
    try (ComputeBackend backend = TestBooks.scalar()) {
      VarResult res = VarEngine.run(book, set, backend,
          VarOptions.defaults().withTopContributors(3).withPositionContributions(all::add));
      Contributions c = res.contributions();
      assertEquals(0.99, c.confidence());
      double es = res.figure(VarMethod.FULL, 0.99).es();
      assertEquals(es, c.es());
      double byUnderlying = c.byUnderlying().values().stream().mapToDouble(Double::doubleValue).sum();
      assertEquals(es, byUnderlying, 1e-9 * Math.abs(es));
      assertEquals(7, all.size());
      assertEquals(es, all.stream().mapToDouble(PositionContribution::contribution).sum(), 1e-9 * Math.abs(es));
      assertEquals(3, c.top().size());
      List<PositionContribution> sorted = new ArrayList<>(all);
      sorted.sort((a, b) -> Double.compare(Math.abs(b.contribution()), Math.abs(a.contribution())));
      assertEquals(sorted.subList(0, 3), c.top());
      double btc = all.stream().filter(p -> p.underlying().equals("BTC")).mapToDouble(PositionContribution::contribution).sum();
      assertEquals(btc, c.byUnderlying().get("BTC"), 1e-9 * Math.abs(es));
    }
  }

  @Test
  void run_fullAndGreekMethodsAgreeForFuturesAndPerpetuals() {
    ScenarioSet set = set(3000, 0.03, 0, 1.0, 13);
    // rate − carry = 3%: perpetuals must contribute no theta, funding must match
    InMemoryBook book = books()
        .future("BTC", false, 2.0, 0.25, 0.04, 0.01, 92_000)
        .future("BTC", true, -200_000, 0.5, 0.04, 0.01, 97_000)
        .add(io.hedgekit.kernels.ContractKind.LINEAR_PERPETUAL, "ETH", 0, 0, 0, 0.04, 0.01, -30.0, 3_350, 0.0003)
        .add(io.hedgekit.kernels.ContractKind.INVERSE_PERPETUAL, "BTC", 0, 0, 0, 0.04, 0.01, 150_000, 94_000, -0.0002)
        .spot("ETH", 12.0)
        .build(2);
    try (ComputeBackend backend = TestBooks.scalar()) {
      VarResult res = VarEngine.run(book, set, backend, VarOptions.defaults());
      double scale = res.figure(VarMethod.FULL, 0.99).var();
      ApproximationError dgvt = res.approximationError().get(VarMethod.DELTA_GAMMA_VEGA_THETA.label());
      // only the cross term (r − q)·h·dS of dated futures is missing: ~1e-4 of the P&L
      assertTrue(dgvt.rmse() < 2e-4 * scale, "rmse " + dgvt.rmse() + " vs VaR " + scale);
      for (ApproximationError.Difference d : dgvt.results()) {
        assertTrue(Math.abs(d.varDiff()) < 2e-4 * scale, d.toString());
        assertTrue(Math.abs(d.esDiff()) < 2e-4 * scale, d.toString());
      }
      // delta-gamma lacks the futures' theta·h: 1 day of carry, ~1e-3 of the P&L
      ApproximationError dg = res.approximationError().get(VarMethod.DELTA_GAMMA.label());
      assertTrue(dg.rmse() < 3e-3 * scale, "rmse " + dg.rmse());
    }
  }

  @Test
  void run_greekMethodsAgreeWithFullForSmallMoves() {
    InMemoryBook book = books()
        .option("BTC", true, false, 100_000, 0.25, 0.6, -3.0)
        .option("BTC", false, true, 85_000, 0.5, 0.7, 2.0)
        .option("ETH", true, false, 3_600, 1.0, 0.8, 25.0)
        .option("ETH", false, false, 3_000, 0.4, 0.75, -40.0)
        .spot("BTC", 0.5)
        .build(4);
    try (ComputeBackend backend = TestBooks.scalar()) {
      // spot-only instantaneous moves of ±0.2%: delta-gamma is exact to third order
      VarResult spotOnly = VarEngine.run(book, set(1000, 0.002, 0, 0.0, 14), backend, VarOptions.defaults());
      double scale = spotOnly.figure(VarMethod.FULL, 0.99).var();
      for (String method : List.of("delta-gamma", "delta-gamma-vega-theta")) {
        ApproximationError e = spotOnly.approximationError().get(method);
        assertTrue(e.maxAbsDiff() < 1e-3 * scale, method + " max diff " + e.maxAbsDiff() + " vs VaR " + scale);
      }
      // with vol moves of ±0.2 points and one day: only the full second-order method stays close
      VarResult withVol = VarEngine.run(book, set(1000, 0.002, 0.002, 1.0, 15), backend, VarOptions.defaults());
      double scale2 = withVol.figure(VarMethod.FULL, 0.99).var();
      ApproximationError dgvt = withVol.approximationError().get("delta-gamma-vega-theta");
      ApproximationError dg = withVol.approximationError().get("delta-gamma");
      // what remains is charm (dS·h), speed and other third-order terms: a few 1e-3 of VaR
      assertTrue(dgvt.rmse() < 5e-3 * scale2, "dgvt rmse " + dgvt.rmse() + " vs VaR " + scale2);
      assertTrue(dg.rmse() > 10 * dgvt.rmse(), "delta-gamma should miss the vega and theta P&L");
    }
  }

  @Test
  void run_usesTheLastStepUnlessTold() {
    int paths = 500;
    int[] sc = new int[3 * paths];
    int[] st = new int[3 * paths];
    double[] h = new double[3 * paths];
    double[][] r = new double[1][3 * paths];
    SplittableRandom rnd = new SplittableRandom(16);
    for (int p = 0; p < paths; p++) {
      double cum = 0;
      for (int k = 1; k <= 3; k++) {
        int row = 3 * p + k - 1;
        cum += 0.02 * rnd.nextGaussian();
        sc[row] = p;
        st[row] = k;
        h[row] = 7.0 * k;
        r[0][row] = cum;
      }
    }
    ScenarioSet set = new ScenarioSet("paths", ScenarioMetadata.UNKNOWN, List.of("BTC"), sc, st, h, r, null);
    InMemoryBook book = new TestBooks(List.of("BTC"), BTC).spot("BTC", 1.0).build(10);
    try (ComputeBackend backend = TestBooks.scalar()) {
      VarResult last = VarEngine.run(book, set, backend, VarOptions.defaults());
      assertEquals(21.0, last.horizonDays());
      assertEquals(3, last.step());
      assertEquals(paths, last.scenarios());
      VarResult first = VarEngine.run(book, set, backend, VarOptions.defaults().withStep(1));
      assertEquals(7.0, first.horizonDays());
      double[] pnl = new double[paths];
      for (int p = 0; p < paths; p++) {
        pnl[p] = BTC * Math.expm1(r[0][3 * p]);
      }
      assertEquals(RiskMeasures.of(pnl, 0.99).var(), first.figure(VarMethod.FULL, 0.99).var(), 1e-6);
      assertNotEquals(first.figure(VarMethod.FULL, 0.99).var(), last.figure(VarMethod.FULL, 0.99).var());
    }
  }

  @Test
  void run_bookUnderlyingMissingFromTheSetIsNamed() {
    InMemoryBook book = new TestBooks(List.of("BTC", "SOL"), BTC, 180).spot("SOL", 1.0).build(10);
    try (ComputeBackend backend = TestBooks.scalar()) {
      InputException e = assertThrows(InputException.class,
          () -> VarEngine.run(book, set(10, 0.01, 0, 1, 1), backend, VarOptions.defaults()));
      assertEquals("SOL_return", e.column());
      assertEquals("test-set", e.file());
    }
  }

  @Test
  void toJson_hasTheDocumentedShape() throws Exception {
    InMemoryBook book = books().spot("BTC", 1.0).option("ETH", true, false, 3_500, 0.2, 0.7, -10).build(5);
    try (ComputeBackend backend = TestBooks.scalar()) {
      VarResult res = VarEngine.run(book, set(400, 0.03, 0.02, 1.0, 17), backend, VarOptions.defaults());
      JsonNode json = RiskJson.MAPPER.readTree(res.toJson());
      assertEquals(List.of("confidence", "horizon_days", "scenarios", "positions", "instruments_priced", "results",
          "by_underlying", "contributions",
          "approximation_error"), names(json));
      assertEquals(0.99, json.get("confidence").get(0).asDouble());
      assertEquals(0.975, json.get("confidence").get(1).asDouble());
      assertEquals(6, json.get("results").size());
      assertEquals(List.of("method", "confidence", "var", "es"), names(json.get("results").get(0)));
      assertEquals("full", json.get("results").get(0).get("method").asText());
      assertEquals("delta-gamma", json.get("results").get(2).get("method").asText());
      assertEquals("delta-gamma-vega-theta", json.get("results").get(4).get("method").asText());
      assertEquals(List.of("BTC", "ETH"), names(json.get("by_underlying")));
      assertEquals(6, json.get("by_underlying").get("ETH").size());
      assertEquals(List.of("confidence", "es", "by_underlying", "top"), names(json.get("contributions")));
      assertEquals(List.of("id", "underlying", "contribution"), names(json.get("contributions").get("top").get(0)));
      assertEquals(List.of("delta-gamma", "delta-gamma-vega-theta"), names(json.get("approximation_error")));
      assertEquals(List.of("rmse", "max_abs_diff", "results"), names(json.get("approximation_error").get("delta-gamma")));
      assertEquals(List.of("confidence", "var_diff", "es_diff"),
          names(json.get("approximation_error").get("delta-gamma").get("results").get(0)));
      assertEquals(res.figure(VarMethod.FULL, 0.99).var(), json.get("results").get(0).get("var").asDouble());

      VarResult bare = VarEngine.run(book, set(400, 0.03, 0.02, 1.0, 17), backend,
          VarOptions.defaults().withApproximations(false).withContributions(false).withConfidences(List.of(0.95)));
      JsonNode j2 = RiskJson.MAPPER.readTree(bare.toJson());
      assertEquals(List.of("confidence", "horizon_days", "scenarios", "positions", "instruments_priced", "results",
          "by_underlying"), names(j2));
      assertNull(bare.pnl().deltaGamma());
    }
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void pnlWrite_csvHasScenarioPortfolioAndUnderlyingColumns() throws Exception {
    InMemoryBook book = books().spot("BTC", 1.0).spot("ETH", -2.0).build(5);
    ScenarioSet set = set(50, 0.03, 0, 1.0, 18);
    try (ComputeBackend backend = TestBooks.scalar(); BufferAllocator alloc = new RootAllocator()) {
      VarResult res = VarEngine.run(book, set, backend, VarOptions.defaults());
      Path file = dir.resolve("pnl.csv");
      res.pnl().write(file, TableFormat.CSV, alloc);
      List<String> lines = Files.readAllLines(file);
      assertEquals("scenario,pnl,pnl_BTC,pnl_ETH", lines.getFirst());
      assertEquals(51, lines.size());
      String[] row7 = lines.get(8).split(",");
      assertEquals(7, Integer.parseInt(row7[0]));
      double btc = BTC * Math.expm1(set.returnAt(0, 7));
      double eth = -2.0 * ETH * Math.expm1(set.returnAt(1, 7));
      assertEquals(btc, Double.parseDouble(row7[2]), 1e-9);
      assertEquals(eth, Double.parseDouble(row7[3]), 1e-9);
      assertEquals(btc + eth, Double.parseDouble(row7[1]), 1e-9);
      Path arrow = dir.resolve("pnl.arrow");
      res.pnl().write(arrow, TableFormat.ARROW, alloc);
      assertTrue(Files.size(arrow) > 50 * 8);
    }
  }

  @Test
  void run_sameResultFromAScenarioFileAsFromMemory() throws Exception {
    io.hedgekit.kernels.scenario.PriceHistory h = io.hedgekit.io.scenario.PriceHistoryFiles.read(TestBooks.resource("crypto_daily_close.csv"));
    ScenarioSet set = io.hedgekit.risk.scenario.HistoricalScenarios.generate(h,
        io.hedgekit.risk.scenario.HistoricalSpec.of(1).withWindow(500)).scenarios();
    InMemoryBook book = books().option("BTC", false, false, 90_000, 0.3, 0.6, 4.0).linearPerp("ETH", 25, 0.0001).build(1);
    Path file = dir.resolve("hist.arrow");
    try (ComputeBackend backend = TestBooks.scalar(); BufferAllocator alloc = new RootAllocator()) {
      io.hedgekit.io.scenario.ScenarioFiles.write(set, file, alloc, io.hedgekit.kernels.Progress.NONE);
      ScenarioSet back = io.hedgekit.io.scenario.ScenarioFiles.read(file, alloc, io.hedgekit.kernels.Progress.NONE);
      assertEquals("historical", back.metadata().generator());
      VarResult fromMemory = VarEngine.run(book, set, backend, VarOptions.defaults());
      VarResult fromFile = VarEngine.run(book, back, backend, VarOptions.defaults());
      assertEquals(fromMemory.results(), fromFile.results());
      assertEquals(fromMemory.contributions(), fromFile.contributions());
    }
  }

  @Test
  void run_reportsProgressInPositions() {
    InMemoryBook book = books().spot("BTC", 1.0).spot("ETH", 1.0).spot("BTC", 2.0).build(2);
    List<Long> seen = new ArrayList<>();
    try (ComputeBackend backend = TestBooks.scalar()) {
      VarEngine.run(book, set(20, 0.01, 0, 1, 2), backend,
          VarOptions.defaults().withProgress((done, total) -> seen.add(done)));
    }
    assertEquals(List.of(2L, 3L), seen);
  }

  /** Counts the positions each revaluation call prices. */
  private record CountingBackend(ComputeBackend inner, long[] priced) implements ComputeBackend {
    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public String description() {
      return inner.description();
    }

    @Override
    public io.hedgekit.kernels.GreeksKernel greeks() {
      return inner.greeks();
    }

    @Override
    public io.hedgekit.kernels.RevaluationKernel revaluation() {
      io.hedgekit.kernels.RevaluationKernel k = inner.revaluation();
      return new io.hedgekit.kernels.RevaluationKernel() {
        @Override
        public void revalue(io.hedgekit.kernels.PositionColumns p, io.hedgekit.kernels.ScenarioColumns sc,
            io.hedgekit.kernels.PnlAccumulator out) {
          priced[0] += p.rows();
          k.revalue(p, sc, out);
        }

        @Override
        public void revaluePositions(io.hedgekit.kernels.PositionColumns p, io.hedgekit.kernels.ScenarioColumns sc,
            int[] idx, double[] out) {
          priced[1] += p.rows();
          k.revaluePositions(p, sc, idx, out);
        }
      };
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  @Test
  void run_nettingPricesEachInstrumentOnceWithThePerPositionResults() {
    ScenarioSet set = set(500, 0.05, 0.04, 2.0, 21);
    // 90 positions in 6 instruments (options entered at different prices, a future at one entry
    // price, spot), sizes of both signs, served in batches of 7
    TestBooks b = books();
    SplittableRandom rnd = new SplittableRandom(5);
    for (int i = 0; i < 90; i++) {
      double size = (rnd.nextBoolean() ? 1 : -1) * rnd.nextInt(1, 20) * 0.1;
      switch (i % 6) {
        case 0 -> b.option("BTC", true, false, 100_000, 0.25, 0.6, size);
        case 1 -> b.add(io.hedgekit.kernels.ContractKind.INVERSE_PUT, "BTC", 85_000, 0.5, 0.7, 0.03, 0.0, size,
            rnd.nextDouble(100, 900), 0);
        case 2 -> b.option("ETH", false, false, 3_000, 0.1, 0.8, size);
        case 3 -> b.future("ETH", true, size * 10_000, 0.3, 0.04, 0.0, 3_300);
        case 4 -> b.spot("BTC", size);
        default -> b.linearPerp("ETH", size, 0.0002);
      }
    }
    InMemoryBook book = b.build(7);
    for (ComputeBackend inner : List.of(TestBooks.scalar(),
        new io.hedgekit.cpu.CpuBackendProvider().open(io.hedgekit.kernels.BackendOptions.defaults()))) {
      long[] netCount = new long[2];
      long[] plainCount = new long[2];
      List<PositionContribution> netContrib = new ArrayList<>();
      List<PositionContribution> plainContrib = new ArrayList<>();
      try (ComputeBackend net = new CountingBackend(inner, netCount);
          ComputeBackend plain = new CountingBackend(inner, plainCount)) {
        VarResult n = VarEngine.run(book, set, net, VarOptions.defaults().withPositionContributions(netContrib::add));
        VarResult p = VarEngine.run(book, set, plain,
            VarOptions.defaults().withNetting(false).withPositionContributions(plainContrib::add));
        assertEquals(6, netCount[0], inner.name());
        assertEquals(90, n.positions());
        assertEquals(6, n.instrumentsPriced());
        assertEquals(90, p.instrumentsPriced());
        assertEquals(6, netCount[1], inner.name());
        assertEquals(90, plainCount[0], inner.name());
        assertEquals(90, plainCount[1], inner.name());
        double gross = 0; // the scale of the rounding: sum of |P&L| over scenarios of the book
        for (double v : p.pnl().full()) {
          gross = Math.max(gross, Math.abs(v));
        }
        for (int s = 0; s < p.scenarios(); s++) {
          assertEquals(p.pnl().full()[s], n.pnl().full()[s], 1e-12 * gross, "scenario " + s);
          assertEquals(p.pnl().deltaGamma()[s], n.pnl().deltaGamma()[s], 1e-12 * gross, "delta-gamma, scenario " + s);
        }
        for (int r = 0; r < p.results().size(); r++) {
          assertEquals(p.results().get(r).var(), n.results().get(r).var(), 1e-12 * gross);
          assertEquals(p.results().get(r).es(), n.results().get(r).es(), 1e-12 * gross);
        }
        assertEquals(90, netContrib.size());
        for (int i = 0; i < 90; i++) {
          assertEquals(plainContrib.get(i).id(), netContrib.get(i).id());
          assertEquals(plainContrib.get(i).contribution(), netContrib.get(i).contribution(), 1e-12 * gross,
              inner.name() + " position " + i);
        }
      }
    }
  }

  @Test
  void revalue_nettedSetsFlushedWhenFullGiveTheSameSums() {
    ScenarioSet set = set(300, 0.05, 0.04, 1.0, 22);
    InMemoryBook book = books()
        .option("BTC", true, false, 100_000, 0.25, 0.6, 1.0)
        .option("BTC", true, false, 105_000, 0.25, 0.6, 2.0)
        .option("BTC", true, false, 100_000, 0.25, 0.6, -3.0)
        .option("ETH", false, true, 3_000, 0.1, 0.8, 4.0)
        .spot("ETH", 2.0)
        .option("BTC", true, false, 105_000, 0.25, 0.6, 0.5)
        .build(4);
    io.hedgekit.kernels.ScenarioColumns sc = set.columns(List.of("BTC", "ETH"), set.lastStep().number());
    try (ComputeBackend backend = TestBooks.scalar()) {
      Sensitivities all = new Sensitivities(2);
      Sensitivities byTwo = new Sensitivities(2);
      BookRevaluation.Result plainRun = BookRevaluation.revalue(book, sc, backend.revaluation(),
          backend.greeks(), all, io.hedgekit.kernels.Progress.NONE, 0);
      BookRevaluation.Result nettedRun = BookRevaluation.revalue(book, sc, backend.revaluation(),
          backend.greeks(), byTwo, io.hedgekit.kernels.Progress.NONE, 2);
      assertEquals(6, plainRun.positions());
      assertEquals(6, plainRun.priced());
      assertEquals(6, nettedRun.positions());
      // sets of 2: the 100k and 105k calls; the ETH put and spot ETH; the 105k call again
      assertEquals(5, nettedRun.priced());
      io.hedgekit.kernels.PnlAccumulator plain = plainRun.pnl();
      io.hedgekit.kernels.PnlAccumulator netted = nettedRun.pnl();
      for (int s = 0; s < 300; s++) {
        assertEquals(plain.portfolio()[s], netted.portfolio()[s], 1e-9, "scenario " + s);
        assertEquals(plain.byUnderlying()[1][s], netted.byUnderlying()[1][s], 1e-9, "ETH, scenario " + s);
      }
      var g1 = all.portfolioGreeks(List.of("BTC", "ETH"), new double[] {BTC, ETH});
      var g2 = byTwo.portfolioGreeks(List.of("BTC", "ETH"), new double[] {BTC, ETH});
      assertEquals(g1.positions()[0], g2.positions()[0]);
      assertEquals(4, g2.positions()[0]);
      assertEquals(2, g2.positions()[1]);
      assertEquals(g1.get(0, "gamma"), g2.get(0, "gamma"), 1e-15);
      assertEquals(g1.get(1, "vega"), g2.get(1, "vega"), 1e-9);
    }
  }
}

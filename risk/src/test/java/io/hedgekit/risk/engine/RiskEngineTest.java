package io.hedgekit.risk.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.io.book.BookWriter;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.reference.ScalarBackendProvider;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.book.ArrowResolvedBook;
import io.hedgekit.risk.book.ResolveOptions;
import io.hedgekit.risk.greeks.PortfolioGreeks;
import io.hedgekit.risk.var.VarMethod;
import io.hedgekit.risk.var.VarResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskEngineTest {
  @TempDir
  Path dir;

  private static RiskEngine scalar() {
    return RiskEngine.builder().backend("scalar").build();
  }

  @Test
  void readScenarios_returnBeyondTheBound_isAnInputErrorNamingTheRowUnlessTheBoundIsRaised() throws Exception {
    Path file = dir.resolve("s.csv");
    java.nio.file.Files.writeString(file, "scenario,BTC_return\n0,0.01\n1,3.5\n2,-0.02\n");
    try (RiskEngine engine = scalar()) {
      InputException e = assertThrows(InputException.class, () -> engine.readScenarios(file));
      assertTrue(e.getMessage().contains("row 2"), e.getMessage());
      assertEquals(3, engine.readScenarios(file, 4.0).rows());
      assertThrows(IllegalArgumentException.class, () -> engine.readScenarios(file, 0.0));
      assertEquals(0, engine.allocatedBytes());
    }
  }

  @Test
  void greeks_inMemoryBook_equalsTheSameBookReadFromAFile() {
    List<Position> positions = EngineFixtures.positions(500, 1);
    Market market = EngineFixtures.market();
    Path file = dir.resolve("book.csv");
    try (RiskEngine engine = scalar()) {
      try (BufferAllocator a = engine.newAllocator("write")) {
        BookWriter.write(file, TableFormat.CSV, a, toBookPositions(positions));
      }
      GreeksResult inMemory = engine.greeks(Book.of(positions), market);
      GreeksResult perPosition;
      try (ResolvedPositions r = engine.resolve(Book.of(positions), market)) {
        perPosition = engine.greeks(r, GreeksRequest.withBuckets().andPerPosition());
      }
      PortfolioGreeks fromFile;
      try (BufferAllocator a = engine.newAllocator("test");
          ArrowResolvedBook book = new ArrowResolvedBook(file, market.data(), "market", a, ResolveOptions.defaults())) {
        fromFile = PortfolioGreeks.compute(book, engine.computeBackend().greeks());
      }
      assertEquals(500, inMemory.positions());
      for (int u = 0; u < 2; u++) {
        // The per-position sums are the file's bit for bit; the sums kernel's (the one-shot request)
        // agree within its bound.
        assertArrayEquals(fromFile.sums()[u], perPosition.portfolio().sums()[u], "underlying " + u);
        for (int c = 0; c < fromFile.sums()[u].length; c++) {
          assertEquals(fromFile.sums()[u][c], inMemory.portfolio().sums()[u][c],
              1e-12 * Math.max(1, Math.abs(fromFile.sums()[u][c])), "underlying " + u + " column " + c);
        }
      }
      assertEquals("scalar", inMemory.run().backend());
      assertTrue(inMemory.run().steps().containsKey("resolve") && inMemory.run().steps().containsKey("greeks"));
      assertEquals(0, engine.allocatedBytes(), "the one-shot request freed its resolved book");
    }
  }

  private static List<io.hedgekit.io.book.BookPosition> toBookPositions(List<Position> positions) {
    List<io.hedgekit.io.book.BookPosition> out = new ArrayList<>();
    for (Position p : positions) {
      out.add(new io.hedgekit.io.book.BookPosition(p.id(), p.underlying(), p.kind(), p.strike(), p.expiry(), p.quantity(),
          p.contractSize(), p.vol(), p.entryPrice(), java.util.Map.of()));
    }
    return out;
  }

  @Test
  void greeks_oneCall_matchesTheClosedForm() {
    // One linear call, flat carry 0: Black-Scholes-Merton value and delta from the reference pricer.
    Market market = Market.builder(EngineFixtures.NOW).underlying("BTC", u -> u.spot(95_000).rate(0.04).flatVol(0.55))
        .build();
    Position call = Position.option("c", "BTC", Position.CALL, 100_000, EngineFixtures.NOW.plus(Duration.ofDays(73)), 2);
    try (RiskEngine engine = scalar()) {
      GreeksResult g = engine.greeks(Book.of(List.of(call)), market);
      // Black-Scholes with commons-math's normal CDF (independent of the kernels' Cody CDF).
      double t = 73 / 365.0;
      double sd = 0.55 * Math.sqrt(t);
      double d1 = (Math.log(95_000 / 100_000.0) + 0.04 * t) / sd + sd / 2;
      var n = new org.apache.commons.math3.distribution.NormalDistribution();
      double value = 2 * (95_000 * n.cumulativeProbability(d1) - 100_000 * Math.exp(-0.04 * t) * n.cumulativeProbability(d1 - sd));
      assertEquals(value, g.sum("BTC", "value"), 1e-9 * value);
      assertEquals(2 * n.cumulativeProbability(d1), g.sum("BTC", "delta"), 1e-12);
      GreeksResult.Desk desk = g.desk("BTC");
      assertEquals(g.sum("BTC", "vega") / 100, desk.vegaPerVolPoint(), 0);
      assertEquals(g.sum("BTC", "theta") / 365, desk.thetaPerDay(), 0);
      assertEquals(g.sum("BTC", "gamma") * 95_000 * 0.01, desk.gammaPer1Pct(), 0);
      assertEquals(7, g.byExpiry().labels().size());
      assertEquals(1, g.byExpiry().positions()[0][3], "73 days is in the 1-3m bucket");
      assertEquals(1, g.byStrike().positions()[0][2], "K/S = 1.05 is in the 0.9-1.1 bucket");
    }
  }

  @Test
  void resolve_lenient_collectsEveryBadPositionAndPricesTheRest() {
    Market market = EngineFixtures.market();
    List<Position> positions = new ArrayList<>(EngineFixtures.positions(20, 2));
    positions.add(3, Position.spot("sol", "SOL", 5));
    positions.add(7, Position.option("old", "BTC", Position.CALL, 90_000, EngineFixtures.NOW.minus(Duration.ofDays(1)), 1));
    Market noVol = Market.builder(EngineFixtures.NOW).underlying("BTC", u -> u.spot(95_000))
        .underlying("ETH", u -> u.spot(3_000)).build();
    try (RiskEngine engine = scalar()) {
      try (ResolvedPositions r = engine.resolve(Book.of(positions), market, ResolvePolicy.lenient())) {
        assertEquals(20, r.positions());
        assertEquals(2, r.rejected().size());
        Rejection sol = r.rejected().get(0);
        assertEquals("sol", sol.id());
        assertEquals(4, sol.row());
        assertEquals("underlying", sol.field());
        assertEquals("SOL", sol.value());
        assertTrue(sol.reason().contains("[BTC, ETH]"), sol.reason());
        Rejection old = r.rejected().get(1);
        assertEquals("expiry", old.field());
        assertEquals("2026-11-23T08:00:00Z", old.value());
        GreeksResult g = engine.greeks(r, GreeksRequest.sums().andPerPosition());
        assertEquals(20, g.positions());
        assertEquals(20, g.perPosition().size());
        assertTrue(!g.perPosition().ids().contains("sol") && !g.perPosition().ids().contains("old"));
        assertEquals(r.rejected(), g.run().rejected());
      }
      InputException strict = assertThrows(InputException.class, () -> engine.resolve(Book.of(positions), market));
      assertEquals("book row 4, column underlying: is not in the market file market (it has [BTC, ETH]), was \"SOL\"",
          strict.getMessage());
      try (ResolvedPositions r = engine.resolve(Book.of(positions), noVol, ResolvePolicy.lenient())) {
        assertTrue(r.rejected().stream().anyMatch(x -> x.field().equals("vol") && x.value().isEmpty()));
      }
      assertEquals(0, engine.allocatedBytes());
    }
  }

  @Test
  void market_withSpotAndVolShift_areNewSnapshotsThatResolveAsExpected() {
    Market m = EngineFixtures.market();
    Market up = m.withSpot("BTC", 96_000);
    Market shifted = m.withVolShift("ETH", 0.05);
    assertEquals(95_000, m.spot("BTC"), 0, "the original is unchanged");
    assertEquals(96_000, up.spot("BTC"), 0);
    assertEquals(m.underlying("BTC").carryFor(0.2), up.underlying("BTC").carryFor(0.2), 1e-15,
        "listed forwards move with spot: the implied carry is kept");
    assertEquals(0.05, shifted.volShift("ETH"), 0);
    assertEquals(0.0, shifted.volShift("BTC"), 0);
    Position eth = Position.option("e", "ETH", Position.PUT, 2_800, EngineFixtures.NOW.plus(Duration.ofDays(60)), 1);
    Position own = eth.withVol(0.02);
    try (RiskEngine engine = scalar();
        ResolvedPositions base = engine.resolve(Book.of(List.of(eth)), m);
        ResolvedPositions moved = engine.resolve(Book.of(List.of(eth, Position.spot("b", "BTC", 1))), up);
        ResolvedPositions vol = engine.resolve(Book.of("b2", List.of(eth.withQuantity(2), new Position("o", "ETH",
            own.kind(), 2_800, own.expiry(), 1, 1, 0.002, Double.NaN))), m.withVolShift("ETH", -0.01))) {
      assertEquals(0.70, first(base).vol().getAtIndex(PositionColumns.DOUBLE, 0), 0);
      assertEquals(96_000, first(moved).spot().getAtIndex(PositionColumns.DOUBLE, 1), 0);
      assertEquals(0.69, first(vol).vol().getAtIndex(PositionColumns.DOUBLE, 0), 1e-15);
      assertEquals(0.01, first(vol).vol().getAtIndex(PositionColumns.DOUBLE, 1), 0, "floored at VOL_FLOOR");
    }
  }

  private static PositionColumns first(ResolvedPositions r) {
    return r.batches().next().columns();
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} backend")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"scalar", "cpu", "gpu"})
  void resolvedBook_afterClose_throwsInsteadOfReadingFreedMemory(String backend) {
    RiskEngineConcurrencyTest.requireUsable(backend);
    try (RiskEngine engine = RiskEngine.builder().backend(backend).build()) {
      ResolvedPositions r = engine.resolve(Book.of(EngineFixtures.positions(100, 3)), EngineFixtures.market());
      ResolvedBatch batch = r.batches().next();
      PositionColumns kept = batch.columns();
      assertEquals(95_000.0 == kept.spot().getAtIndex(PositionColumns.DOUBLE, 0)
          || 3_000.0 == kept.spot().getAtIndex(PositionColumns.DOUBLE, 0), true);
      assertTrue(r.allocatedBytes() > 0);
      r.close();
      assertEquals(0, engine.allocatedBytes());
      assertThrows(IllegalStateException.class, () -> kept.spot().getAtIndex(PositionColumns.DOUBLE, 0));
      GreeksColumns out = GreeksColumns.allocateOnHeap(kept.rows());
      assertThrows(IllegalStateException.class, () -> engine.computeBackend().greeks().compute(kept, out));
      assertThrows(IllegalStateException.class, () -> engine.greeks(r, GreeksRequest.sums()));
      assertThrows(IllegalStateException.class, r::batches);
    }
  }

  @Test
  void close_releasesEverythingStillOpen_andFailsOnACallersLeak() {
    RiskEngine engine = scalar();
    ResolvedPositions r = engine.resolve(Book.of(EngineFixtures.positions(1000, 4)), EngineFixtures.market());
    assertTrue(engine.allocatedBytes() > 1000 * 80);
    engine.close();
    assertTrue(r.isClosed());
    assertThrows(IllegalStateException.class, () -> engine.resolve(Book.of(EngineFixtures.positions(1, 4)),
        EngineFixtures.market()));

    RiskEngine leaky = scalar();
    BufferAllocator mine = leaky.newAllocator("mine");
    mine.buffer(64);
    assertThrows(IllegalStateException.class, leaky::close, "Arrow reports the caller's unreleased buffer");
  }

  @Test
  void memoryLimit_failsTheRequestThatExceedsIt() {
    try (RiskEngine engine = RiskEngine.builder().backend("scalar").memoryLimit(1 << 20).build()) {
      Book big = Book.of(EngineFixtures.positions(20_000, 5));
      assertThrows(org.apache.arrow.memory.OutOfMemoryException.class, () -> engine.resolve(big, EngineFixtures.market()));
      assertEquals(0, engine.allocatedBytes(), "the failed resolution rolled back");
      try (ResolvedPositions small = engine.resolve(Book.of(EngineFixtures.positions(1000, 5)), EngineFixtures.market())) {
        assertEquals(1000, small.positions());
      }
    }
  }

  @Test
  void backend_withOnlyTheScalarProvider_isScalarAndSaysWhy() {
    try (RiskEngine engine = RiskEngine.builder().providers(List.of(new ScalarBackendProvider())).build()) {
      assertEquals("scalar", engine.backend());
      assertTrue(engine.backendReason().contains("not on the class path: cpu, gpu"), engine.backendReason());
    }
    assertThrows(io.hedgekit.kernels.BackendUnavailableException.class,
        () -> RiskEngine.builder().backend("cpu").providers(List.of(new ScalarBackendProvider())).build());
  }

  @Test
  void var_fullRevaluation_equalsTheRiskLayer() {
    Book book = Book.of(EngineFixtures.positions(300, 6));
    var set = EngineFixtures.scenarios(400, 6);
    try (RiskEngine engine = scalar(); ResolvedPositions r = engine.resolve(book, EngineFixtures.market())) {
      Computed<VarResult> v = engine.var(r, set, VarRequest.fullRevaluation(0.99));
      VarResult direct = io.hedgekit.risk.var.VarEngine.run(r, set, engine.computeBackend(),
          VarRequest.fullRevaluation(0.99).toOptions(io.hedgekit.kernels.Progress.NONE));
      assertEquals(direct.toJson(), v.result().toJson());
      assertNull(v.result().contributions());
      assertEquals(1, v.result().results().size());
      Computed<VarResult> all = engine.var(r, set, VarRequest.fullRevaluation(0.99, 0.975).withGreekApproximations()
          .withContributions(5));
      assertNotNull(all.result().figure(VarMethod.DELTA_GAMMA_VEGA_THETA, 0.975));
      assertEquals(all.result().contributions().es(), all.result().figure(VarMethod.FULL, 0.99).es(),
          1e-9 * Math.abs(all.result().contributions().es()));
    }
  }

  @Test
  void book_fromVectorSchemaRoot_readsTheBookColumns() throws Exception {
    List<Position> positions = EngineFixtures.positions(50, 7);
    Path file = dir.resolve("book.arrow");
    try (RiskEngine engine = scalar(); BufferAllocator a = engine.newAllocator("t")) {
      BookWriter.write(file, TableFormat.ARROW, a, toBookPositions(positions));
    }
    try (RiskEngine engine = scalar(); BufferAllocator a = engine.newAllocator("t");
        var channel = java.nio.file.Files.newByteChannel(file);
        var reader = new org.apache.arrow.vector.ipc.ArrowFileReader(channel, a)) {
      reader.loadNextBatch();
      Book fromRoot = Book.from(reader.getVectorSchemaRoot(), "root", a);
      assertEquals(positions, fromRoot.positions());
      assertEquals(positions, engine.readBook(file).positions());
    }
  }

  /** Per position id, the bits of the ten Greeks of every batch a sink was handed. */
  private static java.util.Map<String, List<Long>> collect(List<org.apache.arrow.vector.VectorSchemaRoot> into,
      org.apache.arrow.vector.VectorSchemaRoot batch) {
    java.util.Map<String, List<Long>> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < batch.getRowCount(); i++) {
      List<Long> bits = new ArrayList<>();
      for (String name : GreeksColumns.NAMES) {
        var v = (org.apache.arrow.vector.Float8Vector) batch.getVector(name);
        bits.add(v.isNull(i) ? Long.MIN_VALUE : Double.doubleToRawLongBits(v.get(i)));
      }
      out.put(batch.getVector("id").getObject(i).toString() + "|" + batch.getVector("underlying").getObject(i)
          + "|" + batch.getVector("instrument").getObject(i), bits);
    }
    return out;
  }

  @Test
  void greeks_ofAStreamedBook_equalTheResolvedBooks_bitForBit_oneBatchAtATime() throws Exception {
    List<Position> positions = EngineFixtures.positions(300, 11);
    Market market = EngineFixtures.market();
    Path file = dir.resolve("stream.arrow");
    try (RiskEngine engine = scalar()) {
      try (BufferAllocator a = engine.newAllocator("write")) {
        BookWriter.write(file, TableFormat.ARROW, a, toBookPositions(positions));
      }
      java.util.Map<String, List<Long>> expected = new java.util.LinkedHashMap<>();
      try (ResolvedPositions r = engine.resolve(Book.of(positions), market)) {
        engine.greeks(r, GreeksRequest.sums(), b -> expected.putAll(collect(null, b)));
      }
      java.util.Map<String, List<Long>> streamed = new java.util.LinkedHashMap<>();
      List<Integer> batchRows = new ArrayList<>();
      List<Long> progress = new ArrayList<>();
      long n;
      try (BufferAllocator a = engine.newAllocator("read");
          var channel = java.nio.file.Files.newByteChannel(file);
          var reader = new org.apache.arrow.vector.ipc.ArrowFileReader(channel, a)) {
        n = engine.greeks(reader, "stream", market, ResolvePolicy.strict().withBatchRows(64),
            (done, total) -> progress.add(done), b -> {
              batchRows.add(b.getRowCount());
              streamed.putAll(collect(null, b));
            });
      }
      assertEquals(300, n);
      assertEquals(List.of(64, 64, 64, 64, 44), batchRows, "one batch of batchRows positions at a time");
      assertEquals(List.of(64L, 128L, 192L, 256L, 300L), progress);
      assertEquals(expected, streamed);
      assertEquals(0, engine.allocatedBytes(), "nothing of the stream is kept");
    }
  }

  @Test
  void greeks_ofAStreamedBook_nameTheBadRowInTheStream() throws Exception {
    List<Position> positions = new ArrayList<>(EngineFixtures.positions(200, 12));
    positions.set(150, Position.perpetual("bad", "DOGE", 1, 0.2));
    Path file = dir.resolve("bad.arrow");
    try (RiskEngine engine = scalar()) {
      try (BufferAllocator a = engine.newAllocator("write")) {
        BookWriter.write(file, TableFormat.ARROW, a, toBookPositions(positions));
      }
      List<Integer> sent = new ArrayList<>();
      try (BufferAllocator a = engine.newAllocator("read");
          var channel = java.nio.file.Files.newByteChannel(file);
          var reader = new org.apache.arrow.vector.ipc.ArrowFileReader(channel, a)) {
        InputException e = assertThrows(InputException.class, () -> engine.greeks(reader, "stream",
            EngineFixtures.market(), ResolvePolicy.strict().withBatchRows(64), io.hedgekit.kernels.Progress.NONE,
            b -> sent.add(b.getRowCount())));
        assertTrue(e.getMessage().startsWith("stream row 151, column underlying"), e.getMessage());
        assertTrue(e.getMessage().contains("DOGE"), e.getMessage());
      }
      assertEquals(List.of(64, 64), sent, "the batches before the bad one were sent");
      assertEquals(0, engine.allocatedBytes());
    }
  }

  @Test
  void book_fromAReaderWithARepeatedId_isAnInputErrorNamingBothRows() throws Exception {
    List<io.hedgekit.io.book.BookPosition> rows = new ArrayList<>(toBookPositions(EngineFixtures.positions(5, 3)));
    rows.add(rows.get(1));
    Path file = dir.resolve("dup.arrow");
    try (RiskEngine engine = scalar(); BufferAllocator a = engine.newAllocator("t")) {
      BookWriter.write(file, TableFormat.ARROW, a, rows);
    }
    try (RiskEngine engine = scalar(); BufferAllocator a = engine.newAllocator("t");
        var channel = java.nio.file.Files.newByteChannel(file);
        var reader = new org.apache.arrow.vector.ipc.ArrowFileReader(channel, a)) {
      InputException e = assertThrows(InputException.class, () -> engine.readBook(reader, "service book"));
      assertTrue(e.getMessage().contains("service book"), e.getMessage());
      assertTrue(e.getMessage().contains("row 6"), e.getMessage());
      assertTrue(e.getMessage().contains("duplicate id, first used in row 2"), e.getMessage());
    }
  }

  @Test
  void fileBook_servesConcurrentRequestsOneAtATime_withTheInMemoryBooksAnswer() throws Exception {
    List<Position> positions = EngineFixtures.positions(400, 8);
    Market market = EngineFixtures.market();
    Path file = dir.resolve("book.arrow");
    try (RiskEngine engine = scalar()) {
      try (BufferAllocator a = engine.newAllocator("write")) {
        BookWriter.write(file, TableFormat.ARROW, a, toBookPositions(positions));
      }
      // Per-position sums do not depend on the batches; the sums kernel's (sums only, with
      // buckets) do, so the in-memory book is resolved in the file book's batches for those.
      double[][] inMemory;
      try (ResolvedPositions r = engine.resolve(Book.of(positions), market)) {
        inMemory = engine.greeks(r, GreeksRequest.withBuckets().andPerPosition()).portfolio().sums();
      }
      double[][] inMemoryKernel;
      try (ResolvedPositions r = engine.resolve(Book.of(positions), market, ResolvePolicy.strict().withBatchRows(64))) {
        inMemoryKernel = engine.greeks(r, GreeksRequest.sums()).portfolio().sums();
      }
      try (FileBook book = engine.openBook(file, market, ResolvePolicy.strict().withBatchRows(64), 1000)) {
        List<java.util.concurrent.Future<double[][]>> f = new ArrayList<>();
        List<java.util.concurrent.Future<double[][]>> k = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
          for (int t = 0; t < 4; t++) {
            f.add(pool.submit(() -> engine.greeks(book, GreeksRequest.withBuckets().andPerPosition()).portfolio().sums()));
            k.add(pool.submit(() -> engine.greeks(book, GreeksRequest.sums()).portfolio().sums()));
          }
          for (var x : f) {
            assertEquals(java.util.Arrays.deepToString(inMemory), java.util.Arrays.deepToString(x.get()));
          }
          for (var x : k) {
            assertEquals(java.util.Arrays.deepToString(inMemoryKernel), java.util.Arrays.deepToString(x.get()));
          }
        }
        for (int u = 0; u < inMemory.length; u++) {
          for (int c = 0; c < inMemory[u].length; c++) {
            assertEquals(inMemory[u][c], inMemoryKernel[u][c], 1e-12 * Math.max(1, Math.abs(inMemory[u][c])),
                "sums kernel against per-position sums, underlying " + u + " column " + c);
          }
        }
        assertTrue(book.cached(), "the first complete pass was kept (400 rows <= 1000)");
      }
      assertThrows(IllegalArgumentException.class, () -> engine.openBook(file, market, ResolvePolicy.lenient(), 0));
      assertEquals(0, engine.allocatedBytes());
    }
  }
}

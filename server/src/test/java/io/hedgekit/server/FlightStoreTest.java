package io.hedgekit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgekit.kernels.Progress;
import io.hedgekit.io.market.MarketJson;
import io.hedgekit.io.scenario.ScenarioFiles;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.risk.backend.Backends;
import io.hedgekit.risk.book.ArrowResolvedBook;
import io.hedgekit.risk.book.ResolveOptions;
import io.hedgekit.risk.demo.DemoData;
import io.hedgekit.risk.stress.StressOptions;
import io.hedgekit.risk.stress.StressResult;
import io.hedgekit.risk.stress.StressTest;
import io.hedgekit.risk.var.RiskFigure;
import io.hedgekit.risk.var.VarEngine;
import io.hedgekit.risk.var.VarOptions;
import io.hedgekit.risk.var.VarResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.Criteria;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named data (DoPut, DoAction, DoGet, ListFlights) against a real server, compared with the CLI's engine calls. */
class FlightStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_STORED = 12L << 20;

  @TempDir
  static Path dir;

  static BufferAllocator allocator;
  static HedgekitServer server;
  static FlightClient client;
  static DemoData demo;
  static Path marketFile;
  static Path book;
  static Path scenarios;

  @BeforeAll
  static void start() throws Exception {
    allocator = new RootAllocator();
    demo = FlightTestSupport.demo();
    marketFile = FlightTestSupport.market(demo, dir);
    book = FlightTestSupport.book(demo, dir, 20_000, 21, allocator);
    scenarios = FlightTestSupport.scenarios(demo.market(), dir, 1_000, 5, allocator);
    server = HedgekitServer.start(ServerOptions.builder().port(0).workers(2).maxRows(100_000)
        .maxStoredBytes(MAX_STORED).build(), new RiskComputeService("cpu", 0));
    client = FlightClient.builder(allocator, server.location()).build();
    FlightTestSupport.put(client, book, allocator, FlightDescriptor.path("books", "desk"));
    FlightTestSupport.put(client, scenarios, allocator, FlightDescriptor.path("scenarios", "mc"));
    action("put-market", "{\"name\":\"eod\",\"market\":" + Files.readString(marketFile) + "}");
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.close();
    allocator.close();
  }

  static JsonNode action(String type, String body) throws Exception {
    Iterator<Result> it = client.doAction(new Action(type, body.getBytes(StandardCharsets.UTF_8)));
    JsonNode n = JSON.readTree(it.next().getBody());
    while (it.hasNext()) {
      it.next();
    }
    return n;
  }

  static FlightStream get(String ticket) {
    return client.getStream(new Ticket(ticket.getBytes(StandardCharsets.UTF_8)));
  }

  /** `hedgekit var --book B --market M --scenarios S`: the engine call VarCommand makes, with its defaults. */
  static VarResult cliVar(Path bookFile, MarketData market) {
    try (BufferAllocator a = new RootAllocator();
        Backends.Selection s = Backends.open("cpu", new BackendOptions(0, null));
        ArrowResolvedBook b = new ArrowResolvedBook(bookFile, market, "market.json", a, ResolveOptions.defaults(), 1_000_000)) {
      VarOptions options = VarOptions.defaults().withApproximations(true).withContributions(true).withTopContributors(10)
          .withNetting(true);
      return VarEngine.run(b, ScenarioFiles.read(scenarios, a, Progress.NONE), s.backend(), options);
    }
  }

  private static io.hedgekit.risk.var.VarMethod method(String label) {
    for (io.hedgekit.risk.var.VarMethod m : io.hedgekit.risk.var.VarMethod.values()) {
      if (m.label().equals(label)) {
        return m;
      }
    }
    throw new AssertionError("unknown method " + label);
  }

  @Test
  void var_equalsHedgekitVar() throws Exception {
    VarResult expected = cliVar(book, MarketJson.read(marketFile));
    try (FlightStream s = get("{\"op\":\"var\",\"book\":\"desk\",\"market\":\"eod\",\"scenarios\":\"mc\"}")) {
      assertTrue(s.next());
      VectorSchemaRoot r = s.getRoot();
      assertEquals(expected.toJson(), s.getSchema().getCustomMetadata().get(RiskComputeService.RESULT_METADATA));
      List<RiskFigure> figures = new ArrayList<>();
      List<String> contributors = new ArrayList<>();
      for (int i = 0; i < r.getRowCount(); i++) {
        String type = str(r, "row_type", i);
        if (type.equals("figure")) {
          figures.add(new RiskFigure(method(str(r, "method", i)), num(r, "confidence", i), num(r, "var", i), num(r, "es", i)));
        } else if (type.equals("contributor")) {
          contributors.add(str(r, "id", i) + "=" + num(r, "contribution", i));
        }
      }
      assertEquals(expected.results(), figures);
      assertEquals(expected.contributions().top().stream().map(c -> c.id() + "=" + c.contribution()).toList(), contributors);
      assertFalse(s.next());
    }
  }

  private static String str(VectorSchemaRoot r, String col, int i) {
    VarCharVector v = (VarCharVector) r.getVector(col);
    return v.isNull(i) ? null : new String(v.get(i), StandardCharsets.UTF_8);
  }

  private static double num(VectorSchemaRoot r, String col, int i) {
    return ((Float8Vector) r.getVector(col)).get(i);
  }

  @Test
  void var_withConfidenceAndMethod() throws Exception {
    try (FlightStream s = get("{\"op\":\"var\",\"book\":\"desk\",\"market\":\"eod\",\"scenarios\":\"mc\","
        + "\"confidence\":[0.95],\"method\":\"full\",\"top\":3}")) {
      assertTrue(s.next());
      VectorSchemaRoot r = s.getRoot();
      assertEquals("figure", str(r, "row_type", 0));
      assertEquals("full", str(r, "method", 0));
      assertEquals(0.95, num(r, "confidence", 0));
      long contributors = 0;
      for (int i = 0; i < r.getRowCount(); i++) {
        contributors += "contributor".equals(str(r, "row_type", i)) ? 1 : 0;
      }
      assertEquals(3, contributors);
    }
  }

  @Test
  void greeks_onStoredBook_equalsTheExchange() throws Exception {
    List<String> stored;
    try (FlightStream s = get("{\"op\":\"greeks\",\"book\":\"desk\",\"market\":\"eod\"}")) {
      stored = FlightTestSupport.rows(s);
    }
    List<String> exchanged;
    try (var in = FlightTestSupport.open(book, allocator)) {
      exchanged = FlightTestSupport.exchange(client, FlightTestSupport.greeksCommand(Files.readString(marketFile)), in);
    }
    assertEquals(20_000, stored.size());
    assertEquals(exchanged, stored);
  }

  @Test
  void stress_equalsStressTest() throws Exception {
    StressResult expected;
    try (BufferAllocator a = new RootAllocator();
        Backends.Selection sel = Backends.open("cpu", new BackendOptions(0, null));
        ArrowResolvedBook b = new ArrowResolvedBook(book, MarketJson.read(marketFile), "market.json", a,
            ResolveOptions.defaults(), 1_000_000)) {
      expected = StressTest.run(b, sel.backend(), StressOptions.defaults());
    }
    try (FlightStream s = get("{\"op\":\"stress\",\"book\":\"desk\",\"market\":\"eod\"}")) {
      assertTrue(s.next());
      assertEquals(expected.toJson(), s.getSchema().getCustomMetadata().get(RiskComputeService.RESULT_METADATA));
      VectorSchemaRoot r = s.getRoot();
      int cells = StressOptions.DEFAULT_SPOT_MOVES.length * StressOptions.DEFAULT_VOL_SHIFTS.length;
      assertEquals(expected.matrices().size() * cells, r.getRowCount());
      assertEquals(expected.matrices().get(0).pnl().get(0).get(0), num(r, "pnl", 0));
    }
  }

  @Test
  void listFlights_showsEntriesWithSchemasAndSizes() {
    List<FlightInfo> infos = new ArrayList<>();
    client.listFlights(Criteria.ALL).forEach(infos::add);
    FlightInfo desk = infos.stream().filter(i -> i.getDescriptor().getPath().equals(List.of("books", "desk")))
        .findFirst().orElseThrow();
    assertEquals(20_000, desk.getRecords());
    assertTrue(desk.getBytes() > 20_000L * 40, "bytes " + desk.getBytes());
    assertTrue(desk.getSchema().findField("symbol") != null || desk.getSchema().findField("id") != null);
    FlightInfo mc = client.getInfo(FlightDescriptor.path("scenarios", "mc"));
    assertEquals(1_000, mc.getRecords());
    assertTrue(mc.getSchema().findField("BTC_return") != null);
    assertTrue(infos.stream().anyMatch(i -> i.getDescriptor().getPath().equals(List.of("markets", "eod"))));
  }

  @Test
  void unknownName_isNotFound() {
    FlightRuntimeException e = assertThrows(FlightRuntimeException.class, () -> {
      try (FlightStream s = get("{\"op\":\"greeks\",\"book\":\"nope\",\"market\":\"eod\"}")) {
        s.next();
      }
    });
    assertEquals(FlightStatusCode.NOT_FOUND, e.status().code());
    assertTrue(e.status().description().startsWith("no books named 'nope' is stored"), e.status().description());
    FlightRuntimeException info = assertThrows(FlightRuntimeException.class,
        () -> client.getInfo(FlightDescriptor.path("markets", "nope")));
    assertEquals(FlightStatusCode.NOT_FOUND, info.status().code());
    FlightRuntimeException drop = assertThrows(FlightRuntimeException.class,
        () -> action("drop", "{\"kind\":\"scenarios\",\"name\":\"nope\"}"));
    assertEquals(FlightStatusCode.NOT_FOUND, drop.status().code());
  }

  private static List<String> listing() {
    List<String> out = new ArrayList<>();
    client.listFlights(Criteria.ALL).forEach(i -> out.add(i.getDescriptor().getPath() + " " + i.getBytes() + " " + i.getRecords()));
    return out;
  }

  @Test
  void putOverTheByteLimit_isResourceExhaustedAndChangesNothing() throws Exception {
    List<String> before = listing();
    Path big = book;
    long stored = FlightGreeksTest.health(client).get("stored_bytes").asLong();
    FlightRuntimeException e = null;
    int copies = 0;
    try (BufferAllocator a = new RootAllocator()) {
      // Fill the store with copies until a put fails: that put must leave no trace.
      while (e == null) {
        try {
          FlightTestSupport.put(client, big, a, FlightDescriptor.path("books", "fill" + copies));
          copies++;
        } catch (FlightRuntimeException x) {
          e = x;
        }
      }
      assertTrue(copies >= 1, "at least one copy fits in " + MAX_STORED + " bytes (stored before " + stored + ")");
      assertEquals(FlightStatusCode.RESOURCE_EXHAUSTED, e.status().code());
      assertTrue(e.status().description().contains("--max-stored-bytes is " + MAX_STORED), e.status().description());
      List<String> full = listing();
      String failed = "[books, fill" + copies + "]";
      assertFalse(full.stream().anyMatch(l -> l.startsWith(failed)), full.toString());
      for (int i = 0; i < copies; i++) {
        action("drop", "{\"kind\":\"books\",\"name\":\"fill" + i + "\"}");
      }
    }
    assertEquals(before, listing());
    assertEquals(stored, FlightGreeksTest.health(client).get("stored_bytes").asLong());
  }

  @Test
  void putBadScenarioSet_isInvalidArgumentAndChangesNothing() throws Exception {
    List<String> before = listing();
    // A book is not a scenario set: refused as such, naming the stored name and what it starts with.
    FlightRuntimeException e = assertThrows(FlightRuntimeException.class,
        () -> FlightTestSupport.put(client, book, allocator, FlightDescriptor.path("scenarios", "mc")));
    assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.status().code());
    assertTrue(e.status().description().startsWith("scenarios/mc: not a scenario file"), e.status().description());
    assertTrue(e.status().description().contains("\"id,symbol,underlying"), e.status().description());
    assertEquals(before, listing());
  }

  @Test
  void updateMarket_movesSpotAndVols() throws Exception {
    action("put-market", "{\"name\":\"intraday\",\"market\":" + Files.readString(marketFile) + "}");
    double btc = demo.market().underlying("BTC").spot();
    String before;
    try (FlightStream s = get("{\"op\":\"var\",\"book\":\"desk\",\"market\":\"intraday\",\"scenarios\":\"mc\",\"method\":\"full\"}")) {
      s.next();
      before = s.getSchema().getCustomMetadata().get(RiskComputeService.RESULT_METADATA);
    }
    JsonNode r = action("update-market", "{\"name\":\"intraday\",\"update\":{\"time\":\"2026-11-24T09:00:00Z\","
        + "\"underlying\":\"BTC\",\"spot\":" + (btc * 1.05) + ",\"vol_shift\":0.02}}");
    assertEquals(1, r.get("updates").asInt());
    String after;
    try (FlightStream s = get("{\"op\":\"var\",\"book\":\"desk\",\"market\":\"intraday\",\"scenarios\":\"mc\",\"method\":\"full\"}")) {
      s.next();
      after = s.getSchema().getCustomMetadata().get(RiskComputeService.RESULT_METADATA);
    }
    assertNotEquals(before, after);
    // An older update for BTC is refused and changes nothing.
    FlightRuntimeException stale = assertThrows(FlightRuntimeException.class, () -> action("update-market",
        "{\"name\":\"intraday\",\"update\":{\"time\":\"2026-11-24T08:30:00Z\",\"underlying\":\"BTC\",\"spot\":1}}"));
    assertEquals(FlightStatusCode.INVALID_ARGUMENT, stale.status().code());
    assertTrue(stale.status().description().contains("column time: is older than the last update"), stale.status().description());
    FlightRuntimeException badSpot = assertThrows(FlightRuntimeException.class, () -> action("update-market",
        "{\"name\":\"intraday\",\"update\":{\"time\":\"2026-11-24T10:00:00Z\",\"underlying\":\"BTC\",\"spot\":-3}}"));
    assertEquals("markets/intraday update, column spot: must be a finite number > 0, was \"-3\"", badSpot.status().description());
    try (FlightStream s = get("{\"op\":\"var\",\"book\":\"desk\",\"market\":\"intraday\",\"scenarios\":\"mc\",\"method\":\"full\"}")) {
      s.next();
      assertEquals(after, s.getSchema().getCustomMetadata().get(RiskComputeService.RESULT_METADATA));
    }
    action("drop", "{\"kind\":\"markets\",\"name\":\"intraday\"}");
  }

  @Test
  void badTicket_isInvalidArgument() {
    FlightRuntimeException e = assertThrows(FlightRuntimeException.class, () -> {
      try (FlightStream s = get("{\"op\":\"var\",\"book\":\"desk\",\"market\":\"eod\",\"scenarios\":\"mc\",\"confidence\":[1.5]}")) {
        s.next();
      }
    });
    assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.status().code());
    assertTrue(e.status().description().contains("1.5"), e.status().description());
    FlightRuntimeException key = assertThrows(FlightRuntimeException.class, () -> {
      try (FlightStream s = get("{\"op\":\"var\",\"bok\":\"desk\"}")) {
        s.next();
      }
    });
    assertTrue(key.status().description().startsWith("ticket: unknown key \"bok\""), key.status().description());
  }
}

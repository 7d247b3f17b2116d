package io.hedgekit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.Progress;
import io.hedgekit.io.book.BookReader;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.risk.backend.Backends;
import io.hedgekit.risk.book.ArrowResolvedBook;
import io.hedgekit.risk.book.ResolveOptions;
import io.hedgekit.risk.demo.DemoData;
import io.hedgekit.risk.greeks.GreeksJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Result;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DoExchange greeks against a real server on a loopback port, compared with {@code hedgekit greeks}. */
class FlightGreeksTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  static BufferAllocator allocator;
  static HedgekitServer server;
  static FlightClient client;
  static DemoData demo;
  static Path marketFile;
  static String marketJson;
  /** 66,000 positions: one full batch of 65,536 rows and a partial one. */
  static Path book;

  @BeforeAll
  static void start() throws Exception {
    allocator = new RootAllocator();
    demo = FlightTestSupport.demo();
    marketFile = FlightTestSupport.market(demo, dir);
    marketJson = Files.readString(marketFile);
    book = FlightTestSupport.book(demo, dir, 66_000, 11, allocator);
    server = HedgekitServer.start(ServerOptions.builder().port(0).workers(2).maxRows(200_000).build(),
        new RiskComputeService("cpu", 0));
    client = FlightClient.builder(allocator, server.location()).build();
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.close();
    allocator.close();
  }

  /** What `hedgekit greeks --format arrow` writes for {@code book}: GreeksJob on the file, as the command runs it. */
  private static List<String> cliGreeks(Path book) throws Exception {
    Path out = dir.resolve(book.getFileName() + ".greeks.arrow");
    MarketData market = io.hedgekit.io.market.MarketJson.read(marketFile);
    try (BufferAllocator a = new RootAllocator();
        Backends.Selection s = Backends.open("cpu", new BackendOptions(0, null))) {
      ArrowResolvedBook b = new ArrowResolvedBook(book, market, "market.json", a, ResolveOptions.defaults());
      GreeksJob.run(b, s.backend().greeks(), out, TableFormat.ARROW, a, Progress.NONE);
      return FlightTestSupport.rows(out, a);
    }
  }

  @Test
  void exchange_equalsHedgekitGreeksBitForBit() throws Exception {
    List<String> expected = cliGreeks(book);
    List<String> got;
    try (ArrowFileReader in = FlightTestSupport.open(book, allocator)) {
      got = FlightTestSupport.exchange(client, FlightTestSupport.greeksCommand(marketJson), in);
    }
    assertEquals(66_000, expected.size());
    assertEquals(expected.size(), got.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), got.get(i), "row " + (i + 1));
    }
  }

  @Test
  void exchange_resultSchemaIsTheCliArrowSchema() throws Exception {
    Path book = FlightTestSupport.book(demo, dir, 100, 3, allocator);
    try (ArrowFileReader in = FlightTestSupport.open(book, allocator);
        FlightClient.ExchangeReaderWriter rw = client.doExchange(
            FlightDescriptor.command(FlightTestSupport.greeksCommand(marketJson)))) {
      rw.getWriter().start(in.getVectorSchemaRoot());
      while (in.loadNextBatch()) {
        rw.getWriter().putNext();
      }
      rw.getWriter().completed();
      assertTrue(rw.getReader().next());
      assertEquals(GreeksJob.SCHEMA, rw.getReader().getSchema());
      assertEquals(100, rw.getReader().getRoot().getRowCount());
    }
  }

  @Test
  void exchange_concurrentClients_getTheSameResultsAsOneAtATime() throws Exception {
    Path small = FlightTestSupport.book(demo, dir, 5_000, 13, allocator);
    List<String> alone;
    try (ArrowFileReader in = FlightTestSupport.open(small, allocator)) {
      alone = FlightTestSupport.exchange(client, FlightTestSupport.greeksCommand(marketJson), in);
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<List<String>>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        runs.add(pool.submit(() -> {
          try (BufferAllocator a = new RootAllocator();
              FlightClient c = FlightClient.builder(a, server.location()).build();
              ArrowFileReader in = FlightTestSupport.open(small, a)) {
            return FlightTestSupport.exchange(c, FlightTestSupport.greeksCommand(marketJson), in);
          }
        }));
      }
      for (var r : runs) {
        assertEquals(alone, r.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  /** A two-column option book with one bad strike at data row 3. */
  private static Path badStrikeBook() throws Exception {
    Path p = dir.resolve("bad-strike.arrow");
    Schema schema = new Schema(List.of(
        Field.notNullable("id", ArrowType.Utf8.INSTANCE), Field.notNullable("symbol", ArrowType.Utf8.INSTANCE),
        Field.notNullable("quantity", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        new Field("strike", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null)));
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        ArrowFileWriter w = new ArrowFileWriter(root, null, java.nio.channels.FileChannel.open(p,
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE))) {
      root.allocateNew();
      String[] syms = {"BTC-26JUN26-80000-C", "BTC-26JUN26-55000-P", "BTC-26JUN26-60000-P"};
      for (int i = 0; i < 3; i++) {
        ((VarCharVector) root.getVector("id")).setSafe(i, ("p" + i).getBytes(StandardCharsets.UTF_8));
        ((VarCharVector) root.getVector("symbol")).setSafe(i, syms[i].getBytes(StandardCharsets.UTF_8));
        ((Float8Vector) root.getVector("quantity")).setSafe(i, 1.0);
      }
      ((Float8Vector) root.getVector("strike")).setNull(0);
      ((Float8Vector) root.getVector("strike")).setNull(1);
      ((Float8Vector) root.getVector("strike")).setSafe(2, -5.0);
      root.setRowCount(3);
      w.start();
      w.writeBatch();
      w.end();
    }
    return p;
  }

  @Test
  void exchange_badRow_isInvalidArgumentWithTheCliMessage() throws Exception {
    Path bad = badStrikeBook();
    // The CLI reads the same rows with BookReader and prints this message (file name aside).
    InputException cli = assertThrows(InputException.class, () -> {
      try (BookReader r = BookReader.open(bad, allocator)) {
        r.next().close();
      }
    });
    String expected = cli.getMessage().replace(bad.toString(), "book");
    assertEquals("book row 3, column strike: must be > 0, was \"-5.0\"", expected);
    FlightRuntimeException e = assertThrows(FlightRuntimeException.class, () -> {
      try (ArrowFileReader in = FlightTestSupport.open(bad, allocator)) {
        FlightTestSupport.exchange(client, FlightTestSupport.greeksCommand(marketJson), in);
      }
    });
    assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.status().code());
    assertEquals(expected, e.status().description());
  }

  @Test
  void exchange_badMarket_isInvalidArgumentNamingTheJsonPath() throws Exception {
    Path book = FlightTestSupport.book(demo, dir, 10, 5, allocator);
    String badMarket = marketJson.replaceFirst("\"spot\" : [0-9.E]+", "\"spot\" : -1");
    FlightRuntimeException e = assertThrows(FlightRuntimeException.class, () -> {
      try (ArrowFileReader in = FlightTestSupport.open(book, allocator)) {
        FlightTestSupport.exchange(client, FlightTestSupport.greeksCommand(badMarket), in);
      }
    });
    assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.status().code());
    assertTrue(e.status().description().startsWith("market, column underlyings.BTC.spot:"), e.status().description());
  }

  @Test
  void exchange_moreRowsThanMaxRows_isResourceExhaustedNamingTheLimit() throws Exception {
    try (HedgekitServer small = HedgekitServer.start(ServerOptions.builder().port(0).maxRows(50_000).build(),
            new RiskComputeService("scalar", 1));
        FlightClient c = FlightClient.builder(allocator, small.location()).build()) {
      FlightRuntimeException e = assertThrows(FlightRuntimeException.class, () -> {
        try (ArrowFileReader in = FlightTestSupport.open(book, allocator)) {
          FlightTestSupport.exchange(c, FlightTestSupport.greeksCommand(marketJson), in);
        }
      });
      assertEquals(FlightStatusCode.RESOURCE_EXHAUSTED, e.status().code());
      assertEquals("book: more than 50000 rows (the server's --max-rows)", e.status().description());
    }
  }

  @Test
  void exchange_notACommand_isInvalidArgument() {
    FlightRuntimeException e = assertThrows(FlightRuntimeException.class, () -> {
      try (FlightClient.ExchangeReaderWriter rw = client.doExchange(FlightDescriptor.command(
          "{\"op\":\"var\"}".getBytes(StandardCharsets.UTF_8)))) {
        rw.getWriter().completed();
        rw.getReader().next();
      }
    });
    assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.status().code());
    assertEquals("exchange command: op must be \"greeks\", was \"var\"", e.status().description());
  }

  static JsonNode health(FlightClient c) throws Exception {
    Iterator<Result> it = c.doAction(new Action("health"));
    JsonNode n = JSON.readTree(it.next().getBody());
    while (it.hasNext()) {
      it.next();
    }
    return n;
  }

  @Test
  void exchange_cancelledByTheClient_stopsTheWork() throws Exception {
    long servedBefore = health(client).get("positions_served").asLong();
    long cancelledBefore = health(client).get("cancelled_calls").asLong();
    try (ArrowFileReader in = FlightTestSupport.open(book, allocator);
        FlightClient.ExchangeReaderWriter rw = client.doExchange(
            FlightDescriptor.command(FlightTestSupport.greeksCommand(marketJson)))) {
      rw.getWriter().start(in.getVectorSchemaRoot());
      in.loadNextBatch();
      rw.getWriter().putNext(); // the first 65,536 of 66,000 positions; the server reads them and waits for more
      waitFor(() -> health(client).get("active_workers").asInt() == 1);
      rw.getReader().cancel("client gave up", null);
    } catch (FlightRuntimeException expected) {
      assertEquals(FlightStatusCode.CANCELLED, expected.status().code());
    }
    // The call ends on the server without finishing the book, and frees its worker.
    JsonNode h = health(client);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while ((h.get("cancelled_calls").asLong() == cancelledBefore || h.get("in_flight").asInt() != 0)
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
      h = health(client);
    }
    assertEquals(cancelledBefore + 1, h.get("cancelled_calls").asLong(), h.toString());
    assertEquals(0, h.get("in_flight").asInt(), h.toString());
    assertEquals(0, h.get("active_workers").asInt(), h.toString());
    assertEquals(servedBefore, h.get("positions_served").asLong());
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check check) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(20);
    }
  }

  @Test
  void health_namesVersionAndBackend() throws Exception {
    JsonNode h = health(client);
    assertEquals("ok", h.get("status").asText());
    assertEquals("0.1.0", h.get("version").asText());
    assertEquals("cpu", h.get("backend").asText());
  }

  @Test
  void unknownAction_isInvalidArgument() {
    FlightRuntimeException e = assertThrows(FlightRuntimeException.class,
        () -> client.doAction(new Action("reboot")).next());
    assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.status().code());
    assertEquals(CallStatus.INVALID_ARGUMENT.code(), e.status().code());
  }
}

package io.hedgekit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.risk.demo.DemoData;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart and graceful stop on SIGTERM of a real server process. */
class FlightLifecycleTest {

  @TempDir
  Path dir;

  private static String action(FlightClient c, String type, String body) {
    var it = c.doAction(new Action(type, body.getBytes(StandardCharsets.UTF_8)));
    String r = new String(it.next().getBody(), StandardCharsets.UTF_8);
    it.forEachRemaining(x -> { });
    return r;
  }

  @Test
  void restart_onTheSamePort_servesAgainWithAnEmptyStore() throws Exception {
    DemoData demo = FlightTestSupport.demo();
    String market = Files.readString(FlightTestSupport.market(demo, dir));
    try (BufferAllocator a = new RootAllocator()) {
      int port;
      try (HedgekitServer first = HedgekitServer.start(ServerOptions.builder().port(0).build(),
          new RiskComputeService("scalar", 1))) {
        port = first.port();
        try (FlightClient c = FlightClient.builder(a, first.location()).build()) {
          action(c, "put-market", "{\"name\":\"eod\",\"market\":" + market + "}");
        }
        assertTrue(first.stop(Duration.ofSeconds(5)));
      }
      try (HedgekitServer second = startOn(port);
          FlightClient c = FlightClient.builder(a, Location.forGrpcInsecure("127.0.0.1", port)).build()) {
        assertTrue(action(c, "health", "").contains("\"status\":\"ok\""));
        // The store lives in memory: a restarted server starts empty and says so.
        FlightRuntimeException e = assertThrows(FlightRuntimeException.class, () -> {
          try (var s = c.getStream(new Ticket("{\"op\":\"greeks\",\"book\":\"b\",\"market\":\"eod\"}"
              .getBytes(StandardCharsets.UTF_8)))) {
            s.next();
          }
        });
        assertEquals(FlightStatusCode.NOT_FOUND, e.status().code());
      }
    }
  }

  /**
   * A server on {@code port}, retried for up to 10 s while the port is still held: the old
   * server's sockets may not be released the instant it stops (seen once under heavy load), as a
   * supervisor restarting a service also finds.
   */
  private static HedgekitServer startOn(int port) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        return HedgekitServer.start(ServerOptions.builder().port(port).build(), new RiskComputeService("scalar", 1));
      } catch (java.io.UncheckedIOException e) {
        if (!String.valueOf(e.getMessage()).contains("Failed to bind") || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  @Test
  void sigterm_finishesTheCallInFlight_refusesNewOnes_andExitsZero() throws Exception {
    DemoData demo = FlightTestSupport.demo();
    String market = Files.readString(FlightTestSupport.market(demo, dir));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), ServeMain.class.getName(), "0", "20"));
    // The log goes to a file: lines read from a pipe were lost when the child got SIGTERM.
    Path logFile = dir.resolve("serve.log");
    Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    int port = -1;
    Pattern listening = Pattern.compile("listening on grpc\\+tcp://127\\.0\\.0\\.1:(\\d+)");
    try (BufferAllocator a = new RootAllocator()) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (port < 0 && server.isAlive() && System.nanoTime() < deadline) {
        Matcher m = listening.matcher(Files.readString(logFile));
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
        } else {
          Thread.sleep(50);
        }
      }
      assertTrue(port > 0, "server did not start: " + Files.readString(logFile));
      Path book = FlightTestSupport.book(demo, dir, 1_000, 3, a);
      try (FlightClient c = FlightClient.builder(a, Location.forGrpcInsecure("127.0.0.1", port)).build();
          ArrowFileReader in = FlightTestSupport.open(book, a);
          FlightClient.ExchangeReaderWriter rw = c.doExchange(
              FlightDescriptor.command(FlightTestSupport.greeksCommand(market)))) {
        rw.getWriter().start(in.getVectorSchemaRoot());
        in.loadNextBatch();
        rw.getWriter().putNext();
        // The call is in flight (the server waits for the end of the book) when SIGTERM arrives.
        long inFlightDeadline = System.nanoTime() + 20_000_000_000L;
        while (!action(c, "health", "").contains("\"in_flight\":1") && System.nanoTime() < inFlightDeadline) {
          Thread.sleep(20);
        }
        server.destroy();
        long stopDeadline = System.nanoTime() + 20_000_000_000L;
        while (!Files.readString(logFile).contains("stopping;") && System.nanoTime() < stopDeadline) {
          Thread.sleep(20);
        }
        // At least the exchange (a health call just answered may not have left the count yet).
        Matcher stopping = Pattern.compile("stopping; (\\d+) call\\(s\\) in flight").matcher(Files.readString(logFile));
        assertTrue(stopping.find() && Integer.parseInt(stopping.group(1)) >= 1, Files.readString(logFile));
        // New calls are refused from the moment the server stops accepting (just after the log line).
        FlightRuntimeException refused = null;
        long refusedDeadline = System.nanoTime() + 10_000_000_000L;
        while (refused == null && System.nanoTime() < refusedDeadline) {
          try {
            action(c, "health", "");
            Thread.sleep(20);
          } catch (FlightRuntimeException e) {
            refused = e;
          }
        }
        assertTrue(refused != null, "new calls were still accepted 10 s after SIGTERM");
        assertEquals(FlightStatusCode.UNAVAILABLE, refused.status().code(), refused.status().description());
        rw.getWriter().completed();
        assertEquals(1_000, FlightTestSupport.rows(rw.getReader()).size());
      }
      assertTrue(server.waitFor(30, TimeUnit.SECONDS), "server did not exit: " + Files.readString(logFile));
      assertEquals(0, server.exitValue(), Files.readString(logFile));
      assertTrue(Files.readString(logFile).contains("hedgekit serve: stopped\n"), Files.readString(logFile));
    } finally {
      server.destroyForcibly();
    }
  }
}

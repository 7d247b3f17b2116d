package io.hedgekit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgekit.risk.demo.DemoData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the two clients of docs/flight.md (Java, and Python where pyarrow is installed) against a real server. */
class FlightClientExampleTest {
  @TempDir
  static Path dir;

  static Path book;
  static Path market;
  static Path scenarios;

  @BeforeAll
  static void data() {
    DemoData demo = FlightTestSupport.demo();
    try (BufferAllocator a = new RootAllocator()) {
      book = FlightTestSupport.book(demo, dir, 3_000, 8, a);
      scenarios = FlightTestSupport.scenarios(demo.market(), dir, 500, 2, a);
    }
    market = FlightTestSupport.market(demo, dir);
  }

  private static HedgekitServer server(String token) {
    return HedgekitServer.start(ServerOptions.builder().port(0).tokens(token == null ? List.of() : List.of(token)).build(),
        new RiskComputeService("scalar", 1));
  }

  @Test
  void javaExample_runsTheDocumentedCalls() throws Exception {
    String out;
    try (HedgekitServer s = server("doc-token")) {
      PrintStream old = System.out;
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      try {
        FlightClientExample.main(new String[] {"127.0.0.1", Integer.toString(s.port()), book.toString(),
            market.toString(), scenarios.toString(), "doc-token"});
      } finally {
        System.setOut(old);
      }
      out = buf.toString(StandardCharsets.UTF_8);
    }
    assertTrue(out.contains("greeks: 3000 positions, book value "), out);
    assertTrue(out.contains("stored: books/desk, 3000 rows"), out);
    assertTrue(out.contains("stored: scenarios/mc, 500 rows"), out);
    Matcher m = Pattern.compile("var: 99\\.0% VaR ([0-9.]+) ES ([0-9.]+) USD").matcher(out);
    assertTrue(m.find(), out);
    assertTrue(Double.parseDouble(m.group(2)) >= Double.parseDouble(m.group(1)), out); // ES >= VaR
    assertTrue(out.contains("\"backend\":\"scalar\""), out);
  }

  @Test
  void pythonExample_getsTheSameVarAsJava() throws Exception {
    boolean havePyarrow;
    try {
      Process probe = new ProcessBuilder("python3", "-c", "import pyarrow.flight").redirectErrorStream(true).start();
      havePyarrow = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (java.io.IOException noPython) {
      havePyarrow = false; // no python3 at all
    }
    Assumptions.assumeTrue(havePyarrow, "python3 with pyarrow.flight is not installed here: the Python client is untested");
    try (HedgekitServer s = server("py-token")) {
      ProcessBuilder pb = new ProcessBuilder("python3", FlightTestSupport.repoRoot().resolve("docs/flight_client.py").toString(),
          "grpc://127.0.0.1:" + s.port(), book.toString(), market.toString(), scenarios.toString()).redirectErrorStream(true);
      pb.environment().put("HEDGEKIT_TOKEN", "py-token");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), out);
      String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
      JsonNode r = new ObjectMapper().readTree(last);
      assertEquals(3000, r.get("greeks_rows").asInt());
      assertEquals(3000, r.get("stored").get("books/desk").asInt());
      assertEquals("scalar", r.get("backend").asText());
      // The same request from Java gives the same figures.
      try (BufferAllocator a = new RootAllocator();
          var c = org.apache.arrow.flight.FlightClient.builder(a, s.location()).build();
          var stream = c.getStream(new org.apache.arrow.flight.Ticket(("{\"op\":\"var\",\"book\":\"desk\",\"market\":\"eod\","
              + "\"scenarios\":\"mc\",\"confidence\":[0.99,0.975],\"method\":\"full\"}").getBytes(StandardCharsets.UTF_8)),
              new org.apache.arrow.flight.grpc.CredentialCallOption(
                  new org.apache.arrow.flight.auth2.BearerCredentialWriter("py-token")))) {
        stream.next();
        var root = stream.getRoot();
        assertEquals(((org.apache.arrow.vector.Float8Vector) root.getVector("var")).get(0),
            r.get("var").get(0).get("var").asDouble());
        assertEquals(((org.apache.arrow.vector.Float8Vector) root.getVector("es")).get(1),
            r.get("var").get(1).get("es").asDouble());
      }
    }
  }
}

package io.hedgekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.Progress;
import io.hedgekit.io.market.MarketJson;
import io.hedgekit.io.scenario.ScenarioFiles;
import io.hedgekit.kernels.scenario.ScenarioMetadata;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.risk.demo.DemoData;
import io.hedgekit.server.HedgekitServer;
import io.hedgekit.server.RiskComputeService;
import io.hedgekit.server.ServerOptions;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.flight.AsyncPutListener;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hedgekit serve} against the real {@code hedgekit greeks} and {@code hedgekit var} commands. */
class ServeCommandTest {

  @TempDir
  Path dir;

  @Test
  void serve_nonLoopbackWithoutToken_exitsTwoNamingTheFlags() {
    CliRun r = CliRun.of("serve", "--host", "0.0.0.0");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--token-file FILE, or --insecure"), r.err());
  }

  @Test
  void serve_portInUse_exitsTwoNamingThePort() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun r = CliRun.of("serve", "--port", Integer.toString(taken.getLocalPort()), "--backend", "scalar");
      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().contains("cannot start the Flight server on 127.0.0.1:" + taken.getLocalPort()), r.err());
    }
  }

  private static List<String> rows(VectorSchemaRoot root, List<String> out) {
    for (int i = 0; i < root.getRowCount(); i++) {
      StringBuilder b = new StringBuilder();
      for (FieldVector v : root.getFieldVectors()) {
        Object o = v.isNull(i) ? "null" : v instanceof Float8Vector f
            ? Long.toHexString(Double.doubleToRawLongBits(f.get(i))) : v.getObject(i);
        b.append(o).append('|');
      }
      out.add(b.toString());
    }
    return out;
  }

  @Test
  void exchangeAndVar_equalTheCommandsOutputs() throws Exception {
    DemoData demo = DemoData.fromChain(Path.of(System.getenv("HEDGEKIT_REPO_ROOT"),
        "examples/deribit_options_snapshot_2026_tessicin.csv"));
    Path book = dir.resolve("book.arrow");
    Path market = dir.resolve("market.json");
    Path scenarios = dir.resolve("mc.arrow");
    MarketJson.write(demo.market(), market);
    try (BufferAllocator a = new RootAllocator()) {
      demo.writeBook(book, TableFormat.ARROW, 70_000, 17, a);
      List<String> us = demo.market().underlyingNames();
      SplittableRandom rnd = new SplittableRandom(3);
      int m = 500;
      int[] sc = new int[m];
      double[][] ret = new double[us.size()][m];
      for (int i = 0; i < m; i++) {
        sc[i] = i;
        for (int u = 0; u < us.size(); u++) {
          ret[u][i] = 0.05 * (rnd.nextDouble() - 0.5);
        }
      }
      ScenarioFiles.write(new ScenarioSet("t", ScenarioMetadata.UNKNOWN, us, sc, null, null, ret, null), scenarios, a,
          Progress.NONE);
    }
    Path cliOut = dir.resolve("greeks.arrow");
    CliRun g = CliRun.of("greeks", "--book", book.toString(), "--market", market.toString(), "--out", cliOut.toString(),
        "--backend", "cpu", "-q");
    assertEquals(0, g.exitCode(), g.err());
    CliRun v = CliRun.of("var", "--book", book.toString(), "--market", market.toString(), "--scenarios",
        scenarios.toString(), "--backend", "cpu", "--json", "-q");
    assertEquals(0, v.exitCode(), v.err());
    List<String> expected = new ArrayList<>();
    try (BufferAllocator a = new RootAllocator();
        ArrowFileReader r = new ArrowFileReader(FileChannel.open(cliOut, StandardOpenOption.READ), a)) {
      while (r.loadNextBatch()) {
        rows(r.getVectorSchemaRoot(), expected);
      }
    }
    String marketJson = Files.readString(market);
    try (BufferAllocator a = new RootAllocator();
        HedgekitServer server = HedgekitServer.start(ServerOptions.builder().port(0).build(),
            new RiskComputeService("cpu", 0));
        FlightClient c = FlightClient.builder(a, server.location()).build()) {
      List<String> got = new ArrayList<>();
      byte[] cmd = ("{\"op\":\"greeks\",\"market\":" + marketJson + "}").getBytes(StandardCharsets.UTF_8);
      try (ArrowFileReader in = new ArrowFileReader(FileChannel.open(book, StandardOpenOption.READ), a);
          FlightClient.ExchangeReaderWriter rw = c.doExchange(FlightDescriptor.command(cmd))) {
        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
          while (rw.getReader().next()) {
            rows(rw.getReader().getRoot(), got);
          }
        });
        rw.getWriter().start(in.getVectorSchemaRoot());
        while (in.loadNextBatch()) {
          rw.getWriter().putNext();
        }
        rw.getWriter().completed();
        read.join();
      }
      assertEquals(70_000, expected.size());
      assertEquals(expected, got);

      for (String[] put : new String[][] {{"books", book.toString()}, {"scenarios", scenarios.toString()}}) {
        try (ArrowFileReader in = new ArrowFileReader(FileChannel.open(Path.of(put[1]), StandardOpenOption.READ), a)) {
          FlightClient.ClientStreamListener w = c.startPut(FlightDescriptor.path(put[0], "x"), in.getVectorSchemaRoot(),
              new AsyncPutListener());
          while (in.loadNextBatch()) {
            w.putNext();
          }
          w.completed();
          w.getResult();
        }
      }
      c.doAction(new Action("put-market", ("{\"name\":\"x\",\"market\":" + marketJson + "}")
          .getBytes(StandardCharsets.UTF_8))).forEachRemaining(x -> { });
      try (FlightStream s = c.getStream(new Ticket("{\"op\":\"var\",\"book\":\"x\",\"market\":\"x\",\"scenarios\":\"x\"}"
          .getBytes(StandardCharsets.UTF_8)))) {
        assertTrue(s.next());
        assertEquals(v.out().strip(), s.getSchema().getCustomMetadata().get(RiskComputeService.RESULT_METADATA).strip());
      }
    }
  }
}

package io.hedgekit.server;

import io.hedgekit.kernels.Progress;
import io.hedgekit.io.market.MarketJson;
import io.hedgekit.io.scenario.ScenarioFiles;
import io.hedgekit.kernels.scenario.ScenarioMetadata;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.risk.demo.DemoData;
import java.io.IOException;
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
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;

/** Test data (the demo's book and market, random scenarios) and small Flight client helpers. */
final class FlightTestSupport {
  private FlightTestSupport() {
  }

  static Path repoRoot() {
    String root = System.getenv("HEDGEKIT_REPO_ROOT");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  static DemoData demo() {
    return DemoData.fromChain(repoRoot().resolve("examples/deribit_options_snapshot_2026_tessicin.csv"));
  }

  /** Writes the demo market to {@code dir/market.json} and returns the path. */
  static Path market(DemoData demo, Path dir) {
    Path p = dir.resolve("market.json");
    MarketJson.write(demo.market(), p);
    return p;
  }

  /** The demo book of {@code positions} positions as an Arrow IPC file. */
  static Path book(DemoData demo, Path dir, int positions, long seed, BufferAllocator allocator) {
    Path p = dir.resolve("book-" + positions + "-" + seed + ".arrow");
    demo.writeBook(p, TableFormat.ARROW, positions, seed, allocator);
    return p;
  }

  /** {@code count} one-day scenarios with returns of about 4% and vol shifts of about 2 points. */
  static Path scenarios(MarketData market, Path dir, int count, long seed, BufferAllocator allocator) {
    List<String> us = market.underlyingNames();
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] sc = new int[count];
    double[] h = new double[count];
    double[][] r = new double[us.size()][count];
    double[][] v = new double[us.size()][count];
    for (int i = 0; i < count; i++) {
      sc[i] = i;
      h[i] = 1.0;
      double common = gaussian(rnd);
      for (int u = 0; u < us.size(); u++) {
        r[u][i] = 0.04 * (0.8 * common + 0.6 * gaussian(rnd));
        v[u][i] = -0.3 * r[u][i] + 0.02 * gaussian(rnd);
      }
    }
    ScenarioSet set = new ScenarioSet("test", ScenarioMetadata.UNKNOWN, us, sc, null, h, r, v);
    Path p = dir.resolve("scenarios-" + count + ".arrow");
    ScenarioFiles.write(set, p, allocator, Progress.NONE);
    return p;
  }

  private static double gaussian(SplittableRandom rnd) {
    double u1 = rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  static String json(Path file) throws IOException {
    return Files.readString(file);
  }

  /** Uploads an Arrow IPC file under a path descriptor. */
  static void put(FlightClient client, Path file, BufferAllocator allocator, FlightDescriptor descriptor,
      CallOption... options) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(ch, allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      FlightClient.ClientStreamListener writer = client.startPut(descriptor, root, new AsyncPutListener(), options);
      while (reader.loadNextBatch()) {
        writer.putNext();
      }
      writer.completed();
      writer.getResult();
    }
  }

  /**
   * Streams {@code book} through a greeks exchange, writing on this thread and reading on another
   * (so neither side waits on the other), and returns the results as canonical rows.
   */
  static List<String> exchange(FlightClient client, byte[] command, ArrowReader book, CallOption... options)
      throws Exception {
    try (FlightClient.ExchangeReaderWriter rw = client.doExchange(FlightDescriptor.command(command), options)) {
      CompletableFuture<List<String>> results = CompletableFuture.supplyAsync(() -> rows(rw.getReader()));
      VectorSchemaRoot root = book.getVectorSchemaRoot();
      FlightClient.ClientStreamListener writer = rw.getWriter();
      writer.start(root);
      while (book.loadNextBatch()) {
        writer.putNext();
      }
      writer.completed();
      try {
        return results.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof Exception x ? x : e;
      }
    }
  }

  static byte[] greeksCommand(String marketJson) {
    return ("{\"op\":\"greeks\",\"market\":" + marketJson + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** Every row of a stream as text with the exact bits of each double (null as "null"). */
  static List<String> rows(FlightStream stream) {
    List<String> out = new ArrayList<>();
    while (stream.next()) {
      addRows(stream.getRoot(), out);
    }
    return out;
  }

  /** Rows of one batch as text with exact bits. */
  static void addRows(VectorSchemaRoot root, List<String> out) {
    List<FieldVector> vs = root.getFieldVectors();
    for (int i = 0; i < root.getRowCount(); i++) {
      StringBuilder b = new StringBuilder();
      for (FieldVector v : vs) {
        if (v.isNull(i)) {
          b.append("null");
        } else if (v instanceof Float8Vector f) {
          b.append(Long.toHexString(Double.doubleToRawLongBits(f.get(i))));
        } else if (v instanceof VarCharVector s) {
          b.append(new String(s.get(i), StandardCharsets.UTF_8));
        } else {
          b.append(v.getObject(i));
        }
        b.append('|');
      }
      out.add(b.toString());
    }
  }

  /** Every row of an Arrow IPC file as canonical text. */
  static List<String> rows(Path arrowFile, BufferAllocator allocator) throws IOException {
    List<String> out = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(arrowFile, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(ch, allocator)) {
      while (reader.loadNextBatch()) {
        addRows(reader.getVectorSchemaRoot(), out);
      }
    }
    return out;
  }

  static ArrowFileReader open(Path file, BufferAllocator allocator) throws IOException {
    return new ArrowFileReader(FileChannel.open(file, StandardOpenOption.READ), allocator);
  }
}

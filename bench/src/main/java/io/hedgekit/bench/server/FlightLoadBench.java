package io.hedgekit.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgekit.kernels.Progress;
import io.hedgekit.io.market.MarketJson;
import io.hedgekit.io.scenario.ScenarioFiles;
import io.hedgekit.kernels.scenario.ScenarioMetadata;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.risk.backend.Backends;
import io.hedgekit.risk.book.ArrowResolvedBook;
import io.hedgekit.risk.book.ResolveOptions;
import io.hedgekit.risk.demo.DemoData;
import io.hedgekit.risk.greeks.GreeksJob;
import io.hedgekit.server.HedgekitServer;
import io.hedgekit.server.RiskComputeService;
import io.hedgekit.server.ServerOptions;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.AsyncPutListener;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Load test of {@code hedgekit serve} (a standalone benchmark, not a unit test; loopback only,
 * bounded in count and time). It starts the server as a separate JVM, then:
 * <ol>
 *   <li>in-process baseline: Greeks of the 10,000-position book with GreeksJob (the engine the
 *       server calls) on {@code workers} threads, the same count of books;</li>
 *   <li>phase A: {@code clients} Flight clients × {@code exchanges} greeks exchanges of that book;</li>
 *   <li>phase B: the same again while {@code varClients} clients run var on a stored
 *       {@code varPositions}-position book.</li>
 * </ol>
 * and prints p50/p99 latency, positions/s, errors, and the server's heap and RSS before and after.
 *
 * <pre>
 * java $FLAGS -cp bench/target/benchmarks.jar io.hedgekit.bench.server.FlightLoadBench \
 *     [clients=16] [exchanges=100] [positions=10000] [varClients=4] [varPositions=100000] [scenarios=1000]
 * </pre>
 */
public final class FlightLoadBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIME_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(8);

  private FlightLoadBench() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--serve")) {
      ServerOptions o = ServerOptions.builder().port(0).workers(Integer.parseInt(args[1])).build();
      System.exit(HedgekitServer.serve(o, new RiskComputeService("cpu", 0), Duration.ofSeconds(30),
          new PrintWriter(System.err, true)));
    }
    int clients = arg(args, 0, 16);
    int exchanges = arg(args, 1, 100);
    int positions = arg(args, 2, 10_000);
    int varClients = arg(args, 3, 4);
    int varPositions = arg(args, 4, 100_000);
    int scenarioCount = arg(args, 5, 1_000);
    int workers = Runtime.getRuntime().availableProcessors();
    Path root = Path.of(System.getProperty("hedgekit.home", "."));
    Path dir = Files.createTempDirectory("flight-load");
    DemoData demo = DemoData.fromChain(root.resolve("examples/deribit_options_snapshot_2026_tessicin.csv"));
    Path marketFile = dir.resolve("market.json");
    MarketJson.write(demo.market(), marketFile);
    String market = Files.readString(marketFile);
    Path book = dir.resolve("book.arrow");
    Path bigBook = dir.resolve("big.arrow");
    Path scenarios = dir.resolve("mc.arrow");
    try (BufferAllocator a = new RootAllocator()) {
      demo.writeBook(book, TableFormat.ARROW, positions, 1, a);
      demo.writeBook(bigBook, TableFormat.ARROW, varPositions, 2, a);
      writeScenarios(demo.market(), scenarios, scenarioCount, a);
    }
    System.out.printf(Locale.ROOT, "machine: %d cores, %s, load average %.1f%n", workers, Runtime.version(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    double inProcess = inProcessRate(book, demo.market(), workers, Math.min(clients * exchanges, 200));
    System.out.printf(Locale.ROOT, "in-process GreeksJob, %d threads, %d books: %.0f positions/s%n", workers, Math.min(clients * exchanges, 200), inProcess);

    Process server = startServer(dir, workers);
    try (BufferAllocator a = new RootAllocator()) {
      int port = port(dir.resolve("serve.log"), server);
      Location loc = Location.forGrpcInsecure("127.0.0.1", port);
      List<FlightClient> cs = new ArrayList<>();
      for (int i = 0; i < clients + varClients; i++) {
        cs.add(FlightClient.builder(a, loc).build());
      }
      FlightClient admin = cs.get(0);
      long rssBefore = rss(server.pid());
      long heapBefore = health(admin).get("heap_used_bytes").asLong();
      put(admin, bigBook, FlightDescriptor.path("books", "big"), a);
      put(admin, scenarios, FlightDescriptor.path("scenarios", "mc"), a);
      action(admin, "put-market", "{\"name\":\"eod\",\"market\":" + market + "}");
      byte[] command = ("{\"op\":\"greeks\",\"market\":" + market + "}").getBytes(StandardCharsets.UTF_8);
      Payload payload = load(book, a);
      // Warm-up of the server's JIT: 2 clients × 20 exchanges, not counted.
      run(cs.subList(0, 2), 20, command, payload, a, 0, null, null);
      Phase p1 = run(cs.subList(0, clients), exchanges, command, payload, a, 0, null, null);
      report("A: greeks only", clients, exchanges, positions, p1, inProcess);
      Phase p2 = run(cs.subList(0, clients), exchanges, command, payload, a, varClients, cs.subList(clients, cs.size()),
          "{\"op\":\"var\",\"book\":\"big\",\"market\":\"eod\",\"scenarios\":\"mc\",\"method\":\"full\"}");
      report("B: greeks while " + varClients + " clients run var on " + varPositions + " positions x " + scenarioCount
          + " scenarios", clients, exchanges, positions, p2, inProcess);
      System.out.printf(Locale.ROOT, "   var calls %d, p50 %.1f ms, p99 %.1f ms, errors %d%n", p2.varLatencies.length,
          pct(p2.varLatencies, 0.5), pct(p2.varLatencies, 0.99), p2.varErrors);
      JsonNode h = health(admin);
      long rssAfter = rss(server.pid());
      System.out.printf(Locale.ROOT, "server heap used: before %.0f MiB, after %.0f MiB; RSS: before %.0f MiB, after %.0f MiB;"
          + " off-heap now %.1f MiB; calls %d, failed %d%n", heapBefore / 1048576.0, h.get("heap_used_bytes").asLong() / 1048576.0,
          rssBefore / 1048576.0, rssAfter / 1048576.0, h.get("off_heap_bytes").asLong() / 1048576.0,
          h.get("calls").asLong(), h.get("failed_calls").asLong());
      payload.close();
      for (FlightClient c : cs) {
        c.close();
      }
    } finally {
      server.destroy();
      boolean exited = server.waitFor(60, TimeUnit.SECONDS);
      System.out.println("server stopped on SIGTERM: " + (exited ? "exit " + server.exitValue() : "did not exit"));
      server.destroyForcibly();
    }
  }

  private static int arg(String[] args, int i, int dflt) {
    return args.length > i ? Integer.parseInt(args[i]) : dflt;
  }

  private static void writeScenarios(MarketData market, Path file, int count, BufferAllocator a) {
    List<String> us = market.underlyingNames();
    SplittableRandom rnd = new SplittableRandom(7);
    int[] sc = new int[count];
    double[] h = new double[count];
    double[][] r = new double[us.size()][count];
    double[][] v = new double[us.size()][count];
    for (int i = 0; i < count; i++) {
      sc[i] = i;
      h[i] = 1;
      for (int u = 0; u < us.size(); u++) {
        r[u][i] = 0.08 * (rnd.nextDouble() - 0.5);
        v[u][i] = 0.04 * (rnd.nextDouble() - 0.5);
      }
    }
    ScenarioFiles.write(new ScenarioSet("bench", ScenarioMetadata.UNKNOWN, us, sc, null, h, r, v), file, a, Progress.NONE);
  }

  /** Positions/s of GreeksJob on {@code threads} threads, {@code books} books in all, after a warm-up. */
  private static double inProcessRate(Path book, MarketData market, int threads, int books) throws Exception {
    try (BufferAllocator a = new RootAllocator();
        Backends.Selection s = Backends.open("cpu", new BackendOptions(0, null))) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      AtomicLong done = new AtomicLong();
      Runnable one = () -> {
        ArrowResolvedBook b = new ArrowResolvedBook(book, market, "market.json", a, ResolveOptions.defaults());
        done.addAndGet(GreeksJob.run(b, s.backend().greeks(), a, Progress.NONE, r -> { }).totalPositions());
      };
      for (int i = 0; i < 40; i++) {
        one.run();
      }
      done.set(0);
      long t0 = System.nanoTime();
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < books; i++) {
        fs.add(pool.submit(one));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      double rate = done.get() / ((System.nanoTime() - t0) / 1e9);
      pool.shutdown();
      return rate;
    }
  }

  private static Process startServer(Path dir, int workers) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--") || arg.startsWith("-XX:+Use")) {
        cmd.add(arg);
      }
    }
    cmd.addAll(List.of("-Xmx2g", "-cp", System.getProperty("java.class.path"), FlightLoadBench.class.getName(), "--serve",
        Integer.toString(workers)));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile()).start();
  }

  private static int port(Path log, Process server) throws Exception {
    Pattern p = Pattern.compile("listening on grpc\\+tcp://127\\.0\\.0\\.1:(\\d+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && server.isAlive()) {
      if (Files.exists(log)) {
        Matcher m = p.matcher(Files.readString(log));
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("server did not start: " + (Files.exists(log) ? Files.readString(log) : ""));
  }

  private static long rss(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  private static JsonNode health(FlightClient c) throws Exception {
    return JSON.readTree(action(c, "health", ""));
  }

  private static String action(FlightClient c, String type, String body) {
    Iterator<Result> it = c.doAction(new Action(type, body.getBytes(StandardCharsets.UTF_8)));
    String r = new String(it.next().getBody(), StandardCharsets.UTF_8);
    it.forEachRemaining(x -> { });
    return r;
  }

  private static void put(FlightClient c, Path file, FlightDescriptor d, BufferAllocator a) throws Exception {
    try (ArrowFileReader in = new ArrowFileReader(FileChannel.open(file, StandardOpenOption.READ), a)) {
      FlightClient.ClientStreamListener w = c.startPut(d, in.getVectorSchemaRoot(), new AsyncPutListener());
      while (in.loadNextBatch()) {
        w.putNext();
      }
      w.completed();
      w.getResult();
    }
  }

  /** A book of one batch held in memory, so clients do not read files while measured. */
  private record Payload(Schema schema, ArrowRecordBatch batch) implements AutoCloseable {
    @Override
    public void close() {
      batch.close();
    }
  }

  private static Payload load(Path file, BufferAllocator a) throws Exception {
    try (ArrowFileReader in = new ArrowFileReader(FileChannel.open(file, StandardOpenOption.READ), a)) {
      in.loadNextBatch();
      return new Payload(in.getVectorSchemaRoot().getSchema(), new VectorUnloader(in.getVectorSchemaRoot()).getRecordBatch());
    }
  }

  private record Phase(double seconds, long positions, long[] latencies, long errors, long[] varLatencies, long varErrors) {
  }

  private static Phase run(List<FlightClient> clients, int exchanges, byte[] command, Payload payload,
      BufferAllocator a, int varClients, List<FlightClient> varCs, String varTicket) throws Exception {
    ExecutorService pool = Executors.newCachedThreadPool();
    long[][] lat = new long[clients.size()][exchanges];
    AtomicLong errors = new AtomicLong();
    AtomicLong rows = new AtomicLong();
    AtomicBoolean greeksDone = new AtomicBoolean();
    List<Long> varLat = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong varErrors = new AtomicLong();
    long start = System.nanoTime();
    List<Future<?>> fs = new ArrayList<>();
    for (int v = 0; v < varClients; v++) {
      FlightClient c = varCs.get(v);
      fs.add(pool.submit(() -> {
        // At least one var call each, then more while the greeks clients run.
        do {
          long t0 = System.nanoTime();
          try (FlightStream s = c.getStream(new Ticket(varTicket.getBytes(StandardCharsets.UTF_8)))) {
            while (s.next()) {
              // consume
            }
            varLat.add(System.nanoTime() - t0);
          } catch (Exception e) {
            varErrors.incrementAndGet();
            System.err.println("var error: " + e);
          }
        } while (!greeksDone.get() && System.nanoTime() - start < TIME_LIMIT_NANOS);
      }));
    }
    List<Future<?>> gs = new ArrayList<>();
    for (int ci = 0; ci < clients.size(); ci++) {
      FlightClient c = clients.get(ci);
      long[] mine = lat[ci];
      gs.add(pool.submit(() -> {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (BufferAllocator mineA = a.newChildAllocator("client", 0, Long.MAX_VALUE);
            VectorSchemaRoot root = VectorSchemaRoot.create(payload.schema(), mineA)) {
          new VectorLoader(root).load(payload.batch());
          for (int i = 0; i < exchanges && System.nanoTime() - start < TIME_LIMIT_NANOS; i++) {
            long t0 = System.nanoTime();
            try (FlightClient.ExchangeReaderWriter rw = c.doExchange(FlightDescriptor.command(command))) {
              Future<Long> got = reader.submit(() -> {
                long n = 0;
                while (rw.getReader().next()) {
                  n += rw.getReader().getRoot().getRowCount();
                }
                return n;
              });
              rw.getWriter().start(root);
              rw.getWriter().putNext();
              rw.getWriter().completed();
              rows.addAndGet(got.get());
              mine[i] = System.nanoTime() - t0;
            } catch (Exception e) {
              errors.incrementAndGet();
              mine[i] = -1;
              System.err.println("greeks error: " + e);
            }
          }
        } finally {
          reader.shutdown();
        }
        return null;
      }));
    }
    for (Future<?> g : gs) {
      g.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    greeksDone.set(true);
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    long[] all = Arrays.stream(lat).flatMapToLong(Arrays::stream).filter(x -> x > 0).sorted().toArray();
    long[] vl = varLat.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Phase(seconds, rows.get(), all, errors.get(), vl, varErrors.get());
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  private static void report(String name, int clients, int exchanges, int positions, Phase p, double inProcess) {
    double rate = p.positions / p.seconds;
    System.out.printf(Locale.ROOT, "%s: %d clients x %d exchanges of %d positions: %d exchanges in %.1f s, errors %d;"
        + " latency p50 %.1f ms, p99 %.1f ms; %.0f positions/s served = %.0f%% of in-process%n", name, clients, exchanges,
        positions, p.latencies.length, p.seconds, p.errors, pct(p.latencies, 0.5), pct(p.latencies, 0.99), rate,
        100 * rate / inProcess);
  }
}

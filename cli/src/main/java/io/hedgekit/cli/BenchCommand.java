package io.hedgekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.BackendProvider;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.check.SyntheticBooks;
import io.hedgekit.risk.backend.Backends;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hedgekit bench}: Greeks throughput of every usable backend on a generated book held
 * off-heap: a warm-up until the JIT has compiled the kernel ({@link #time}), then the calls of a
 * timed window, the median in positions per second, with how long was measured. A quick check of
 * what this machine does; the rigorous numbers come from JMH in {@code bench/}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure Greeks throughput (positions/s, median of the runs of a timed window after a warm-up)"
        + " per available backend.",
    footer = {"", "Examples:", "  hedgekit bench", "  hedgekit bench --quick --json"})
public final class BenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--quick", description = "Smaller book, 1-10 s of warm-up (until the rate settles) and 1 s"
      + " measured per backend (default: 3-20 s and 3 s).")
  boolean quick;

  @Option(names = "--json", description = "Print one JSON object {\"<backend>\": positions_per_s, ..., \"timing\": {\"<backend>\":"
      + " {\"runs\", \"measured_seconds\", \"warmup_seconds\", \"settled\"}}}.")
  boolean json;

  @Option(names = "--positions", paramLabel = "N", description = "Book size (default 1,000,000; quick 200,000).")
  Integer positions;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads, >= 1 (default: one per core).")
  Integer threads;

  @Option(names = "--device", paramLabel = "ID", description = "OpenCL device index or name part.")
  String device;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int n = positions != null ? positions : (quick ? 200_000 : 1_000_000);
    if (n <= 0) {
      throw new UsageException("--positions must be > 0, was " + n);
    }
    Map<String, Double> results = new LinkedHashMap<>();
    Map<String, Timing> timings = new LinkedHashMap<>();
    try (Arena arena = Arena.ofShared()) {
      PositionColumns book = offHeap(SyntheticBooks.mixed(n, 3, 42, true), arena);
      GreeksColumns out1 = offHeapOutputs(n, arena);
      for (BackendProvider p : Backends.providers()) {
        BackendProvider.Availability a = Backends.safeAvailability(p);
        if (!a.usable()) {
          if (!json) {
            out.printf("%-7s skipped: %s%n", p.name(), a.reason());
          }
          continue;
        }
        try (ComputeBackend b = p.open(new BackendOptions(CliArgs.threads(threads), device))) {
          // The scalar reference is ~10x slower: time it on a slice so the command stays quick.
          int rows = p.name().equals("scalar") ? Math.max(1, n / 10) : n;
          PositionColumns in = book.slice(0, rows);
          GreeksColumns outRows = out1.slice(0, rows);
          int warmRows = Math.min(rows, WARMUP_ROWS);
          PositionColumns warmIn = in.slice(0, warmRows);
          GreeksColumns warmOut = outRows.slice(0, warmRows);
          Timing t = time(() -> b.greeks().compute(in, outRows), rows, () -> b.greeks().compute(warmIn, warmOut),
              warmRows, quick);
          double median = t.median();
          timings.put(p.name(), t);
          results.put(p.name(), median);
          if (!json) {
            out.printf(Locale.ROOT, "%-7s %8.1f M positions/s  (median of %d runs measured over %.2f s after %.2f s"
                + " of warm-up, %,d positions; %s)%n", p.name(), median / 1e6, t.runs(), t.measuredSeconds(),
                t.warmupSeconds(), rows, b.description());
            if (!t.settled()) {
              out.printf(Locale.ROOT, "%-7s warning: the rate had not settled after %.0f s of warm-up (a busy machine?);"
                  + " the number may be low%n", p.name(), t.warmupSeconds());
            }
          }
        }
      }
    }
    if (json) {
      ObjectNode node = new ObjectMapper().createObjectNode();
      results.forEach(node::put);
      ObjectNode timing = node.putObject("timing");
      timings.forEach((name, t) -> timing.putObject(name).put("runs", t.runs())
          .put("measured_seconds", t.measuredSeconds()).put("warmup_seconds", t.warmupSeconds())
          .put("settled", t.settled()));
      out.println(node.toString());
    } else if (results.containsKey("scalar")) {
      double base = results.get("scalar");
      results.forEach((k, v) -> {
        if (!k.equals("scalar")) {
          out.printf(Locale.ROOT, "%-7s %.1fx the scalar reference%n", k, v / base);
        }
      });
    }
    out.flush();
    return 0;
  }

  /**
   * How one backend was timed: the median rate of {@code runs} calls made over
   * {@code measuredSeconds}, after {@code warmupSeconds} of untimed calls; {@code settled} is false
   * when the warm-up hit its time limit before the rate settled (the number may then be low).
   */
  record Timing(double median, int runs, double measuredSeconds, double warmupSeconds, boolean settled) {
  }

  /** Rows per warm-up call: small calls get the JIT to compile the kernel sooner than big ones. */
  static final int WARMUP_ROWS = 16_384;
  /** Warm-up at least this long (seconds), quick / full, and until five calls in a row agree within 10%. */
  static final double[] WARMUP_MIN = {1.0, 3.0};
  /** ... but at most this long. */
  static final double[] WARMUP_MAX = {10.0, 20.0};
  /** Then measure calls for this long (seconds) ... */
  static final double[] MEASURE = {1.0, 3.0};
  /** ... and at least this many. */
  static final int[] MIN_RUNS = {3, 7};

  /**
   * Times {@code call}, which prices {@code rows} positions ({@code warmupCall} prices
   * {@code warmupRows} of them). Warm-up: {@code warmupCall} until the JIT has compiled the kernel
   * (at least {@link #WARMUP_MIN} seconds and until five successive calls agree within 10%, at
   * most {@link #WARMUP_MAX}), then one untimed {@code call}. Measurement: {@code call} for
   * {@link #MEASURE} seconds (at least {@link #MIN_RUNS} calls); the median rate in positions per
   * second. Without the warm-up a quick bench timed the interpreter and C1 (2.6 M/s for a kernel
   * that runs at 100 M/s): a Vector API kernel runs hundreds of times slower before C2 compiles it.
   */
  static Timing time(Runnable call, int rows, Runnable warmupCall, int warmupRows, boolean quick) {
    int mode = quick ? 0 : 1;
    long start = System.nanoTime();
    double[] last = new double[5];
    int calls = 0;
    boolean settled;
    while (true) {
      long t0 = System.nanoTime();
      warmupCall.run();
      long t1 = System.nanoTime();
      last[calls++ % last.length] = warmupRows / ((t1 - t0) / 1e9);
      double elapsed = (t1 - start) / 1e9;
      settled = calls >= last.length
          && Arrays.stream(last).max().getAsDouble() <= 1.10 * Arrays.stream(last).min().getAsDouble();
      if (elapsed >= WARMUP_MAX[mode] || (elapsed >= WARMUP_MIN[mode] && settled)) {
        break;
      }
    }
    call.run();
    long measureStart = System.nanoTime();
    double warmup = (measureStart - start) / 1e9;
    double[] rates = new double[16];
    int runs = 0;
    long t0 = measureStart;
    while (runs < MIN_RUNS[mode] || (t0 - measureStart) / 1e9 < MEASURE[mode]) {
      call.run();
      long t1 = System.nanoTime();
      if (runs == rates.length) {
        rates = Arrays.copyOf(rates, 2 * runs);
      }
      rates[runs++] = rows / ((t1 - t0) / 1e9);
      t0 = t1;
    }
    double[] sorted = Arrays.copyOf(rates, runs);
    Arrays.sort(sorted);
    return new Timing(sorted[runs / 2], runs, (t0 - measureStart) / 1e9, warmup, settled);
  }

  private static PositionColumns offHeap(PositionColumns h, Arena arena) {
    return new PositionColumns(h.rows(), copy(h.kind(), arena), copy(h.underlying(), arena), copy(h.spot(), arena),
        copy(h.strike(), arena), copy(h.timeYears(), arena), copy(h.vol(), arena), copy(h.rate(), arena),
        copy(h.carry(), arena), copy(h.size(), arena), copy(h.entryPrice(), arena), copy(h.funding8h(), arena));
  }

  private static MemorySegment copy(MemorySegment s, Arena arena) {
    MemorySegment m = arena.allocate(s.byteSize(), 64);
    MemorySegment.copy(s, 0, m, 0, s.byteSize());
    return m;
  }

  private static GreeksColumns offHeapOutputs(int n, Arena arena) {
    MemorySegment[] s = new MemorySegment[GreeksColumns.COUNT];
    for (int c = 0; c < s.length; c++) {
      s[c] = arena.allocate(8L * n, 64);
    }
    return GreeksColumns.of(n, s);
  }
}

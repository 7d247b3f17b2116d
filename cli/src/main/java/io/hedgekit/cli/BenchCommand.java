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
 * off-heap: warm-up, several timed runs, the median in positions per second. A quick check of
 * what this machine does; the rigorous numbers come from JMH in {@code bench/}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure Greeks throughput (positions/s, median of several runs) per available backend.",
    footer = {"", "Examples:", "  hedgekit bench", "  hedgekit bench --quick --json"})
public final class BenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--quick", description = "Smaller book and fewer runs (a few seconds).")
  boolean quick;

  @Option(names = "--json", description = "Print one JSON object {\"<backend>\": positions_per_s, ...}.")
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
    int runs = quick ? 3 : 7;
    Map<String, Double> results = new LinkedHashMap<>();
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
          b.greeks().compute(in, outRows); // warm-up
          b.greeks().compute(in, outRows);
          double[] rates = new double[runs];
          for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            b.greeks().compute(in, outRows);
            rates[r] = rows / ((System.nanoTime() - t0) / 1e9);
          }
          Arrays.sort(rates);
          double median = rates[runs / 2];
          results.put(p.name(), median);
          if (!json) {
            out.printf(Locale.ROOT, "%-7s %8.1f M positions/s  (median of %d runs, %,d positions; %s)%n", p.name(),
                median / 1e6, runs, rows, b.description());
          }
        }
      }
    }
    if (json) {
      ObjectNode node = new ObjectMapper().createObjectNode();
      results.forEach(node::put);
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

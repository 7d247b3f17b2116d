package io.hedgekit.spark;

import io.hedgekit.kernels.InputException;
import io.hedgekit.risk.var.PositionContribution;
import io.hedgekit.risk.var.RiskFigure;
import io.hedgekit.risk.var.VarResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hedgekit spark var|greeks}: the end-of-day batch on Spark. Run by the launcher
 * ({@code ./hedgekit spark ...}, Spark's jars from the Maven repository on the class path) or by
 * {@code spark-submit --class io.hedgekit.spark.SparkMain spark/target/hedgekit-spark.jar var ...}.
 * Exit codes: 0 done, 1 failure, 2 bad input or usage (the message names file, partition, row,
 * column and value).
 */
@Command(name = "hedgekit spark", mixinStandardHelpOptions = true,
    description = "The end-of-day batch (Greeks, VaR/ES, ES contributions) as an Apache Spark job.",
    subcommands = {SparkMain.Var.class, SparkMain.Greeks.class, SparkMain.ToParquet.class, SparkMain.Cluster.class})
public final class SparkMain {
  private SparkMain() {
  }

  public static void main(String[] args) {
    CommandLine cl = new CommandLine(SparkMain.class);
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      InputException input = inputException(e);
      String message = input != null ? input.getMessage() : inputMessage(e);
      if (message != null) {
        cmd.getErr().println("hedgekit spark: " + message);
        return 2;
      }
      if (e instanceof IllegalArgumentException) {
        cmd.getErr().println("hedgekit spark: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    System.exit(cl.execute(args));
  }

  private static InputException inputException(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InputException ie) {
        return ie;
      }
    }
    return null;
  }

  /** The engine's message when an executor's InputException reached the driver only as text. */
  private static String inputMessage(Throwable t) {
    String marker = InputException.class.getName() + ": ";
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage();
      int at = m == null ? -1 : m.indexOf(marker);
      if (at >= 0) {
        String rest = m.substring(at + marker.length());
        int end = rest.indexOf('\n');
        return end < 0 ? rest : rest.substring(0, end);
      }
    }
    return null;
  }

  /** Options both commands take. */
  abstract static class Common {
    @Option(names = "--master", paramLabel = "URL",
        description = "Spark master: local[2], spark://host:7077, yarn, k8s://... (default: as spark-submit says, else local[*]).")
    String master;

    @Option(names = "--book", required = true, paramLabel = "PATH",
        description = "Book: Parquet (file or directory) or CSV (.csv) with the book columns.")
    String book;

    @Option(names = "--market", required = true, paramLabel = "FILE", description = "Market JSON (broadcast to executors).")
    Path market;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "scalar|cpu|gpu|auto",
        description = "Engine backend on the executors (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
        description = "Backend threads per executor JVM; 0 = one per core (default: ${DEFAULT-VALUE}: Spark's task slots are the parallelism).")
    int threads;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
        description = "Repartition the book into N partitions first (default: as read).")
    int partitions;

    @Option(names = "--greeks-out", paramLabel = "PATH",
        description = "Per-position value and Greeks as Parquet (the columns of hedgekit greeks).")
    String greeksOut;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark setting (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--executor-classpath",
        description = "Give executors this JVM's class path (spark.executor.extraClassPath): for a cluster on this machine"
            + " without a Spark distribution (hedgekit spark cluster).")
    boolean executorClasspath;

    SparkSession session(String app) {
      Map<String, String> c = new LinkedHashMap<>();
      c.put("spark.executor.extraJavaOptions", String.join(" ", SparkJobs.jvmOptions()));
      if (executorClasspath) {
        c.put("spark.executor.extraClassPath", System.getProperty("java.class.path"));
      }
      c.putAll(conf);
      String m = master;
      if (m == null && System.getProperty("spark.master") == null) {
        m = "local[*]";
      }
      return SparkJobs.session(m, app, c);
    }

    SparkRiskOptions options() {
      return SparkRiskOptions.defaults().withBackend(backend).withThreads(threads).withPartitions(partitions);
    }
  }

  /** {@code hedgekit spark var}. */
  @Command(name = "var", mixinStandardHelpOptions = true,
      description = "VaR and ES by full revaluation (portfolio and per underlying), Euler ES contributions, Greek sums.",
      footer = {"", "Definitions as hedgekit var: k = ceil(M (1 - c)), VaR = -L(k), ES = -mean(L(1..k)).", "",
          "Example:",
          "  hedgekit spark var --master 'local[2]' --book book.parquet --market market.json --scenarios mc.arrow --out var.json"})
  static final class Var extends Common implements Callable<Integer> {
    @Option(names = "--scenarios", required = true, paramLabel = "FILE",
        description = "Scenario set (Arrow IPC or CSV; broadcast to executors).")
    Path scenarios;

    @Option(names = "--step", paramLabel = "N", description = "Step of a path set (default: the last).")
    Integer step;

    @Option(names = "--confidence", split = ",", paramLabel = "C,C", description = "Confidence levels (default: 0.99,0.975).")
    List<Double> confidence;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N",
        description = "Top ES contributors (default: ${DEFAULT-VALUE}; -1 = no contribution pass).")
    int top;

    @Option(names = "--no-netting", description = "Price every position instead of each distinct instrument of a partition once.")
    boolean noNetting;

    @Option(names = "--shuffle-by-instrument",
        description = "Repartition by instrument first, so netting spans the whole book (see docs/spark.md for when it pays).")
    boolean shuffle;

    @Option(names = "--no-greek-sums",
        description = "Skip the Greek sums in the P&L pass (VaR/ES and contributions only, as hedgekit var --method full).")
    boolean noGreekSums;

    @Option(names = "--pass-cache-mb", defaultValue = "-1", paramLabel = "MB",
        description = "Per executor JVM, MB of resolved partitions kept from the P&L pass for the tail pass;"
            + " 0 = none, -1 = a quarter of the executor's heap (default: ${DEFAULT-VALUE}). See docs/spark.md.")
    long passCacheMb;

    @Option(names = "--out", paramLabel = "FILE", description = "Result as JSON (the format of hedgekit var).")
    Path out;

    @Option(names = "--greeks-summary-out", paramLabel = "FILE", description = "Greek sums per underlying and expiry bucket as JSON.")
    Path greeksSummaryOut;

    @Option(names = "--metrics-out", paramLabel = "FILE",
        description = "The run's measurements as JSON: seconds per pass, pass cache, bytes read, shuffled and sent to the"
            + " driver, each executor's peak heap, off-heap and resident memory (Spark's executor metrics).")
    Path metricsOut;

    @Override
    public Integer call() throws IOException {
      if (noGreekSums && greeksSummaryOut != null) {
        throw new IllegalArgumentException("--greeks-summary-out needs the Greek sums: drop --no-greek-sums");
      }
      if (passCacheMb < -1) {
        throw new IllegalArgumentException("--pass-cache-mb must be >= 0, or -1 for a quarter of the heap, was " + passCacheMb);
      }
      SparkRiskOptions o = options().withStep(step).withNetting(!noNetting).withTopContributors(top)
          .withShuffleByInstrument(shuffle).withGreekSums(!noGreekSums).withPassCacheMb(passCacheMb);
      if (confidence != null) {
        o = o.withConfidences(confidence);
      }
      if (metricsOut != null) {
        // Executors read /proc for their process tree's resident set and report peaks every second.
        conf.putIfAbsent("spark.executor.processTreeMetrics.enabled", "true");
        conf.putIfAbsent("spark.executor.metrics.pollingInterval", "1s");
      }
      SparkSession spark = session("hedgekit spark var");
      JobMetrics metrics = new JobMetrics();
      spark.sparkContext().addSparkListener(metrics);
      try {
        long t0 = System.nanoTime();
        SparkRisk.VarRun run = SparkRisk.var(spark, SparkRisk.readBook(spark, book), book, market, scenarios, o);
        if (greeksOut != null) {
          SparkRisk.writeGreeks(spark, SparkRisk.readBook(spark, book), book, market, o, greeksOut);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (out != null) {
          writeAtomically(out, run.var().toJson());
        }
        if (greeksSummaryOut != null) {
          writeAtomically(greeksSummaryOut, run.greeks().toJson());
        }
        if (metricsOut != null) {
          writeAtomically(metricsOut, String.format(Locale.ROOT, "{\"master\": \"%s\", \"positions\": %d, \"partitions\": %d, "
              + "\"scenarios\": %d, \"instruments_priced\": %d, \"job_seconds\": %.3f, \"pnl_pass_seconds\": %.3f, "
              + "\"tail_pass_seconds\": %.3f, \"partitions_cached\": %d, \"tail_partitions_from_cache\": %d, \"spark\": %s}%n",
              spark.sparkContext().master().replace("\"", ""), run.var().positions(), run.partitions(), run.var().scenarios(),
              run.var().instrumentsPriced(), seconds, run.pnlSeconds(), run.contributionSeconds(), run.partitionsCached(),
              run.tailPartitionsFromCache(), metrics.toJson()));
        }
        PrintWriter w = new PrintWriter(System.out, true);
        w.print(summary(run.var()));
        w.printf(Locale.ROOT, "%n%,d positions in %d partitions x %,d scenarios on %s: %.1f s (P&L pass %.1f s, tail pass %.1f s)%n",
            run.var().positions(), run.partitions(), run.var().scenarios(), spark.sparkContext().master(), seconds,
            run.pnlSeconds(), run.contributionSeconds());
        if (top >= 0) {
          w.printf(Locale.ROOT, "pass cache: %d of %d partitions kept after the P&L pass, %d taken by the tail pass (the"
              + " others read and resolved again)%n", run.partitionsCached(), run.partitions(), run.tailPartitionsFromCache());
        }
        w.println(metrics.line());
        w.flush();
        return 0;
      } finally {
        spark.stop();
        ExecutorRuntime.closeAll();
      }
    }
  }

  /** {@code hedgekit spark greeks}. */
  @Command(name = "greeks", mixinStandardHelpOptions = true,
      description = "Greek sums per underlying and expiry bucket; per-position Greeks as Parquet with --greeks-out.",
      footer = {"", "Example:",
          "  hedgekit spark greeks --master 'local[2]' --book book.parquet --market market.json --out greeks.json --greeks-out greeks.parquet"})
  static final class Greeks extends Common implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", description = "Greek sums as JSON.")
    Path out;

    @Override
    public Integer call() throws IOException {
      SparkRiskOptions o = options();
      SparkSession spark = session("hedgekit spark greeks");
      try {
        GreeksSummary g = SparkRisk.greeks(spark, SparkRisk.readBook(spark, book), book, market, o);
        if (greeksOut != null) {
          SparkRisk.writeGreeks(spark, SparkRisk.readBook(spark, book), book, market, o, greeksOut);
        }
        if (out != null) {
          writeAtomically(out, g.toJson());
        }
        PrintWriter w = new PrintWriter(System.out, true);
        w.printf(Locale.ROOT, "%-6s %10s %16s %14s %14s %14s %14s%n", "", "positions", "value USD", "delta", "gamma",
            "vega", "theta/yr");
        for (int u = 0; u < g.underlyings().size(); u++) {
          if (g.positions()[u] > 0) {
            String n = g.underlyings().get(u);
            w.printf(Locale.ROOT, "%-6s %,10d %,16.0f %,14.4f %,14.6f %,14.0f %,14.0f%n", n, g.positions()[u],
                g.sum(n, "value"), g.sum(n, "delta"), g.sum(n, "gamma"), g.sum(n, "vega"), g.sum(n, "theta"));
          }
        }
        w.flush();
        return 0;
      } finally {
        spark.stop();
        ExecutorRuntime.closeAll();
      }
    }
  }

  /** {@code hedgekit spark parquet}: a CSV book as typed Parquet (the numeric book columns as doubles). */
  @Command(name = "parquet", mixinStandardHelpOptions = true,
      description = "Writes a CSV book as Parquet: numeric book columns as doubles, text as text; N part files.",
      footer = {"", "Example (the demo book as Parquet):",
          "  hedgekit demo --inputs-only --book-format csv --out demo && hedgekit spark parquet --book demo/book.csv --out demo/book.parquet"})
  static final class ToParquet implements Callable<Integer> {
    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
    String master;

    @Option(names = "--book", required = true, paramLabel = "FILE", description = "Book CSV.")
    String book;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "Parquet directory (replaced).")
    String out;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N", description = "Part files (default: as read).")
    int partitions;

    @Override
    public Integer call() {
      SparkSession spark = SparkJobs.session(master == null ? "local[*]" : master, "hedgekit spark parquet", Map.of());
      try {
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> b = SparkRisk.typed(SparkRisk.readBook(spark, book));
        if (partitions > 0) {
          b = b.repartition(partitions);
        }
        b.write().mode("overwrite").parquet(out);
        System.out.printf(Locale.ROOT, "%s -> %s (%s)%n", book, out, b.schema().simpleString());
        return 0;
      } finally {
        spark.stop();
      }
    }
  }

  /** {@code hedgekit spark cluster}: a standalone cluster on 127.0.0.1 until interrupted (benchmarks, trials). */
  @Command(name = "cluster", mixinStandardHelpOptions = true,
      description = "Starts a Spark standalone master and workers on 127.0.0.1 from the launcher's jars; prints the master URL"
          + " and the executor class path setting jobs need, and runs until interrupted (then stops them).")
  static final class Cluster implements Callable<Integer> {
    @Option(names = "--workers", defaultValue = "2", paramLabel = "N", description = "Workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--cores", defaultValue = "1", paramLabel = "N", description = "Cores per worker (default: ${DEFAULT-VALUE}).")
    int cores;

    @Option(names = "--memory", defaultValue = "2g", paramLabel = "SIZE", description = "Memory per worker (default: ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Logs and work folders.")
    Path dir;

    @Override
    public Integer call() throws Exception {
      Files.createDirectories(dir);
      LoopbackCluster c = LoopbackCluster.start(System.getProperty("java.class.path"), dir, workers, cores, memory);
      Runtime.getRuntime().addShutdownHook(new Thread(c::close, "hedgekit-cluster-stop"));
      System.out.println(c.masterUrl());
      System.out.println("jobs need: --conf spark.executor.extraClassPath=<this class path> (hedgekit spark var does it"
          + " with --executor-classpath)");
      System.out.flush();
      Thread.currentThread().join();
      return 0;
    }
  }

  static String summary(VarResult r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-24s %7s %16s %16s%n", "method", "conf", "VaR USD", "ES USD"));
    for (RiskFigure f : r.results()) {
      b.append(String.format(Locale.ROOT, "%-24s %6.1f%% %,16.0f %,16.0f%n", f.method().label(), 100 * f.confidence(),
          f.var(), f.es()));
    }
    b.append("\nBy underlying (full revaluation):\n");
    r.byUnderlying().forEach((u, figures) -> figures.forEach(f -> b.append(String.format(Locale.ROOT,
        "  %-6s %6.1f%%  VaR %,14.0f  ES %,14.0f%n", u, 100 * f.confidence(), f.var(), f.es()))));
    if (r.contributions() != null) {
      b.append(String.format(Locale.ROOT, "%nES contributions at %.1f%% (sum to ES %,.0f USD):%n",
          100 * r.contributions().confidence(), r.contributions().es()));
      r.contributions().byUnderlying().forEach((u, v) -> b.append(String.format(Locale.ROOT, "  %-6s %,14.0f%n", u, v)));
      for (PositionContribution c : r.contributions().top()) {
        b.append(String.format(Locale.ROOT, "    %-28s %-5s %,14.0f%n", c.id(), c.underlying(), c.contribution()));
      }
    }
    return b.toString();
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}

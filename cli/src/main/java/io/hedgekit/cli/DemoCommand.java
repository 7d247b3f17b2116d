package io.hedgekit.cli;

import io.hedgekit.io.market.MarketJson;
import io.hedgekit.io.scenario.PriceHistoryFiles;
import io.hedgekit.io.scenario.ScenarioFiles;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.io.table.TableSink;
import io.hedgekit.io.table.TableSinkProvider;
import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.report.ReportWriter;
import io.hedgekit.report.RunFacts;
import io.hedgekit.risk.demo.DemoData;
import io.hedgekit.risk.engine.FileBook;
import io.hedgekit.risk.engine.GreeksRequest;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.ResolvePolicy;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.engine.RiskRun;
import io.hedgekit.risk.greeks.PortfolioGreeks;
import io.hedgekit.risk.hedge.HedgeReports;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeUniverse;
import io.hedgekit.risk.margin.Collateral;
import io.hedgekit.risk.margin.MarginJson;
import io.hedgekit.risk.margin.MarginModel;
import io.hedgekit.risk.scenario.MonteCarloModel;
import io.hedgekit.risk.scenario.MonteCarloScenarios;
import io.hedgekit.risk.scenario.MonteCarloSpec;
import io.hedgekit.risk.scenario.ReturnStatistics;
import io.hedgekit.risk.stress.StressResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hedgekit demo}: builds a realistic multi-asset book and its market from the real option
 * chain shipped in {@code examples/}, and runs the engine on it end to end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the engine end to end on a realistic book built from the real Deribit chain in examples/.",
    footer = {"", "Examples:", "  hedgekit demo", "  hedgekit demo --positions 1000000 --out /tmp/demo --backend cpu"})
public final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  BackendOptionsMixin backend;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "hedgekit-demo-output",
      description = "Folder for the demo's inputs and outputs (default: ${DEFAULT-VALUE}).")
  Path outDir;

  @Option(names = "--positions", paramLabel = "N", defaultValue = "300000",
      description = "Positions in the generated book (default: ${DEFAULT-VALUE}).")
  int positions;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "20260301", description = "Seed of the book and scenario generators.")
  long seed;

  @Option(names = "--scenarios", paramLabel = "N", defaultValue = "2000",
      description = "Monte Carlo scenarios for VaR/ES (default: ${DEFAULT-VALUE}).")
  int scenarios;

  @Option(names = "--book-format", paramLabel = "csv|arrow|parquet", defaultValue = "arrow",
      description = "Format of the generated book (default: ${DEFAULT-VALUE}); parquet (with --inputs-only, for"
          + " hedgekit spark) needs the spark module's Parquet writer, which ./hedgekit adds to the class path.")
  String bookFormat;

  @Option(names = "--examples", paramLabel = "DIR",
      description = "Folder holding the shipped chain (default: examples/ of the hedgekit checkout).")
  Path examples;

  @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
  boolean quiet;

  @Option(names = "--inputs-only",
      description = "Write the book, market and scenario set, and stop (inputs for your own runs and benchmarks).")
  boolean inputsOnly;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (positions <= 0 || scenarios <= 0) {
      throw new UsageException("--positions and --scenarios must be > 0");
    }
    BookOutput bookOutput = bookOutput();
    Path examplesDir = examplesDir();
    Path chain = examplesDir.resolve("deribit_options_snapshot_2026_tessicin.csv");
    Path historyFile = examplesDir.resolve("crypto_daily_close_with_sol.csv");
    Path universeFile = examplesDir.resolve("universe.csv");
    BookInputs.requireFile(chain, "--examples");
    BookInputs.requireFile(historyFile, "--examples");
    BookInputs.requireFile(universeFile, "--examples");
    Path collateralFile = examplesDir.resolve("demo_collateral.json");
    Path modelFile = examplesDir.resolve("margin_model.json");
    Collateral collateral = MarginInputs.readCollateral(collateralFile, "--examples");
    MarginModel model = MarginInputs.readModel(modelFile, "--examples");
    Files.createDirectories(outDir);
    long start = System.nanoTime();
    DemoData demo = DemoData.fromChain(chain);
    MarketData market = demo.market();
    Path marketFile = outDir.resolve("market.json");
    MarketJson.write(market, marketFile);
    Path bookFile = outDir.resolve(bookOutput.fileName());
    out.printf(Locale.ROOT, "hedgekit demo: a BTC/ETH/SOL book built from the real Deribit BTC chain of %s%n%n",
        demo.valuationTime());
    try (RiskEngine engine = backend.engine(quiet ? null : spec.commandLine().getErr())) {
      try (BufferAllocator allocator = engine.newAllocator("demo-book")) {
        if (bookOutput.provider() == null) {
          demo.writeBook(bookFile, bookOutput.format(), positions, seed, allocator);
        } else {
          try (TableSink sink = bookOutput.provider().open(bookFile, DemoData.BOOK_SCHEMA)) {
            demo.writeBook(sink, positions, seed, allocator);
          }
        }
      }
      out.printf(Locale.ROOT, "1. book    %,d positions (inverse and USDC options, futures, perpetuals, spot) -> %s%n",
          positions, bookFile);
      out.printf(Locale.ROOT, "   market  spot, listed forwards, SVI smile fitted to the chain (and the older vol surface) "
          + "per underlying -> %s%n", marketFile);
      out.println(SmileFitCommand.table(demo.smileFit()).indent(10).stripTrailing());
      if (inputsOnly) {
        ScenarioSet set = demoScenarios(historyFile, engine, outDir.resolve("scenarios.arrow"));
        out.printf(Locale.ROOT, "   scenarios  %,d -> %s%n", set.rows(), outDir.resolve("scenarios.arrow"));
        return 0;
      }

      // Kept in memory after the first read: every later step passes over the book again.
      Market snapshot = Market.of(marketFile.getFileName().toString(), market);
      try (FileBook book = engine.openBook(bookFile, snapshot, ResolvePolicy.strict(), positions)) {
        Path greeksFile = outDir.resolve("greeks.arrow");
        Progress progress = TerminalProgress.create("greeks", "positions", quiet);
        long t0 = System.nanoTime();
        PortfolioGreeks greeks;
        try {
          greeks = engine.greeksToFile(book, GreeksRequest.sums().withProgress(progress), greeksFile, TableFormat.ARROW)
              .portfolio();
        } finally {
          TerminalProgress.finish(progress);
        }
        out.printf(Locale.ROOT, "2. greeks  %,d positions in %.2f s on %s -> %s%n%n", greeks.totalPositions(),
            (System.nanoTime() - t0) / 1e9, engine.backend(), greeksFile);
        out.print(Summaries.greeksTable(greeks, market.valuationTime().toString()));

        t0 = System.nanoTime();
        PriceHistory history = PriceHistoryFiles.read(historyFile);
        Path scenarioFile = outDir.resolve("scenarios.arrow");
        ScenarioSet set = demoScenarios(historyFile, engine, scenarioFile);
        out.printf(Locale.ROOT, "%n3. scenarios  %,d Student-t (4 dof) 1-day moves with vol shifts, vols and correlations from the last"
            + " 365 days of examples/%s, in %.2f s -> %s%n", set.rows(), historyFile.getFileName(), (System.nanoTime() - t0) / 1e9,
            scenarioFile);

        HedgeUniverse universe = engine.readUniverse(universeFile, snapshot);
        progress = TerminalProgress.create("revaluing", "positions", quiet);
        RiskRun run;
        try {
          run = engine.riskRun(book, RiskRun.Request.basic().withScenarios(set, null).withHistory(history)
              .withHedge(universe, HedgeTarget.DELTA_GAMMA_VEGA).withMargin(collateral, model).withProgress(progress));
        } finally {
          TerminalProgress.finish(progress);
        }
        out.printf(Locale.ROOT, "4. VaR/ES  %,d positions x %,d scenarios by full revaluation and Greek approximations in %.2f s%n%n",
            greeks.totalPositions(), set.rows(), run.timings().get("VaR/ES (full + approximations + contributions)"));
        out.print(VarCommand.summary(run.var(), "both"));

        out.printf(Locale.ROOT, "%n5. stress  spot -50%%..+50%% x vol -30..+30 points per underlying and together, and the largest"
            + " historical days, in %.2f s%n", run.timings().get("stress"));
        StressResult.Cell w = run.stress().worst();
        out.printf(Locale.ROOT, "   worst cell: %s spot %+.0f%%, vol %+.0f points: %,.0f USD%n", w.underlying(), 100 * w.spotMove(),
            100 * w.volShift(), w.pnl());

        out.printf(Locale.ROOT, "%n6. hedge   delta-gamma-vega neutral at least cost from examples/%s in %.2f s%n",
            universeFile.getFileName(), run.timings().get("hedge (delta-gamma-vega)"));
        HedgeCommand.printTickets(out, run.hedge().tickets());
        out.println();
        out.print(HedgeReports.formatTable(run.hedge().comparison()));

        out.printf(Locale.ROOT, "%n7. margin  portfolio margin with examples/%s, model examples/%s, liquidation search and carry in %.2f s%n",
            collateralFile.getFileName(), modelFile.getFileName(), run.timings().get("margin and carry"));
        out.print(MarginJson.formatTable(run.margin()));

        Path reportFile = outDir.resolve("report.html");
        List<RunFacts.Fact> facts = List.of(
            new RunFacts.Fact("book", bookFile + " (generated from examples/" + chain.getFileName() + ", seed " + seed + ")"),
            new RunFacts.Fact("market", marketFile.toString()),
            new RunFacts.Fact("scenarios", scenarioFile.toString()),
            new RunFacts.Fact("price history", "examples/" + historyFile.getFileName()),
            new RunFacts.Fact("hedge universe", "examples/" + universeFile.getFileName()),
            new RunFacts.Fact("collateral", "examples/" + collateralFile.getFileName()),
            new RunFacts.Fact("margin model", "examples/" + modelFile.getFileName()));
        ReportWriter.write(new ReportSections(run, ReportCommand.describe(set)).toReport("hedgekit demo: BTC/ETH/SOL book",
            market.valuationTime(), facts, engine.backendDescription())
            .withSmiles(List.of(SmileFitCommand.section(demo.smileFit(), chain.getFileName().toString()))),
            reportFile);
        out.printf(Locale.ROOT, "%n8. report  -> %s (open it in a browser)%n", reportFile);
        out.printf(Locale.ROOT, "   files     %s%n", String.join(", ", writeResults(run, greeks, outDir)));
      }
    }
    out.printf(Locale.ROOT, "%ndemo finished in %.1f s; everything is in %s%n", (System.nanoTime() - start) / 1e9,
        outDir.toAbsolutePath());
    out.flush();
    return 0;
  }

  /**
   * Writes the results the README promises beside the report: VaR/ES, stress and hedge as JSON,
   * the hedge tickets and its before/after as CSV, and the Greeks per underlying as CSV.
   *
   * @return the names written
   */
  static List<String> writeResults(RiskRun run, PortfolioGreeks greeks, Path outDir) throws IOException {
    CliArgs.writeText(outDir.resolve("var.json"), run.var().toJson());
    CliArgs.writeText(outDir.resolve("stress.json"), run.stress().toJson());
    java.io.StringWriter hedge = new java.io.StringWriter();
    HedgeReports.writeJson(run.hedge(), hedge);
    CliArgs.writeText(outDir.resolve("hedge.json"), hedge.toString());
    StringBuilder tickets = new StringBuilder();
    HedgeReports.writeTicketsCsv(run.hedge().tickets(), tickets);
    CliArgs.writeText(outDir.resolve("tickets.csv"), tickets.toString());
    StringBuilder comparison = new StringBuilder();
    HedgeReports.writeComparisonCsv(run.hedge().comparison(), comparison);
    CliArgs.writeText(outDir.resolve("hedge-before-after.csv"), comparison.toString());
    List<String> written = new java.util.ArrayList<>(List.of("greeks.arrow", "greeks-by-underlying.csv", "scenarios.arrow",
        "var.json", "stress.json", "hedge.json", "tickets.csv", "hedge-before-after.csv"));
    if (run.margin() != null) {
      CliArgs.writeText(outDir.resolve("margin.json"), MarginJson.toJson(run.margin()));
      written.add("margin.json");
    }
    StringBuilder sums = new StringBuilder("underlying,").append(String.join(",", io.hedgekit.kernels.GreeksColumns.NAMES))
        .append('\n');
    for (int u = 0; u < greeks.underlyings().size(); u++) {
      sums.append(greeks.underlyings().get(u));
      for (String c : io.hedgekit.kernels.GreeksColumns.NAMES) {
        double v = greeks.get(u, c);
        sums.append(',').append(Double.isNaN(v) ? "" : v == 0 ? "0.0" : Double.toString(v));
      }
      sums.append('\n');
    }
    CliArgs.writeText(outDir.resolve("greeks-by-underlying.csv"), sums.toString());
    written.add("report.html");
    return written;
  }

  /** The book's format: CSV or Arrow IPC here, or another format's {@link TableSinkProvider}. */
  private record BookOutput(TableFormat format, TableSinkProvider provider, String fileName) {
  }

  /** {@code --book-format}, checked before any work: a format this class path cannot write is exit 2, naming what is missing. */
  private BookOutput bookOutput() {
    String f = bookFormat.strip().toLowerCase(Locale.ROOT);
    switch (f) {
      case "csv" -> {
        return new BookOutput(TableFormat.CSV, null, "book.csv");
      }
      case "arrow" -> {
        return new BookOutput(TableFormat.ARROW, null, "book.arrow");
      }
      default -> {
        // Only formats that other modules provide (Parquet from spark/) remain; the engine reads none of them.
        TableSinkProvider p = TableSinkProvider.find(f).orElse(null);
        if (p == null && !f.equals("parquet")) {
          throw new UsageException("--book-format must be csv, arrow or parquet, was " + bookFormat);
        }
        if (p == null) {
          throw new UsageException("--book-format parquet needs the Parquet writer of the spark module"
              + " (io.hedgekit.spark.ParquetSinkProvider in spark/target/hedgekit-spark-*.jar, with parquet-hadoop and"
              + " hadoop-client-api), which is not on this class path; run it through ./hedgekit, which builds the spark"
              + " module and adds them, or write CSV and convert it: hedgekit spark parquet --book book.csv --out book.parquet");
        }
        String why = p.unavailable().orElse(null);
        if (why != null) {
          throw new UsageException("--book-format " + f + ": " + why);
        }
        if (!inputsOnly) {
          throw new UsageException("--book-format " + f + " needs --inputs-only: the demo's own steps read CSV or Arrow"
              + " books; a Parquet book is for hedgekit spark");
        }
        return new BookOutput(null, p, "book" + p.extension());
      }
    }
  }

  /** Student-t 1-day scenarios with vol shifts, vols and correlations from the last 365 days. */
  private ScenarioSet demoScenarios(Path historyFile, RiskEngine engine, Path file) {
    PriceHistory history = PriceHistoryFiles.read(historyFile);
    ReturnStatistics stats = ReturnStatistics.estimate(history, List.of("BTC", "ETH", "SOL"), 365);
    MonteCarloSpec mc = MonteCarloSpec.of(MonteCarloModel.STUDENT_T, stats, scenarios, seed, 1)
        .withVolShifts(MonteCarloSpec.DEFAULT_SPOT_VOL_CORRELATION, MonteCarloSpec.DEFAULT_VOL_OF_VOL);
    ScenarioSet set = MonteCarloScenarios.generate(mc, Runtime.getRuntime().availableProcessors(), Progress.NONE);
    try (BufferAllocator allocator = engine.newAllocator("demo-scenarios")) {
      ScenarioFiles.write(set, file, TableFormat.ARROW, allocator, Progress.NONE);
    }
    return set;
  }

  private Path examplesDir() {
    if (examples != null) {
      return examples;
    }
    String home = System.getProperty("hedgekit.home");
    Path base = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
    return base.resolve("examples");
  }
}

package io.hedgekit.cli;

import io.hedgekit.io.Progress;
import io.hedgekit.io.scenario.PriceHistory;
import io.hedgekit.io.scenario.ScenarioSet;
import io.hedgekit.report.ReportData;
import io.hedgekit.report.ReportWriter;
import io.hedgekit.report.RunFacts;
import io.hedgekit.risk.backend.Backends;
import io.hedgekit.risk.book.ArrowResolvedBook;
import io.hedgekit.risk.hedge.HedgeInfeasibleException;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.UniverseFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hedgekit report}: one self-contained HTML file with the book's risk, charts and a hedge. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write a self-contained HTML risk report: Greeks by expiry and strike, VaR/ES, stress heat maps, contributors, hedge.",
    footer = {"", "Example:",
        "  hedgekit report --book examples/book.csv --market examples/market.json --scenarios mc.arrow --universe examples/universe.csv --out report.html"})
public final class ReportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  BookInputs inputs;

  @Mixin
  ScenarioInputs scenarioInputs;

  @Mixin
  BackendOptionsMixin backend;

  @Option(names = "--universe", paramLabel = "FILE", description = "Hedge universe: include a suggested hedge.")
  Path universeFile;

  @Option(names = "--target", paramLabel = "TARGET", defaultValue = "delta-gamma-vega",
      description = "Hedge target with --universe (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--history", paramLabel = "CSV", description = "Daily closes: add the largest historical days to the stress section.")
  Path history;

  @Option(names = "--title", paramLabel = "TEXT", description = "Report title (default: the book's file name).")
  String title;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
  Path out;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar and no backend line.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    HedgeTarget hedgeTarget = CliArgs.hedgeTarget(target);
    if (universeFile != null && hedgeTarget.needsScenarios() && !scenarioInputs.present()) {
      throw new UsageException("--target " + hedgeTarget.label() + " needs --scenarios");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    OutputGuard.inputs(inputs.book, inputs.market, scenarioInputs.scenarios, universeFile, history)
        .output("--out", out, OutputGuard.HTML).check(spec.commandLine().getErr());
    long t0 = System.nanoTime();
    try (BufferAllocator allocator = new RootAllocator();
        Backends.Selection selection = backend.open(quiet ? null : spec.commandLine().getErr());
        ArrowResolvedBook book = inputs.openForPasses(allocator)) {
      RiskRun run = new RiskRun(book, selection.backend());
      List<RunFacts.Fact> facts = new ArrayList<>();
      facts.add(new RunFacts.Fact("book", inputs.book.toString()));
      facts.add(new RunFacts.Fact("market", inputs.market.toString()));
      run.greeks();
      if (scenarioInputs.present()) {
        ScenarioSet set = scenarioInputs.read(allocator, Progress.NONE);
        facts.add(new RunFacts.Fact("scenarios", scenarioInputs.scenarios + " (" + set.metadata().generator() + ")"));
        Progress progress = TerminalProgress.create("revaluing", "positions", quiet);
        try {
          run.var(set, describe(set), scenarioInputs.step, progress);
        } finally {
          TerminalProgress.finish(progress);
        }
      }
      PriceHistory prices = null;
      if (history != null) {
        BookInputs.requireFile(history, "--history");
        prices = PriceHistory.read(history);
        facts.add(new RunFacts.Fact("price history", history.toString()));
      }
      run.stress(prices);
      if (universeFile != null) {
        BookInputs.requireFile(universeFile, "--universe");
        facts.add(new RunFacts.Fact("hedge universe", universeFile.toString()));
        try {
          run.hedge(UniverseFiles.readUniverse(universeFile, book.market(), inputs.market.getFileName().toString(), allocator),
              hedgeTarget, scenarioInputs.step);
        } catch (HedgeInfeasibleException e) {
          throw new UsageException(e.getMessage());
        }
      }
      ReportData data = run.toReport(title != null ? title : "Risk report: " + inputs.book.getFileName(), facts,
          selection.backend().description());
      ReportWriter.write(data, out);
      stdout.printf(Locale.ROOT, "wrote %s (%,d positions%s%s) in %.2f s%n", out, run.greeks.portfolio().totalPositions(),
          run.var != null ? ", VaR/ES over " + run.var.scenarios() + " scenarios" : "",
          run.hedge != null ? ", hedge " + hedgeTarget.label() : "", (System.nanoTime() - t0) / 1e9);
      stdout.flush();
    }
    return 0;
  }

  static String describe(ScenarioSet set) {
    var st = set.lastStep();
    return String.format(Locale.ROOT, "%,d scenarios, %s, horizon %s day(s)", st.scenarios(), set.metadata().generator(),
        st.horizonDays() == Math.rint(st.horizonDays()) ? Long.toString((long) st.horizonDays()) : Double.toString(st.horizonDays()));
  }
}

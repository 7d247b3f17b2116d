package io.hedgekit.cli;

import io.hedgekit.io.scenario.PriceHistoryFiles;
import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.report.ReportData;
import io.hedgekit.report.ReportWriter;
import io.hedgekit.report.RunFacts;
import io.hedgekit.risk.engine.FileBook;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.engine.RiskRun;
import io.hedgekit.risk.hedge.HedgeInfeasibleException;
import io.hedgekit.risk.hedge.HedgeTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedgekit report}: one self-contained HTML file with the book's risk, charts and a hedge. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write a self-contained HTML risk report: Greeks by expiry and strike, VaR/ES, stress heat maps, contributors, hedge,"
        + " and with --collateral portfolio margin, liquidation distance and carry.",
    footer = {"", "Example:",
        "  hedgekit report --book examples/book.csv --market examples/market.json --scenarios mc.arrow --universe examples/universe.csv --out report.html",
        "  hedgekit report --book examples/book.csv --market examples/market.json --collateral examples/collateral.json --out report.html"})
public final class ReportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  BookInputs inputs;

  @Mixin
  ScenarioInputs scenarioInputs;

  @Mixin
  BackendOptionsMixin backend;

  @Mixin
  MarginInputs margin;

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
    if (universeFile != null && hedgeTarget == HedgeTarget.MIN_MARGIN && !margin.present()) {
      throw new UsageException("--target min-margin needs --collateral FILE (e.g. examples/collateral.json)");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    OutputGuard.inputs(inputs.book, inputs.market, scenarioInputs.scenarios, universeFile, history)
        .output("--out", out, OutputGuard.HTML).check(spec.commandLine().getErr());
    long t0 = System.nanoTime();
    try (RiskEngine engine = backend.engine(quiet ? null : spec.commandLine().getErr());
        FileBook book = inputs.openForPasses(engine)) {
      List<RunFacts.Fact> facts = new ArrayList<>();
      facts.add(new RunFacts.Fact("book", inputs.book.toString()));
      facts.add(new RunFacts.Fact("market", inputs.market.toString()));
      RiskRun.Request request = RiskRun.Request.basic();
      String scenarioDescription = null;
      if (scenarioInputs.present()) {
        ScenarioSet set = scenarioInputs.read(engine);
        facts.add(new RunFacts.Fact("scenarios", scenarioInputs.scenarios + " (" + set.metadata().generator() + ")"));
        request = request.withScenarios(set, scenarioInputs.step);
        scenarioDescription = describe(set);
      }
      if (history != null) {
        BookInputs.requireFile(history, "--history");
        request = request.withHistory(PriceHistoryFiles.read(history));
        facts.add(new RunFacts.Fact("price history", history.toString()));
      }
      if (universeFile != null) {
        BookInputs.requireFile(universeFile, "--universe");
        facts.add(new RunFacts.Fact("hedge universe", universeFile.toString()));
        request = request.withHedge(engine.readUniverse(universeFile, book.market()), hedgeTarget);
      }
      if (margin.present()) {
        request = request.withMargin(margin.collateral(true, "report"), margin.model());
        facts.add(new RunFacts.Fact("collateral", margin.collateral.toString()));
        facts.add(new RunFacts.Fact("margin model", margin.model == null ? "built-in defaults" : margin.model.toString()));
      }
      Progress progress = TerminalProgress.create("revaluing", "positions", quiet || !scenarioInputs.present());
      RiskRun run;
      try {
        run = engine.riskRun(book, request.withProgress(progress));
      } catch (HedgeInfeasibleException e) {
        throw new UsageException(e.getMessage());
      } catch (IllegalArgumentException e) {
        if (!margin.present()) {
          throw e;
        }
        throw new UsageException(e.getMessage()); // collateral or model the margin engine cannot use
      } finally {
        TerminalProgress.finish(progress);
      }
      ReportData data = new ReportSections(run, scenarioDescription).toReport(
          title != null ? title : "Risk report: " + inputs.book.getFileName(), book.market().valuationTime(), facts,
          engine.backendDescription());
      ReportWriter.write(data, out);
      stdout.printf(Locale.ROOT, "wrote %s (%,d positions%s%s) in %.2f s%n", out, run.greeks().positions(),
          run.var() != null ? ", VaR/ES over " + run.var().scenarios() + " scenarios" : "",
          run.hedge() != null ? ", hedge " + hedgeTarget.label() : "", (System.nanoTime() - t0) / 1e9);
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

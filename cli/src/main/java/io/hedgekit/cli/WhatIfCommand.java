package io.hedgekit.cli;

import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.engine.FileBook;
import io.hedgekit.risk.engine.MarginChange;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.hedge.HedgeOptions;
import io.hedgekit.risk.hedge.HedgeReports;
import io.hedgekit.risk.hedge.UniverseFiles;
import io.hedgekit.risk.hedge.WhatIfResult;
import io.hedgekit.risk.margin.Collateral;
import io.hedgekit.risk.margin.MarginJson;
import io.hedgekit.risk.margin.MarginModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedgekit whatif}: the book's risk before and after trades a person proposes. */
@Command(name = "whatif", mixinStandardHelpOptions = true,
    description = "Before/after Greeks (and VaR/ES with --scenarios) for trades you propose: a protective put, a collar, a perp short.",
    footer = {"", "The trades file has book columns (id, symbol or underlying/instrument/..., quantity) and optional cost, lot.",
        "", "Example:",
        "  hedgekit whatif --book examples/book.csv --market examples/market.json --add examples/trades.csv",
        "  hedgekit whatif --book examples/book.csv --market examples/market.json --add examples/trades.csv --collateral examples/collateral.json   (margin before/after)"})
public final class WhatIfCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  VolDynamicsOptions volDynamics;

  @Mixin
  BookInputs inputs;

  @Mixin
  ScenarioInputs scenarioInputs;

  @Mixin
  BackendOptionsMixin backend;

  @Mixin
  MarginInputs margin;

  @Option(names = "--add", required = true, paramLabel = "FILE", description = "Proposed trades (CSV or Arrow IPC).")
  Path trades;

  @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.99", description = "VaR/ES confidence (default: ${DEFAULT-VALUE}).")
  double confidence;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No backend line.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    BookInputs.requireFile(trades, "--add");
    CliArgs.confidence(confidence);
    var dynamics = volDynamics.spec();
    Collateral collateral = margin.present() ? margin.collateral(true, "whatif") : null;
    MarginModel model = margin.present() ? margin.model() : null;
    PrintWriter stdout = spec.commandLine().getOut();
    try (RiskEngine engine = backend.engine(quiet ? null : spec.commandLine().getErr());
        FileBook book = inputs.openForPasses(engine)) {
      UniverseFiles.Loaded loaded = engine.readTrades(trades, book.market());
      ScenarioSet set = scenarioInputs.read(engine);
      WhatIfResult result = engine.whatIf(book, loaded.universe(), loaded.quantities(), set, scenarioInputs.step,
          HedgeOptions.defaults().withConfidence(confidence), dynamics).result();
      MarginChange m = null;
      if (collateral != null) {
        try {
          m = engine.marginWhatIf(book, loaded.universe(), loaded.quantities(), collateral, model).result();
        } catch (IllegalArgumentException e) {
          throw new UsageException(e.getMessage());
        }
      }
      if (json) {
        StringWriter w = new StringWriter();
        HedgeReports.writeJson(result, w);
        stdout.println(m == null ? w.toString() : MarginJson.withMargin(w.toString(), m.before(), m.after()));
      } else {
        stdout.println("What if: " + result.tickets().size() + " proposed trade(s)");
        HedgeCommand.printTickets(stdout, result.tickets());
        stdout.println();
        stdout.print(HedgeReports.formatTable(result.comparison()));
        if (m != null) {
          stdout.println();
          stdout.print(MarginJson.formatBeforeAfter(m.before(), m.after()));
        }
        for (String note : result.notes()) {
          stdout.println("note: " + note);
        }
      }
      stdout.flush();
    }
    return 0;
  }
}

package io.hedgekit.cli;

import io.hedgekit.io.scenario.ScenarioSet;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.risk.backend.Backends;
import io.hedgekit.risk.book.ArrowResolvedBook;
import io.hedgekit.risk.hedge.HedgeOptions;
import io.hedgekit.risk.hedge.HedgeReports;
import io.hedgekit.risk.hedge.UniverseFiles;
import io.hedgekit.risk.hedge.WhatIf;
import io.hedgekit.risk.hedge.WhatIfResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
  public Integer call() throws java.io.IOException {
    BookInputs.requireFile(trades, "--add");
    CliArgs.confidence(confidence);
    PrintWriter stdout = spec.commandLine().getOut();
    try (BufferAllocator allocator = new RootAllocator();
        Backends.Selection selection = backend.open(quiet ? null : spec.commandLine().getErr());
        ArrowResolvedBook book = inputs.openForPasses(allocator)) {
      UniverseFiles.Loaded loaded = UniverseFiles.readTrades(trades, book.market(),
          inputs.market.getFileName().toString(), allocator);
      ScenarioSet set = scenarioInputs.read(allocator, io.hedgekit.io.Progress.NONE);
      ScenarioColumns scenarios = set == null ? null : scenarioInputs.columns(set, book.underlyings());
      WhatIfResult result = new WhatIf(selection.backend()).evaluate(book, loaded.universe(), loaded.quantities(),
          scenarios, HedgeOptions.defaults().withConfidence(confidence));
      io.hedgekit.risk.margin.MarginResult[] m = null;
      if (margin.present()) {
        try {
          m = new io.hedgekit.risk.margin.MarginHedger(selection.backend(), margin.model()).whatIf(book,
              loaded.universe(), loaded.quantities(), margin.collateral(true, "whatif"),
              io.hedgekit.risk.margin.MarginEngine.prices(book.market()));
        } catch (IllegalArgumentException e) {
          throw new UsageException(e.getMessage());
        }
      }
      if (json) {
        StringWriter w = new StringWriter();
        HedgeReports.writeJson(result, w);
        stdout.println(m == null ? w.toString() : io.hedgekit.risk.margin.MarginJson.withMargin(w.toString(), m[0], m[1]));
      } else {
        stdout.println("What if: " + result.tickets().size() + " proposed trade(s)");
        HedgeCommand.printTickets(stdout, result.tickets());
        stdout.println();
        stdout.print(HedgeReports.formatTable(result.comparison()));
        if (m != null) {
          stdout.println();
          stdout.print(io.hedgekit.risk.margin.MarginJson.formatBeforeAfter(m[0], m[1]));
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

package io.hedgekit.cli;

import io.hedgekit.io.table.AtomicOutput;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.engine.FileBook;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.hedge.HedgeInfeasibleException;
import io.hedgekit.risk.hedge.HedgeOptions;
import io.hedgekit.risk.hedge.HedgeReports;
import io.hedgekit.risk.hedge.HedgeResult;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeTicket;
import io.hedgekit.risk.hedge.HedgeUniverse;
import io.hedgekit.risk.margin.MarginHedger;
import io.hedgekit.risk.margin.MarginJson;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedgekit hedge}: trades from a hedge universe that neutralise Greeks or cut scenario risk. */
@Command(name = "hedge", mixinStandardHelpOptions = true,
    description = "Size hedges from a universe of tradable instruments: Greek-neutral at least cost, or risk-minimising over scenarios.",
    footer = {"", "Targets: delta (perps/futures/spot), delta-gamma, delta-gamma-vega (least-cost LP with options),",
        "min-variance (least squares over scenarios), min-es (Rockafellar-Uryasev LP; subsamples above "
            + HedgeOptions.DEFAULT_MIN_ES_MAX_SCENARIOS + " scenarios and says so),",
        "min-margin (least portfolio IM + cost; needs --collateral, optional --model; docs/margin.md).",
        "", "Example:",
        "  hedgekit hedge --book examples/book.csv --market examples/market.json --universe examples/universe.csv --target delta-gamma-vega --out tickets.csv"})
public final class HedgeCommand implements Callable<Integer> {

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

  @Option(names = "--universe", required = true, paramLabel = "FILE",
      description = "Instruments you are willing to trade: book columns plus cost (USD per contract), lot, optional min_quantity/max_quantity.")
  Path universeFile;

  @Option(names = "--target", required = true, paramLabel = "TARGET",
      description = "delta, delta-gamma, delta-gamma-vega, min-variance, min-es or min-margin.")
  String target;

  @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.99",
      description = "Confidence for min-es and for the VaR/ES shown (default: ${DEFAULT-VALUE}).")
  double confidence;

  @Option(names = "--out", paramLabel = "FILE", description = "Tickets: .csv (id,quantity,cost) or .json (whole result).")
  Path out;

  @Option(names = "--json", description = "Print the whole result as JSON.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No backend line.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    HedgeTarget t = CliArgs.hedgeTarget(target);
    if (t.needsScenarios() && !scenarioInputs.present()) {
      throw new UsageException("--target " + t.label() + " needs --scenarios FILE (make one with 'hedgekit scenarios')");
    }
    CliArgs.confidence(confidence);
    BookInputs.requireFile(universeFile, "--universe");
    OutputGuard.inputs(inputs.book, inputs.market, universeFile, scenarioInputs.scenarios, margin.collateral, margin.model)
        .output("--out", out, OutputGuard.TICKETS).check(spec.commandLine().getErr());
    boolean minMargin = t == HedgeTarget.MIN_MARGIN;
    var collateral = minMargin ? margin.collateral(true, "--target min-margin") : null;
    var model = minMargin ? margin.model() : null;
    PrintWriter stdout = spec.commandLine().getOut();
    try (RiskEngine engine = backend.engine(quiet ? null : spec.commandLine().getErr());
        FileBook book = inputs.openForPasses(engine)) {
      HedgeUniverse universe = engine.readUniverse(universeFile, book.market());
      ScenarioSet set = scenarioInputs.read(engine);
      HedgeResult result;
      MarginHedger.Result marginResult = null;
      if (minMargin) {
        try {
          marginResult = engine.marginHedge(book, universe, collateral, model).result();
        } catch (IllegalArgumentException e) {
          throw new UsageException(e.getMessage());
        }
        result = marginResult.hedge();
      } else {
        try {
          result = engine.hedge(book, universe, t, set, scenarioInputs.step,
              HedgeOptions.defaults().withConfidence(confidence), volDynamics.spec()).result();
        } catch (HedgeInfeasibleException e) {
          throw new UsageException(e.getMessage());
        }
      }
      if (out != null) {
        writeTickets(out, result);
      }
      if (json) {
        StringWriter w = new StringWriter();
        HedgeReports.writeJson(result, w);
        stdout.println(marginResult == null ? w.toString()
            : MarginJson.withMargin(w.toString(), marginResult.before(), marginResult.after()));
      } else {
        stdout.printf(Locale.ROOT, "Hedge, target %s: %d ticket(s), total cost %,.2f USD%n", t.label(),
            result.tickets().size(), result.totalCost());
        printTickets(stdout, result.tickets());
        stdout.println();
        stdout.print(HedgeReports.formatTable(result.comparison()));
        if (marginResult != null) {
          stdout.println();
          stdout.print(MarginJson.formatBeforeAfter(marginResult.before(), marginResult.after()));
        }
        for (String note : result.notes()) {
          stdout.println("note: " + note);
        }
        if (out != null) {
          stdout.println("wrote " + out);
        }
      }
      stdout.flush();
    }
    return 0;
  }

  static void printTickets(PrintWriter out, List<HedgeTicket> tickets) {
    out.printf(Locale.ROOT, "%-28s %16s %14s%n", "instrument", "quantity", "cost USD");
    for (HedgeTicket k : tickets) {
      out.printf(Locale.ROOT, "%-28s %,16.4f %,14.2f%n", k.id(), k.quantity(), k.cost());
    }
  }

  private static void writeTickets(Path file, HedgeResult result) throws java.io.IOException {
    boolean asJson = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    AtomicOutput.write(file, os -> {
      Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
      if (asJson) {
        HedgeReports.writeJson(result, w);
      } else {
        HedgeReports.writeTicketsCsv(result.tickets(), w);
      }
      w.flush();
    });
  }
}

package io.hedgekit.cli;

import io.hedgekit.risk.engine.FileBook;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.margin.MarginJson;
import io.hedgekit.risk.margin.MarginResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hedgekit margin}: portfolio margin, equity and distance to liquidation. */
@Command(name = "margin", mixinStandardHelpOptions = true,
    description = "Deribit-style portfolio margin (risk matrix of spot x vol shocks by full revaluation, extended moves,"
        + " contingency), equity with collateral, and the spot move to liquidation per underlying and all together.",
    footer = {"", "Model and sources: docs/margin.md. IM = risk matrix + extended + contingency; MM = IM x maintenance ratio.",
        "", "Example:",
        "  hedgekit margin --book examples/book.csv --market examples/market.json --collateral examples/collateral.json"
            + " --model examples/margin_model.json --out margin.json"})
public final class MarginCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  BookInputs inputs;

  @Mixin
  MarginInputs margin;

  @Mixin
  BackendOptionsMixin backend;

  @Option(names = "--out", paramLabel = "FILE", description = "Result as JSON.")
  Path out;

  @Option(names = "--json", description = "Print the result JSON.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No backend line.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    OutputGuard.inputs(inputs.book, inputs.market, margin.collateral, margin.model)
        .output("--out", out, OutputGuard.JSON).check(spec.commandLine().getErr());
    PrintWriter stdout = spec.commandLine().getOut();
    var collateral = margin.collateral(true, "margin");
    var model = margin.model();
    try (RiskEngine engine = backend.engine(quiet ? null : spec.commandLine().getErr());
        FileBook book = inputs.openForPasses(engine)) {
      MarginResult result;
      try {
        result = engine.margin(book, collateral, model).result();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      String text = MarginJson.toJson(result);
      if (out != null) {
        CliArgs.writeText(out, text);
      }
      if (json) {
        stdout.println(text);
      } else {
        stdout.print(MarginJson.formatTable(result));
        if (out != null) {
          stdout.println("wrote " + out);
        }
      }
      stdout.flush();
    }
    return 0;
  }
}

package io.hedgekit.cli;

import io.hedgekit.risk.engine.FileBook;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.margin.Carry;
import io.hedgekit.risk.margin.MarginJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hedgekit carry}: futures basis, perpetual funding and the book's cash-and-carry yield. */
@Command(name = "carry", mixinStandardHelpOptions = true,
    description = "Annualised basis of each listed future ((F/S)^(1/T) - 1), funding APR of each perpetual, and the"
        + " book's cash-and-carry pairs (long spot or coin collateral vs short futures/perps) net of the margin they tie up.",
    footer = {"", "Example:",
        "  hedgekit carry --book examples/book.csv --market examples/market.json --collateral examples/collateral.json"})
public final class CarryCommand implements Callable<Integer> {

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
    var collateral = margin.collateral(false, "carry");
    var model = margin.model();
    try (RiskEngine engine = backend.engine(quiet ? null : spec.commandLine().getErr());
        FileBook book = inputs.openForPasses(engine)) {
      Carry.Report report;
      try {
        report = engine.carry(book, collateral, model).result();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      String text = MarginJson.toJson(report);
      if (out != null) {
        CliArgs.writeText(out, text);
      }
      stdout.print(json ? text + System.lineSeparator() : Carry.formatTable(report));
      stdout.flush();
    }
    return 0;
  }
}

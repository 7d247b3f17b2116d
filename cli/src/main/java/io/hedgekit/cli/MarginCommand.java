package io.hedgekit.cli;

import io.hedgekit.risk.backend.Backends;
import io.hedgekit.risk.book.ArrowResolvedBook;
import io.hedgekit.risk.margin.MarginEngine;
import io.hedgekit.risk.margin.MarginJson;
import io.hedgekit.risk.margin.MarginResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
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
    PrintWriter stdout = spec.commandLine().getOut();
    var collateral = margin.collateral(true, "margin");
    var model = margin.model();
    try (BufferAllocator allocator = new RootAllocator();
        Backends.Selection selection = backend.open(quiet ? null : spec.commandLine().getErr());
        ArrowResolvedBook book = inputs.openForPasses(allocator)) {
      MarginResult result;
      try {
        result = new MarginEngine(selection.backend(), model).compute(book, collateral, MarginEngine.prices(book.market()));
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

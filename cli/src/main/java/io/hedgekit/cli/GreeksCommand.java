package io.hedgekit.cli;

import io.hedgekit.io.table.TableFormat;
import io.hedgekit.kernels.Progress;
import io.hedgekit.risk.engine.FileBook;
import io.hedgekit.risk.engine.GreeksRequest;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.greeks.PortfolioGreeks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedgekit greeks}: value and Greeks per position, and the book's sums per underlying. */
@Command(name = "greeks", mixinStandardHelpOptions = true,
    description = "Value and Greeks of every position, written to a file, and the book summed per underlying.",
    footer = {"", "Example:",
        "  hedgekit greeks --book examples/book.csv --market examples/market.json --out greeks.csv",
        "", "Output columns: id, underlying, instrument, value, value_coin, delta, delta_adjusted, gamma,",
        "vega, theta, rho, vanna, volga (USD; delta in coins; vega per 1.00 vol; theta per year)."})
public final class GreeksCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  BookInputs inputs;

  @Mixin
  BackendOptionsMixin backend;

  @Option(names = "--out", paramLabel = "FILE", description = "Per-position results (.csv or .arrow).")
  Path out;

  @Option(names = "--format", paramLabel = "csv|arrow",
      description = "Output format for a file name without extension (default: csv); .csv and .arrow names say it.")
  TableFormat format;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar and no backend line.")
  boolean quiet;

  @Option(names = "--json", description = "Print the summary as JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    TableFormat fmt = out == null ? null : OutputGuard.tableFormat("--out", out, format);
    OutputGuard.inputs(inputs.book, inputs.market).output("--out", out, OutputGuard.TABLE).check(stderr);
    long start = System.nanoTime();
    try (RiskEngine engine = backend.engine(quiet ? null : stderr); FileBook book = inputs.open(engine)) {
      Progress progress = TerminalProgress.create("greeks", "positions", quiet);
      PortfolioGreeks result;
      try {
        result = engine.greeksToFile(book, GreeksRequest.sums().withProgress(progress), out, fmt).portfolio();
      } finally {
        TerminalProgress.finish(progress);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (json) {
        stdout.println(Summaries.greeksJson(result, book.market().valuationTime().toString(),
            engine.backend(), seconds));
      } else {
        stdout.print(Summaries.greeksTable(result, book.market().valuationTime().toString()));
        if (out != null) {
          stdout.printf("wrote %s (%s, %,d positions) in %.2f s%n", out, fmt.name().toLowerCase(java.util.Locale.ROOT),
              result.totalPositions(), seconds);
        }
      }
      stdout.flush();
    }
    return 0;
  }
}

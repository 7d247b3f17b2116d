package io.hedgekit.cli;

import io.hedgekit.io.scenario.PriceHistoryFiles;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.risk.engine.FileBook;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.stress.StressOptions;
import io.hedgekit.risk.stress.StressResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedgekit stress}: spot × vol risk matrices per underlying and named historical days. */
@Command(name = "stress", mixinStandardHelpOptions = true,
    description = "Risk matrix of spot moves x implied-vol moves per underlying (full revaluation), the worst cell, and the largest historical days.",
    footer = {"", "Example:",
        "  hedgekit stress --book examples/book.csv --market examples/market.json --history examples/crypto_daily_close_with_sol.csv"})
public final class StressCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  VolDynamicsOptions volDynamics;

  @Mixin
  BookInputs inputs;

  @Mixin
  BackendOptionsMixin backend;

  @Option(names = "--spot-moves", split = ",", paramLabel = "M,M", description = "Relative spot moves (default: -0.5..0.5 by 0.1).")
  List<Double> spotMoves;

  @Option(names = "--vol-moves", split = ",", paramLabel = "V,V", description = "Absolute vol moves (default: -0.3..0.3 by 0.1).")
  List<Double> volMoves;

  @Option(names = "--history", paramLabel = "CSV", description = "Daily closes: add the largest historical daily moves as named scenarios.")
  Path history;

  @Option(names = "--days", paramLabel = "N", defaultValue = "5", description = "Largest days per underlying from --history (default: ${DEFAULT-VALUE}).")
  int days;

  @Mixin
  JsonResultOptions output;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    OutputGuard.inputs(inputs.book, inputs.market, history).output("--out", output.out, OutputGuard.JSON)
        .check(spec.commandLine().getErr());
    StressOptions options = StressOptions.defaults();
    if (spotMoves != null || volMoves != null) {
      options = options.withGrid(
          spotMoves == null ? StressOptions.DEFAULT_SPOT_MOVES : spotMoves.stream().mapToDouble(Double::doubleValue).toArray(),
          volMoves == null ? StressOptions.DEFAULT_VOL_SHIFTS : volMoves.stream().mapToDouble(Double::doubleValue).toArray());
    }
    if (history != null) {
      BookInputs.requireFile(history, "--history");
      options = options.withHistory(PriceHistoryFiles.read(history), days);
    }
    try (RiskEngine engine = backend.engine(output.quiet ? null : spec.commandLine().getErr());
        FileBook book = inputs.openForPasses(engine)) {
      StressResult result;
      try {
        result = engine.stress(book, options, volDynamics.spec()).result();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      if (output.out != null) {
        CliArgs.writeText(output.out, result.toJson());
      }
      if (output.json) {
        stdout.println(result.toJson());
      } else {
        stdout.print(table(result));
      }
      stdout.flush();
    }
    return 0;
  }

  static String table(StressResult r) {
    StringBuilder b = new StringBuilder();
    for (StressResult.Matrix m : r.matrices()) {
      b.append(String.format(Locale.ROOT, "%s: P&L (USD, thousands) for spot move (rows) x vol move (columns)%n",
          m.underlying().equals(StressResult.ALL) ? "All underlyings together" : m.underlying()));
      b.append(String.format(Locale.ROOT, "%8s", ""));
      for (double v : r.volShifts()) {
        b.append(String.format(Locale.ROOT, " %+9.0fvp", 100 * v));
      }
      b.append('\n');
      for (int i = 0; i < r.spotMoves().size(); i++) {
        b.append(String.format(Locale.ROOT, "%+7.0f%%", 100 * r.spotMoves().get(i)));
        for (int j = 0; j < r.volShifts().size(); j++) {
          b.append(String.format(Locale.ROOT, " %,11.0f", m.pnl().get(i).get(j) / 1000.0));
        }
        b.append('\n');
      }
      b.append('\n');
    }
    StressResult.Cell w = r.worst();
    b.append(String.format(Locale.ROOT, "worst cell: %s spot %+.0f%%, vol %+.0f points: %,.0f USD%n", w.underlying(),
        100 * w.spotMove(), 100 * w.volShift(), w.pnl()));
    if (!r.historical().isEmpty()) {
      b.append("\nhistorical days (actual close-to-close moves, applied instantly):\n");
      for (StressResult.HistoricalDay d : r.historical()) {
        StringBuilder moves = new StringBuilder();
        d.returns().forEach((u, x) -> moves.append(String.format(Locale.ROOT, " %s %+.1f%%", u, 100 * Math.expm1(x))));
        b.append(String.format(Locale.ROOT, "  %s %,16.0f USD  (%s;%s)%n", d.date(), d.pnl(),
            "largest for " + String.join("/", d.largestMoveOf()), moves));
      }
    }
    return b.toString();
  }
}

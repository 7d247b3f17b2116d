package io.hedgekit.cli;

import io.hedgekit.io.scenario.PriceHistoryFiles;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.risk.backtest.BacktestOptions;
import io.hedgekit.risk.backtest.BacktestResult;
import io.hedgekit.risk.engine.FileBook;
import io.hedgekit.risk.engine.RiskEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedgekit backtest}: daily historical-simulation VaR of today's book against realised moves. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = "Backtest 1-day VaR of today's book on a price history: breaches, Kupiec and Christoffersen tests, Basel traffic light.",
    footer = {"", "For each day after the first --window days: VaR from the previous window's 1-day returns applied to today's",
        "book, against the book's P&L under that day's actual move.", "", "Example:",
        "  hedgekit backtest --book examples/book.csv --market examples/market.json --history examples/crypto_daily_close_with_sol.csv --confidence 0.99"})
public final class BacktestCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  VolDynamicsOptions volDynamics;

  @Mixin
  BookInputs inputs;

  @Mixin
  BackendOptionsMixin backend;

  @Option(names = "--history", required = true, paramLabel = "CSV", description = "Daily closes, 'date,BTC,ETH,...'.")
  Path history;

  @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.99", description = "VaR confidence (default: ${DEFAULT-VALUE}).")
  double confidence;

  @Option(names = "--window", paramLabel = "DAYS", defaultValue = "365", description = "Returns per VaR estimate (default: ${DEFAULT-VALUE}).")
  int window;

  @Mixin
  JsonResultOptions output;

  @Option(names = "--days-out", paramLabel = "FILE", description = "One row per day (.arrow or .csv): date, var, es, pnl, breach.")
  Path daysOut;

  @Override
  public Integer call() throws Exception {
    BookInputs.requireFile(history, "--history");
    CliArgs.confidence(confidence);
    TableFormat daysFormat = daysOut == null ? null : OutputGuard.tableFormat("--days-out", daysOut, null);
    OutputGuard.inputs(inputs.book, inputs.market, history)
        .output("--out", output.out, OutputGuard.JSON).output("--days-out", daysOut, OutputGuard.TABLE)
        .check(spec.commandLine().getErr());
    PrintWriter stdout = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    try (RiskEngine engine = backend.engine(output.quiet ? null : spec.commandLine().getErr());
        FileBook book = inputs.open(engine)) {
      PriceHistory prices = PriceHistoryFiles.read(history);
      BacktestResult r;
      try {
        r = engine.backtest(book, prices,
            BacktestOptions.defaults().withWindow(window).withConfidence(confidence).withProgress(Progress.NONE),
            volDynamics.spec()).result();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      // Both outputs or neither: the JSON is committed only once the day table is.
      OutputGuard.writeTextWith(output.out, output.out == null ? null : r.toJson(), () -> {
        if (daysOut != null) {
          try (BufferAllocator allocator = engine.newAllocator("days-out")) {
            r.writeDays(daysOut, daysFormat, allocator);
          }
        }
      });
      if (output.json) {
        stdout.println(r.toJson());
      } else {
        stdout.printf(Locale.ROOT, "VaR %.1f%% backtest, %s .. %s: %,d days scored, window %d%n", 100 * r.confidence(),
            r.firstDate(), r.lastDate(), r.observations(), r.window());
        stdout.printf(Locale.ROOT, "breaches %d (expected %.1f)%n", r.breaches(), r.expectedBreaches());
        stdout.printf(Locale.ROOT, "Kupiec POF:              LR %7.3f  p-value %.4f%n", r.kupiec().statistic(), r.kupiec().pValue());
        stdout.printf(Locale.ROOT, "Christoffersen indep.:   LR %7.3f  p-value %.4f%n", r.christoffersen().statistic(),
            r.christoffersen().pValue());
        stdout.printf(Locale.ROOT, "conditional coverage:    LR %7.3f  p-value %.4f%n", r.conditionalCoverage().statistic(),
            r.conditionalCoverage().pValue());
        stdout.printf(Locale.ROOT, "Basel traffic light, last %d days: %d breaches -> %s%n", r.trafficLight().days(),
            r.trafficLight().breaches(), r.trafficLight().zone());
        stdout.printf(Locale.ROOT, "in %.2f s on %s%n", (System.nanoTime() - t0) / 1e9, engine.backend());
      }
      stdout.flush();
    }
    return 0;
  }
}

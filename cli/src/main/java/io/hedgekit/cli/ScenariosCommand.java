package io.hedgekit.cli;

import io.hedgekit.io.scenario.PriceHistoryFiles;
import io.hedgekit.io.scenario.ScenarioFiles;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.scenario.HistoricalScenarios;
import io.hedgekit.risk.scenario.HistoricalSpec;
import io.hedgekit.risk.scenario.MonteCarloModel;
import io.hedgekit.risk.scenario.MonteCarloScenarios;
import io.hedgekit.risk.scenario.MonteCarloSpec;
import io.hedgekit.risk.scenario.ReturnStatistics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedgekit scenarios}: historical or Monte Carlo scenario sets, written as Arrow IPC or CSV. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
    description = "Make a scenario set (log returns and vol shifts per underlying) from price history or Monte Carlo.",
    footer = {"", "Examples:",
        "  hedgekit scenarios --method historical --history examples/crypto_daily_close_with_sol.csv --horizon-days 1 --out hist.arrow",
        "  hedgekit scenarios --method mc --model student-t --history examples/crypto_daily_close_with_sol.csv --count 10000 --seed 7 --vol-shifts --out mc.arrow",
        "", "Monte Carlo defaults: Student-t dof " + MonteCarloSpec.DEFAULT_DEGREES_OF_FREEDOM
            + "; jumps " + MonteCarloSpec.DEFAULT_JUMP_INTENSITY + "/year, mean " + MonteCarloSpec.DEFAULT_JUMP_MEAN
            + ", stdev " + MonteCarloSpec.DEFAULT_JUMP_STDEV + "; vol shifts: spot-vol correlation "
            + MonteCarloSpec.DEFAULT_SPOT_VOL_CORRELATION + ", vol-of-vol " + MonteCarloSpec.DEFAULT_VOL_OF_VOL + "/year."})
public final class ScenariosCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--method", required = true, paramLabel = "historical|mc", description = "historical or mc (Monte Carlo).")
  String method;

  @Option(names = "--history", required = true, paramLabel = "CSV",
      description = "Daily closes, 'date,BTC,ETH,...' (historical returns, or MC vols and correlations).")
  Path history;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Scenario set: .arrow (Arrow IPC) or .csv.")
  Path out;

  @Option(names = "--underlyings", split = ",", paramLabel = "U,U", description = "Underlyings to include (default: all in the history).")
  List<String> underlyings;

  @Option(names = "--horizon-days", paramLabel = "N", defaultValue = "1", description = "Horizon in days (default: ${DEFAULT-VALUE}).")
  int horizonDays;

  @Option(names = "--window", paramLabel = "DAYS", description = "Use only the last DAYS of history.")
  Integer window;

  @Option(names = "--ewma-lambda", paramLabel = "L",
      description = "historical: volatility-filtered HS, returns rescaled to today's EWMA vol (e.g. 0.94).")
  Double ewmaLambda;

  @Option(names = "--model", paramLabel = "gbm|student-t|jump", defaultValue = "gbm", description = "mc: the return model (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--count", paramLabel = "N", defaultValue = "10000", description = "mc: scenarios (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "mc: seed; the same seed gives the same set whatever the thread count.")
  long seed;

  @Option(names = "--steps", paramLabel = "K", defaultValue = "1", description = "mc: steps per path (step k at k x horizon).")
  int steps;

  @Option(names = "--dof", paramLabel = "NU", description = "mc student-t: degrees of freedom.")
  Double dof;

  @Option(names = "--jumps", split = ",", paramLabel = "RATE,MEAN,STDEV", description = "mc jump: Merton jumps per year, mean and stdev of the log jump.")
  List<Double> jumps;

  @Option(names = "--vol-shifts", description = "mc: add implied-vol shifts driven by spot-vol correlation and vol-of-vol.")
  boolean volShifts;

  @Option(names = "--spot-vol-corr", paramLabel = "RHO", description = "mc: spot-vol correlation for --vol-shifts.")
  Double spotVolCorr;

  @Option(names = "--vol-of-vol", paramLabel = "XI", description = "mc: vol-of-vol per year for --vol-shifts.")
  Double volOfVol;

  @Option(names = "--threads", paramLabel = "N", description = "mc: worker threads, >= 1 (default: one per core).")
  Integer threads;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    BookInputs.requireFile(history, "--history");
    checkFlags();
    TableFormat format = OutputGuard.tableFormat("--out", out, null);
    OutputGuard.inputs(history).output("--out", out, OutputGuard.TABLE).check(spec.commandLine().getErr());
    PrintWriter stdout = spec.commandLine().getOut();
    PriceHistory prices = PriceHistoryFiles.read(history);
    List<String> names = underlyings == null ? prices.underlyings() : underlyings.stream().map(s -> s.strip().toUpperCase(Locale.ROOT)).toList();
    long t0 = System.nanoTime();
    ScenarioSet set;
    String what;
    try {
      switch (method.toLowerCase(Locale.ROOT)) {
        case "historical" -> {
          HistoricalSpec hs = HistoricalSpec.of(horizonDays).withUnderlyings(names);
          if (window != null) {
            hs = hs.withWindow(window);
          }
          if (ewmaLambda != null) {
            hs = hs.withEwma(ewmaLambda);
          }
          HistoricalScenarios.Result r = HistoricalScenarios.generate(prices, hs);
          set = r.scenarios();
          what = String.format(Locale.ROOT, "historical %d-day overlapping returns%s, %s .. %s%s", horizonDays,
              ewmaLambda != null ? " (EWMA-filtered, lambda " + ewmaLambda + ")" : "",
              r.endDates().getFirst(), r.endDates().getLast(),
              r.dropped() > 0 ? ", " + r.dropped() + " dates dropped for missing prices" : "");
        }
        case "mc", "monte-carlo" -> {
          ReturnStatistics stats = ReturnStatistics.estimate(prices, names, window == null ? 0 : window);
          MonteCarloSpec ms = MonteCarloSpec.of(MonteCarloModel.parse(model), stats, count, seed, horizonDays)
              .withSteps(steps);
          if (dof != null) {
            ms = ms.withDegreesOfFreedom(dof);
          }
          if (jumps != null) {
            if (jumps.size() != 3) {
              throw new UsageException("--jumps takes RATE,MEAN,STDEV, got " + jumps);
            }
            ms = ms.withJumps(jumps.get(0), jumps.get(1), jumps.get(2));
          }
          if (volShifts) {
            ms = ms.withVolShifts(spotVolCorr == null ? MonteCarloSpec.DEFAULT_SPOT_VOL_CORRELATION : spotVolCorr,
                volOfVol == null ? MonteCarloSpec.DEFAULT_VOL_OF_VOL : volOfVol);
          }
          Progress progress = TerminalProgress.create("scenarios", "scenarios", quiet);
          try {
            set = MonteCarloScenarios.generate(ms, threads != null ? threads : Runtime.getRuntime().availableProcessors(), progress);
          } finally {
            TerminalProgress.finish(progress);
          }
          what = String.format(Locale.ROOT, "Monte Carlo %s, %d-day horizon, %d step(s), seed %d, vols %s", model,
              horizonDays, steps, seed, formatVols(names, stats.annualVols()));
        }
        default -> throw new UsageException("--method must be historical or mc, was " + method);
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    try (BufferAllocator allocator = new RootAllocator()) {
      Progress progress = TerminalProgress.create("writing", "rows", quiet);
      try {
        ScenarioFiles.write(set, out, format, allocator, progress);
      } finally {
        TerminalProgress.finish(progress);
      }
    }
    stdout.printf(Locale.ROOT, "%,d scenarios x %d underlying(s) %s: %s%n", set.rows(), set.underlyings().size(),
        set.underlyings(), what);
    stdout.printf(Locale.ROOT, "wrote %s in %.2f s%n", out, (System.nanoTime() - t0) / 1e9);
    stdout.flush();
    return 0;
  }

  /** Range checks of every numeric flag, naming the flag (the spec records check them again, in their own terms). */
  private void checkFlags() {
    CliArgs.threads(threads);
    CliArgs.require(horizonDays >= 1, "--horizon-days", "must be a whole number of days >= 1", horizonDays);
    CliArgs.require(window == null || window >= 1, "--window", "must be >= 1 day", window);
    CliArgs.require(ewmaLambda == null || (ewmaLambda > 0 && ewmaLambda < 1), "--ewma-lambda",
        "must be in (0, 1), e.g. 0.94", ewmaLambda);
    CliArgs.require(count >= 1, "--count", "must be >= 1", count);
    CliArgs.require(steps >= 1, "--steps", "must be >= 1", steps);
    CliArgs.require(dof == null || dof > 2, "--dof", "must be > 2 (the Student-t variance is finite only for more than 2 "
        + "degrees of freedom)", dof);
    CliArgs.require(spotVolCorr == null || (spotVolCorr >= -1 && spotVolCorr <= 1), "--spot-vol-corr",
        "must be in [-1, 1]", spotVolCorr);
    CliArgs.require(volOfVol == null || (volOfVol >= 0 && Double.isFinite(volOfVol)), "--vol-of-vol",
        "must be >= 0 and finite", volOfVol);
    if (jumps != null && jumps.size() == 3) {
      CliArgs.require(jumps.get(0) >= 0 && Double.isFinite(jumps.get(0)), "--jumps", "RATE must be >= 0 per year", jumps.get(0));
      CliArgs.require(Double.isFinite(jumps.get(1)), "--jumps", "MEAN must be finite", jumps.get(1));
      CliArgs.require(jumps.get(2) >= 0 && Double.isFinite(jumps.get(2)), "--jumps", "STDEV must be >= 0", jumps.get(2));
    }
  }

  private static String formatVols(List<String> names, double[] vols) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(names.get(i)).append(String.format(Locale.ROOT, " %.0f%%", 100 * vols[i]));
    }
    return b.toString();
  }
}

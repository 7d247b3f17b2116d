package io.hedgekit.cli;

import io.hedgekit.io.table.TableFormat;
import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.engine.FileBook;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.var.ApproximationError;
import io.hedgekit.risk.var.PositionContribution;
import io.hedgekit.risk.var.RiskFigure;
import io.hedgekit.risk.var.VarMethod;
import io.hedgekit.risk.var.VarOptions;
import io.hedgekit.risk.var.VarResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedgekit var}: VaR and Expected Shortfall by full revaluation and by Greek approximation. */
@Command(name = "var", mixinStandardHelpOptions = true,
    description = "VaR and ES over a scenario set: full revaluation, delta-gamma and delta-gamma-vega-theta, ES contributions.",
    footer = {"", "Definitions: with the M scenario P&Ls sorted ascending L(1) <= ... <= L(M) and k = ceil(M (1 - c)),",
        "VaR = -L(k) and ES = -mean(L(1..k)); ES contributions (Euler) are each position's mean tail P&L, summing to ES.",
        "", "Example:",
        "  hedgekit var --book examples/book.csv --market examples/market.json --scenarios mc.arrow --out var.json"})
public final class VarCommand implements Callable<Integer> {

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

  @Option(names = "--confidence", split = ",", paramLabel = "C,C", description = "Confidence levels (default: 0.99,0.975).")
  List<Double> confidence;

  @Option(names = "--method", paramLabel = "full|greeks|both", defaultValue = "both",
      description = "full revaluation, Greek approximations, or both with their differences (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Top ES contributors to print (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--out", paramLabel = "FILE", description = "Result as JSON.")
  Path out;

  @Option(names = "--pnl-out", paramLabel = "FILE", description = "Scenario P&L vectors (.arrow or .csv): scenario, pnl, pnl_<U>.")
  Path pnlOut;

  @Option(names = "--json", description = "Print the result JSON instead of the summary.")
  boolean json;

  @Option(names = "--no-netting",
      description = "Price every position in every scenario instead of each distinct instrument once with its "
          + "positions' summed size (same results up to rounding; slower on books with many positions per instrument).")
  boolean noNetting;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar and no backend line.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (!scenarioInputs.present()) {
      throw new UsageException("--scenarios FILE is required (make one with 'hedgekit scenarios')");
    }
    String m = method.toLowerCase(Locale.ROOT);
    if (!List.of("full", "greeks", "both").contains(m)) {
      throw new UsageException("--method must be full, greeks or both, was " + method);
    }
    if (confidence != null) {
      confidence.forEach(CliArgs::confidence);
    }
    TableFormat pnlFormat = pnlOut == null ? null : OutputGuard.tableFormat("--pnl-out", pnlOut, null);
    OutputGuard.inputs(inputs.book, inputs.market, scenarioInputs.scenarios)
        .output("--out", out, OutputGuard.JSON).output("--pnl-out", pnlOut, OutputGuard.TABLE)
        .check(spec.commandLine().getErr());
    PrintWriter stdout = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    try (RiskEngine engine = backend.engine(quiet ? null : spec.commandLine().getErr());
        FileBook book = inputs.openForPasses(engine)) {
      ScenarioSet set = scenarioInputs.read(engine);
      VarOptions options = VarOptions.defaults()
          .withApproximations(!m.equals("full"))
          .withContributions(true)
          .withTopContributors(Math.max(top, 0))
          .withNetting(!noNetting);
      if (confidence != null) {
        options = options.withConfidences(confidence);
      }
      if (scenarioInputs.step != null) {
        options = options.withStep(scenarioInputs.step);
      }
      Progress progress = TerminalProgress.create("revaluing", "positions", quiet);
      VarResult result;
      try {
        result = engine.var(book, set, options.withProgress(progress), volDynamics.spec()).result();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      } finally {
        TerminalProgress.finish(progress);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      // Both outputs or neither: the JSON is committed only once the P&L file is.
      OutputGuard.writeTextWith(out, out == null ? null : result.toJson(), () -> {
        if (pnlOut != null) {
          try (BufferAllocator allocator = engine.newAllocator("pnl-out")) {
            result.pnl().write(pnlOut, pnlFormat, allocator);
          }
        }
      });
      if (json) {
        stdout.println(result.toJson());
      } else {
        stdout.print(summary(result, m));
        stdout.printf(Locale.ROOT, "%,d positions (%,d %s repriced) x %,d scenarios, horizon %s day(s), in %.2f s on %s%n",
            result.positions(), result.instrumentsPriced(), noNetting ? "positions" : "distinct instruments",
            result.scenarios(), trim(result.horizonDays()), seconds, engine.backend());
        if (out != null) {
          stdout.println("wrote " + out);
        }
        if (pnlOut != null) {
          stdout.println("wrote " + pnlOut);
        }
      }
      stdout.flush();
    }
    return 0;
  }

  static String summary(VarResult r, String method) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-24s %7s %16s %16s%n", "method", "conf", "VaR USD", "ES USD"));
    for (RiskFigure f : r.results()) {
      if (method.equals("greeks") && f.method() == VarMethod.FULL) {
        continue;
      }
      b.append(String.format(Locale.ROOT, "%-24s %6.1f%% %,16.0f %,16.0f%n", f.method().label(), 100 * f.confidence(), f.var(), f.es()));
    }
    if (r.approximationError() != null && !r.approximationError().isEmpty()) {
      b.append("\nGreek approximation vs full revaluation (scenario P&L):\n");
      for (Map.Entry<String, ApproximationError> e : r.approximationError().entrySet()) {
        b.append(String.format(Locale.ROOT, "  %-24s RMSE %,14.0f   max |diff| %,14.0f USD%n", e.getKey(),
            e.getValue().rmse(), e.getValue().maxAbsDiff()));
      }
    }
    b.append("\nBy underlying (full revaluation):\n");
    r.byUnderlying().forEach((u, figures) -> figures.stream().filter(f -> f.method() == VarMethod.FULL).forEach(f ->
        b.append(String.format(Locale.ROOT, "  %-6s %6.1f%%  VaR %,14.0f  ES %,14.0f%n", u, 100 * f.confidence(), f.var(), f.es()))));
    if (r.contributions() != null) {
      b.append(String.format(Locale.ROOT, "%nES contributions at %.1f%% (sum to ES %,.0f USD):%n", 100 * r.contributions().confidence(),
          r.contributions().es()));
      r.contributions().byUnderlying().forEach((u, v) -> b.append(String.format(Locale.ROOT, "  %-6s %,14.0f%n", u, v)));
      if (!r.contributions().top().isEmpty()) {
        b.append("  top positions:\n");
        for (PositionContribution c : r.contributions().top()) {
          b.append(String.format(Locale.ROOT, "    %-28s %-5s %,14.0f%n", c.id(), c.underlying(), c.contribution()));
        }
      }
    }
    return b.toString();
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}

package io.hedgekit.cli;

import io.hedgekit.io.market.MarketJson;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.market.UnderlyingMarket;
import io.hedgekit.kernels.market.VolSmile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedgekit smile check|fit}: SVI smiles of a market file, and their calibration from a chain. */
@Command(name = "smile", mixinStandardHelpOptions = true,
    description = "SVI volatility smiles: check a market's smiles for static arbitrage, or fit them to an option chain.",
    subcommands = {SmileCommand.Check.class, SmileFitCommand.class},
    footer = {"", "Examples:", "  hedgekit smile check --market examples/market.json",
        "  hedgekit smile fit --chain examples/deribit_options_snapshot_2026_tessicin.csv --out smile.json"})
public final class SmileCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code hedgekit smile check}: one line per slice; exit 1 if any slice fails. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Check every SVI slice of a market file: b >= 0, |rho| < 1, sigma > 0, a + b*sigma*sqrt(1-rho^2) >= 0, "
          + "Lee's wing bound b*(1+|rho|) <= 2, Durrleman's g(k) >= 0 on a dense k grid, and no calendar arbitrage "
          + "(total variance non-decreasing in T at every k). Prints one line per slice; exit code 1 if any fails.",
      footer = {"", "Example:", "  hedgekit smile check --market examples/market.json"})
  static final class Check implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--market", required = true, paramLabel = "FILE", description = "Market data JSON with \"smile\" objects.")
    Path market;

    @Override
    public Integer call() {
      BookInputs.requireFile(market, "--market");
      PrintWriter out = spec.commandLine().getOut();
      MarketData m = MarketJson.read(market, true, w -> { });
      int slices = 0;
      int failed = 0;
      for (Map.Entry<String, UnderlyingMarket> e : m.underlyings().entrySet()) {
        VolSmile smile = e.getValue().smile();
        if (smile == null) {
          continue;
        }
        List<VolSmile.Violation> violations = smile.check();
        double[] grid = smile.grid();
        for (int i = 0; i < smile.slices().size(); i++) {
          VolSmile.Slice s = smile.slices().get(i);
          int index = i;
          List<VolSmile.Violation> mine = violations.stream().filter(v -> v.slice() == index).toList();
          slices++;
          double atm = Math.sqrt(Math.max(s.svi().w(0.0), 0) / s.timeYears());
          String head = String.format(Locale.ROOT, "%-5s %s  T=%.4fy  atm vol %5.1f%%  min g %.4f  ", e.getKey(),
              s.expiry(), s.timeYears(), 100 * atm, smile.minimumG(i));
          if (mine.isEmpty()) {
            out.println(head + "ok");
          } else {
            failed++;
            StringBuilder b = new StringBuilder(head).append("FAIL");
            for (VolSmile.Violation v : mine) {
              b.append("; ").append(e.getKey()).append(' ').append(s.expiry()).append(' ').append(v.condition());
              if (!Double.isNaN(v.kFrom())) {
                b.append(String.format(Locale.ROOT, " for k in [%.4f, %.4f]", v.kFrom(), v.kTo()));
              }
              b.append(": ").append(v.detail());
            }
            out.println(b);
          }
        }
        out.printf(Locale.ROOT, "      (%s: k grid %d points over [%.3f, %.3f])%n", e.getKey(), grid.length, grid[0],
            grid[grid.length - 1]);
      }
      if (slices == 0) {
        out.println("no smiles in " + market);
      } else {
        out.printf(Locale.ROOT, "%d of %d slices free of static arbitrage%n", slices - failed, slices);
      }
      out.flush();
      return failed == 0 ? 0 : 1;
    }
  }
}

package io.hedgekit.cli;

import io.hedgekit.io.Expiries;
import io.hedgekit.io.market.MarketJson;
import io.hedgekit.io.market.OptionChainCsv;
import io.hedgekit.io.table.AtomicOutput;
import io.hedgekit.kernels.Conventions;
import io.hedgekit.risk.smile.SmileCalibration;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hedgekit smile fit}: an arbitrage-free SVI slice per expiry of an option chain. */
@Command(name = "fit", mixinStandardHelpOptions = true,
    description = {"Fit one raw SVI slice per expiry to an option chain in Deribit's columns (instrument_name, "
        + "underlying_price = the forward of the expiry, mark_iv in percent, strike, option_type, "
        + "expiration_timestamp_ms, timestamp_ms, best_bid_price/best_ask_price in coin) and write the market "
        + "JSON \"smile\" object. Quasi-explicit fit (Zeliade 2009) to the out-of-the-money quotes, constrained "
        + "free of butterfly and calendar arbitrage; unbid marks and exchange-pinned wings are excluded.",
        "Prints per expiry: quotes used of the OTM quotes, excluded (unbid, pinned), RMSE and max error in vol "
            + "points, the RMSE without the arbitrage constraint, min g(k), arbitrage-free yes/no."},
    footer = {"", "Example:",
        "  hedgekit smile fit --chain examples/deribit_options_snapshot_2026_tessicin.csv --underlying BTC --out smile.json"})
public final class SmileFitCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--chain", required = true, paramLabel = "CSV", description = "Option chain CSV (Deribit ticker columns).")
  Path chain;

  @Option(names = "--underlying", paramLabel = "NAME", defaultValue = "BTC",
      description = "Underlying to fit, the prefix of instrument_name (default: ${DEFAULT-VALUE}).")
  String underlying;

  @Option(names = "--valuation-time", paramLabel = "T",
      description = "ISO-8601 instant T is measured from (default: the latest timestamp_ms of the chain).")
  String valuationTime;

  @Option(names = "--weights", paramLabel = "vega|bid-ask", defaultValue = "vega",
      description = "vega: equal weight per quote in vol (price errors over vega); bid-ask: vol errors over the "
          + "half bid-ask spread in vol (default: ${DEFAULT-VALUE}).")
  String weights;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the smile JSON object.")
  Path out;

  @Override
  public Integer call() throws Exception {
    BookInputs.requireFile(chain, "--chain");
    OutputGuard.inputs(chain).output("--out", out, OutputGuard.JSON).check(spec.commandLine().getErr());
    SmileCalibration.Weighting weighting = switch (weights.toLowerCase(Locale.ROOT)) {
      case "vega" -> SmileCalibration.Weighting.VEGA;
      case "bid-ask", "bidask" -> SmileCalibration.Weighting.BID_ASK;
      default -> throw new UsageException("--weights must be vega or bid-ask, was " + weights);
    };
    List<OptionChainCsv.Quote> quotes = OptionChainCsv.read(chain);
    Instant valuation;
    try {
      valuation = valuationTime != null ? Expiries.parse(valuationTime) : SmileCalibration.captureTime(quotes);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--valuation-time " + valuationTime + ": " + e.getMessage());
    }
    SmileCalibration.Result r;
    try {
      r = SmileCalibration.fit(quotes, underlying.toUpperCase(Locale.ROOT), valuation, weighting);
    } catch (IllegalArgumentException e) {
      throw new UsageException(chain + ": " + e.getMessage());
    }
    PrintWriter o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "%s smile from %s, valuation time %s, weights %s%n", r.underlying(), chain, valuation, weights);
    o.println(table(r));
    if (r.smile() == null) {
      throw new UsageException(chain + ": no expiry of " + r.underlying() + " has enough quotes to fit");
    }
    String json = MarketJson.toJson(MarketJson.smileJson(r.smile()));
    AtomicOutput.write(out, s -> s.write(json.getBytes(StandardCharsets.UTF_8)));
    o.println("wrote " + out + " (the \"smile\" object of a market file's underlying)");
    o.flush();
    return 0;
  }

  /** The report's smile section of a fit: per expiry the quotes used and left out and the slice. */
  static io.hedgekit.report.SmileSection section(SmileCalibration.Result r, String source) {
    List<io.hedgekit.report.SmileSection.Slice> slices = new java.util.ArrayList<>();
    for (SmileCalibration.SliceReport s : r.slices()) {
      String note = s.slice() == null ? s.note()
          : String.format(Locale.ROOT, "%d of %d marks fitted; RMSE %.2f, max %.2f vol points; min g %.4f; "
              + "arbitrage-free %s", s.used(), s.quotes(), s.rmseVolPoints(), s.maxErrorVolPoints(), s.minG(),
              s.arbitrageFree() ? "yes" : "NO");
      slices.add(new io.hedgekit.report.SmileSection.Slice(s.expiry().toString().substring(0, 10), s.timeYears(),
          s.usedK(), s.usedVol(), s.excludedK(), s.excludedVol(), s.slice(), s.rmseVolPoints(), note));
    }
    return new io.hedgekit.report.SmileSection(r.underlying(), source, slices);
  }

  /** The per-slice table the command prints (also used by the demo). */
  static String table(SmileCalibration.Result r) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "%-12s %7s %9s %5s %6s %6s %9s %9s %9s %8s  %s%n", "expiry", "T days", "forward", "used", "unbid", "pinned",
        "rmse vp", "max vp", "free rmse", "min g", "arbitrage-free"));
    for (SmileCalibration.SliceReport s : r.slices()) {
      String exp = s.expiry().toString().substring(0, 10);
      if (s.slice() == null) {
        b.append(String.format(Locale.ROOT, "%-12s %7.2f %9.2f %2d/%-2d %6d %6d  %s%n", exp, s.timeYears() * Conventions.DAYS_PER_YEAR,
            s.forward(), s.used(), s.quotes(), s.unbid(), s.pinned(), s.note()));
        continue;
      }
      b.append(String.format(Locale.ROOT, "%-12s %7.2f %9.2f %2d/%-2d %6d %6d %9.3f %9.3f %9.3f %8.4f  %s%n", exp,
          s.timeYears() * Conventions.DAYS_PER_YEAR, s.forward(), s.used(), s.quotes(), s.unbid(), s.pinned(), s.rmseVolPoints(),
          s.maxErrorVolPoints(), s.freeRmseVolPoints(), s.minG(), s.arbitrageFree() ? "yes" : "NO"));
      if (!s.note().isEmpty()) {
        b.append("             ").append(s.note()).append('\n');
      }
    }
    return b.toString().stripTrailing();
  }
}

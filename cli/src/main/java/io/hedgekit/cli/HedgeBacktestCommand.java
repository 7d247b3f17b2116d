package io.hedgekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.report.HedgeBacktestReport;
import io.hedgekit.risk.engine.Book;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.hedge.HedgeUniverse;
import io.hedgekit.risk.intraday.HedgeBacktest;
import io.hedgekit.risk.intraday.Mandates;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hedgekit hedge-backtest}: what the mandates' hedging policy would have done over a price history. */
@Command(name = "hedge-backtest", mixinStandardHelpOptions = true,
    description = {"Replay daily closes against today's book with the mandates' hedging policy: each day the book "
        + "ages (expiries settle at intrinsic), spot moves by the day's return, implied vols follow the vol model, "
        + "and the policy re-hedges at the universe's costs.",
        "Reports daily P&L unhedged / hedged / hedges, cumulative costs, re-hedges, limit breaches before and after, "
            + "and (--out) an HTML page with both P&L paths."},
    footer = {"", "Vol model: shift_t = shift_{t-1} * 2^(-1/half-life) - beta * ln(S_t/S_{t-1}) added to every "
        + "option's vol (sticky strike).",
        "", "Examples:",
        "  hedgekit hedge-backtest --book examples/book.csv --market examples/market.json --mandates examples/mandates.json \\",
        "      --universe examples/universe.csv --history examples/crypto_daily_close.csv --from 2020-03-01 --to 2020-03-31 \\",
        "      --rebalance daily --out march-2020.html",
        "  hedgekit hedge-backtest ... --history examples/crypto_daily_close_with_sol.csv --from 2022-11-01 --to 2022-11-30"})
public final class HedgeBacktestCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  BookInputs inputs;

  @Mixin
  BackendOptionsMixin backend;

  @Option(names = "--mandates", required = true, paramLabel = "FILE", description = "Limits and targets (JSON, as for watch).")
  Path mandatesFile;

  @Option(names = "--universe", paramLabel = "FILE", description = "Hedge universe (default: the mandates' \"universe\").")
  Path universeFile;

  @Option(names = "--history", required = true, paramLabel = "CSV", description = "Daily closes: date,BTC,ETH,...")
  Path history;

  @Option(names = "--from", paramLabel = "DATE", description = "First date (yyyy-mm-dd), default the history's first.")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last date (yyyy-mm-dd), default the history's last.")
  String to;

  @Option(names = "--rebalance", paramLabel = "POLICY", defaultValue = "threshold",
      description = "daily (re-hedge every limited scope every day) or threshold (only on a breach; default).")
  String rebalance;

  @Option(names = "--vol-beta", paramLabel = "B", defaultValue = "0.5",
      description = "Vol shift per unit of log return (default ${DEFAULT-VALUE}: a -10% day adds 5 vol points).")
  double beta;

  @Option(names = "--vol-half-life", paramLabel = "DAYS", defaultValue = "30",
      description = "Half-life of the vol shift, days (default ${DEFAULT-VALUE}).")
  double halfLife;

  @Option(names = "--out", paramLabel = "FILE", description = "HTML page with the P&L paths, summary and daily table.")
  Path out;

  @Option(names = "--json", paramLabel = "FILE", description = "The whole result as JSON.")
  Path json;

  @Option(names = {"-q", "--quiet"}, description = "No backend line.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    HedgeBacktest.Rebalance policy;
    try {
      policy = HedgeBacktest.Rebalance.parse(rebalance);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--rebalance " + e.getMessage().replace("rebalance must", "must"));
    }
    LocalDate fromDate = date(from, "--from");
    LocalDate toDate = date(to, "--to");
    HedgeBacktest.Options options;
    try {
      options = new HedgeBacktest.Options(fromDate, toDate, policy, beta, halfLife, inputs.allowExpired);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    BookInputs.requireFile(inputs.book, "--book");
    BookInputs.requireFile(inputs.market, "--market");
    BookInputs.requireFile(mandatesFile, "--mandates");
    BookInputs.requireFile(history, "--history");
    Mandates mandates = Mandates.read(mandatesFile);
    Path universePath = universeFile != null ? universeFile : mandates.universe();
    if (universePath == null) {
      throw new UsageException("give --universe (the mandates name no universe)");
    }
    BookInputs.requireFile(universePath, universeFile != null ? "--universe" : "the mandates' universe");
    OutputGuard.inputs(inputs.book, inputs.market, mandatesFile, universePath, history)
        .output("--out", out, OutputGuard.HTML).output("--json", json, OutputGuard.JSON)
        .check(spec.commandLine().getErr());
    PrintWriter stdout = spec.commandLine().getOut();
    try (RiskEngine engine = backend.engine(quiet ? null : spec.commandLine().getErr())) {
      Market market = Market.read(inputs.market);
      Book book = engine.readBook(inputs.book);
      HedgeUniverse universe = engine.readUniverse(universePath, market);
      PriceHistory h = io.hedgekit.io.scenario.PriceHistoryFiles.read(history);
      HedgeBacktest.Result r;
      try {
        r = HedgeBacktest.run(engine, book, market, mandates, universe, h, options);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      print(stdout, r);
      String jsonText = json == null ? null
          : new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(r));
      // Both outputs or neither: the JSON is committed only once the page is.
      OutputGuard.writeTextWith(json, jsonText, () -> {
        if (out != null) {
          HedgeBacktestReport.write(page(r, h, options), out);
        }
      });
      if (out != null) {
        stdout.println("wrote " + out);
      }
      if (json != null) {
        stdout.println("wrote " + json);
      }
      stdout.flush();
    }
    return 0;
  }

  private static java.util.Map<String, Object> toJson(HedgeBacktest.Result r) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("rebalance", r.rebalance().name().toLowerCase(Locale.ROOT));
    m.put("rehedges", r.rehedges());
    m.put("total_cost_usd", r.totalCost());
    m.put("unhedged_total_usd", r.unhedgedTotal());
    m.put("hedged_total_usd", r.hedgedTotal());
    m.put("breach_days_unhedged", r.breachDaysUnhedged());
    m.put("breach_days_hedged", r.breachDaysHedged());
    m.put("setup_notes", r.setupNotes());
    List<Object> days = new ArrayList<>();
    for (HedgeBacktest.Day d : r.days()) {
      java.util.Map<String, Object> x = new java.util.LinkedHashMap<>();
      x.put("date", d.date().toString());
      x.put("spots", d.spots());
      x.put("unhedged_pnl_usd", d.unhedgedPnl());
      x.put("hedged_pnl_usd", d.hedgedPnl());
      x.put("hedges_pnl_usd", d.hedgesPnl());
      x.put("cost_usd", d.cost());
      x.put("cumulative_cost_usd", d.cumulativeCost());
      x.put("rehedged", d.rehedged());
      x.put("tickets", d.tickets());
      x.put("breaches_unhedged", d.breachesUnhedged());
      x.put("breaches_hedged", d.breachesHedged());
      x.put("settled", d.settled());
      x.put("notes", d.notes());
      days.add(x);
    }
    m.put("days", days);
    return m;
  }

  private static LocalDate date(String s, String option) {
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s.strip());
    } catch (DateTimeParseException e) {
      throw new UsageException(option + " must be a date like 2020-03-01, was " + s);
    }
  }

  private static void print(PrintWriter o, HedgeBacktest.Result r) {
    o.printf(Locale.ROOT, "%-10s %16s %16s %16s %12s %6s  %s%n", "date", "unhedged USD", "hedged USD", "hedges USD",
        "cost USD", "trade", "breaches unhedged / hedged");
    for (HedgeBacktest.Day d : r.days()) {
      o.printf(Locale.ROOT, "%-10s %,16.0f %,16.0f %,16.0f %,12.0f %6s  %s / %s%n", d.date(), d.unhedgedPnl(),
          d.hedgedPnl(), d.hedgesPnl(), d.cost(), d.rehedged() ? "yes" : "", d.breachesUnhedged().size(),
          d.breachesHedged().size());
    }
    double[] sd = r.dailyStdDev();
    o.printf(Locale.ROOT, "%ntotal P&L unhedged %,.0f USD, hedged %,.0f USD (net of %,.0f USD costs); daily std dev "
        + "%,.0f -> %,.0f USD%n", r.unhedgedTotal(), r.hedgedTotal(), r.totalCost(), sd[0], sd[1]);
    o.printf(Locale.ROOT, "re-hedges %d (%s); days in breach: unhedged %d, hedged %d of %d%n", r.rehedges(),
        r.rebalance().name().toLowerCase(Locale.ROOT), r.breachDaysUnhedged(), r.breachDaysHedged(), r.days().size());
    for (String n : r.setupNotes()) {
      o.println("note (set-up): " + n);
    }
    java.util.Map<String, List<LocalDate>> notes = new java.util.LinkedHashMap<>();
    for (HedgeBacktest.Day d : r.days()) {
      for (String n : d.notes()) {
        notes.computeIfAbsent(n, k -> new ArrayList<>()).add(d.date());
      }
    }
    notes.forEach((n, ds) -> o.println("note: " + n + " (" + ds.size() + " day" + (ds.size() == 1 ? "" : "s")
        + " from " + ds.get(0) + ")"));
  }

  private static HedgeBacktestReport.Data page(HedgeBacktest.Result r, PriceHistory h, HedgeBacktest.Options o) {
    int n = r.days().size();
    List<LocalDate> dates = new ArrayList<>();
    double[] u = new double[n];
    double[] hd = new double[n];
    double[] hs = new double[n];
    List<String[]> rows = new ArrayList<>();
    double cu = 0;
    double ch = 0;
    for (int i = 0; i < n; i++) {
      HedgeBacktest.Day d = r.days().get(i);
      dates.add(d.date());
      cu += d.unhedgedPnl();
      ch += d.hedgedPnl();
      u[i] = cu;
      hd[i] = ch;
      hs[i] = ch - cu;
      rows.add(new String[] {d.date().toString(), f(d.unhedgedPnl()), f(d.hedgedPnl()), f(d.hedgesPnl()), f(d.cost()),
          f(d.cumulativeCost()), d.rehedged() ? "yes" : "", String.join(", ", d.breachesUnhedged()),
          String.join(", ", d.breachesHedged()), d.settled() == 0 ? "" : Integer.toString(d.settled())});
    }
    double[] sd = r.dailyStdDev();
    List<String[]> summary = List.of(
        new String[] {"period", r.days().get(0).date() + " .. " + r.days().get(n - 1).date() + " (" + n + " days)"},
        new String[] {"policy", r.rebalance().name().toLowerCase(Locale.ROOT)},
        new String[] {"total P&L, unhedged", f(r.unhedgedTotal()) + " USD"},
        new String[] {"total P&L, hedged (net of costs)", f(r.hedgedTotal()) + " USD"},
        new String[] {"cumulative costs", f(r.totalCost()) + " USD"},
        new String[] {"daily P&L std dev, unhedged / hedged", f(sd[0]) + " / " + f(sd[1]) + " USD"},
        new String[] {"re-hedges", Integer.toString(r.rehedges())},
        new String[] {"days in breach, unhedged / hedged", r.breachDaysUnhedged() + " / " + r.breachDaysHedged()});
    String sub = String.format(Locale.ROOT, "history %s; %s re-hedging; vol model beta %.2f, half-life %.0f days",
        h.source(), r.rebalance().name().toLowerCase(Locale.ROOT), o.beta(), o.halfLifeDays());
    return new HedgeBacktestReport.Data("Hedge backtest", sub, dates, u, hd, hs, summary,
        new String[] {"date", "unhedged", "hedged", "hedges", "cost", "cum. cost", "re-hedge", "breaches unhedged",
            "breaches hedged", "settled"}, rows);
  }

  private static String f(double x) {
    return String.format(Locale.ROOT, "%,.0f", x);
  }
}

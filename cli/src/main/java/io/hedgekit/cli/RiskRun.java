package io.hedgekit.cli;

import io.hedgekit.io.Progress;
import io.hedgekit.io.scenario.PriceHistory;
import io.hedgekit.io.scenario.ScenarioSet;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.risk.book.ArrowResolvedBook;
import io.hedgekit.risk.hedge.BeforeAfter;
import io.hedgekit.risk.hedge.HedgeOptions;
import io.hedgekit.risk.hedge.HedgeResult;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeTicket;
import io.hedgekit.risk.hedge.HedgeUniverse;
import io.hedgekit.risk.hedge.Hedger;
import io.hedgekit.risk.hedge.UnderlyingRisk;
import io.hedgekit.risk.stress.StressOptions;
import io.hedgekit.risk.stress.StressResult;
import io.hedgekit.risk.stress.StressTest;
import io.hedgekit.risk.var.PositionContribution;
import io.hedgekit.risk.var.RiskFigure;
import io.hedgekit.risk.var.VarEngine;
import io.hedgekit.risk.var.VarOptions;
import io.hedgekit.risk.var.VarResult;
import io.hedgekit.report.BookGreeks;
import io.hedgekit.report.ContributorSection;
import io.hedgekit.report.DeskGreeks;
import io.hedgekit.report.HedgeSection;
import io.hedgekit.report.ReportData;
import io.hedgekit.report.RunFacts;
import io.hedgekit.report.StressSection;
import io.hedgekit.report.VarSection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The whole morning run on one book: Greeks (with expiry and strike buckets), VaR/ES with
 * contributions when there are scenarios, the stress grid (and historical days when there is a
 * price history), and a hedge when there is a universe; each step timed. Shared by
 * {@code hedgekit report} and {@code hedgekit demo}, and turned into a {@link ReportData}.
 */
final class RiskRun {
  final ArrowResolvedBook book;
  final ComputeBackend backend;
  final Map<String, Double> timings = new LinkedHashMap<>();
  BookGreeks greeks;
  ScenarioSet scenarioSet;
  String scenarioDescription;
  VarResult var;
  StressResult stress;
  HedgeResult hedge;
  HedgeTarget hedgeTarget;
  io.hedgekit.risk.margin.MarginResult margin;
  io.hedgekit.risk.margin.Carry.Report carry;

  RiskRun(ArrowResolvedBook book, ComputeBackend backend) {
    this.book = book;
    this.backend = backend;
  }

  void greeks() {
    long t0 = System.nanoTime();
    greeks = BookGreeks.compute(book, backend.greeks());
    timings.put("greeks", seconds(t0));
  }

  void var(ScenarioSet set, String description, Integer step, Progress progress) {
    long t0 = System.nanoTime();
    scenarioSet = set;
    scenarioDescription = description;
    VarOptions options = VarOptions.defaults().withApproximations(true).withContributions(true).withTopContributors(15)
        .withProgress(progress);
    if (step != null) {
      options = options.withStep(step);
    }
    var = VarEngine.run(book, set, backend, options);
    timings.put("VaR/ES (full + approximations + contributions)", seconds(t0));
  }

  void stress(PriceHistory history) {
    long t0 = System.nanoTime();
    StressOptions options = StressOptions.defaults();
    if (history != null) {
      options = options.withHistory(history, StressOptions.DEFAULT_HISTORICAL_DAYS);
    }
    stress = StressTest.run(book, backend, options);
    timings.put("stress", seconds(t0));
  }

  void hedge(HedgeUniverse universe, HedgeTarget target, Integer step) {
    long t0 = System.nanoTime();
    ScenarioColumns scenarios = null;
    if (scenarioSet != null) {
      scenarios = scenarioSet.columns(book.underlyings(), step != null ? step : scenarioSet.lastStep().number());
    }
    hedgeTarget = target;
    hedge = new Hedger(backend).hedge(book, universe, target, scenarios, HedgeOptions.defaults());
    timings.put("hedge (" + target.label() + ")", seconds(t0));
  }

  /** Portfolio margin, liquidation distance and carry (issue 18). */
  void margin(io.hedgekit.risk.margin.Collateral collateral, io.hedgekit.risk.margin.MarginModel model) {
    long t0 = System.nanoTime();
    var engine = new io.hedgekit.risk.margin.MarginEngine(backend, model);
    margin = engine.compute(book, collateral, io.hedgekit.risk.margin.MarginEngine.prices(book.market()));
    carry = io.hedgekit.risk.margin.Carry.compute(book, book.market(), collateral, engine);
    timings.put("margin and carry", seconds(t0));
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Everything computed so far as report sections. */
  ReportData toReport(String title, List<RunFacts.Fact> inputs, String backendDescription) {
    List<RunFacts.Timing> t = new ArrayList<>();
    timings.forEach((k, v) -> t.add(new RunFacts.Timing(k, v)));
    List<RunFacts.Fact> notes = List.of(
        new RunFacts.Fact("java", Runtime.version().toString()),
        new RunFacts.Fact("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch")));
    RunFacts facts = new RunFacts(title, book.market().valuationTime(), Instant.now(), Version.VERSION, backendDescription,
        greeks.portfolio().totalPositions(), inputs, t, notes);
    ReportData data = ReportData.greeksOnly(facts, greeks);
    if (var != null) {
      data = data.withVar(varSection()).withContributors(contributors());
    }
    if (stress != null) {
      data = data.withStress(stressSection());
    }
    if (hedge != null) {
      data = data.withHedge(hedgeSection());
    }
    if (margin != null) {
      data = data.withMargin(MarginSections.of(margin, carry));
    }
    return data;
  }

  private VarSection varSection() {
    List<VarSection.Estimate> estimates = new ArrayList<>();
    for (RiskFigure f : var.results()) {
      estimates.add(new VarSection.Estimate(f.method().equals("full") ? "full revaluation" : f.method(), f.confidence(),
          f.var(), f.es()));
    }
    List<VarSection.Pnl> approximations = new ArrayList<>();
    if (var.pnl().deltaGamma() != null) {
      approximations.add(new VarSection.Pnl("delta-gamma", var.pnl().deltaGamma()));
    }
    if (var.pnl().deltaGammaVegaTheta() != null) {
      approximations.add(new VarSection.Pnl("delta-gamma-vega-theta", var.pnl().deltaGammaVegaTheta()));
    }
    return new VarSection(scenarioDescription, var.horizonDays(), estimates,
        new VarSection.Pnl("full revaluation", var.pnl().full()), approximations);
  }

  private ContributorSection contributors() {
    var c = var.contributions();
    List<ContributorSection.Contributor> rows = new ArrayList<>();
    for (PositionContribution p : c.top()) {
      rows.add(new ContributorSection.Contributor(p.id(), p.underlying(), "", p.contribution()));
    }
    return new ContributorSection(String.format(Locale.ROOT, "ES %.1f%% (Euler contributions)", 100 * c.confidence()),
        c.es(), rows);
  }

  private StressSection stressSection() {
    List<StressSection.Grid> grids = new ArrayList<>();
    for (StressResult.Matrix m : stress.matrices()) {
      int ns = stress.spotMoves().size();
      int nv = stress.volShifts().size();
      double[][] pnl = new double[nv][ns];
      for (int s = 0; s < ns; s++) {
        for (int v = 0; v < nv; v++) {
          pnl[v][s] = m.pnl().get(s).get(v);
        }
      }
      String label = m.underlying().equals(StressResult.ALL) ? "All underlyings together" : m.underlying();
      grids.add(new StressSection.Grid(label, stress.spotMoves(), stress.volShifts(), pnl));
    }
    return new StressSection("Instant moves (horizon 0), full revaluation: relative spot move x absolute implied-vol move.",
        grids);
  }

  private HedgeSection hedgeSection() {
    BeforeAfter c = hedge.comparison();
    List<HedgeSection.Ticket> tickets = new ArrayList<>();
    for (HedgeTicket t : hedge.tickets()) {
      if (t.quantity() != 0) {
        tickets.add(new HedgeSection.Ticket(t.id(), t.quantity(), t.cost()));
      }
    }
    List<HedgeSection.Change> changes = new ArrayList<>();
    for (int i = 0; i < c.before().size(); i++) {
      changes.add(new HedgeSection.Change(c.before().get(i).underlying(), desk(c.before().get(i)), desk(c.after().get(i))));
    }
    Optional<HedgeSection.Tail> tail = c.hasTail()
        ? Optional.of(new HedgeSection.Tail(c.confidence(), c.tailBefore().var(), c.tailBefore().es(),
            c.tailAfter().var(), c.tailAfter().es()))
        : Optional.empty();
    return new HedgeSection(objective(hedgeTarget), tickets, changes, c.totalCost(), tail);
  }

  private static DeskGreeks desk(UnderlyingRisk r) {
    return DeskGreeks.fromModel(r.delta(), r.gamma(), r.vega(), r.theta(), r.spot());
  }

  static String objective(HedgeTarget t) {
    return switch (t) {
      case DELTA -> "neutralise delta per underlying with perpetuals, futures and spot";
      case DELTA_GAMMA -> "neutralise delta and gamma per underlying at least trading cost";
      case DELTA_GAMMA_VEGA -> "neutralise delta, gamma and vega per underlying at least trading cost";
      case MIN_VARIANCE -> "minimise the variance of scenario P&L";
      case MIN_ES -> "minimise Expected Shortfall plus trading cost over the scenarios";
      case MIN_MARGIN -> "minimise portfolio initial margin plus trading cost";
    };
  }
}

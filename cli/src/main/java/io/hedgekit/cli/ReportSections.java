package io.hedgekit.cli;

import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.engine.RiskRun;
import io.hedgekit.risk.hedge.BeforeAfter;
import io.hedgekit.risk.hedge.HedgeResult;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeTicket;
import io.hedgekit.risk.hedge.UnderlyingRisk;
import io.hedgekit.risk.stress.StressResult;
import io.hedgekit.risk.var.PositionContribution;
import io.hedgekit.risk.var.RiskFigure;
import io.hedgekit.risk.var.VarMethod;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the engine's morning run ({@link RiskEngine#riskRun}: Greeks, VaR/ES, stress, hedge, margin) into
 * the report's sections; shared by {@code hedgekit report} and {@code hedgekit demo}. Presentation
 * only: every number comes from the engine.
 */
final class ReportSections {
  private final RiskRun run;
  private final String scenarioDescription;

  /** @param scenarioDescription how the VaR section describes the scenario set (null without VaR) */
  ReportSections(RiskRun run, String scenarioDescription) {
    this.run = run;
    this.scenarioDescription = scenarioDescription;
  }

  /** Everything computed as report sections. */
  ReportData toReport(String title, Instant valuationTime, List<RunFacts.Fact> inputs, String backendDescription) {
    List<RunFacts.Timing> t = new ArrayList<>();
    run.timings().forEach((k, v) -> t.add(new RunFacts.Timing(k, v)));
    List<RunFacts.Fact> notes = List.of(
        new RunFacts.Fact("java", Runtime.version().toString()),
        new RunFacts.Fact("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch")));
    BookGreeks greeks = BookGreeks.of(run.greeks().portfolio(), run.greeks().byExpiry(), run.greeks().byStrike());
    RunFacts facts = new RunFacts(title, valuationTime, Instant.now(), Version.VERSION, backendDescription,
        greeks.portfolio().totalPositions(), inputs, t, notes);
    ReportData data = ReportData.greeksOnly(facts, greeks);
    if (run.var() != null) {
      data = data.withVar(varSection()).withContributors(contributors());
    }
    if (run.stress() != null) {
      data = data.withStress(stressSection());
    }
    if (run.hedge() != null) {
      data = data.withHedge(hedgeSection());
    }
    if (run.margin() != null) {
      data = data.withMargin(MarginSections.of(run.margin(), run.carry()));
    }
    return data;
  }

  private VarSection varSection() {
    List<VarSection.Estimate> estimates = new ArrayList<>();
    VarResult var = run.var();
    for (RiskFigure f : var.results()) {
      estimates.add(new VarSection.Estimate(f.method() == VarMethod.FULL ? "full revaluation" : f.method().label(), f.confidence(),
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
    var c = run.var().contributions();
    List<ContributorSection.Contributor> rows = new ArrayList<>();
    for (PositionContribution p : c.top()) {
      rows.add(new ContributorSection.Contributor(p.id(), p.underlying(), "", p.contribution()));
    }
    return new ContributorSection(String.format(Locale.ROOT, "ES %.1f%% (Euler contributions)", 100 * c.confidence()),
        c.es(), rows);
  }

  private StressSection stressSection() {
    StressResult stress = run.stress();
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
    HedgeResult hedge = run.hedge();
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
    return new HedgeSection(objective(run.hedgeTarget()), tickets, changes, c.totalCost(), tail);
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

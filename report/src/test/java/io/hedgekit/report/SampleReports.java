package io.hedgekit.report;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.reference.ReferenceGreeksKernel;
import io.hedgekit.kernels.reference.ReferencePricer;
import io.hedgekit.kernels.reference.ReferenceRevaluationKernel;
import io.hedgekit.risk.InMemoryBook;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Demo-like report data for tests and the README screenshot: a seeded BTC/ETH/SOL book of
 * options, futures, perpetuals and spot, valued with the scalar reference; 1,000 fat-tailed daily
 * scenarios revalued in full and by Greek approximations; stress grids; tail contributors; and a
 * perpetual + straddle hedge revalued on the same scenarios.
 */
final class SampleReports {
  static final Instant VALUATION = Instant.parse("2026-03-01T08:00:00Z");
  static final List<String> UNDERLYINGS = List.of("BTC", "ETH", "SOL");
  static final double[] SPOTS = {95_000, 3_100, 140};
  static final double[] BASE_VOL = {0.55, 0.68, 0.85};
  static final double[] DAILY_VOL = {0.03, 0.04, 0.055};
  static final double RATE = 0.04;
  static final double HORIZON = 1.0 / 365.0;
  static final int SCENARIOS = 1_000;
  static final double[] CONFIDENCES = {0.95, 0.99};
  static final List<Double> SPOT_MOVES = List.of(-0.3, -0.2, -0.1, -0.05, 0.0, 0.05, 0.1, 0.2, 0.3);
  static final List<Double> VOL_MOVES = List.of(-0.2, -0.1, -0.05, 0.0, 0.05, 0.1, 0.2);
  private static final DateTimeFormatter SYMBOL_DATE = DateTimeFormatter.ofPattern("dMMMyy", Locale.ROOT).withZone(ZoneOffset.UTC);

  private SampleReports() {
  }

  /** Positions as growable columns. */
  static final class Rows {
    final List<String> ids = new ArrayList<>();
    final List<String> descriptions = new ArrayList<>();
    private final List<double[]> rows = new ArrayList<>();

    /** Adds a position; {@code u} indexes {@link #UNDERLYINGS}. */
    void add(String id, String description, ContractKind kind, int u, double strike, double days, double vol,
        double size, double entry, double funding) {
      ids.add(id);
      descriptions.add(description);
      rows.add(new double[] {kind.code(), u, SPOTS[u], strike, days / 365.0, vol, RATE, 0, size, entry, funding});
    }

    int size() {
      return rows.size();
    }

    PositionColumns columns() {
      int n = rows.size();
      int[] kind = new int[n];
      int[] und = new int[n];
      double[][] d = new double[9][n];
      for (int i = 0; i < n; i++) {
        double[] r = rows.get(i);
        kind[i] = (int) r[0];
        und[i] = (int) r[1];
        for (int c = 0; c < 9; c++) {
          d[c][i] = r[c + 2];
        }
      }
      return PositionColumns.ofArrays(kind, und, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
    }

    InMemoryBook book(int batchRows) {
      return new InMemoryBook(columns(), ids, UNDERLYINGS, SPOTS, batchRows);
    }
  }

  static double smileVol(int u, double moneyness, double days) {
    double x = Math.log(moneyness);
    return BASE_VOL[u] + 0.35 * x * x - 0.08 * x + 0.04 * Math.exp(-days / 20.0);
  }

  static String optionId(int u, boolean inverse, double strike, double days, boolean call) {
    String date = SYMBOL_DATE.format(VALUATION.plus(Duration.ofDays((long) days))).toUpperCase(Locale.ROOT);
    return UNDERLYINGS.get(u) + (inverse ? "" : "_USDC") + "-" + date + "-" + (long) strike + "-" + (call ? "C" : "P");
  }

  /** The sample book: about 40 options per underlying plus futures, perpetuals and spot. */
  static Rows book() {
    SplittableRandom rnd = new SplittableRandom(20260301);
    Rows rows = new Rows();
    double[] days = {2, 9, 23, 58, 121, 240, 400};
    double[] moneyness = {0.6, 0.75, 0.85, 0.95, 1.0, 1.05, 1.15, 1.25, 1.4, 1.6};
    double[] lot = {1, 10, 250};
    for (int u = 0; u < 3; u++) {
      double tick = u == 0 ? 1000 : u == 1 ? 50 : 5;
      for (double t : days) {
        for (double m : moneyness) {
          if (rnd.nextDouble() > 0.6) {
            continue;
          }
          double strike = Math.max(tick, Math.round(SPOTS[u] * m / tick) * tick);
          boolean call = m >= 1.0;
          boolean inverse = u < 2 && rnd.nextBoolean();
          // Short options dominate (a premium-selling book), sizes up to 20 lots.
          double size = (rnd.nextDouble() < 0.75 ? -1 : 1) * (1 + rnd.nextInt(20)) * lot[u];
          ContractKind kind = ContractKind.of(ContractKind.Instrument.OPTION, call, inverse);
          String id = optionId(u, inverse, strike, t, call);
          rows.add(id + "#" + rows.size(), (inverse ? "inverse " : "linear ") + (call ? "call " : "put ")
              + String.format(Locale.US, "%,.0f", strike) + ", " + (long) t + " d, size " + String.format(Locale.US, "%,.0f", size),
              kind, u, strike, t, smileVol(u, strike / SPOTS[u], t), size, 0, 0);
        }
      }
    }
    // Futures, perpetuals and spot (entry prices make the unrealised P&L non-zero).
    rows.add("BTC-27MAR26#f", "inverse future, face -$4,000,000", ContractKind.INVERSE_FUTURE, 0, 0, 26, 0.55,
        -4_000_000, 93_800, 0);
    rows.add("BTC-PERPETUAL#p", "inverse perpetual, face $2,500,000", ContractKind.INVERSE_PERPETUAL, 0, 0, 0, 0.55,
        2_500_000, 96_200, 0.0001);
    rows.add("BTC-SPOT#s", "spot 35 BTC", ContractKind.SPOT, 0, 0, 0, 0.55, 35, 0, 0);
    rows.add("ETH-26JUN26#f", "inverse future, face $1,200,000", ContractKind.INVERSE_FUTURE, 1, 0, 117, 0.68,
        1_200_000, 3_020, 0);
    rows.add("ETH_USDC-PERPETUAL#p", "linear perpetual, -600 ETH", ContractKind.LINEAR_PERPETUAL, 1, 0, 0, 0.68,
        -600, 3_150, 0.00012);
    rows.add("SOL_USDC-PERPETUAL#p", "linear perpetual, 9,000 SOL", ContractKind.LINEAR_PERPETUAL, 2, 0, 0, 0.85,
        9_000, 137.5, 0.00015);
    rows.add("SOL-SPOT#s", "spot 4,000 SOL", ContractKind.SPOT, 2, 0, 0, 0.85, 4_000, 0, 0);
    return rows;
  }

  static RunFacts facts(long positions, boolean withScenarios) {
    List<RunFacts.Fact> inputs = new ArrayList<>(List.of(
        new RunFacts.Fact("book", "sample book (" + positions + " positions, seeded)"),
        new RunFacts.Fact("market", "sample market: BTC $95,000, ETH $3,100, SOL $140, r = 4%")));
    List<RunFacts.Timing> timings = new ArrayList<>(List.of(new RunFacts.Timing("resolve book", 0.0123),
        new RunFacts.Timing("greeks", 0.0042)));
    if (withScenarios) {
      inputs.add(new RunFacts.Fact("scenarios", "1,000 fat-tailed daily scenarios (seeded)"));
      inputs.add(new RunFacts.Fact("universe", "perpetuals and 30-day ATM straddles"));
      timings.add(new RunFacts.Timing("full revaluation VaR", 1.234));
      timings.add(new RunFacts.Timing("stress", 0.087));
      timings.add(new RunFacts.Timing("hedge", 0.215));
    }
    return new RunFacts("sample BTC/ETH/SOL book", VALUATION, Instant.parse("2026-03-01T08:05:00Z"), "0.1.0",
        "scalar reference (1 thread)", positions, inputs, timings,
        List.of(new RunFacts.Fact("java", "25"), new RunFacts.Fact("note", "test data, not a real book <&>")));
  }

  /** The Greeks section only. */
  static ReportData greeksOnly() {
    Rows rows = book();
    BookGreeks g = BookGreeks.compute(rows.book(16), new ReferenceGreeksKernel());
    return ReportData.greeksOnly(facts(rows.size(), false), g);
  }

  /** Every section. */
  static ReportData full() {
    Rows rows = book();
    PositionColumns cols = rows.columns();
    BookGreeks g = BookGreeks.compute(rows.book(16), new ReferenceGreeksKernel());
    ScenarioColumns sc = scenarios();
    ReferenceRevaluationKernel reval = new ReferenceRevaluationKernel();
    PnlAccumulator acc = PnlAccumulator.zeros(SCENARIOS, 3);
    reval.revalue(cols, sc, acc);
    double[] full = acc.portfolio().clone();
    double[] dg = new double[SCENARIOS];
    double[] dgvt = new double[SCENARIOS];
    for (int s = 0; s < SCENARIOS; s++) {
      for (int u = 0; u < 3; u++) {
        double dS = SPOTS[u] * Math.expm1(sc.spotReturn(u, s));
        double deltaGamma = g.portfolio().get(u, "delta") * dS + 0.5 * g.portfolio().get(u, "gamma") * dS * dS;
        dg[s] += deltaGamma;
        dgvt[s] += deltaGamma + g.portfolio().get(u, "vega") * sc.volShift(u, s) + g.portfolio().get(u, "theta") * HORIZON;
      }
    }
    List<VarSection.Estimate> estimates = new ArrayList<>();
    String[] methods = {"full revaluation", "delta-gamma", "delta-gamma-vega-theta"};
    double[][] pnls = {full, dg, dgvt};
    for (int m = 0; m < 3; m++) {
      for (double c : CONFIDENCES) {
        double[] ve = varEs(pnls[m], c);
        estimates.add(new VarSection.Estimate(methods[m], c, ve[0], ve[1]));
      }
    }
    VarSection var = new VarSection("seeded fat-tailed daily moves, correlated across underlyings, with vol moves",
        1, estimates, new VarSection.Pnl(methods[0], full),
        List.of(new VarSection.Pnl(methods[1], dg), new VarSection.Pnl(methods[2], dgvt)));

    List<StressSection.Grid> grids = new ArrayList<>();
    for (int u = 0; u < 3; u++) {
      grids.add(stressGrid(cols, u));
    }
    StressSection stress = new StressSection("Instantaneous moves of one underlying at a time, full revaluation", grids);

    // Tail contributions: each position's mean P&L over the worst 1% of scenarios (sums to ES 99%).
    int k = (int) Math.ceil((1 - 0.99) * SCENARIOS);
    Integer[] order = new Integer[SCENARIOS];
    for (int s = 0; s < SCENARIOS; s++) {
      order[s] = s;
    }
    Arrays.sort(order, Comparator.comparingDouble(s -> full[s]));
    int[] tail = new int[k];
    for (int j = 0; j < k; j++) {
      tail[j] = order[j];
    }
    double[] perPosition = new double[cols.rows() * k];
    reval.revaluePositions(cols, sc, tail, perPosition);
    List<ContributorSection.Contributor> contributors = new ArrayList<>();
    for (int i = 0; i < cols.rows(); i++) {
      double mean = 0;
      for (int j = 0; j < k; j++) {
        mean += perPosition[i * k + j];
      }
      contributors.add(new ContributorSection.Contributor(rows.ids.get(i),
          UNDERLYINGS.get(cols.underlying().getAtIndex(PositionColumns.INT, i)), rows.descriptions.get(i), -mean / k));
    }
    contributors.sort(Comparator.comparingDouble(ContributorSection.Contributor::contribution).reversed());
    double es99 = varEs(full, 0.99)[1];
    ContributorSection top = new ContributorSection("Contribution to ES 99% (mean loss in the worst 1% of scenarios), USD",
        es99, contributors.subList(0, 10));

    return ReportData.greeksOnly(facts(rows.size(), true), g).withVar(var).withStress(stress).withContributors(top)
        .withHedge(hedge(g, sc, full)).withMargin(margin());
  }

  /** A margin section with hand-set numbers. */
  static MarginSection margin() {
    return new MarginSection("Deribit-style portfolio margin (test)", 1_250_000, 1_000_000, 1_000_000, 150_000, 100_000,
        4_000_000,
        List.of(new MarginSection.Row("BTC", 800_000, 150_000, 60_000, "spot -16%, vol up: loss 800,000 USD"),
            new MarginSection.Row("ETH", 200_000, 0, 40_000, "spot +16%, vol down: loss 200,000 USD")),
        List.of(new MarginSection.Liquidation("BTC alone", "-38.5%, BTC 58,500", "none within ±90%", -0.385),
            new MarginSection.Liquidation("all together", "-31.2%, BTC 65,360, ETH 2,339", "+62.0%", -0.312)),
        List.of(new MarginSection.CarryLine("BTC future 0.250 y", "basis", 0.061, "F 96,400.00 vs S 95,000.00"),
            new MarginSection.CarryLine("BTC perpetual", "funding", 0.1095, "0.01000% per 8 h")));
  }

  /** [VaR, ES] of historical P&amp;L at confidence c: the k-th worst loss and the mean of the k worst, k = ⌈(1−c)·n⌉. */
  static double[] varEs(double[] pnl, double c) {
    double[] sorted = pnl.clone();
    Arrays.sort(sorted);
    int k = (int) Math.ceil((1 - c) * sorted.length - 1e-9);
    double sum = 0;
    for (int i = 0; i < k; i++) {
      sum += sorted[i];
    }
    return new double[] {-sorted[k - 1], -sum / k};
  }

  static ScenarioColumns scenarios() {
    SplittableRandom rnd = new SplittableRandom(42);
    double[][] ret = new double[3][SCENARIOS];
    double[][] dvol = new double[3][SCENARIOS];
    for (int s = 0; s < SCENARIOS; s++) {
      double common = gaussian(rnd);
      // A scale mixture gives fat tails: 4% of days are 3x as volatile.
      double regime = rnd.nextDouble() < 0.04 ? 3.0 : 1.0;
      for (int u = 0; u < 3; u++) {
        double z = 0.85 * common + Math.sqrt(1 - 0.85 * 0.85) * gaussian(rnd);
        ret[u][s] = DAILY_VOL[u] * regime * z;
        dvol[u][s] = -0.6 * ret[u][s] + 0.008 * gaussian(rnd);
      }
    }
    return ScenarioColumns.ofArrays(ret, dvol, HORIZON);
  }

  private static double gaussian(SplittableRandom rnd) {
    double u1 = rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  static StressSection.Grid stressGrid(PositionColumns cols, int u) {
    int ns = SPOT_MOVES.size();
    int nv = VOL_MOVES.size();
    double[][] ret = new double[3][ns * nv];
    double[][] dvol = new double[3][];
    dvol[u] = new double[ns * nv];
    for (int v = 0; v < nv; v++) {
      for (int s = 0; s < ns; s++) {
        ret[u][v * ns + s] = Math.log1p(SPOT_MOVES.get(s));
        dvol[u][v * ns + s] = VOL_MOVES.get(v);
      }
    }
    PnlAccumulator acc = PnlAccumulator.zeros(ns * nv, 3);
    new ReferenceRevaluationKernel().revalue(cols, ScenarioColumns.ofArrays(ret, dvol, 0), acc);
    double[][] pnl = new double[nv][ns];
    for (int v = 0; v < nv; v++) {
      for (int s = 0; s < ns; s++) {
        pnl[v][s] = acc.byUnderlying()[u][v * ns + s];
      }
    }
    return new StressSection.Grid(UNDERLYINGS.get(u), SPOT_MOVES, VOL_MOVES, pnl);
  }

  /** Perpetuals flatten dollar delta; a 30-day ATM straddle per underlying takes out about 60% of its vega. */
  static HedgeSection hedge(BookGreeks g, ScenarioColumns sc, double[] full) {
    Rows trades = new Rows();
    List<HedgeSection.Ticket> tickets = new ArrayList<>();
    double[] row = new double[GreeksColumns.COUNT];
    for (int u = 0; u < 3; u++) {
      double tick = u == 0 ? 1000 : u == 1 ? 50 : 5;
      double atm = Math.round(SPOTS[u] / tick) * tick;
      double vol = smileVol(u, atm / SPOTS[u], 30);
      ReferencePricer.greeks(ContractKind.LINEAR_CALL.code(), SPOTS[u], atm, 30 / 365.0, vol, RATE, 0, 1, 0, row);
      double callVega = row[ReferencePricer.VEGA];
      double callPrice = row[ReferencePricer.VALUE];
      ReferencePricer.greeks(ContractKind.LINEAR_PUT.code(), SPOTS[u], atm, 30 / 365.0, vol, RATE, 0, 1, 0, row);
      double straddleVega = callVega + row[ReferencePricer.VEGA];
      double straddlePrice = callPrice + row[ReferencePricer.VALUE];
      double bookVega = g.portfolio().get(u, "vega");
      double qty = Math.round(-0.6 * bookVega / straddleVega);
      if (qty != 0) {
        for (boolean call : new boolean[] {true, false}) {
          String id = optionId(u, false, atm, 30, call);
          trades.add(id, "hedge", call ? ContractKind.LINEAR_CALL : ContractKind.LINEAR_PUT, u, atm, 30, vol, qty, 0, 0);
          tickets.add(new HedgeSection.Ticket(id, qty, Math.abs(qty) * straddlePrice * 0.5 * 0.02));
        }
      }
    }
    // Delta after the options, then perpetuals for the rest.
    PositionColumns optionCols = trades.columns();
    GreeksColumns optionGreeks = GreeksColumns.allocateOnHeap(optionCols.rows());
    new ReferenceGreeksKernel().compute(optionCols, optionGreeks);
    double[] optionDelta = new double[3];
    for (int i = 0; i < optionCols.rows(); i++) {
      optionDelta[optionCols.underlying().getAtIndex(PositionColumns.INT, i)] += optionGreeks.get(2, i);
    }
    String[] perp = {"BTC-PERPETUAL", "ETH-PERPETUAL", "SOL_USDC-PERPETUAL"};
    double[] face = {10, 1, 1};
    for (int u = 0; u < 3; u++) {
      double deltaCoins = g.portfolio().get(u, "delta") + optionDelta[u];
      boolean inverse = u < 2;
      // Inverse perpetual: face USD per contract, delta = face / entry coins; linear: 1 coin per contract.
      double qty = inverse ? Math.round(-deltaCoins * SPOTS[u] / face[u]) : Math.round(-deltaCoins);
      if (qty == 0) {
        continue;
      }
      double size = inverse ? qty * face[u] : qty;
      trades.add(perp[u], "hedge", inverse ? ContractKind.INVERSE_PERPETUAL : ContractKind.LINEAR_PERPETUAL, u, 0, 0,
          BASE_VOL[u], size, SPOTS[u], 0.0001);
      tickets.add(new HedgeSection.Ticket(perp[u], qty, Math.abs(inverse ? size : size * SPOTS[u]) * 0.0005));
    }
    PositionColumns tradeCols = trades.columns();
    BookGreeks tradeGreeks = BookGreeks.compute(new InMemoryBook(tradeCols, trades.ids, UNDERLYINGS, SPOTS, 64),
        new ReferenceGreeksKernel());
    List<HedgeSection.Change> changes = new ArrayList<>();
    for (int u = 0; u < 3; u++) {
      DeskGreeks before = g.underlyings().get(u).greeks();
      changes.add(new HedgeSection.Change(UNDERLYINGS.get(u), before, before.plus(tradeGreeks.underlyings().get(u).greeks())));
    }
    PnlAccumulator acc = PnlAccumulator.zeros(SCENARIOS, 3);
    new ReferenceRevaluationKernel().revalue(tradeCols, sc, acc);
    double[] after = full.clone();
    for (int s = 0; s < SCENARIOS; s++) {
      after[s] += acc.portfolio()[s];
    }
    double[] b = varEs(full, 0.99);
    double[] a = varEs(after, 0.99);
    double cost = tickets.stream().mapToDouble(HedgeSection.Ticket::cost).sum();
    return new HedgeSection("flatten dollar delta with perpetuals and cut vega by about 60% with 30-day"
        + " ATM straddles", tickets, changes, cost, Optional.of(new HedgeSection.Tail(0.99, b[0], b[1], a[0], a[1])));
  }
}

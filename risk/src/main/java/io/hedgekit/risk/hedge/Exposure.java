package io.hedgekit.risk.hedge;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.greeks.PortfolioGreeks;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Everything a hedge needs, computed once with a backend's kernels: the book's Greeks per
 * underlying, each universe instrument's Greeks per contract, and with scenarios the book's P&amp;L
 * per scenario and each instrument's P&amp;L per contract per scenario. Trades change Greeks and
 * P&amp;L linearly (a position's value is its size times the unit value), so the risk after any
 * quantities is a sum, without pricing again.
 */
final class Exposure {
  static final int DELTA = GreeksColumns.NAMES.indexOf("delta");
  static final int GAMMA = GreeksColumns.NAMES.indexOf("gamma");
  static final int VEGA = GreeksColumns.NAMES.indexOf("vega");
  static final int THETA = GreeksColumns.NAMES.indexOf("theta");

  final HedgeUniverse universe;
  final List<String> names;
  final double[] spots;
  /** bookGreeks[u][c], c in GreeksColumns.NAMES order; zeros for underlyings the book does not list. */
  final double[][] bookGreeks;
  /** positions of the book per underlying. */
  final long[] bookCounts;
  /** unitGreeks[j][c] per contract of instrument j. */
  final double[][] unitGreeks;
  /** bookPnl[s], USD; null without scenarios. */
  final double[] bookPnl;
  /** unitPnl[j][s], USD per contract; null without scenarios; a null row when the set does not move j's underlying. */
  final double[][] unitPnl;
  final int scenarios;
  final HedgeOptions options;

  private Exposure(HedgeUniverse universe, double[][] bookGreeks, long[] bookCounts, double[][] unitGreeks,
      double[] bookPnl, double[][] unitPnl, int scenarios, HedgeOptions options) {
    this.universe = universe;
    this.names = universe.underlyings();
    this.spots = universe.spots();
    this.bookGreeks = bookGreeks;
    this.bookCounts = bookCounts;
    this.unitGreeks = unitGreeks;
    this.bookPnl = bookPnl;
    this.unitPnl = unitPnl;
    this.scenarios = scenarios;
    this.options = options;
  }

  /**
   * Prices the book and the universe.
   *
   * @param scenarios null for Greeks only
   */
  static Exposure compute(ComputeBackend backend, ResolvedBook book, HedgeUniverse universe, ScenarioColumns scenarios,
      HedgeOptions options) {
    HedgeUniverse aligned = universe.onUnderlyings(book.underlyings(), book.spots());
    int nu = aligned.underlyings().size();
    PortfolioGreeks pg = PortfolioGreeks.compute(book, backend.greeks());
    double[][] bookGreeks = new double[nu][GreeksColumns.COUNT];
    long[] counts = new long[nu];
    for (int u = 0; u < pg.sums().length; u++) {
      bookGreeks[u] = pg.sums()[u].clone();
      counts[u] = pg.positions()[u];
    }
    PositionColumns units = aligned.unitBook().columns();
    int n = units.rows();
    GreeksColumns out = GreeksColumns.allocateOnHeap(n);
    backend.greeks().compute(units, out);
    double[][] unitGreeks = new double[n][GreeksColumns.COUNT];
    for (int j = 0; j < n; j++) {
      for (int c = 0; c < GreeksColumns.COUNT; c++) {
        unitGreeks[j][c] = out.get(c, j);
      }
    }
    if (scenarios == null) {
      return new Exposure(aligned, bookGreeks, counts, unitGreeks, null, null, 0, options);
    }
    int m = scenarios.scenarios();
    if (m < 1) {
      throw new IllegalArgumentException("the scenario set has no scenarios");
    }
    PnlAccumulator acc = PnlAccumulator.zeros(m, scenarios.underlyings());
    Iterator<ResolvedBatch> it = book.batches();
    try {
      while (it.hasNext()) {
        try (ResolvedBatch batch = it.next()) {
          backend.revaluation().revalue(batch.columns(), scenarios, acc);
        }
      }
    } finally {
      ResolvedBook.endPass(it);
    }
    // instruments on underlyings the scenario set moves are revalued together, in one call
    List<Integer> moved = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      if (aligned.get(j).underlying() < scenarios.underlyings()) {
        moved.add(j);
      }
    }
    double[][] unitPnl = new double[n][];
    if (!moved.isEmpty()) {
      int[] rows = moved.stream().mapToInt(Integer::intValue).toArray();
      PositionColumns sub = subset(units, rows);
      int[] all = new int[m];
      for (int s = 0; s < m; s++) {
        all[s] = s;
      }
      double[] flat = new double[rows.length * m];
      backend.revaluation().revaluePositions(sub, scenarios, all, flat);
      for (int r = 0; r < rows.length; r++) {
        unitPnl[rows[r]] = java.util.Arrays.copyOfRange(flat, r * m, (r + 1) * m);
      }
    }
    return new Exposure(aligned, bookGreeks, counts, unitGreeks, acc.portfolio(), unitPnl, m, options);
  }

  private static PositionColumns subset(PositionColumns p, int[] rows) {
    if (rows.length == p.rows()) {
      return p;
    }
    int n = rows.length;
    int[] kind = new int[n], und = new int[n];
    double[][] d = new double[9][n];
    for (int r = 0; r < n; r++) {
      var pos = p.row(rows[r]);
      kind[r] = pos.kind().code();
      und[r] = pos.underlying();
      d[0][r] = pos.spot();
      d[1][r] = pos.strike();
      d[2][r] = pos.timeYears();
      d[3][r] = pos.vol();
      d[4][r] = pos.rate();
      d[5][r] = pos.carry();
      d[6][r] = pos.size();
      d[7][r] = pos.entryPrice();
      d[8][r] = pos.funding8h();
    }
    return PositionColumns.ofArrays(kind, und, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
  }

  int instruments() {
    return unitGreeks.length;
  }

  HedgeInstrument instrument(int j) {
    return universe.get(j);
  }

  boolean hasScenarios() {
    return bookPnl != null;
  }

  /** P&amp;L per scenario of the book plus q, USD. */
  double[] pnlAfter(double[] q) {
    double[] pnl = bookPnl.clone();
    for (int j = 0; j < q.length; j++) {
      if (q[j] != 0) {
        double[] unit = unitPnl[j];
        if (unit == null) {
          throw new IllegalArgumentException("the scenario set does not move " + names.get(instrument(j).underlying())
              + ", the underlying of " + instrument(j).id());
        }
        for (int s = 0; s < pnl.length; s++) {
          pnl[s] += q[j] * unit[s];
        }
      }
    }
    return pnl;
  }

  /** Σ |q_j| · cost_j, USD. */
  double cost(double[] q) {
    double c = 0;
    for (int j = 0; j < q.length; j++) {
      c += Math.abs(q[j]) * instrument(j).cost();
    }
    return c;
  }

  /** Greek column c of underlying u after trading q. */
  double greekAfter(int u, int c, double[] q) {
    double g = bookGreeks[u][c];
    for (int j = 0; j < q.length; j++) {
      if (q[j] != 0 && instrument(j).underlying() == u) {
        g += q[j] * unitGreeks[j][c];
      }
    }
    return g;
  }

  /** Tickets for the nonzero quantities, in universe order. */
  List<HedgeTicket> tickets(double[] q) {
    List<HedgeTicket> t = new ArrayList<>();
    for (int j = 0; j < q.length; j++) {
      if (q[j] != 0) {
        t.add(new HedgeTicket(instrument(j).id(), q[j], Math.abs(q[j]) * instrument(j).cost()));
      }
    }
    return t;
  }

  /**
   * Before/after for quantities q: rows for the underlyings the book holds positions in or q
   * trades, in underlying order; VaR/ES when scenarios were given.
   */
  BeforeAfter compare(double[] q) {
    double[] none = new double[q.length];
    List<UnderlyingRisk> before = new ArrayList<>();
    List<UnderlyingRisk> after = new ArrayList<>();
    for (int u = 0; u < names.size(); u++) {
      boolean traded = false;
      for (int j = 0; j < q.length; j++) {
        traded |= q[j] != 0 && instrument(j).underlying() == u;
      }
      if (bookCounts[u] == 0 && !traded) {
        continue;
      }
      before.add(risk(u, none));
      after.add(risk(u, q));
    }
    TailRisk.VarEs tailBefore = null;
    TailRisk.VarEs tailAfter = null;
    if (hasScenarios()) {
      tailBefore = options.tailRisk().measure(bookPnl.clone(), options.confidence());
      tailAfter = options.tailRisk().measure(pnlAfter(q), options.confidence());
    }
    return new BeforeAfter(before, after, scenarios, options.confidence(), tailBefore, tailAfter, cost(q));
  }

  private UnderlyingRisk risk(int u, double[] q) {
    double delta = greekAfter(u, DELTA, q);
    return new UnderlyingRisk(names.get(u), spots[u], delta, greekAfter(u, GAMMA, q), greekAfter(u, VEGA, q),
        greekAfter(u, THETA, q), delta * spots[u]);
  }
}

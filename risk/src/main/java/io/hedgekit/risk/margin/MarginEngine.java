package io.hedgekit.risk.margin;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.Position;
import io.hedgekit.kernels.RevaluationKernel;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.risk.ResolvedBook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Portfolio margin by full revaluation (docs/margin.md).
 *
 * <p>Per underlying U, with the model's parameters for U:
 * <ul>
 *   <li><b>risk matrix</b>: spot moves −R..+R in {@code priceSteps} equal steps × vol down,
 *       unchanged, up (the expiry-dependent shocks of {@link MarginParameters}); every cell is the
 *       instantaneous (horizon 0) P&amp;L of U's positions, and of U's coin collateral after haircut
 *       when the model says so, from the backend's revaluation kernel. Component = max(0, worst
 *       cell loss).</li>
 *   <li><b>extended</b>: each extended move m_k with vol up gives loss L_k; weighted
 *       W_k = factor·(R/|m_k|)·max(0, L_k − dampener); component = max(0, max_k W_k − risk matrix).
 *       The R/|m_k| scaling brings a linear loss back to the core range, so the add-on charges
 *       only losses that grow faster than linearly (short options far out of the money).</li>
 *   <li><b>contingency</b>: short-option rate × spot × Σ over (expiry, strike) of net short option
 *       coins, plus futures rate × min(long, short) USD notional of U's futures and perpetuals.</li>
 * </ul>
 * IM = Σ_U (risk matrix + extended + contingency); MM = IM × maintenance ratio. Underlyings do not
 * offset each other. Equity = cash collateral + coin collateral × spot (after haircuts) + book value.
 *
 * <p>Distance to liquidation: for each underlying moved alone and for all moved together by the
 * same relative move m, the first m (searching outwards from 0 on a 2% grid to ±90%, then by
 * bisection to 1e-7) at which equity(m) − MM(m) ≤ 0, with the book, the coin collateral and the
 * whole margin (risk matrix, extended, contingency) recomputed at the moved spot by full revaluation.
 *
 * <p>Thread-safe when the backend is; holds no state between calls.
 */
public final class MarginEngine {
  /** Liquidation is searched within ±this relative move. */
  public static final double SEARCH_LIMIT = 0.9;
  /** Grid step of the outward liquidation search. */
  public static final double SEARCH_STEP = 0.02;
  private static final int BISECTIONS = 24;

  private final ComputeBackend backend;
  private final MarginModel model;

  /**
   * @param backend whose revaluation kernel prices every cell
   * @param model the margin model
   */
  public MarginEngine(ComputeBackend backend, MarginModel model) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.model = Objects.requireNonNull(model, "model");
  }

  /** The model. */
  public MarginModel model() {
    return model;
  }

  /** USD prices of every market underlying (spot), for collateral currencies the book does not hold. */
  public static Map<String, Double> prices(MarketData market) {
    Map<String, Double> p = new LinkedHashMap<>();
    for (String name : market.underlyingNames()) {
      p.put(name, market.underlying(name).spot());
    }
    return p;
  }

  /**
   * Margin, equity and distance to liquidation of a book and its collateral.
   *
   * @param prices USD prices of collateral currencies that are not book underlyings
   * @throws IllegalArgumentException for collateral without a price, or an underlying the model
   *     has no parameters for
   */
  public MarginResult compute(ResolvedBook book, Collateral collateral, Map<String, Double> prices) {
    return compute(book, List.of(), collateral, prices);
  }

  /**
   * As {@link #compute(ResolvedBook, Collateral, Map)} for the book plus extra positions (trades),
   * whose underlying indices refer to {@code book.underlyings()}. The trades execute at today's
   * model value, paid from (or into) cash, so they change equity only through later moves;
   * trading costs are not deducted.
   */
  public MarginResult compute(ResolvedBook book, List<Position> extra, Collateral collateral, Map<String, Double> prices) {
    MarginPortfolio.Builder b = new MarginPortfolio.Builder(book.underlyings(), book.spots()).addBook(book);
    double premium = 0;
    for (Position p : extra) {
      b.add(p);
      premium += io.hedgekit.kernels.reference.ReferencePricer.value(p.kind().code(), p.spot(), p.strike(), p.timeYears(),
          p.vol(), p.rate(), p.carry(), p.size(), p.entryPrice());
    }
    // Trades execute at today's model value: the premium (or mark) is paid from cash.
    return compute(b.build(model, collateral, prices).withCash(-premium));
  }

  MarginResult compute(MarginPortfolio p) {
    int n = p.underlyings();
    double[] grid = searchGrid();
    State[][] states = evaluate(p, grid);
    State[] today = states[0];
    double equity = p.cash;
    double im = 0;
    double rm = 0;
    double ext = 0;
    double cont = 0;
    List<MarginResult.UnderlyingMargin> per = new ArrayList<>();
    MarginResult.Cell worst = null;
    Map<String, Double> bookValue = new LinkedHashMap<>();
    for (int u = 0; u < n; u++) {
      State s = today[u];
      equity += p.bookValue[u] + s.value;
      rm += s.riskMatrix;
      ext += s.extended;
      cont += s.contingency;
      im += s.im();
      MarginResult.Cell cell = s.worstLoss > 0 ? cell(p, u, s.worstSlot, s.worstLoss) : null;
      per.add(new MarginResult.UnderlyingMargin(p.names.get(u), p.spots[u], s.riskMatrix, s.extended, s.contingency, cell));
      if (cell != null && (worst == null || cell.loss() > worst.loss())) {
        worst = cell;
      }
      if (u < p.bookUnderlyings) {
        bookValue.put(p.names.get(u), p.bookValue[u]);
      }
    }
    double mm = im * model.maintenanceRatio();
    List<MarginResult.Liquidation> liq = liquidation(p, grid, states, equity);
    return new MarginResult(model.name(), im, mm, rm, ext, cont, per, equity, p.collateralValues, bookValue, worst, liq);
  }

  /** 0, then ±step, ±2·step, ... to ±SEARCH_LIMIT: index 2k−1 is +k·step, 2k is −k·step. */
  private static double[] searchGrid() {
    int k = (int) Math.round(SEARCH_LIMIT / SEARCH_STEP);
    double[] g = new double[2 * k + 1];
    for (int i = 1; i <= k; i++) {
      g[2 * i - 1] = i * SEARCH_STEP;
      g[2 * i] = -i * SEARCH_STEP;
    }
    return g;
  }

  /** equity − MM with underlying {@code moved} (−1: all) at state {@code at}, the others at today. */
  private double excess(MarginPortfolio p, State[] today, State[] at, int moved, double equityToday) {
    double eq = equityToday;
    double im = 0;
    for (int u = 0; u < p.underlyings(); u++) {
      State s = moved < 0 || moved == u ? at[u] : today[u];
      eq += s.value - today[u].value;
      im += s.im();
    }
    return eq - im * model.maintenanceRatio();
  }

  private List<MarginResult.Liquidation> liquidation(MarginPortfolio p, double[] grid, State[][] states,
      double equityToday) {
    int n = p.underlyings();
    List<MarginResult.Liquidation> out = new ArrayList<>();
    // Searches: one per (underlying or all, direction); lo = last move with excess > 0, hi = first with <= 0.
    int searches = 2 * (n + 1);
    double[] lo = new double[searches];
    double[] hi = new double[searches];
    boolean[] found = new boolean[searches];
    State[] today = states[0];
    boolean below = excess(p, today, today, -1, equityToday) <= 0;
    if (!below) {
      for (int s = 0; s < searches; s++) {
        int moved = s / 2 < n ? s / 2 : -1;
        int sign = s % 2 == 0 ? -1 : 1;
        double last = 0;
        for (int k = 1; 2 * k <= grid.length - 1; k++) {
          int idx = sign > 0 ? 2 * k - 1 : 2 * k;
          if (excess(p, today, states[idx], moved, equityToday) <= 0) {
            lo[s] = last;
            hi[s] = grid[idx];
            found[s] = true;
            break;
          }
          last = grid[idx];
        }
      }
      for (int it = 0; it < BISECTIONS; it++) {
        List<Integer> active = new ArrayList<>();
        for (int s = 0; s < searches; s++) {
          if (found[s]) {
            active.add(s);
          }
        }
        if (active.isEmpty()) {
          break;
        }
        double[] mids = new double[active.size()];
        for (int a = 0; a < mids.length; a++) {
          int s = active.get(a);
          mids[a] = 0.5 * (lo[s] + hi[s]);
        }
        State[][] at = evaluate(p, mids);
        for (int a = 0; a < mids.length; a++) {
          int s = active.get(a);
          int moved = s / 2 < n ? s / 2 : -1;
          if (excess(p, today, at[a], moved, equityToday) <= 0) {
            hi[s] = mids[a];
          } else {
            lo[s] = mids[a];
          }
        }
      }
    }
    for (int t = 0; t <= n; t++) {
      String name = t < n ? p.names.get(t) : MarginResult.ALL;
      MarginResult.Point down = null;
      MarginResult.Point up = null;
      if (!below) {
        down = found[2 * t] ? point(p, t < n ? t : -1, hi[2 * t]) : null;
        up = found[2 * t + 1] ? point(p, t < n ? t : -1, hi[2 * t + 1]) : null;
      }
      out.add(new MarginResult.Liquidation(name, below, down, up));
    }
    return out;
  }

  private static MarginResult.Point point(MarginPortfolio p, int moved, double move) {
    Map<String, Double> prices = new LinkedHashMap<>();
    for (int u = 0; u < p.underlyings(); u++) {
      if (moved < 0 || moved == u) {
        prices.put(p.names.get(u), p.spots[u] * (1 + move));
      }
    }
    return new MarginResult.Point(move, prices);
  }

  private static MarginResult.Cell cell(MarginPortfolio p, int u, int slot, double loss) {
    Layout l = new Layout(p.params[u]);
    return new MarginResult.Cell(p.names.get(u), l.move(slot), switch (l.vol(slot)) {
      case -1 -> "down";
      case 1 -> "up";
      default -> "unchanged";
    }, loss);
  }

  /** One underlying's margin figures at one move. */
  static final class State {
    /** Book P&amp;L against today plus coin collateral value at the move, USD. */
    double value;
    double riskMatrix;
    double extended;
    double contingency;
    int worstSlot = -1;
    double worstLoss;

    double im() {
      return riskMatrix + extended + contingency;
    }
  }

  /**
   * Scenario slots of one underlying: 0 = the base (no cell move), then the core cells
   * (spot step i, vol state j: slot 1 + 3i + j, j = 0 down, 1 unchanged, 2 up), then the extended
   * moves (vol up).
   */
  static final class Layout {
    final MarginParameters params;
    final double[] core;
    final double[] extended;

    Layout(MarginParameters params) {
      this.params = params;
      this.core = params.spotMoves();
      this.extended = params.extendedMoves();
    }

    int slots() {
      return 1 + 3 * core.length + extended.length;
    }

    boolean isCore(int slot) {
      return slot >= 1 && slot <= 3 * core.length;
    }

    boolean isExtended(int slot) {
      return slot > 3 * core.length && slot < slots();
    }

    double move(int slot) {
      if (isCore(slot)) {
        return core[(slot - 1) / 3];
      }
      return isExtended(slot) ? extended[slot - 1 - 3 * core.length] : 0.0;
    }

    /** −1 vol down, 0 unchanged, +1 up. */
    int vol(int slot) {
      if (isCore(slot)) {
        return (slot - 1) % 3 - 1;
      }
      return isExtended(slot) ? 1 : 0;
    }
  }

  /**
   * Margin figures of every underlying at each move (all underlyings moved by {@code moves[b]}
   * at once: an underlying's positions depend only on its own spot, so this also gives each
   * underlying moved alone).
   */
  State[][] evaluate(MarginPortfolio p, double[] moves) {
    Layout[] layouts = layouts(p);
    int k = slots(layouts);
    PnlAccumulator acc = revalue(p, moves);
    int n = p.underlyings();
    int nb = p.bookUnderlyings;
    State[][] out = new State[moves.length][n];
    double[] cells = new double[k];
    for (int b = 0; b < moves.length; b++) {
      for (int u = 0; u < n; u++) {
        double spot = p.spots[u] * (1 + moves[b]);
        for (int slot = 0; slot < k; slot++) {
          cells[slot] = u < nb ? acc.byUnderlying()[u][b * k + slot] : 0.0;
        }
        out[b][u] = assess(layouts[u], cells, spot, p.coinCollateral[u], p.contingency[u]);
      }
    }
    return out;
  }

  static Layout[] layouts(MarginPortfolio p) {
    Layout[] layouts = new Layout[p.underlyings()];
    for (int u = 0; u < layouts.length; u++) {
      layouts[u] = new Layout(p.params[u]);
    }
    return layouts;
  }

  static int slots(Layout[] layouts) {
    int k = 1;
    for (Layout l : layouts) {
      k = Math.max(k, l.slots());
    }
    return k;
  }

  /**
   * P&amp;L against today of the book's positions per book underlying, scenario b·K + slot for
   * move b and slot (K = {@link #slots}).
   */
  PnlAccumulator revalue(MarginPortfolio p, double[] moves) {
    int n = p.underlyings();
    int nb = p.bookUnderlyings;
    Layout[] layouts = new Layout[n];
    int k = 1;
    for (int u = 0; u < n; u++) {
      layouts[u] = new Layout(p.params[u]);
      k = Math.max(k, layouts[u].slots());
    }
    int m = moves.length * k;
    double[][] returns = new double[nb][m];
    for (int u = 0; u < nb; u++) {
      for (int b = 0; b < moves.length; b++) {
        double base = Math.log1p(moves[b]);
        for (int slot = 0; slot < k; slot++) {
          returns[u][b * k + slot] = base + Math.log1p(layouts[u].move(slot));
        }
      }
    }
    PnlAccumulator acc = PnlAccumulator.zeros(m, nb);
    RevaluationKernel kernel = backend.revaluation();
    double[] shift = new double[m];
    for (MarginPortfolio.Group g : p.groups) {
      double[][] shifts = new double[nb][];
      if (g.option()) {
        MarginParameters par = p.params[g.underlying()];
        double up = par.volUpShift(g.vol(), g.years());
        double down = par.volDownShift(g.vol(), g.years());
        Layout l = layouts[g.underlying()];
        for (int b = 0; b < moves.length; b++) {
          for (int slot = 0; slot < k; slot++) {
            int v = slot < l.slots() ? l.vol(slot) : 0;
            shift[b * k + slot] = v > 0 ? up : v < 0 ? down : 0.0;
          }
        }
        shifts[g.underlying()] = shift;
      }
      kernel.revalue(g.columns(), ScenarioColumns.ofArrays(returns, shifts, 0.0), acc);
    }
    for (int s = 0; s < m; s++) {
      if (!Double.isFinite(acc.portfolio()[s])) {
        throw new IllegalStateException("margin revaluation gave P&L " + acc.portfolio()[s] + " in scenario " + s
            + "; check the book's inputs");
      }
    }
    return acc;
  }

  /**
   * One underlying's figures from its P&amp;L per slot.
   *
   * @param pnl book P&amp;L against today per slot (slot 0: at the move itself), USD
   * @param spot spot at the move
   * @param coin coin collateral units after haircut
   */
  State assess(Layout l, double[] pnl, double spot, double coin, MarginPortfolio.Contingency contingency) {
    MarginParameters par = l.params;
    State st = new State();
    st.value = pnl[0] + coin * spot;
    double coinInMatrix = model.collateralInRiskMatrix() ? coin * spot : 0.0;
    double worstExt = 0;
    for (int slot = 1; slot < l.slots(); slot++) {
      double move = l.move(slot);
      double loss = -(pnl[slot] - pnl[0] + coinInMatrix * move);
      if (l.isCore(slot)) {
        // On a tie (a book without vega) name the vol-unchanged cell of the same spot move.
        double tol = 1e-12 * Math.max(1.0, Math.abs(loss));
        boolean tieUnchanged = st.worstSlot >= 0 && l.vol(slot) == 0 && l.move(slot) == l.move(st.worstSlot)
            && Math.abs(loss - st.worstLoss) <= tol;
        if (loss > st.worstLoss + tol || tieUnchanged) {
          st.worstLoss = loss;
          st.worstSlot = slot;
        }
      } else {
        double w = par.extendedFactor() * (par.priceRange() / Math.abs(move))
            * Math.max(0.0, loss - par.extendedDampenerUsd());
        worstExt = Math.max(worstExt, w);
      }
    }
    st.riskMatrix = Math.max(0.0, st.worstLoss);
    st.extended = Math.max(0.0, worstExt - st.riskMatrix);
    st.contingency = contingency.value(par, spot);
    return st;
  }
}

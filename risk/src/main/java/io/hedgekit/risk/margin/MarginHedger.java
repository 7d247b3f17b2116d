package io.hedgekit.risk.margin;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.Position;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.hedge.HedgeInstrument;
import io.hedgekit.risk.hedge.HedgeOptions;
import io.hedgekit.risk.hedge.HedgeResult;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeTicket;
import io.hedgekit.risk.hedge.HedgeUniverse;
import io.hedgekit.risk.hedge.ProposedTrade;
import io.hedgekit.risk.hedge.WhatIf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code min-margin} hedge target: the trades within a hedge universe (lots, bounds, costs)
 * that minimise initial margin plus trading cost.
 *
 * <p>Method (not an LP: the margin is a maximum over cells of piecewise-linear losses plus
 * contingency terms, so it is convex in the quantities but not smooth): every risk-matrix and
 * extended cell is revalued once for the book and once per contract of each instrument (the
 * kernels' P&amp;L is linear in size), so the IM of any quantities is exact arithmetic on those
 * vectors. A coordinate search then starts from no trade, tries ± a step of each instrument
 * (steps are lot × 2^k, from the size that would offset the book's dollar delta down to one lot),
 * keeps any move that lowers IM + cost, and halves the step when none does. The result is
 * lot-multiple and within bounds; it is a local minimum of a convex objective over the lot grid,
 * not a proven global one. The before/after margin is recomputed by {@link MarginEngine} on the
 * book plus the trades (netted with the book's own instruments).
 */
public final class MarginHedger {
  private static final int MAX_MOVES = 20_000;

  private final ComputeBackend backend;
  private final MarginEngine engine;

  /**
   * @param backend prices the cells
   * @param model the margin model
   */
  public MarginHedger(ComputeBackend backend, MarginModel model) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.engine = new MarginEngine(backend, model);
  }

  /**
   * The hedge and the margin before and after.
   *
   * @param hedge tickets, Greek before/after table (no scenarios) and notes
   * @param before margin of the book
   * @param after margin of the book plus the tickets
   */
  public record Result(HedgeResult hedge, MarginResult before, MarginResult after) {
  }

  /**
   * Sizes the min-margin hedge.
   *
   * @param prices USD prices of collateral currencies that are not book underlyings
   */
  public Result hedge(ResolvedBook book, HedgeUniverse universe, Collateral collateral, Map<String, Double> prices) {
    HedgeUniverse aligned = universe.onUnderlyings(book.underlyings(), book.spots());
    int nb = book.underlyings().size();
    MarginModel model = engine.model();
    MarginPortfolio base = new MarginPortfolio.Builder(book.underlyings(), book.spots()).addBook(book)
        .build(model, collateral, prices);
    MarginEngine.Layout[] layouts = MarginEngine.layouts(base);
    int k = MarginEngine.slots(layouts);
    double[] zero = {0.0};
    double[][] bookCells = cells(base, zero, k, nb);
    List<String> notes = new ArrayList<>();
    int count = aligned.size();
    double[][] unit = new double[count][];
    boolean[] usable = new boolean[count];
    for (int j = 0; j < count; j++) {
      HedgeInstrument h = aligned.get(j);
      if (h.underlying() >= nb) {
        notes.add(h.id() + " left out: the book holds nothing on " + aligned.underlyings().get(h.underlying()));
        continue;
      }
      usable[j] = true;
      MarginPortfolio one = new MarginPortfolio.Builder(book.underlyings(), book.spots()).add(h.contract())
          .build(model, Collateral.none(), prices);
      unit[j] = cells(one, zero, k, nb)[h.underlying()];
    }
    Objective f = new Objective(base, layouts, bookCells, unit, aligned, k);
    double[] q = new double[count];
    double best = f.value(q);
    double start = best;
    int moves = 0;
    double[] step = new double[count];
    double maxSteps = 0;
    for (int j = 0; j < count; j++) {
      if (!usable[j]) {
        continue;
      }
      HedgeInstrument h = aligned.get(j);
      double bookDelta = dollarDelta(layouts[h.underlying()], bookCells[h.underlying()]);
      double unitDelta = dollarDelta(layouts[h.underlying()], unit[j]);
      double size = unitDelta == 0 ? 64 * h.lot() : Math.abs(bookDelta / unitDelta);
      double lots = Math.max(1, size / h.lot());
      step[j] = h.lot() * Math.pow(2, Math.ceil(Math.log(lots) / Math.log(2)));
      maxSteps = Math.max(maxSteps, step[j] / h.lot());
    }
    for (double scale = 1; scale <= maxSteps * 2 && moves < MAX_MOVES; scale *= 2) {
      // scale counts the halvings done; each instrument's step is step[j] / scale, at least one lot.
      boolean improved = true;
      while (improved && moves < MAX_MOVES) {
        improved = false;
        for (int j = 0; j < count; j++) {
          if (!usable[j]) {
            continue;
          }
          HedgeInstrument h = aligned.get(j);
          double s = Math.max(h.lot(), step[j] / scale);
          for (double dir : new double[] {1, -1}) {
            double old = q[j];
            double next = old + dir * s;
            if (next < h.lowestQuantity() || next > h.highestQuantity()) {
              continue;
            }
            q[j] = next;
            double v = f.value(q);
            moves++;
            if (v < best - 1e-9 * (1 + Math.abs(best))) {
              best = v;
              improved = true;
              break;
            }
            q[j] = old;
          }
        }
      }
    }
    if (moves >= MAX_MOVES) {
      notes.add("min-margin: stopped after " + MAX_MOVES + " trial moves");
    }
    List<ProposedTrade> trades = new ArrayList<>();
    List<Position> extra = new ArrayList<>();
    Map<String, Double> solved = new LinkedHashMap<>();
    for (int j = 0; j < count; j++) {
      if (q[j] != 0) {
        HedgeInstrument h = aligned.get(j);
        trades.add(new ProposedTrade(h.id(), q[j]));
        solved.put(h.id(), q[j]);
        Position c = h.contract();
        extra.add(new Position(c.kind(), c.underlying(), c.spot(), c.strike(), c.timeYears(), c.vol(), c.rate(),
            c.carry(), c.size() * q[j], c.entryPrice(), c.funding8h()));
      }
    }
    notes.add(String.format(Locale.ROOT, "min-margin: IM + cost %,.2f USD before, %,.2f USD after (%d trial moves)",
        start, best, moves));
    var whatIf = new WhatIf(backend).evaluate(book, universe, trades, null, HedgeOptions.defaults());
    List<HedgeTicket> tickets = whatIf.tickets();
    HedgeResult result = new HedgeResult(HedgeTarget.MIN_MARGIN, tickets, solved, whatIf.comparison(), notes);
    MarginResult before = engine.compute(base);
    MarginResult after = engine.compute(book, extra, collateral, prices);
    return new Result(result, before, after);
  }

  /**
   * Margin before and after proposed trades (several trades of one instrument add up).
   *
   * @return before and after, as {@code [before, after]}
   * @throws IllegalArgumentException for an id not in the universe, or a trade on an underlying
   *     the book does not hold
   */
  public MarginResult[] whatIf(ResolvedBook book, HedgeUniverse universe, List<ProposedTrade> trades,
      Collateral collateral, Map<String, Double> prices) {
    HedgeUniverse aligned = universe.onUnderlyings(book.underlyings(), book.spots());
    List<Position> extra = new ArrayList<>();
    for (ProposedTrade t : trades) {
      int j = aligned.indexOf(t.id());
      if (j < 0) {
        throw new IllegalArgumentException("unknown instrument " + t.id() + " in proposed trades");
      }
      HedgeInstrument h = aligned.get(j);
      if (h.underlying() >= book.underlyings().size()) {
        throw new IllegalArgumentException(t.id() + " trades " + aligned.underlyings().get(h.underlying())
            + ", which the book does not hold; margin after the trades is not computed");
      }
      Position c = h.contract();
      extra.add(new Position(c.kind(), c.underlying(), c.spot(), c.strike(), c.timeYears(), c.vol(), c.rate(),
          c.carry(), c.size() * t.quantity(), c.entryPrice(), c.funding8h()));
    }
    return new MarginResult[] {engine.compute(book, collateral, prices), engine.compute(book, extra, collateral, prices)};
  }

  /** Book P&amp;L per book underlying per slot at move {@code moves[0]}. */
  private double[][] cells(MarginPortfolio p, double[] moves, int k, int nb) {
    PnlAccumulator acc = engine.revalue(p, moves);
    double[][] out = new double[p.underlyings()][k];
    for (int u = 0; u < nb; u++) {
      System.arraycopy(acc.byUnderlying()[u], 0, out[u], 0, k);
    }
    return out;
  }

  /** Dollar delta from the ±R, vol-unchanged cells: (P(+R) − P(−R)) / 2R. */
  private static double dollarDelta(MarginEngine.Layout l, double[] cells) {
    int steps = l.core.length;
    int up = 1 + 3 * (steps - 1) + 1;
    int down = 1 + 1;
    return (cells[up] - cells[down]) / (2 * l.params.priceRange());
  }

  /** IM + cost of quantities q, from the cell vectors. */
  private final class Objective {
    private final MarginPortfolio base;
    private final MarginEngine.Layout[] layouts;
    private final double[][] book;
    private final double[][] unit;
    private final HedgeUniverse universe;
    private final double[] cells;

    Objective(MarginPortfolio base, MarginEngine.Layout[] layouts, double[][] book, double[][] unit,
        HedgeUniverse universe, int k) {
      this.base = base;
      this.layouts = layouts;
      this.book = book;
      this.unit = unit;
      this.universe = universe;
      this.cells = new double[k];
    }

    double value(double[] q) {
      double total = 0;
      for (int u = 0; u < base.underlyings(); u++) {
        System.arraycopy(book[u], 0, cells, 0, cells.length);
        MarginPortfolio.Contingency c = base.contingency[u].copy();
        for (int j = 0; j < q.length; j++) {
          HedgeInstrument h = universe.get(j);
          if (q[j] != 0 && h.underlying() == u) {
            for (int s = 0; s < cells.length; s++) {
              cells[s] += q[j] * unit[j][s];
            }
            Position p = h.contract();
            c.add(p.kind(), p.strike(), p.timeYears(), p.size() * q[j]);
          }
        }
        total += engine.assess(layouts[u], cells, base.spots[u], base.coinCollateral[u], c).im();
      }
      for (int j = 0; j < q.length; j++) {
        total += Math.abs(q[j]) * universe.get(j).cost();
      }
      return total;
    }
  }
}

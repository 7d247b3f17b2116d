package io.hedgekit.risk.intraday;

import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.risk.engine.Book;
import io.hedgekit.risk.engine.GreeksRequest;
import io.hedgekit.risk.engine.GreeksResult;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.ResolvedPositions;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.hedge.HedgeInstrument;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeUniverse;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the mandates' hedging policy would have done over a price history: today's book replayed
 * through the history's daily closes, one calendar day per history day.
 *
 * <p>Each day, in order: the book ages one day (options and futures whose expiry passes settle:
 * their last value, intrinsic at that day's close, becomes cash and they leave the book); each
 * underlying's spot moves by that day's close-to-close return of the history (spot_t = snapshot
 * spot × close_t / close_first; underlyings the history lacks keep their spot); implied vols move
 * with the <b>vol model</b> below; the day's P&amp;L of the unhedged and of the hedged book is
 * measured; the Greek limits are checked on both; then the policy re-hedges the hedged book at the
 * universe's costs: {@link Rebalance#DAILY} every scope that has a Greek limit, every day;
 * {@link Rebalance#THRESHOLD} only the scopes whose limit is breached (|exposure| &gt; limit). The
 * target per scope is the strongest among its limits (delta &lt; delta-gamma &lt; delta-gamma-vega);
 * hedge instruments with less than a day to expiry are not traded. The first day only sets up
 * (no P&amp;L, an initial re-hedge by the policy).
 *
 * <p><b>Vol model</b>: sticky strike plus a parallel shift per underlying that follows spot with
 * a leverage coefficient and decays back: {@code shift_t = shift_{t-1}·2^(−1/halfLifeDays) −
 * beta·ln(S_t/S_{t−1})} (defaults beta 0.5: a −10% day adds 5 vol points; half-life 30 days);
 * each option's vol is its snapshot vol plus the shift, floored at 0.01. VaR/ES limits are not
 * checked here (no scenarios), funding is not accrued, rates and carry are held.
 */
public final class HedgeBacktest {
  private HedgeBacktest() {
  }

  /** When the policy re-hedges. */
  public enum Rebalance {
    /** Every scope with a Greek limit, every day. */
    DAILY,
    /** Only the scopes whose limit is breached at the close. */
    THRESHOLD;

    /** {@code daily} or {@code threshold} (case-insensitive). */
    public static Rebalance parse(String s) {
      try {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("rebalance must be daily or threshold, was " + s);
      }
    }
  }

  /**
   * Settings.
   *
   * @param from first date (inclusive), or null for the history's first
   * @param to last date (inclusive), or null for the history's last
   * @param rebalance when to re-hedge
   * @param beta vol shift per unit of log return (0.5: −10% adds 5 vol points); 0 = vols fixed
   * @param halfLifeDays half-life of the vol shift's decay, days, &gt; 0
   * @param allowExpired value positions already expired at the snapshot at intrinsic instead of
   *     rejecting the book
   */
  public record Options(LocalDate from, LocalDate to, Rebalance rebalance, double beta, double halfLifeDays,
      boolean allowExpired) {

    /** Expired positions rejected. */
    public Options(LocalDate from, LocalDate to, Rebalance rebalance, double beta, double halfLifeDays) {
      this(from, to, rebalance, beta, halfLifeDays, false);
    }

    public Options {
      Objects.requireNonNull(rebalance, "rebalance");
      if (!Double.isFinite(beta)) {
        throw new IllegalArgumentException("beta must be finite, was " + beta);
      }
      if (!(halfLifeDays > 0)) {
        throw new IllegalArgumentException("vol half-life must be > 0 days, was " + halfLifeDays);
      }
      if (from != null && to != null && to.isBefore(from)) {
        throw new IllegalArgumentException("--to " + to + " is before --from " + from);
      }
    }

    /** The whole history, threshold re-hedging, beta 0.5, half-life 30 days. */
    public static Options defaults() {
      return new Options(null, null, Rebalance.THRESHOLD, 0.5, 30);
    }
  }

  /**
   * One day.
   *
   * @param date the history date
   * @param spots spot per underlying after the move, USD
   * @param unhedgedPnl the day's P&amp;L of the book alone, USD
   * @param hedgedPnl the day's P&amp;L of the book with the hedges held, net of the day's costs, USD
   * @param hedgesPnl hedged − unhedged (the hedges' P&amp;L net of costs), USD
   * @param cost trading cost of the day's re-hedge, USD
   * @param cumulativeCost costs so far, USD
   * @param rehedged whether the policy traded today
   * @param tickets tickets traded today
   * @param breachesUnhedged limits the book alone breaches at the close
   * @param breachesHedged limits the hedged book breaches at the close, before today's re-hedge
   * @param settled positions (book and hedges) that expired and settled today
   * @param notes infeasible hedges and why
   */
  public record Day(LocalDate date, Map<String, Double> spots, double unhedgedPnl, double hedgedPnl, double hedgesPnl,
      double cost, double cumulativeCost, boolean rehedged, int tickets, List<String> breachesUnhedged,
      List<String> breachesHedged, int settled, List<String> notes) {
  }

  /**
   * The result.
   *
   * @param days one per history date from the second on (the first sets up)
   * @param rebalance the policy
   * @param rehedges days the policy traded (the first day's set-up included)
   * @param totalCost all trading costs, USD
   * @param unhedgedTotal the book's P&amp;L over the period, USD
   * @param hedgedTotal the hedged book's P&amp;L over the period, net of costs, USD
   * @param breachDaysUnhedged days on which the book alone breached a limit
   * @param breachDaysHedged days on which the hedged book breached a limit at the close
   * @param setupNotes what happened on the first day
   */
  public record Result(List<Day> days, Rebalance rebalance, int rehedges, double totalCost, double unhedgedTotal,
      double hedgedTotal, int breachDaysUnhedged, int breachDaysHedged, List<String> setupNotes) {

    /** Standard deviation of the daily P&amp;L, USD: {unhedged, hedged}. */
    public double[] dailyStdDev() {
      double[] out = new double[2];
      int n = days.size();
      if (n < 2) {
        return out;
      }
      for (int k = 0; k < 2; k++) {
        double mean = 0;
        for (Day d : days) {
          mean += k == 0 ? d.unhedgedPnl() : d.hedgedPnl();
        }
        mean /= n;
        double ss = 0;
        for (Day d : days) {
          double x = (k == 0 ? d.unhedgedPnl() : d.hedgedPnl()) - mean;
          ss += x * x;
        }
        out[k] = Math.sqrt(ss / (n - 1));
      }
      return out;
    }
  }

  /**
   * Replays the history.
   *
   * @param universe the hedge universe resolved against {@code market}
   * @throws IllegalArgumentException when the period holds fewer than two dates
   * @throws io.hedgekit.kernels.InputException naming the first position that cannot be priced
   */
  public static Result run(RiskEngine engine, Book book, Market market, Mandates mandates, HedgeUniverse universe,
      PriceHistory history, Options options) {
    int first = -1;
    int last = -1;
    for (int t = 0; t < history.size(); t++) {
      LocalDate d = history.dates().get(t);
      if ((options.from() == null || !d.isBefore(options.from())) && (options.to() == null || !d.isAfter(options.to()))) {
        if (first < 0) {
          first = t;
        }
        last = t;
      }
    }
    if (first < 0 || last == first) {
      throw new IllegalArgumentException("the history " + history.source() + " has " + (first < 0 ? "no" : "one")
          + " date between " + options.from() + " and " + options.to() + "; the backtest needs at least two");
    }
    LiveBook bare;
    LiveBook hedged;
    try (ResolvedPositions r = engine.resolve(book, market,
        io.hedgekit.risk.engine.ResolvePolicy.strict().withAllowExpired(options.allowExpired()))) {
      bare = LiveBook.of(r);
      hedged = LiveBook.of(r);
    }
    List<HedgeInstrument> units = Hedging.onLiveUnderlyings(universe, hedged);
    List<String> names = bare.underlyings();
    int nu = names.size();
    int[] col = new int[nu];
    double[] spot0 = new double[nu];
    for (int u = 0; u < nu; u++) {
      col[u] = history.indexOf(names.get(u));
      spot0[u] = bare.spot(u);
    }
    double[] shift = new double[nu];
    double decay = Math.pow(2, -1 / options.halfLifeDays());
    double cashBare = 0;
    double cashHedged = 0;
    double cumCost = 0;
    int rehedges = 0;
    int breachDaysBare = 0;
    int breachDaysHedged = 0;
    LocalDate d0 = history.dates().get(first);
    double prevBare = value(engine, bare);
    List<String> setupNotes = new ArrayList<>();
    double before = value(engine, hedged);
    double setupCost = rebalance(engine, hedged, units, mandates, options.rebalance(), setupNotes, new int[1]);
    if (setupCost >= 0) {
      rehedges++;
      cumCost += setupCost;
    }
    // options bought are paid for: their premium leaves the cash as their value enters the book
    cashHedged -= value(engine, hedged) - before;
    double prevHedged = before - cumCost;
    List<Day> days = new ArrayList<>();
    for (int t = first + 1; t <= last; t++) {
      LocalDate date = history.dates().get(t);
      double years = ChronoUnit.DAYS.between(d0, date) / 365.0;
      Map<String, Double> spots = new LinkedHashMap<>();
      for (int u = 0; u < nu; u++) {
        double s = bare.spot(u);
        if (col[u] >= 0) {
          double c0 = history.close(col[u], first);
          double ct = history.close(col[u], t);
          double prevClose = history.close(col[u], t - 1);
          if (Double.isFinite(c0) && Double.isFinite(ct)) {
            s = spot0[u] * ct / c0;
          }
          double r = Double.isFinite(ct) && Double.isFinite(prevClose) ? Math.log(ct / prevClose) : 0;
          shift[u] = shift[u] * decay - options.beta() * r;
        }
        spots.put(names.get(u), s);
        for (LiveBook b : new LiveBook[] {bare, hedged}) {
          b.setSpot(u, s);
          b.setVolShift(u, shift[u]);
        }
      }
      bare.setElapsed(years);
      hedged.setElapsed(years);
      int settled = 0;
      double allBare = value(engine, bare);
      settled += bare.settleExpired();
      double liveBare = value(engine, bare);
      cashBare += allBare - liveBare;
      double allHedged = value(engine, hedged);
      int settledHedged = hedged.settleExpired();
      double liveHedged = value(engine, hedged);
      cashHedged += allHedged - liveHedged;
      settled = Math.max(settled, settledHedged);
      List<String> breachBare = breaches(engine, bare, mandates);
      List<String> breachHedged = breaches(engine, hedged, mandates);
      breachDaysBare += breachBare.isEmpty() ? 0 : 1;
      breachDaysHedged += breachHedged.isEmpty() ? 0 : 1;
      List<String> notes = new ArrayList<>();
      int[] tickets = new int[1];
      double cost = rebalance(engine, hedged, units, mandates, options.rebalance(), notes, tickets);
      boolean traded = cost >= 0;
      cost = Math.max(cost, 0);
      if (traded) {
        rehedges++;
      }
      cumCost += cost;
      double nowBare = liveBare + cashBare;
      double nowHedged = liveHedged + cashHedged - cumCost;
      if (traded) {
        // the trades are paid at today's model price: value in, the same cash out
        cashHedged -= value(engine, hedged) - liveHedged;
      }
      double pnlBare = nowBare - prevBare;
      double pnlHedged = nowHedged - prevHedged;
      prevBare = nowBare;
      prevHedged = nowHedged;
      days.add(new Day(date, spots, pnlBare, pnlHedged, pnlHedged - pnlBare, cost, cumCost, traded, tickets[0],
          breachBare, breachHedged, settled, notes));
    }
    double totalBare = 0;
    double totalHedged = 0;
    for (Day d : days) {
      totalBare += d.unhedgedPnl();
      totalHedged += d.hedgedPnl();
    }
    return new Result(days, options.rebalance(), rehedges, cumCost, totalBare, totalHedged, breachDaysBare,
        breachDaysHedged, setupNotes);
  }

  private static double value(RiskEngine engine, LiveBook b) {
    GreeksResult g = engine.greeks(b.view(), GreeksRequest.sums());
    double v = 0;
    for (String u : g.underlyings()) {
      v += g.sum(u, "value");
    }
    return v;
  }

  /** Labels of the Greek limits {@code b} breaches. */
  private static List<String> breaches(RiskEngine engine, LiveBook b, Mandates mandates) {
    GreeksResult g = engine.greeks(b.view(), GreeksRequest.sums());
    List<String> out = new ArrayList<>();
    for (Scope s : scopes(b, mandates)) {
      for (Mandates.Limit l : s.limits()) {
        double x = measure(g, b, s.underlying(), l);
        if (Math.abs(x) > l.maxAbs()) {
          out.add(l.label().replaceFirst("^\\*", s.underlying() == null ? "book" : s.underlying()));
        }
      }
    }
    return out;
  }

  /** A scope (an underlying, or the book when null) and its Greek limits. */
  private record Scope(String underlying, List<Mandates.Limit> limits) {
  }

  private static List<Scope> scopes(LiveBook b, Mandates mandates) {
    Map<String, List<Mandates.Limit>> by = new LinkedHashMap<>();
    for (Mandates.Limit l : mandates.limits()) {
      if (l.measure() == Mandates.Measure.VAR || l.measure() == Mandates.Measure.ES) {
        continue;
      }
      if (l.isBook()) {
        by.computeIfAbsent("", k -> new ArrayList<>()).add(l);
      } else if (l.underlying().equals("*")) {
        for (String u : b.underlyings()) {
          by.computeIfAbsent(u, k -> new ArrayList<>()).add(l);
        }
      } else if (b.indexOf(l.underlying()) >= 0) {
        by.computeIfAbsent(l.underlying(), k -> new ArrayList<>()).add(l);
      }
    }
    List<Scope> out = new ArrayList<>();
    by.forEach((k, v) -> out.add(new Scope(k.isEmpty() ? null : k, v)));
    return out;
  }

  private static double measure(GreeksResult g, LiveBook b, String underlying, Mandates.Limit l) {
    if (underlying == null) {
      double x = 0;
      for (String u : g.underlyings()) {
        x += measureOne(g, b, u, l);
      }
      return x;
    }
    return g.underlyings().contains(underlying) ? measureOne(g, b, underlying, l) : 0;
  }

  private static double measureOne(GreeksResult g, LiveBook b, String u, Mandates.Limit l) {
    GreeksResult.Desk d = g.desk(u);
    double spot = b.spot(b.indexOf(u));
    return switch (l.measure()) {
      case DELTA -> l.unit().equals("coin") ? g.sum(u, "delta") : d.dollarDelta();
      case GAMMA -> l.unit().equals("coin_per_pct") ? d.gammaPer1Pct() : d.gammaPer1Pct() * spot;
      case VEGA -> d.vegaPerVolPoint();
      case THETA -> d.thetaPerDay();
      default -> 0;
    };
  }

  /**
   * The policy's re-hedge of {@code hedged}; its tickets are added to it.
   *
   * @return the cost, USD, or -1 when nothing was traded
   */
  private static double rebalance(RiskEngine engine, LiveBook hedged, List<HedgeInstrument> units, Mandates mandates,
      Rebalance policy, List<String> notes, int[] tickets) {
    GreeksResult g = engine.greeks(hedged.view(), GreeksRequest.sums());
    double cost = -1;
    for (Scope s : scopes(hedged, mandates)) {
      boolean breached = false;
      HedgeTarget target = null;
      for (Mandates.Limit l : s.limits()) {
        breached |= Math.abs(measure(g, hedged, s.underlying(), l)) > l.maxAbs();
        if (l.target().neutralisesGreeks() && (target == null || l.target().ordinal() > target.ordinal())) {
          target = l.target();
        }
      }
      if (target == null || policy == Rebalance.THRESHOLD && !breached) {
        continue;
      }
      int ui = s.underlying() == null ? -1 : hedged.indexOf(s.underlying());
      Hedging.Sized u = Hedging.universe(hedged, units, ui, 1 / 365.0);
      String scope = s.underlying() == null ? "book" : s.underlying();
      if (u == null) {
        notes.add(scope + ": no hedge instrument with a day or more to expiry");
        continue;
      }
      try {
        Hedging.Sized sized = Hedging.size(engine, hedged, u, ui, target, null, 0.99);
        if (!sized.result().tickets().isEmpty()) {
          Hedging.apply(hedged, sized);
          cost = Math.max(cost, 0) + sized.result().totalCost();
          tickets[0] += sized.result().tickets().size();
        }
      } catch (IllegalArgumentException e) {
        notes.add(scope + " " + target.label() + ": " + e.getMessage());
      }
    }
    return cost;
  }
}

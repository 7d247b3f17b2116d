package io.hedgekit.risk.smile;

import io.hedgekit.io.market.OptionChainCsv.Quote;
import io.hedgekit.kernels.Conventions;
import io.hedgekit.kernels.market.SviSlice;
import io.hedgekit.kernels.market.VolSmile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calibrates an arbitrage-free SVI smile per expiry to an option chain.
 *
 * <p>Quotes: per expiry the out-of-the-money options (puts with K &lt; F, calls with K ≥ F, F the
 * chain's forward of that expiry), k = ln(K/F), T = ACT/365 years from the valuation time.
 * Excluded, and counted in the report: options nobody bids (best bid 0 or empty: an exchange mark,
 * not a price), and wings the exchange pins at a capped vol — from each end of the strike range
 * inward, the run of quotes within {@link #PINNED_VOL_POINTS} vol points of the outermost mark with
 * |delta| &lt; {@link #PINNED_MAX_DELTA}, when the run holds at least two quotes. An expiry with
 * fewer than {@link #MIN_QUOTES} quotes left is not fitted (the smile extrapolates over it).
 *
 * <p>Weights ({@link Weighting}): {@code VEGA} (the default) minimises the squared vol errors with
 * equal weight per quote, which is the squared price errors each divided by the option's vega²
 * (ΔP ≈ vega·Δσ). {@code BID_ASK} weighs each quote 1/h², h the half bid-ask spread in vol (the
 * chain's bid_iv/ask_iv, else its bid and ask prices turned into vols by the implied-vol solver), floored at {@link #MIN_HALF_SPREAD};
 * a quote with no ask takes the median h of its expiry; a chain with no bid/ask at all weighs
 * every quote equally. The reported errors are plain (unweighted) vol differences on the quotes
 * used.
 *
 * <p>Arbitrage: slices are fitted in expiry order, each with a penalty on Durrleman's g(k) &lt; 0
 * and on total variance below the previous slice on a k grid (401 points over ±max(2, 6·sqrt(max
 * quoted w) + 1)) with a margin (g ≥ 1e-4, w ≥ (1 + 1e-4)·w_prev) so that it holds between the
 * points too; penalty weight and margin grow (×100, ×4, up to 4 times) until the slice passes
 * {@link VolSmile#check} with the slices before it. Each slice is also fitted without the penalty,
 * and the report gives the RMSE that freedom from arbitrage cost.
 */
public final class SmileCalibration {

  /** Wing quotes within this many vol points of the outermost mark form a pinned run. */
  public static final double PINNED_VOL_POINTS = 0.5;
  /** Pinned runs only count where |delta| is below this. */
  public static final double PINNED_MAX_DELTA = 0.1;
  /** Fewest quotes a slice is fitted to. */
  public static final int MIN_QUOTES = 5;
  /** Smallest half bid-ask spread used for a weight, vol (0.25 vol points). */
  public static final double MIN_HALF_SPREAD = 0.0025;

  /**
   * What happened to one expiry.
   *
   * @param expiry the expiry
   * @param timeYears T, years
   * @param forward the chain's forward
   * @param quotes OTM quotes of the expiry
   * @param used quotes fitted to
   * @param unbid excluded: nobody bids
   * @param pinned excluded: capped wing marks
   * @param slice the fitted slice, or null if not fitted
   * @param rmseVolPoints RMSE on the used quotes, vol points (NaN if not fitted)
   * @param maxErrorVolPoints largest |error| on the used quotes, vol points
   * @param freeRmseVolPoints RMSE of the fit without the arbitrage penalty, vol points
   * @param minG min of Durrleman's g on the check grid
   * @param arbitrageFree whether the slice passes {@link VolSmile#check} with the slices before it
   * @param note why not fitted, or empty
   * @param usedK k of the used quotes
   * @param usedVol mark vols of the used quotes
   * @param excludedK k of the excluded quotes
   * @param excludedVol mark vols of the excluded quotes
   */
  public record SliceReport(Instant expiry, double timeYears, double forward, int quotes, int used, int unbid,
      int pinned, SviSlice slice, double rmseVolPoints, double maxErrorVolPoints, double freeRmseVolPoints,
      double minG, boolean arbitrageFree, String note, double[] usedK, double[] usedVol, double[] excludedK,
      double[] excludedVol) {
  }

  /**
   * A calibrated smile.
   *
   * @param underlying the underlying
   * @param valuationTime the time T is measured from
   * @param smile the fitted slices (null if no expiry could be fitted)
   * @param slices one report per expiry of the chain, in expiry order
   */
  public record Result(String underlying, Instant valuationTime, VolSmile smile, List<SliceReport> slices) {
  }

  /** How quotes are weighted in the fit. */
  public enum Weighting {
    /** Vol errors with equal weight: price errors over vega. */
    VEGA,
    /** Vol errors over the quote's half bid-ask spread in vol. */
    BID_ASK
  }

  private SmileCalibration() {
  }

  /**
   * The valuation time of a chain: the latest capture time of its rows.
   *
   * @throws IllegalArgumentException if no row has a capture time
   */
  public static Instant captureTime(List<Quote> quotes) {
    return quotes.stream().map(Quote::time).filter(java.util.Objects::nonNull).max(Comparator.naturalOrder())
        .orElseThrow(() -> new IllegalArgumentException(
            "the chain has no timestamp_ms or timestamp_ms_inferred: give --valuation-time"));
  }

  /**
   * Fits one smile to the quotes of {@code underlying}.
   *
   * @throws IllegalArgumentException if the chain has no quotes of that underlying after the valuation time
   */
  public static Result fit(List<Quote> chain, String underlying, Instant valuation, Weighting weighting) {
    Map<Instant, List<Quote>> byExpiry = new TreeMap<>();
    for (Quote q : chain) {
      if (q.underlying().equals(underlying) && q.expiry().isAfter(valuation)) {
        byExpiry.computeIfAbsent(q.expiry(), e -> new ArrayList<>()).add(q);
      }
    }
    if (byExpiry.isEmpty()) {
      throw new IllegalArgumentException("the chain has no " + underlying + " options expiring after " + valuation);
    }
    double maxW = 0;
    for (Map.Entry<Instant, List<Quote>> e : byExpiry.entrySet()) {
      double t = years(valuation, e.getKey());
      for (Quote q : e.getValue()) {
        maxW = Math.max(maxW, q.markVol() * q.markVol() * t);
      }
    }
    double half = Math.max(2.0, 6 * Math.sqrt(maxW) + 1);
    double[] grid = new double[401];
    for (int j = 0; j < grid.length; j++) {
      grid[j] = -half + 2 * half * j / (grid.length - 1);
    }
    List<SliceReport> reports = new ArrayList<>();
    List<VolSmile.Slice> fitted = new ArrayList<>();
    for (Map.Entry<Instant, List<Quote>> e : byExpiry.entrySet()) {
      SliceReport r = fitExpiry(e.getKey(), years(valuation, e.getKey()), e.getValue(), grid, fitted, weighting);
      reports.add(r);
      if (r.slice() != null) {
        fitted.add(new VolSmile.Slice(r.expiry(), r.timeYears(), r.slice()));
      }
    }
    return new Result(underlying, valuation, fitted.isEmpty() ? null : new VolSmile(fitted), reports);
  }

  static double years(Instant valuation, Instant t) {
    return Duration.between(valuation, t).toMillis() / Conventions.MILLIS_PER_YEAR;
  }

  private static SliceReport fitExpiry(Instant expiry, double t, List<Quote> all, double[] grid,
      List<VolSmile.Slice> before, Weighting weighting) {
    double forward = all.get(0).forward();
    List<Quote> otm = new ArrayList<>();
    int noVol = 0;
    for (Quote q : all) {
      if (q.call() == (q.strike() >= forward)) {
        if (Double.isNaN(q.markVol())) {
          noVol++; // a price outside the no-arbitrage bounds: no vol to fit
        } else {
          otm.add(q);
        }
      }
    }
    String left = noVol == 0 ? "" : noVol + " OTM quotes without an implied vol (price outside the bounds) left out";
    otm.sort(Comparator.comparingDouble(Quote::strike));
    int n = otm.size();
    boolean[] pinned = new boolean[n];
    markPinned(otm, pinned, 0, 1);
    markPinned(otm, pinned, n - 1, -1);
    List<Quote> used = new ArrayList<>();
    List<Quote> excluded = new ArrayList<>();
    int unbid = 0;
    int pinnedCount = 0;
    for (int i = 0; i < n; i++) {
      Quote q = otm.get(i);
      if (pinned[i]) {
        pinnedCount++;
        excluded.add(q);
      } else if (Double.isNaN(q.bidPrice())) {
        unbid++;
        excluded.add(q);
      } else {
        used.add(q);
      }
    }
    double[] exK = new double[excluded.size()];
    double[] exV = new double[excluded.size()];
    for (int i = 0; i < exK.length; i++) {
      exK[i] = Math.log(excluded.get(i).strike() / forward);
      exV[i] = excluded.get(i).markVol();
    }
    int m = used.size();
    double[] k = new double[m];
    double[] vol = new double[m];
    double[] halfSpread = new double[m];
    boolean anyQuotes = false;
    for (int i = 0; i < m; i++) {
      Quote q = used.get(i);
      k[i] = Math.log(q.strike() / forward);
      vol[i] = q.markVol();
      // bid/ask vols from the chain's columns when it has them, else solved from the prices
      double bidVol = Double.isNaN(q.bidVol()) ? q.volOfCoinPrice(q.bidPrice(), t) : q.bidVol();
      double askVol = Double.isNaN(q.askVol()) ? q.volOfCoinPrice(q.askPrice(), t) : q.askVol();
      halfSpread[i] = (askVol - bidVol) / 2; // NaN when either side is missing or unsolvable
      anyQuotes |= !Double.isNaN(q.bidPrice()) || !Double.isNaN(q.askPrice()) || !Double.isNaN(q.bidVol());
    }
    if (m < MIN_QUOTES) {
      return new SliceReport(expiry, t, forward, n, m, unbid, pinnedCount, null, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, false, "not fitted: " + m + " quotes that trade, need " + MIN_QUOTES
          + (left.isEmpty() ? "" : "; " + left), k, vol, exK, exV);
    }
    double[] weight = weights(halfSpread, anyQuotes, weighting);
    SviSlice previous = before.isEmpty() ? null : before.get(before.size() - 1).svi();
    SviFit.Result free = new SviFit(t, k, vol, weight, new double[0], null, 0, 0).fit();
    SviFit.Result best = null;
    boolean ok = false;
    double penalty = 1e2;
    double margin = 1e-4;
    for (int round = 0; round < 5 && !ok; round++, penalty *= 100, margin *= 4) {
      best = new SviFit(t, k, vol, weight, grid, previous, penalty, margin).fit();
      List<VolSmile.Slice> trial = new ArrayList<>(before);
      trial.add(new VolSmile.Slice(expiry, t, best.slice()));
      int index = trial.size() - 1;
      ok = new VolSmile(trial).check().stream().noneMatch(v -> v.slice() == index);
    }
    SviSlice s = best.slice();
    double sum = 0;
    double max = 0;
    for (int i = 0; i < m; i++) {
      double e = Math.sqrt(Math.max(s.w(k[i]), 0) / t) - vol[i];
      sum += e * e;
      max = Math.max(max, Math.abs(e));
    }
    double freeSum = 0;
    for (int i = 0; i < m; i++) {
      double e = Math.sqrt(Math.max(free.slice().w(k[i]), 0) / t) - vol[i];
      freeSum += e * e;
    }
    List<VolSmile.Slice> trial = new ArrayList<>(before);
    trial.add(new VolSmile.Slice(expiry, t, s));
    double minG = new VolSmile(trial).minimumG(trial.size() - 1);
    return new SliceReport(expiry, t, forward, n, m, unbid, pinnedCount, s, 100 * Math.sqrt(sum / m), 100 * max,
        100 * Math.sqrt(freeSum / m), minG, ok, left, k, vol, exK, exV);
  }

  /** From {@code end} inward by {@code step}: the run of flat, low-delta marks (at least two). */
  private static void markPinned(List<Quote> otm, boolean[] pinned, int end, int step) {
    int n = otm.size();
    if (n < 3) {
      return;
    }
    double edge = otm.get(end).markVol();
    int i = end;
    int run = 0;
    while (i >= 0 && i < n && Math.abs(otm.get(i).markVol() - edge) <= PINNED_VOL_POINTS / 100
        && !(Math.abs(otm.get(i).delta()) >= PINNED_MAX_DELTA)) {
      run++;
      i += step;
    }
    if (run >= 2) {
      for (int j = 0, p = end; j < run; j++, p += step) {
        pinned[p] = true;
      }
    }
  }

  private static double[] weights(double[] halfSpread, boolean anyQuotes, Weighting weighting) {
    int m = halfSpread.length;
    double[] w = new double[m];
    if (!anyQuotes || weighting == Weighting.VEGA) {
      Arrays.fill(w, 1.0);
      return w;
    }
    double[] known = Arrays.stream(halfSpread).filter(h -> h > 0).sorted().toArray();
    double median = known.length == 0 ? 0.01 : known[known.length / 2];
    double sum = 0;
    for (int i = 0; i < m; i++) {
      double h = halfSpread[i] > 0 ? halfSpread[i] : median;
      h = Math.max(h, MIN_HALF_SPREAD);
      w[i] = 1 / (h * h);
      sum += w[i];
    }
    for (int i = 0; i < m; i++) {
      w[i] *= m / sum;
    }
    return w;
  }
}

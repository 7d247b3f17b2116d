package io.hedgekit.risk.backtest;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.kernels.VolDynamics;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.scenario.LogReturns;
import io.hedgekit.risk.var.BookRevaluation;
import io.hedgekit.risk.var.RiskMeasures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Backtest of 1-day historical-simulation VaR of today's book over a price history.
 *
 * <p>The book is held constant (today's positions, spots, vols and Greeks): every daily log
 * return r of the history (all book underlyings jointly, close to close) is applied to today's
 * market as a 1-day scenario (spot·exp(r), no vol move, one day of time decay and funding) and
 * the book is revalued. For day t after the first {@code window} returns, the VaR forecast is
 * {@link RiskMeasures} VaR of the P&amp;Ls of the {@code window} returns before t, and the
 * realised P&amp;L is the P&amp;L of return t itself; a breach is realised P&amp;L below −VaR.
 *
 * <p>Because the book is constant, a return's P&amp;L does not depend on the day it is scored
 * on: the book is revalued once over all daily returns (one pass, R scenarios) and every day's VaR
 * is a quantile of a window of that vector. This is exactly the per-day revaluation of the
 * window's scenarios, at a fraction of the cost.
 *
 * <p>A daily return for which any book underlying lacks a price (either close) is left out (SOL
 * before its listing), counted in {@link BacktestResult#droppedDays()}; windows are counted in
 * usable returns.
 */
public final class VarBacktest {
  private VarBacktest() {
  }

  /**
   * Runs the backtest.
   *
   * @throws io.hedgekit.kernels.InputException if a book underlying has no column in the history
   * @throws IllegalArgumentException if the history has no more usable returns than the window
   */
  public static BacktestResult run(ResolvedBook book, PriceHistory history, ComputeBackend backend,
      BacktestOptions options) {
    return run(book, history, backend, options, VolDynamics.STICKY_STRIKE);
  }

  /** Runs the backtest with vol dynamics (per index of {@code book.underlyings()}; see {@link VolDynamics}). */
  public static BacktestResult run(ResolvedBook book, PriceHistory history, ComputeBackend backend,
      BacktestOptions options, VolDynamics dynamics) {
    List<String> names = book.underlyings();
    int nu = names.size();
    int[] cols = history.columnIndices(names);
    double[][] daily = new double[nu][];
    for (int u = 0; u < nu; u++) {
      daily[u] = LogReturns.daily(history, cols[u]);
    }
    int n = history.size();
    int[] dateOf = new int[n];
    double[][] returns = new double[nu][n];
    int r = 0;
    int dropped = 0;
    for (int t = 1; t < n; t++) {
      boolean ok = true;
      for (int u = 0; u < nu; u++) {
        ok &= !Double.isNaN(daily[u][t]);
      }
      if (!ok) {
        dropped++;
        continue;
      }
      for (int u = 0; u < nu; u++) {
        returns[u][r] = daily[u][t];
      }
      dateOf[r++] = t;
    }
    int window = options.window();
    if (r <= window) {
      throw new IllegalArgumentException("backtest needs more than window = " + window + " usable daily returns, "
          + history.source() + " has " + r + " (" + dropped + " dropped for missing prices)");
    }
    for (int u = 0; u < nu; u++) {
      returns[u] = Arrays.copyOf(returns[u], r);
    }
    ScenarioColumns sc = ScenarioColumns.ofArrays(returns, null, 1.0 / ScenarioSet.DAYS_PER_YEAR)
        .withVolDynamics(dynamics);
    PnlAccumulator acc = BookRevaluation.revalue(book, sc, backend.revaluation(), null, null, options.progress());
    double[] pnl = acc.portfolio();

    double confidence = options.confidence();
    int observations = r - window;
    List<BacktestResult.Day> days = new ArrayList<>(observations);
    boolean[] breach = new boolean[observations];
    double[] sample = new double[window];
    int breaches = 0;
    for (int i = 0; i < observations; i++) {
      int realised = window + i;
      System.arraycopy(pnl, i, sample, 0, window);
      Arrays.sort(sample);
      RiskMeasures.VarEs v = RiskMeasures.ofSorted(sample, confidence);
      double p = pnl[realised];
      breach[i] = p < -v.var();
      if (breach[i]) {
        breaches++;
      }
      days.add(new BacktestResult.Day(history.dates().get(dateOf[realised]).toString(), v.var(), v.es(), p, breach[i]));
    }
    BacktestStatistics.TestResult kupiec = BacktestStatistics.kupiec(observations, breaches, 1 - confidence);
    BacktestStatistics.TestResult independence = BacktestStatistics.christoffersen(breach);
    int tlDays = Math.min(options.trafficLightDays(), observations);
    int tlBreaches = 0;
    for (int i = observations - tlDays; i < observations; i++) {
      tlBreaches += breach[i] ? 1 : 0;
    }
    BacktestResult.TrafficLight light = new BacktestResult.TrafficLight(tlDays, tlBreaches,
        BacktestStatistics.trafficLight(tlBreaches, tlDays, confidence));
    return new BacktestResult(confidence, window, 1.0, observations, breaches, observations * (1 - confidence),
        days.getFirst().date(), days.getLast().date(), dropped, kupiec, independence,
        BacktestStatistics.conditionalCoverage(kupiec, independence), light, List.copyOf(days));
  }
}

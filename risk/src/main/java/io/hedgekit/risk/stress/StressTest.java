package io.hedgekit.risk.stress;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.kernels.VolDynamics;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.scenario.LogReturns;
import io.hedgekit.risk.var.BookRevaluation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stress tests of a book by full revaluation, all in one pass over the book: every matrix cell and
 * every historical day is one scenario of a single {@link ScenarioColumns} with horizon 0
 * (instantaneous moves: no time decay, no funding).
 *
 * <p>Risk matrices: for each book underlying U, the grid of relative spot moves m (return
 * ln(1 + m)) × absolute implied-vol shifts v applied to U alone, P&amp;L of U's positions; then
 * the same grid applied to every underlying at once, portfolio P&amp;L (matrix {@code ALL}). The
 * worst cell is the lowest P&amp;L over all matrices.
 *
 * <p>Historical days: for each book underlying, the N days of the history with the largest
 * |daily log return| (ties: earlier day first); the union of those days, each applied as that
 * day's actual close-to-close log returns of every book underlying jointly. A book underlying
 * without prices for the day moves by 0 and is listed as missing.
 */
public final class StressTest {
  private StressTest() {
  }

  /**
   * Runs the stress test.
   *
   * @throws io.hedgekit.kernels.InputException if a book underlying has no column in the history
   */
  public static StressResult run(ResolvedBook book, ComputeBackend backend, StressOptions options) {
    return run(book, backend, options, VolDynamics.STICKY_STRIKE);
  }

  /** Runs the stress test with vol dynamics (per index of {@code book.underlyings()}; see {@link VolDynamics}). */
  public static StressResult run(ResolvedBook book, ComputeBackend backend, StressOptions options,
      VolDynamics dynamics) {
    List<String> names = book.underlyings();
    int nu = names.size();
    double[] spot = options.spotMoves();
    double[] vol = options.volShifts();
    int cells = spot.length * vol.length;

    List<Integer> dayIndex = new ArrayList<>();
    Map<Integer, List<String>> triggers = new TreeMap<>();
    double[][] daily = new double[nu][];
    PriceHistory history = options.history();
    if (history != null && options.historicalDays() > 0) {
      int[] cols = history.columnIndices(names);
      for (int u = 0; u < nu; u++) {
        daily[u] = LogReturns.daily(history, cols[u]);
      }
      for (int u = 0; u < nu; u++) {
        double[] r = daily[u];
        List<Integer> valid = new ArrayList<>();
        for (int t = 1; t < r.length; t++) {
          if (!Double.isNaN(r[t])) {
            valid.add(t);
          }
        }
        valid.sort(Comparator.comparingDouble((Integer t) -> -Math.abs(r[t])).thenComparingInt(t -> t));
        for (int i = 0; i < Math.min(options.historicalDays(), valid.size()); i++) {
          triggers.computeIfAbsent(valid.get(i), t -> new ArrayList<>()).add(names.get(u));
        }
      }
      dayIndex.addAll(triggers.keySet());
    }
    int days = dayIndex.size();
    int m = (nu + 1) * cells + days;

    double[][] returns = new double[nu][m];
    double[][] shifts = new double[nu][m];
    for (int b = 0; b <= nu; b++) {
      for (int i = 0; i < spot.length; i++) {
        double r = Math.log1p(spot[i]);
        for (int j = 0; j < vol.length; j++) {
          int s = b * cells + i * vol.length + j;
          for (int u = 0; u < nu; u++) {
            if (u == b || b == nu) {
              returns[u][s] = r;
              shifts[u][s] = vol[j];
            }
          }
        }
      }
    }
    List<List<String>> missing = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      int t = dayIndex.get(d);
      List<String> miss = new ArrayList<>();
      for (int u = 0; u < nu; u++) {
        double r = daily[u][t];
        if (Double.isNaN(r)) {
          miss.add(names.get(u));
        } else {
          returns[u][(nu + 1) * cells + d] = r;
        }
      }
      missing.add(List.copyOf(miss));
    }
    ScenarioColumns sc = ScenarioColumns.ofArrays(returns, shifts, 0.0).withVolDynamics(dynamics);
    PnlAccumulator acc = BookRevaluation.revalue(book, sc, backend.revaluation(), null, null, options.progress());

    List<StressResult.Matrix> matrices = new ArrayList<>();
    StressResult.Cell worst = null;
    for (int b = 0; b <= nu; b++) {
      String name = b == nu ? StressResult.ALL : names.get(b);
      double[] source = b == nu ? acc.portfolio() : acc.byUnderlying()[b];
      List<List<Double>> grid = new ArrayList<>();
      StressResult.Cell low = null;
      for (int i = 0; i < spot.length; i++) {
        List<Double> row = new ArrayList<>();
        for (int j = 0; j < vol.length; j++) {
          double p = source[b * cells + i * vol.length + j];
          row.add(p);
          if (low == null || p < low.pnl()) {
            low = new StressResult.Cell(name, spot[i], vol[j], p);
          }
        }
        grid.add(List.copyOf(row));
      }
      matrices.add(new StressResult.Matrix(name, List.copyOf(grid), low));
      if (worst == null || low.pnl() < worst.pnl()) {
        worst = low;
      }
    }

    List<StressResult.HistoricalDay> historical = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      int s = (nu + 1) * cells + d;
      int t = dayIndex.get(d);
      Map<String, Double> r = new LinkedHashMap<>();
      Map<String, Double> by = new LinkedHashMap<>();
      for (int u = 0; u < nu; u++) {
        r.put(names.get(u), returns[u][s]);
        by.put(names.get(u), acc.byUnderlying()[u][s]);
      }
      historical.add(new StressResult.HistoricalDay(history.dates().get(t).toString(), List.copyOf(triggers.get(t)), r,
          missing.get(d), acc.portfolio()[s], by));
    }
    List<Double> spotList = new ArrayList<>();
    for (double x : spot) {
      spotList.add(x);
    }
    List<Double> volList = new ArrayList<>();
    for (double x : vol) {
      volList.add(x);
    }
    return new StressResult(List.copyOf(spotList), List.copyOf(volList), List.copyOf(matrices), worst,
        List.copyOf(historical));
  }
}

package io.hedgekit.risk.scenario;

import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.kernels.scenario.ScenarioMetadata;
import io.hedgekit.kernels.scenario.ScenarioSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Historical scenarios: overlapping N-day log returns of a daily price history.
 *
 * <p>Scenario i is the return over the N rows ending on its end date t:
 * {@code ln(P[t] / P[t − N])} for every chosen underlying, jointly (the same dates for all
 * underlyings, so their co-movement is kept). End dates run from row N to the last row, or over
 * the last W rows with a window. Overlapping returns are not independent; with N > 1 the
 * effective sample is smaller than the scenario count.
 *
 * <p>Volatility-filtered historical simulation (Hull-White / Barone-Adesi): each daily return is
 * rescaled to today's volatility, {@code r[s]·σ_today/σ[s]}, with σ from {@link Ewma} run over the
 * whole history of that underlying; an N-day scenario is the sum of the N rescaled daily returns
 * (for N = 1 exactly {@code r[t]·σ_today/σ[t]}).
 *
 * <p>A date where an underlying lacks a price (an empty cell, e.g. SOL before its listing) makes
 * every return that needs that price missing; such scenarios are dropped for all underlyings and
 * counted in {@link Result#dropped()}.
 *
 * <p>The set has no step column and horizon {@code N} days; rows are in date order, scenario
 * numbers 0, 1, ...
 */
public final class HistoricalScenarios {
  private HistoricalScenarios() {
  }

  /**
   * @param scenarios the set (source: the history's file)
   * @param endDates end date of each scenario, in row order
   * @param dropped candidate end dates dropped because an underlying lacked a price
   */
  public record Result(ScenarioSet scenarios, List<LocalDate> endDates, int dropped) {
  }

  /**
   * Builds the scenarios.
   *
   * @throws io.hedgekit.kernels.InputException if a named underlying is not in the history
   * @throws IllegalArgumentException if no scenario is left (history shorter than N + 1 rows, or
   *     every candidate dropped)
   */
  public static Result generate(PriceHistory history, HistoricalSpec spec) {
    List<String> names = spec.underlyings().isEmpty() ? history.underlyings() : spec.underlyings();
    int[] cols = history.columnIndices(names);
    int n = history.size();
    int nDays = spec.horizonDays();
    int first = spec.window() == 0 ? nDays : Math.max(nDays, n - spec.window());
    int nu = cols.length;

    double[][] daily = new double[nu][];
    double[] todayVol = new double[nu];
    double[][] vol = new double[nu][];
    for (int u = 0; u < nu; u++) {
      daily[u] = LogReturns.daily(history, cols[u]);
      if (spec.filtered()) {
        double[] var = Ewma.variances(daily[u], spec.ewmaLambda());
        vol[u] = new double[n];
        for (int t = 0; t < n; t++) {
          vol[u][t] = Math.sqrt(var[t]);
        }
        todayVol[u] = Math.sqrt(var[n]);
      }
    }

    int capacity = Math.max(0, n - first);
    double[][] returns = new double[nu][capacity];
    List<LocalDate> endDates = new ArrayList<>(capacity);
    int m = 0;
    int dropped = 0;
    for (int t = first; t < n; t++) {
      boolean ok = true;
      for (int u = 0; u < nu && ok; u++) {
        double r;
        if (spec.filtered()) {
          r = 0;
          for (int s = t - nDays + 1; s <= t; s++) {
            r += daily[u][s] * (todayVol[u] / vol[u][s]); // NaN when any day is missing
          }
        } else {
          r = LogReturns.overDays(history, cols[u], t, nDays);
        }
        if (Double.isNaN(r)) {
          ok = false;
        } else {
          returns[u][m] = r;
        }
      }
      if (ok) {
        endDates.add(history.dates().get(t));
        m++;
      } else {
        dropped++;
      }
    }
    if (m == 0) {
      throw new IllegalArgumentException("no historical scenario: " + history.source() + " has " + n
          + " rows, " + dropped + " candidate end dates dropped for missing prices, horizon " + nDays + " days");
    }
    for (int u = 0; u < nu; u++) {
      returns[u] = Arrays.copyOf(returns[u], m);
    }
    int[] ids = new int[m];
    Arrays.setAll(ids, i -> i);
    double[] horizon = new double[m];
    Arrays.fill(horizon, nDays);

    Map<String, String> params = new LinkedHashMap<>();
    params.put("horizon_days", Integer.toString(nDays));
    params.put("window", Integer.toString(spec.window()));
    params.put("ewma_lambda", spec.filtered() ? Double.toString(spec.ewmaLambda()) : "none");
    params.put("underlyings", String.join(",", names));
    params.put("first_end_date", endDates.getFirst().toString());
    params.put("last_end_date", endDates.getLast().toString());
    params.put("dropped_rows", Integer.toString(dropped));
    if (spec.filtered()) {
      for (int u = 0; u < nu; u++) {
        params.put("today_vol_annual_" + names.get(u), Double.toString(todayVol[u] * Math.sqrt(ScenarioSet.DAYS_PER_YEAR)));
      }
    }
    String generator = spec.filtered() ? "historical-filtered" : "historical";
    ScenarioSet set = new ScenarioSet(generator + " scenarios of " + history.source(), new ScenarioMetadata(generator, params, null, history.source()),
        names, ids, null, horizon, returns, null);
    return new Result(set, endDates, dropped);
  }
}

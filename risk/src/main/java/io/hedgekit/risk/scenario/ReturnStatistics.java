package io.hedgekit.risk.scenario;

import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.kernels.scenario.ScenarioSet;
import java.time.LocalDate;
import java.util.List;

/**
 * Annualised volatilities and correlations of daily log returns, the inputs of Monte Carlo
 * scenarios.
 *
 * @param underlyings names, in order
 * @param annualVols sample standard deviation of daily log returns × √365 (crypto trades every day)
 * @param correlation sample (Pearson) correlation matrix of the same returns
 * @param observations number of days used (days on which every underlying has a return)
 * @param firstDate end date of the first return used
 * @param lastDate end date of the last return used
 */
public record ReturnStatistics(List<String> underlyings, double[] annualVols, double[][] correlation, int observations,
    LocalDate firstDate, LocalDate lastDate) {

  public ReturnStatistics {
    underlyings = List.copyOf(underlyings);
    annualVols = annualVols.clone();
    correlation = Cholesky.copy(correlation);
  }

  /**
   * Estimates from the daily returns of a history: only days on which every named underlying has
   * a return are used (so correlations are computed on the same days), then only the last
   * {@code window} of those (0 = all).
   *
   * @throws io.hedgekit.kernels.InputException if a name is not a column of the history
   * @throws IllegalArgumentException if fewer than max(2, underlyings + 1) daily returns are usable
   *     (fewer cannot give a positive definite correlation matrix)
   */
  public static ReturnStatistics estimate(PriceHistory history, List<String> underlyings, int window) {
    if (window < 0) {
      throw new IllegalArgumentException("window must be >= 0 (0 = all), was " + window);
    }
    int[] cols = history.columnIndices(underlyings);
    int nu = cols.length;
    int n = history.size();
    double[][] daily = new double[nu][];
    for (int u = 0; u < nu; u++) {
      daily[u] = LogReturns.daily(history, cols[u]);
    }
    int[] days = new int[n];
    int count = 0;
    for (int t = 1; t < n; t++) {
      boolean ok = true;
      for (int u = 0; u < nu; u++) {
        ok &= !Double.isNaN(daily[u][t]);
      }
      if (ok) {
        days[count++] = t;
      }
    }
    int from = window == 0 ? 0 : Math.max(0, count - window);
    int obs = count - from;
    // A sample correlation matrix of nu underlyings from obs mean-centred returns has rank at most
    // obs - 1: it can be positive definite only with obs >= nu + 1.
    int needed = Math.max(2, nu + 1);
    if (obs < needed) {
      throw new IllegalArgumentException("history " + history.source() + " is too short: estimating the vols and "
          + "correlations of " + nu + " underlying(s) " + underlyings + " needs at least " + needed
          + " daily returns, i.e. " + (needed + 1) + " rows of prices with every underlying present"
          + (window > 0 ? " within --window " + window : "") + "; it has " + obs + " such return(s)");
    }
    double[] mean = new double[nu];
    for (int i = from; i < count; i++) {
      for (int u = 0; u < nu; u++) {
        mean[u] += daily[u][days[i]];
      }
    }
    for (int u = 0; u < nu; u++) {
      mean[u] /= obs;
    }
    double[][] cov = new double[nu][nu];
    for (int i = from; i < count; i++) {
      int t = days[i];
      for (int a = 0; a < nu; a++) {
        double da = daily[a][t] - mean[a];
        for (int b = 0; b <= a; b++) {
          cov[a][b] += da * (daily[b][t] - mean[b]);
        }
      }
    }
    double[] vols = new double[nu];
    double[][] corr = new double[nu][nu];
    for (int a = 0; a < nu; a++) {
      vols[a] = Math.sqrt(cov[a][a] / (obs - 1) * ScenarioSet.DAYS_PER_YEAR);
    }
    for (int a = 0; a < nu; a++) {
      for (int b = 0; b <= a; b++) {
        double c = a == b ? 1.0 : cov[a][b] / Math.sqrt(cov[a][a] * cov[b][b]);
        corr[a][b] = c;
        corr[b][a] = c;
      }
    }
    return new ReturnStatistics(underlyings, vols, corr, obs, history.dates().get(days[from]),
        history.dates().get(days[count - 1]));
  }
}

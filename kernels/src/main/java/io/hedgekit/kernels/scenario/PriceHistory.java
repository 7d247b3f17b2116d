package io.hedgekit.kernels.scenario;

import io.hedgekit.kernels.InputException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Daily closing prices of several underlyings, one row per date: the input of historical
 * scenarios, historical stress days and VaR backtests. Built in memory, or read from a file with
 * {@code io.hedgekit.io.scenario.PriceHistoryFiles.read}.
 *
 * <p>File format ({@code crypto_daily_close.csv}): a header {@code date,BTC,ETH,...} and one row
 * per date, ISO dates ({@code 2020-03-12}) strictly increasing, prices in USD, > 0. An empty cell
 * means no price that day (SOL before it was listed) and is held as NaN.
 *
 * @param source file name (or other origin), for messages and scenario metadata
 * @param dates the dates, strictly increasing
 * @param underlyings column names after {@code date}
 * @param closes {@code closes[u][t]}: close of underlying u on {@code dates.get(t)}, USD; NaN
 *     when missing
 */
public record PriceHistory(String source, List<LocalDate> dates, List<String> underlyings, double[][] closes) {

  public PriceHistory {
    Objects.requireNonNull(source, "source");
    dates = List.copyOf(dates);
    underlyings = List.copyOf(underlyings);
    if (closes.length != underlyings.size()) {
      throw new IllegalArgumentException("closes has " + closes.length + " columns, underlyings " + underlyings.size());
    }
    if (new HashSet<>(underlyings).size() != underlyings.size()) {
      throw new IllegalArgumentException("underlying names must be unique, got " + underlyings);
    }
    double[][] copy = new double[closes.length][];
    for (int u = 0; u < closes.length; u++) {
      if (closes[u].length != dates.size()) {
        throw new IllegalArgumentException("closes[" + underlyings.get(u) + "] has " + closes[u].length
            + " values, dates " + dates.size());
      }
      for (int t = 0; t < dates.size(); t++) {
        double p = closes[u][t];
        if (!Double.isNaN(p) && !(p > 0 && p < Double.POSITIVE_INFINITY)) {
          throw new IllegalArgumentException("close of " + underlyings.get(u) + " on " + dates.get(t)
              + " must be > 0 and finite (or missing), was " + p);
        }
      }
      copy[u] = closes[u].clone();
    }
    closes = copy;
    for (int t = 1; t < dates.size(); t++) {
      if (!dates.get(t).isAfter(dates.get(t - 1))) {
        throw new IllegalArgumentException("dates must be strictly increasing: " + dates.get(t) + " follows " + dates.get(t - 1));
      }
    }
  }

  /** A copy of the closes, {@code [u][t]}. */
  @Override
  public double[][] closes() {
    double[][] copy = new double[closes.length][];
    for (int u = 0; u < closes.length; u++) {
      copy[u] = closes[u].clone();
    }
    return copy;
  }

  /** Number of dates. */
  public int size() {
    return dates.size();
  }

  /** Index of underlying {@code name}, or -1. */
  public int indexOf(String name) {
    return underlyings.indexOf(name);
  }

  /** Close of underlying {@code u} on date index {@code t}, USD; NaN when missing. */
  public double close(int u, int t) {
    return closes[u][t];
  }

  /**
   * Column indices of the wanted underlyings.
   *
   * @throws InputException naming the first one the history lacks
   */
  public int[] columnIndices(List<String> wanted) {
    int[] out = new int[wanted.size()];
    for (int w = 0; w < wanted.size(); w++) {
      int c = indexOf(wanted.get(w));
      if (c < 0) {
        throw new InputException(source, 0, wanted.get(w), null,
            "missing: no price column for underlying " + wanted.get(w) + " (the file has " + underlyings + ")");
      }
      out[w] = c;
    }
    return out;
  }
}

package io.hedgekit.io.scenario;

import io.hedgekit.io.InputException;
import io.hedgekit.io.impl.CsvRecordReader;
import io.hedgekit.io.impl.Numbers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Daily closing prices of several underlyings, one row per date: the input of historical
 * scenarios, historical stress days and VaR backtests.
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

  /**
   * Reads a {@code date,U1,U2,...} daily close file.
   *
   * @throws InputException naming file, row and column for a missing or misnamed date column, a
   *     bad date, dates out of order, a price that does not parse or is not > 0, rows with the
   *     wrong number of fields, or no rows
   */
  public static PriceHistory read(Path path) {
    String file = path.toString();
    try (CsvRecordReader csv = new CsvRecordReader(Files.newBufferedReader(path, StandardCharsets.UTF_8), file)) {
      List<String> header = csv.next();
      if (header == null || header.isEmpty()) {
        throw new InputException(file, 0, null, null, "empty file: a price history needs a header date,<U1>,<U2>,...");
      }
      header = List.copyOf(header);
      if (!header.getFirst().equalsIgnoreCase("date")) {
        throw new InputException(file, 0, header.getFirst(), null, "the first column must be date");
      }
      List<String> names = header.subList(1, header.size());
      if (names.isEmpty()) {
        throw new InputException(file, 0, null, null, "no price columns after date");
      }
      HashSet<String> seen = new HashSet<>();
      for (String n : names) {
        if (n.isBlank() || !seen.add(n)) {
          throw new InputException(file, 0, n, null, n.isBlank() ? "blank column name" : "duplicate column");
        }
      }
      List<LocalDate> dates = new ArrayList<>();
      double[][] closes = new double[names.size()][4096];
      List<String> rec;
      while ((rec = csv.next()) != null) {
        if (rec.isEmpty()) {
          continue;
        }
        long row = dates.size() + 1L;
        if (rec.size() != header.size()) {
          throw new InputException(file, row, null, null, "has " + rec.size() + " fields, the header " + header.size());
        }
        LocalDate d;
        try {
          d = LocalDate.parse(rec.getFirst());
        } catch (DateTimeParseException e) {
          throw new InputException(file, row, "date", rec.getFirst(), "must be an ISO date like 2020-03-12");
        }
        if (!dates.isEmpty() && !d.isAfter(dates.getLast())) {
          throw new InputException(file, row, "date", rec.getFirst(), "dates must be strictly increasing (previous " + dates.getLast() + ")");
        }
        int t = dates.size();
        if (t == closes[0].length) {
          for (int u = 0; u < closes.length; u++) {
            closes[u] = Arrays.copyOf(closes[u], 2 * t);
          }
        }
        for (int u = 0; u < names.size(); u++) {
          String text = rec.get(u + 1);
          double p;
          if (text.isEmpty()) {
            p = Double.NaN;
          } else {
            try {
              p = Numbers.parse(text);
            } catch (NumberFormatException e) {
              throw new InputException(file, row, names.get(u), text, "must be a number (or empty when missing)");
            }
            if (!(p > 0 && p < Double.POSITIVE_INFINITY)) {
              throw new InputException(file, row, names.get(u), text, "must be > 0 and finite");
            }
          }
          closes[u][t] = p;
        }
        dates.add(d);
      }
      if (dates.isEmpty()) {
        throw new InputException(file, 0, null, null, "no price rows (only a header)");
      }
      for (int u = 0; u < closes.length; u++) {
        closes[u] = Arrays.copyOf(closes[u], dates.size());
      }
      return new PriceHistory(file, dates, names, closes);
    } catch (NoSuchFileException e) {
      throw new InputException(file, 0, null, null, "no such file", e);
    } catch (IOException e) {
      throw new InputException(file, 0, null, null, "cannot read: " + e.getMessage(), e);
    }
  }
}

package io.hedgekit.io.scenario;

import io.hedgekit.io.impl.CsvRecordReader;
import io.hedgekit.io.impl.Numbers;
import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.scenario.PriceHistory;
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

/**
 * Reads daily close files into {@link PriceHistory} (file format: see {@link PriceHistory}).
 */
public final class PriceHistoryFiles {
  private PriceHistoryFiles() {
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

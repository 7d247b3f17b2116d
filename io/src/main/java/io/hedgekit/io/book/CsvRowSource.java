package io.hedgekit.io.book;

import io.hedgekit.io.impl.CsvRecordReader;
import io.hedgekit.kernels.InputException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Rows of a CSV book: a header row, then data rows; blank lines are skipped (but counted). */
final class CsvRowSource implements RowSource {
  private final CsvRecordReader csv;
  private final String file;
  private final List<String> columns;
  private final String[] cells;
  private long row;

  CsvRowSource(Reader in, String file) throws IOException {
    this.csv = new CsvRecordReader(in, file);
    this.file = file;
    List<String> header = csv.next();
    if (header == null || header.isEmpty()) {
      throw new InputException(file, 0, null, null, "no header row (the first line must name the columns)");
    }
    List<String> names = new ArrayList<>();
    for (String h : header) {
      String name = h.strip().toLowerCase(Locale.ROOT);
      if (!name.isEmpty() && names.contains(name)) {
        throw new InputException(file, 0, name, null, "column appears twice in the header");
      }
      names.add(name);
    }
    this.columns = List.copyOf(names);
    this.cells = new String[names.size()];
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public boolean advance() throws IOException {
    while (true) {
      List<String> fields = csv.next();
      if (fields == null) {
        return false;
      }
      row = csv.recordNumber();
      if (fields.isEmpty()) {
        continue;
      }
      if (fields.size() != cells.length) {
        throw new InputException(file, row, null, null,
            "has " + fields.size() + " fields, the header has " + cells.length);
      }
      for (int c = 0; c < cells.length; c++) {
        String f = fields.get(c);
        cells[c] = f.isEmpty() ? null : f;
      }
      return true;
    }
  }

  @Override
  public long row() {
    return row;
  }

  @Override
  public boolean isMissing(int column) {
    return cells[column] == null;
  }

  @Override
  public String text(int column) {
    return cells[column];
  }

  @Override
  public boolean isNumeric(int column) {
    return false;
  }

  @Override
  public double number(int column) {
    throw new UnsupportedOperationException("CSV cells are text");
  }

  @Override
  public boolean isTime(int column) {
    return false;
  }

  @Override
  public long epochMillis(int column) {
    throw new UnsupportedOperationException("CSV cells are text");
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}

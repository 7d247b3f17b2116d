package io.hedgekit.kernels;

/**
 * A problem with a user's input file (book, market, hedge universe), located as precisely as the
 * format allows. The CLI maps it to exit code 2.
 *
 * <p>The message reads {@code book.csv row 17, column strike: must be > 0, was "-5"}; parts that
 * are unknown (row 0, null column or value) are left out, e.g.
 * {@code market.json: malformed JSON at line 3 column 5: ...}. For JSON files the column is the
 * JSON path ({@code underlyings.BTC.spot}).
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** Values longer than this are cut in the message (the {@link #value()} keeps them whole). */
  private static final int MAX_SHOWN_VALUE = 80;

  private final String file;
  private final long row;
  private final String column;
  private final String value;
  private final String problem;

  /**
   * @param file the file name as the user gave it
   * @param row 1-based data row (the header is not counted), 0 if the problem is not in one row
   * @param column the column name (or JSON path), or null
   * @param value the offending text as found in the file, or null
   * @param problem what is wrong, e.g. {@code must be > 0}
   */
  public InputException(String file, long row, String column, String value, String problem) {
    this(file, row, column, value, problem, null);
  }

  /** As {@link #InputException(String, long, String, String, String)}, keeping the cause. */
  public InputException(String file, long row, String column, String value, String problem, Throwable cause) {
    super(format(file, row, column, value, problem), cause);
    if (row < 0) {
      throw new IllegalArgumentException("row must be >= 0, was " + row);
    }
    this.file = file;
    this.row = row;
    this.column = column;
    this.value = value;
    this.problem = problem;
  }

  private static String format(String file, long row, String column, String value, String problem) {
    StringBuilder sb = new StringBuilder(String.valueOf(file));
    if (row > 0) {
      sb.append(" row ").append(row);
    }
    if (column != null) {
      sb.append(", column ").append(column);
    }
    sb.append(": ").append(problem);
    if (value != null) {
      String shown = value.length() > MAX_SHOWN_VALUE ? value.substring(0, MAX_SHOWN_VALUE) + "..." : value;
      sb.append(", was \"").append(shown).append('"');
    }
    return sb.toString();
  }

  /** The file name as given by the user. */
  public String file() {
    return file;
  }

  /** 1-based data row, 0 when the problem is not specific to a row. */
  public long row() {
    return row;
  }

  /** Column name or JSON path, or null. */
  public String column() {
    return column;
  }

  /** The offending text, or null. */
  public String value() {
    return value;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }
}

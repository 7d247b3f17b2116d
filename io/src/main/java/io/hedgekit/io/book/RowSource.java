package io.hedgekit.io.book;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** The rows of a book file, one at a time, whatever the format. */
interface RowSource extends Closeable {

  /** Column names as in the file, trimmed and lower-cased. */
  List<String> columns();

  /** Moves to the next data row; false at the end. */
  boolean advance() throws IOException;

  /** 1-based data row number of the current row. */
  long row();

  /** True if the cell is null or empty text. */
  boolean isMissing(int column);

  /** The cell as text (numbers and times formatted); null when missing. */
  String text(int column);

  /** True if column values are numbers by type (Arrow int/float), so {@link #number} applies. */
  boolean isNumeric(int column);

  /** The cell's number; only for {@link #isNumeric} columns and present cells. */
  double number(int column);

  /** True if column values are instants or dates by type, so {@link #epochMillis} applies. */
  boolean isTime(int column);

  /** The cell's instant in epoch milliseconds (dates mean 08:00 UTC); only for {@link #isTime} columns. */
  long epochMillis(int column);
}

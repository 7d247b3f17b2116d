package io.hedgekit.io.impl;

/** CSV output helpers: quoting as RFC 4180 asks, and as {@link CsvRecordReader} needs to read it back. */
public final class CsvText {
  private CsvText() {
  }

  /**
   * The field as it must appear in a CSV file: unchanged unless it contains a comma, quote, line
   * break or leading/trailing whitespace (which the reader would trim), then in double quotes
   * with inner quotes doubled.
   */
  public static String quote(String field) {
    if (!needsQuotes(field)) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  private static boolean needsQuotes(String s) {
    if (s.isEmpty()) {
      return false;
    }
    if (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }
}

package io.hedgekit.io.table;

import java.nio.file.Path;
import java.util.Locale;

/** File formats for tables (books, results, scenarios). */
public enum TableFormat {
  /** Comma separated text with a header row. */
  CSV,
  /** Arrow IPC file format (Feather v2). */
  ARROW;

  /**
   * The format a file name implies: {@code .csv} is CSV; {@code .arrow}, {@code .arrows},
   * {@code .ipc}, {@code .feather} are ARROW (any case).
   *
   * @param fallback returned for any other name; if null, such names are rejected
   * @throws IllegalArgumentException for an unknown extension and a null fallback
   */
  public static TableFormat fromPath(Path path, TableFormat fallback) {
    Path name = path.getFileName();
    String s = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    int dot = s.lastIndexOf('.');
    String ext = dot < 0 ? "" : s.substring(dot + 1);
    switch (ext) {
      case "csv" -> {
        return CSV;
      }
      case "arrow", "arrows", "ipc", "feather" -> {
        return ARROW;
      }
      default -> {
        if (fallback == null) {
          throw new IllegalArgumentException(
              "cannot tell the format of " + path + "; use .csv, .arrow, .arrows, .ipc or .feather");
        }
        return fallback;
      }
    }
  }
}

package io.hedgekit.io.table;

import java.nio.file.Path;
import java.util.Locale;

/** File formats for tables (books, results, scenarios). */
public enum TableFormat {
  /** Comma separated text with a header row. */
  CSV,
  /** Arrow IPC file format (Feather v2). */
  ARROW;

  /** The extensions tables are written with, in the order error messages list them. */
  public static final String SUPPORTED_EXTENSIONS = ".csv, .arrow, .arrows, .ipc or .feather";

  /**
   * The format to write {@code path} in: the one its extension names; with no extension, the
   * {@code explicit} format, else CSV. Unlike {@link #fromPath} an unknown extension is never
   * written as CSV under that name ({@code x.parquet}, {@code x.xlsx}).
   *
   * @param explicit a format asked for (e.g. {@code --format}), or null
   * @throws IllegalArgumentException for an unknown extension, listing the supported ones, or
   *     an extension that disagrees with {@code explicit}
   */
  public static TableFormat forOutput(Path path, TableFormat explicit) {
    String ext = extension(path);
    if (ext.isEmpty()) {
      return explicit == null ? CSV : explicit;
    }
    TableFormat byName = fromPath(path, null);
    if (explicit != null && explicit != byName) {
      throw new IllegalArgumentException(path + " ends in ." + ext + ", which is " + byName.name().toLowerCase(Locale.ROOT)
          + ", not the " + explicit.name().toLowerCase(Locale.ROOT) + " asked for");
    }
    return byName;
  }

  /** The file name's extension after the last dot, lower case; empty when there is none. */
  static String extension(Path path) {
    Path name = path.getFileName();
    String s = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    int dot = s.lastIndexOf('.');
    return dot <= 0 ? "" : s.substring(dot + 1);
  }

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
              path + ": unsupported table format " + (ext.isEmpty() ? "(no extension)" : "." + ext)
                  + "; supported: " + SUPPORTED_EXTENSIONS + " (CSV or Arrow IPC)");
        }
        return fallback;
      }
    }
  }
}

package io.hedgekit.io.table;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A table format beyond CSV and Arrow IPC, written by a module that is not on every class path
 * (the Parquet writer of the spark module, which needs parquet-hadoop): found with
 * {@link ServiceLoader} under {@code META-INF/services/io.hedgekit.io.table.TableSinkProvider}.
 * Implementations are stateless and thread-safe.
 */
public interface TableSinkProvider {
  /** The format's name as users type it, lower case ({@code parquet}). */
  String format();

  /** The extension files of this format get, with the dot ({@code .parquet}). */
  String extension();

  /**
   * Starts writing {@code target} (one file) with {@code schema}'s columns.
   *
   * @throws IllegalArgumentException for a column type the format cannot hold, naming the column
   * @throws java.io.UncheckedIOException if the target cannot be written
   */
  TableSink open(Path target, Schema schema);

  /**
   * Why this provider cannot write here, e.g. the libraries it needs are not on the class path
   * (naming them), or empty when it can.
   */
  default Optional<String> unavailable() {
    return Optional.empty();
  }

  /** The provider of {@code format} (any case) on the class path, if there is one. */
  static Optional<TableSinkProvider> find(String format) {
    String wanted = format.toLowerCase(Locale.ROOT);
    for (TableSinkProvider p : ServiceLoader.load(TableSinkProvider.class, TableSinkProvider.class.getClassLoader())) {
      if (p.format().equals(wanted)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}

package io.hedgekit.spark;

import io.hedgekit.io.table.TableSink;
import io.hedgekit.io.table.TableSinkProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Parquet for {@code hedgekit demo --inputs-only --book-format parquet}: one file written with
 * parquet-hadoop straight from the Arrow batches ({@link ParquetTableSink}), no Spark session.
 * Found through {@link java.util.ServiceLoader} by the command line when the launcher puts this
 * module's jar and the Parquet jars (from the Maven repository) beside {@code hedgekit.jar}, which
 * never bundles them. This class itself needs only hedgekit's io module, so that a missing
 * library is reported by {@link #unavailable()}, not as a linkage error. Thread-safe.
 */
public final class ParquetSinkProvider implements TableSinkProvider {
  /** A class of each library the writer needs, and the jar that holds it. */
  private static final List<String[]> NEEDS = List.of(
      new String[] {"org.apache.parquet.hadoop.ParquetWriter", "parquet-hadoop"},
      new String[] {"org.apache.parquet.column.ParquetProperties", "parquet-column"},
      new String[] {"org.apache.parquet.io.LocalOutputFile", "parquet-common"},
      new String[] {"org.apache.hadoop.conf.Configuration", "hadoop-client-api"},
      new String[] {"org.xerial.snappy.Snappy", "snappy-java"},
      new String[] {"org.locationtech.jts.io.ParseException", "jts-core"});

  @Override
  public String format() {
    return "parquet";
  }

  @Override
  public String extension() {
    return ".parquet";
  }

  @Override
  public Optional<String> unavailable() {
    List<String> missing = new ArrayList<>();
    for (String[] need : NEEDS) {
      try {
        Class.forName(need[0], false, ParquetSinkProvider.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        missing.add(need[1] + " (" + need[0] + ")");
      }
    }
    return missing.isEmpty() ? Optional.empty() : Optional.of("the Parquet writer needs " + String.join(", ", missing)
        + " on the class path (./hedgekit adds them from spark/target/classpath.txt)");
  }

  @Override
  public TableSink open(Path target, Schema schema) {
    return ParquetTableSink.open(target, schema);
  }
}

package io.hedgekit.io.table;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Where a table's batches go, atomically: nothing appears at the target until {@link #commit()};
 * closing without committing leaves the target untouched. {@link TableWriter} is the CSV and Arrow
 * IPC one; other formats (Parquet) come from a {@link TableSinkProvider}. Not thread-safe.
 */
public interface TableSink extends AutoCloseable {
  /**
   * Appends the root's rows.
   *
   * @throws IllegalArgumentException if the root's columns differ in number, name or type from the schema
   */
  void write(VectorSchemaRoot root);

  /** Makes what was written appear at the target. */
  void commit();

  /** Rows written so far. */
  long rowsWritten();

  /** Releases the sink; before {@link #commit()} the partial output is deleted. */
  @Override
  void close();
}

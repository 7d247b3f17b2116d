package io.hedgekit.io.table;

import io.hedgekit.io.impl.CsvText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Streams batches of a table to a CSV or Arrow IPC file, atomically: nothing appears at the
 * target until {@link #commit()}; closing without committing leaves the target untouched.
 *
 * <p>CSV: a header of field names, then one line per row. float64 values print in the shortest
 * form that reads back exactly ({@link Double#toString}; negative zero as {@code 0.0}), float32 likewise via
 * {@link Float#toString}; NaN and null print as an empty cell; integers plain; text quoted when
 * needed (RFC 4180); timestamps as ISO-8601 instants; anything else as its text.
 *
 * <p>Arrow: the IPC file format, one record batch per {@link #write}, with the schema's and the
 * fields' metadata preserved.
 */
public final class TableWriter implements TableSink {
  private final Path target;
  private final TableFormat format;
  private final Schema schema;
  private final AtomicOutput out;
  private final Writer csv;
  private final BufferAllocator emptyAllocator;
  private final VectorSchemaRoot schemaRoot;
  private final BatchFileWriter arrow;
  private long rowsWritten;
  private boolean committed;
  private boolean closed;

  /** ArrowFileWriter that writes record batches unloaded from any root with the right schema. */
  private static final class BatchFileWriter extends ArrowFileWriter {
    BatchFileWriter(VectorSchemaRoot schemaRoot, java.nio.channels.WritableByteChannel channel) {
      super(schemaRoot, null, channel);
    }

    void writeRoot(VectorSchemaRoot root) throws IOException {
      try (ArrowRecordBatch batch = new VectorUnloader(root).getRecordBatch()) {
        writeRecordBatch(batch);
      }
    }
  }

  private TableWriter(Path target, TableFormat format, Schema schema, AtomicOutput out) throws IOException {
    this.target = target;
    this.format = format;
    this.schema = schema;
    this.out = out;
    if (format == TableFormat.CSV) {
      this.csv = new BufferedWriter(new OutputStreamWriter(out.stream(), StandardCharsets.UTF_8), 1 << 16);
      this.emptyAllocator = null;
      this.schemaRoot = null;
      this.arrow = null;
      List<Field> fields = schema.getFields();
      for (int c = 0; c < fields.size(); c++) {
        if (c > 0) {
          csv.write(',');
        }
        csv.write(CsvText.quote(fields.get(c).getName()));
      }
      csv.write('\n');
    } else {
      this.csv = null;
      // The writer needs a root to learn the schema from; its vectors are never allocated.
      this.emptyAllocator = new RootAllocator(0);
      VectorSchemaRoot root = null;
      try {
        root = VectorSchemaRoot.create(schema, emptyAllocator);
        this.schemaRoot = root;
        this.arrow = new BatchFileWriter(root, Channels.newChannel(out.stream()));
        arrow.start();
      } catch (IOException | RuntimeException e) {
        if (root != null) {
          root.close();
        }
        emptyAllocator.close();
        throw e;
      }
    }
  }

  /**
   * Starts writing {@code target}.
   *
   * @param schema the table's columns; batches passed to {@link #write} must match it
   * @throws UncheckedIOException if the temporary file cannot be created
   */
  public static TableWriter open(Path target, TableFormat format, Schema schema) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(schema, "schema");
    AtomicOutput out = null;
    try {
      out = AtomicOutput.open(target);
      return new TableWriter(target, format, schema, out);
    } catch (IOException | RuntimeException e) {
      if (out != null) {
        try {
          out.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot write " + target, io);
      }
      throw (RuntimeException) e;
    }
  }

  /** The schema batches must have. */
  public Schema schema() {
    return schema;
  }

  /** Rows written so far. */
  public long rowsWritten() {
    return rowsWritten;
  }

  /**
   * Appends the root's rows.
   *
   * @throws IllegalArgumentException if the root's columns differ in number, name or type from the schema
   */
  public void write(VectorSchemaRoot root) {
    if (closed || committed) {
      throw new IllegalStateException("writer for " + target + " is " + (committed ? "committed" : "closed"));
    }
    checkSchema(root.getSchema());
    try {
      if (format == TableFormat.CSV) {
        writeCsv(root);
      } else {
        arrow.writeRoot(root);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
    rowsWritten += root.getRowCount();
  }

  private void checkSchema(Schema actual) {
    List<Field> want = schema.getFields();
    List<Field> got = actual.getFields();
    if (want.size() != got.size()) {
      throw new IllegalArgumentException("batch has " + got.size() + " columns, the table " + want.size());
    }
    for (int c = 0; c < want.size(); c++) {
      Field w = want.get(c);
      Field g = got.get(c);
      if (!w.getName().equals(g.getName()) || !w.getType().equals(g.getType())) {
        throw new IllegalArgumentException("batch column " + c + " is " + g.getName() + " " + g.getType()
            + ", the table wants " + w.getName() + " " + w.getType());
      }
    }
  }

  private void writeCsv(VectorSchemaRoot root) throws IOException {
    List<FieldVector> vectors = root.getFieldVectors();
    int columns = vectors.size();
    CellFormat[] formats = new CellFormat[columns];
    for (int c = 0; c < columns; c++) {
      formats[c] = cellFormat(vectors.get(c));
    }
    int rows = root.getRowCount();
    for (int i = 0; i < rows; i++) {
      for (int c = 0; c < columns; c++) {
        if (c > 0) {
          csv.write(',');
        }
        if (!vectors.get(c).isNull(i)) {
          csv.write(formats[c].format(i));
        }
      }
      csv.write('\n');
    }
  }

  @FunctionalInterface
  private interface CellFormat {
    String format(int row);
  }

  private static CellFormat cellFormat(FieldVector v) {
    if (v instanceof Float4Vector f4) {
      return i -> Float.isNaN(f4.get(i)) ? "" : Float.toString(f4.get(i));
    }
    if (v instanceof Float2Vector f2) {
      return i -> Float.isNaN(f2.getValueAsFloat(i)) ? "" : Float.toString(f2.getValueAsFloat(i));
    }
    if (v instanceof FloatingPointVector fp) {
      return i -> {
        double d = fp.getValueAsDouble(i);
        // -0.0 (a short position's zero Greek) prints as 0.0: equal, and what a reader expects.
        return Double.isNaN(d) ? "" : d == 0 ? "0.0" : Double.toString(d);
      };
    }
    if (v instanceof BaseIntVector iv) {
      return i -> Long.toString(iv.getValueAsLong(i));
    }
    if (v instanceof VariableWidthFieldVector text && isText(v.getField().getType())) {
      return i -> CsvText.quote(new String(text.get(i), StandardCharsets.UTF_8));
    }
    if (v instanceof BitVector bit) {
      return i -> bit.get(i) != 0 ? "true" : "false";
    }
    if (v instanceof TimeStampVector ts) {
      ArrowType.Timestamp type = (ArrowType.Timestamp) v.getField().getType();
      return i -> switch (type.getUnit()) {
        case SECOND -> Instant.ofEpochSecond(ts.get(i)).toString();
        case MILLISECOND -> Instant.ofEpochMilli(ts.get(i)).toString();
        case MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(ts.get(i), 1_000_000L), Math.floorMod(ts.get(i), 1_000_000L) * 1000L).toString();
        case NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(ts.get(i), 1_000_000_000L), Math.floorMod(ts.get(i), 1_000_000_000L)).toString();
      };
    }
    return i -> CsvText.quote(String.valueOf(v.getObject(i)));
  }

  private static boolean isText(ArrowType t) {
    return t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8 || t instanceof ArrowType.Utf8View;
  }

  /**
   * Finishes the file and moves it into place.
   *
   * @throws UncheckedIOException if that fails (the target is then untouched)
   */
  public void commit() {
    if (closed || committed) {
      throw new IllegalStateException("writer for " + target + " is " + (committed ? "committed" : "closed"));
    }
    try {
      if (format == TableFormat.CSV) {
        csv.flush();
      } else {
        arrow.end();
      }
      out.commit();
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** Releases resources; without a prior {@link #commit()} the partial file is deleted. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    if (arrow != null) {
      try {
        arrow.close();
      } catch (RuntimeException e) {
        failure = e;
      }
      schemaRoot.close();
      emptyAllocator.close();
    }
    try {
      out.close();
    } catch (IOException e) {
      UncheckedIOException u = new UncheckedIOException("cannot delete the partial output of " + target, e);
      if (failure != null) {
        u.addSuppressed(failure);
      }
      throw u;
    }
    if (failure != null && committed) {
      throw failure;
    }
  }
}

package io.hedgekit.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * A partition's Spark rows (Catalyst {@link InternalRow}s, read without converting each row to an
 * external {@code Row}) as Arrow record batches of at most {@code batchRows} rows, for
 * {@link io.hedgekit.risk.engine.Book#from(ArrowReader, String, BufferAllocator)}: numeric columns
 * become Float8 (exact for the int, long and double columns a book has; decimals through
 * {@code toDouble}), timestamps UTC milliseconds, dates days, strings UTF-8 text, anything else its
 * text form. Nulls stay nulls (missing cells). Not thread-safe.
 */
final class RowBatches extends ArrowReader {
  private enum Kind { DOUBLE, FLOAT, LONG, INT, SHORT, BYTE, DECIMAL, TIMESTAMP, DATE, STRING, OTHER }

  private final Iterator<InternalRow> rows;
  private final StructType sparkSchema;
  private final Kind[] kinds;
  private final DataType[] types;
  private final int batchRows;

  RowBatches(Iterator<InternalRow> rows, StructType sparkSchema, int batchRows, BufferAllocator allocator) {
    super(allocator);
    this.rows = rows;
    this.sparkSchema = sparkSchema;
    this.batchRows = batchRows;
    StructField[] fields = sparkSchema.fields();
    this.kinds = new Kind[fields.length];
    this.types = new DataType[fields.length];
    for (int c = 0; c < fields.length; c++) {
      types[c] = fields[c].dataType();
      kinds[c] = kindOf(types[c]);
    }
  }

  private static Kind kindOf(DataType t) {
    if (t instanceof DoubleType) {
      return Kind.DOUBLE;
    }
    if (t instanceof FloatType) {
      return Kind.FLOAT;
    }
    if (t instanceof LongType) {
      return Kind.LONG;
    }
    if (t instanceof IntegerType) {
      return Kind.INT;
    }
    if (t instanceof ShortType) {
      return Kind.SHORT;
    }
    if (t instanceof ByteType) {
      return Kind.BYTE;
    }
    if (t instanceof DecimalType) {
      return Kind.DECIMAL;
    }
    if (t instanceof TimestampType || t instanceof TimestampNTZType) {
      return Kind.TIMESTAMP;
    }
    if (t instanceof DateType) {
      return Kind.DATE;
    }
    if (t instanceof StringType) {
      return Kind.STRING;
    }
    return Kind.OTHER;
  }

  @Override
  protected Schema readSchema() {
    List<Field> fields = new ArrayList<>();
    StructField[] sf = sparkSchema.fields();
    for (int c = 0; c < sf.length; c++) {
      ArrowType type = switch (kinds[c]) {
        case DOUBLE, FLOAT, LONG, INT, SHORT, BYTE, DECIMAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");
        case DATE -> new ArrowType.Date(DateUnit.DAY);
        case STRING, OTHER -> ArrowType.Utf8.INSTANCE;
      };
      fields.add(new Field(sf[c].name(), FieldType.nullable(type), null));
    }
    return new Schema(fields);
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    prepareLoadNextBatch();
    VectorSchemaRoot root = getVectorSchemaRoot();
    List<FieldVector> vectors = root.getFieldVectors();
    for (FieldVector v : vectors) {
      v.allocateNew();
    }
    int n = 0;
    while (n < batchRows && rows.hasNext()) {
      InternalRow row = rows.next();
      for (int c = 0; c < kinds.length; c++) {
        FieldVector v = vectors.get(c);
        if (row.isNullAt(c)) {
          v.setNull(n);
          continue;
        }
        switch (kinds[c]) {
          case DOUBLE -> ((Float8Vector) v).setSafe(n, row.getDouble(c));
          case FLOAT -> ((Float8Vector) v).setSafe(n, row.getFloat(c));
          case LONG -> ((Float8Vector) v).setSafe(n, (double) row.getLong(c));
          case INT -> ((Float8Vector) v).setSafe(n, row.getInt(c));
          case SHORT -> ((Float8Vector) v).setSafe(n, row.getShort(c));
          case BYTE -> ((Float8Vector) v).setSafe(n, row.getByte(c));
          case DECIMAL -> {
            DecimalType d = (DecimalType) types[c];
            ((Float8Vector) v).setSafe(n, row.getDecimal(c, d.precision(), d.scale()).toDouble());
          }
          // Catalyst timestamps are microseconds since the epoch (UTC); floor to milliseconds.
          case TIMESTAMP -> ((TimeStampMilliTZVector) v).setSafe(n, Math.floorDiv(row.getLong(c), 1000L));
          case DATE -> ((DateDayVector) v).setSafe(n, row.getInt(c));
          case STRING -> ((VarCharVector) v).setSafe(n, row.getUTF8String(c).getBytes());
          case OTHER -> ((VarCharVector) v).setSafe(n,
              String.valueOf(row.get(c, types[c])).getBytes(StandardCharsets.UTF_8));
        }
      }
      n++;
    }
    root.setRowCount(n);
    return n > 0;
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  /** Frees the batch vectors (the rows stay Spark's); nothing here can fail with an I/O error. */
  @Override
  public void close() {
    try {
      super.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  protected void closeReadSource() {
    // the rows belong to Spark
  }
}

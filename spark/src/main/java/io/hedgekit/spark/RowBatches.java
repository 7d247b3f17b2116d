package io.hedgekit.spark;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * A partition's Spark rows as Arrow record batches of at most {@code batchRows} rows, for
 * {@link io.hedgekit.risk.engine.Book#from(ArrowReader, String, BufferAllocator)}: numeric columns
 * become Float8 (exact for the int, long and double columns a book has; decimals through
 * {@link BigDecimal#doubleValue()}), timestamps UTC milliseconds, dates days, everything else text
 * (its {@code toString}). Nulls stay nulls (missing cells). Not thread-safe.
 */
final class RowBatches extends ArrowReader {
  private enum Kind { NUMBER, TIMESTAMP, DATE, TEXT }

  private final Iterator<Row> rows;
  private final StructType sparkSchema;
  private final Kind[] kinds;
  private final int batchRows;

  RowBatches(Iterator<Row> rows, StructType sparkSchema, int batchRows, BufferAllocator allocator) {
    super(allocator);
    this.rows = rows;
    this.sparkSchema = sparkSchema;
    this.batchRows = batchRows;
    StructField[] fields = sparkSchema.fields();
    this.kinds = new Kind[fields.length];
    for (int c = 0; c < fields.length; c++) {
      kinds[c] = kindOf(fields[c].dataType());
    }
  }

  private static Kind kindOf(DataType t) {
    if (t instanceof NumericType) {
      return Kind.NUMBER;
    }
    if (t instanceof TimestampType || t instanceof TimestampNTZType) {
      return Kind.TIMESTAMP;
    }
    if (t instanceof DateType) {
      return Kind.DATE;
    }
    return Kind.TEXT;
  }

  @Override
  protected Schema readSchema() {
    List<Field> fields = new ArrayList<>();
    StructField[] sf = sparkSchema.fields();
    for (int c = 0; c < sf.length; c++) {
      ArrowType type = switch (kinds[c]) {
        case NUMBER -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");
        case DATE -> new ArrowType.Date(DateUnit.DAY);
        case TEXT -> ArrowType.Utf8.INSTANCE;
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
      Row row = rows.next();
      for (int c = 0; c < kinds.length; c++) {
        FieldVector v = vectors.get(c);
        if (row.isNullAt(c)) {
          v.setNull(n);
          continue;
        }
        switch (kinds[c]) {
          case NUMBER -> ((Float8Vector) v).setSafe(n, number(row.get(c)));
          case TIMESTAMP -> ((TimeStampMilliTZVector) v).setSafe(n, millis(row.get(c)));
          case DATE -> ((DateDayVector) v).setSafe(n, (int) days(row.get(c)));
          case TEXT -> ((VarCharVector) v).setSafe(n, row.get(c).toString().getBytes(StandardCharsets.UTF_8));
        }
      }
      n++;
    }
    root.setRowCount(n);
    return n > 0;
  }

  private static double number(Object o) {
    if (o instanceof BigDecimal d) {
      return d.doubleValue();
    }
    return ((Number) o).doubleValue();
  }

  private static long millis(Object o) {
    if (o instanceof java.sql.Timestamp t) {
      return t.getTime();
    }
    if (o instanceof Instant i) {
      return i.toEpochMilli();
    }
    if (o instanceof java.time.LocalDateTime t) {
      return t.toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
    }
    throw new IllegalArgumentException("not a timestamp: " + o);
  }

  private static long days(Object o) {
    if (o instanceof java.sql.Date d) {
      return d.toLocalDate().toEpochDay();
    }
    if (o instanceof LocalDate d) {
      return d.toEpochDay();
    }
    throw new IllegalArgumentException("not a date: " + o);
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  protected void closeReadSource() {
    // the rows belong to Spark
  }
}

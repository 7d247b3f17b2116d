package io.hedgekit.spark;

import io.hedgekit.io.table.TableSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * One Parquet file from Arrow batches, atomically (a temporary file beside the target, moved over
 * it on {@link #commit()}; deleted when closed before). Columns: Utf8 as a UTF-8 string, float64
 * and float32 as DOUBLE and FLOAT, 32- and 64-bit integers as INT32 and INT64, booleans, dates
 * (days) as DATE, timestamps as INT64 timestamps in their unit (seconds as milliseconds), UTC-adjusted
 * when the Arrow type has a time zone; nullable fields optional, others required. Snappy-compressed
 * row groups of at most {@value #ROW_GROUP_ROWS} rows, so that Spark can split a large file into
 * many partitions ({@code spark.sql.files.maxPartitionBytes}). Not thread-safe.
 */
final class ParquetTableSink implements TableSink {
  /**
   * Rows per row group (or fewer, at 64 MB in memory): the unit Spark splits a file into partitions
   * by, so a 20M-position book can be read as partitions of a few million rows.
   */
  static final int ROW_GROUP_ROWS = 250_000;
  /** Row group size limit, bytes (in memory, before encoding). */
  static final long ROW_GROUP_BYTES = 64L << 20;

  private enum Kind { TEXT, DOUBLE, FLOAT, INT, LONG, BOOL, DATE, TIMESTAMP_MS, TIMESTAMP_US, TIMESTAMP_NS, TIMESTAMP_S }

  private final Path target;
  private final Path tmp;
  private final Schema schema;
  private final Kind[] kinds;
  private final BatchWriteSupport support;
  private final ParquetWriter<Integer> writer;
  private long rows;
  private boolean committed;
  private boolean closed;

  private ParquetTableSink(Path target, Path tmp, Schema schema, Kind[] kinds, MessageType type) throws IOException {
    this.target = target;
    this.tmp = tmp;
    this.schema = schema;
    this.kinds = kinds;
    this.support = new BatchWriteSupport(type, kinds);
    this.writer = new Builder(new LocalOutputFile(tmp), support)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withRowGroupSize(ROW_GROUP_BYTES)
        .withRowGroupRowCountLimit(ROW_GROUP_ROWS)
        .build();
  }

  /**
   * Starts writing {@code target}.
   *
   * @throws IllegalArgumentException for a column type Parquet is not given here (naming the
   *     column), or a target that is a directory (e.g. an earlier Spark output)
   * @throws UncheckedIOException if the temporary file cannot be created
   */
  static ParquetTableSink open(Path target, Schema schema) {
    List<Type> fields = new ArrayList<>();
    Kind[] kinds = new Kind[schema.getFields().size()];
    for (int c = 0; c < kinds.length; c++) {
      Field f = schema.getFields().get(c);
      kinds[c] = kindOf(f);
      fields.add(parquetType(f, kinds[c]));
    }
    if (Files.isDirectory(target)) {
      throw new IllegalArgumentException(target + " is a directory (an earlier Spark output?); remove it or write elsewhere");
    }
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      // Not Files.createTempFile: its owner-only permissions would stay with the file after the move.
      tmp = Files.createFile(dir.resolve("." + target.getFileName() + "."
          + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".tmp"));
      return new ParquetTableSink(target, tmp, schema, kinds, new MessageType("book", fields));
    } catch (IOException | RuntimeException | Error e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot write " + target + ": " + io.getMessage(), io);
      }
      if (e instanceof Error err) {
        throw err;
      }
      throw (RuntimeException) e;
    }
  }

  private static Kind kindOf(Field f) {
    ArrowType t = f.getType();
    if (t instanceof ArrowType.Utf8) {
      return Kind.TEXT;
    }
    if (t instanceof ArrowType.FloatingPoint fp && fp.getPrecision() != FloatingPointPrecision.HALF) {
      return fp.getPrecision() == FloatingPointPrecision.DOUBLE ? Kind.DOUBLE : Kind.FLOAT;
    }
    if (t instanceof ArrowType.Int i && i.getIsSigned() && (i.getBitWidth() == 32 || i.getBitWidth() == 64)) {
      return i.getBitWidth() == 32 ? Kind.INT : Kind.LONG;
    }
    if (t instanceof ArrowType.Bool) {
      return Kind.BOOL;
    }
    if (t instanceof ArrowType.Date d && d.getUnit() == DateUnit.DAY) {
      return Kind.DATE;
    }
    if (t instanceof ArrowType.Timestamp ts) {
      return switch (ts.getUnit()) {
        case SECOND -> Kind.TIMESTAMP_S;
        case MILLISECOND -> Kind.TIMESTAMP_MS;
        case MICROSECOND -> Kind.TIMESTAMP_US;
        case NANOSECOND -> Kind.TIMESTAMP_NS;
      };
    }
    throw new IllegalArgumentException("column " + f.getName() + " has type " + t + ", which the Parquet writer does not"
        + " take (text, float64/32, int32/64, bool, date, timestamp)");
  }

  private static Type parquetType(Field f, Kind kind) {
    Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> b = f.isNullable() ? Types.optional(primitive(kind)) : Types.required(primitive(kind));
    boolean utc = f.getType() instanceof ArrowType.Timestamp ts && ts.getTimezone() != null;
    LogicalTypeAnnotation logical = switch (kind) {
      case TEXT -> LogicalTypeAnnotation.stringType();
      case DATE -> LogicalTypeAnnotation.dateType();
      case TIMESTAMP_S, TIMESTAMP_MS -> LogicalTypeAnnotation.timestampType(utc, LogicalTypeAnnotation.TimeUnit.MILLIS);
      case TIMESTAMP_US -> LogicalTypeAnnotation.timestampType(utc, LogicalTypeAnnotation.TimeUnit.MICROS);
      case TIMESTAMP_NS -> LogicalTypeAnnotation.timestampType(utc, LogicalTypeAnnotation.TimeUnit.NANOS);
      default -> null;
    };
    if (logical != null) {
      b = b.as(logical);
    }
    return b.named(f.getName());
  }

  private static PrimitiveTypeName primitive(Kind kind) {
    return switch (kind) {
      case TEXT -> PrimitiveTypeName.BINARY;
      case DOUBLE -> PrimitiveTypeName.DOUBLE;
      case FLOAT -> PrimitiveTypeName.FLOAT;
      case INT, DATE -> PrimitiveTypeName.INT32;
      case LONG, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_US, TIMESTAMP_NS -> PrimitiveTypeName.INT64;
      case BOOL -> PrimitiveTypeName.BOOLEAN;
    };
  }

  @Override
  public void write(VectorSchemaRoot root) {
    if (closed || committed) {
      throw new IllegalStateException("writer for " + target + " is " + (committed ? "committed" : "closed"));
    }
    List<Field> want = schema.getFields();
    List<Field> got = root.getSchema().getFields();
    if (want.size() != got.size()) {
      throw new IllegalArgumentException("batch has " + got.size() + " columns, the table " + want.size());
    }
    for (int c = 0; c < want.size(); c++) {
      if (!want.get(c).getName().equals(got.get(c).getName()) || !want.get(c).getType().equals(got.get(c).getType())) {
        throw new IllegalArgumentException("batch column " + c + " is " + got.get(c).getName() + " " + got.get(c).getType()
            + ", the table wants " + want.get(c).getName() + " " + want.get(c).getType());
      }
    }
    support.root = root;
    try {
      for (int i = 0; i < root.getRowCount(); i++) {
        writer.write(i);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      support.root = null;
    }
    rows += root.getRowCount();
  }

  @Override
  public void commit() {
    if (closed || committed) {
      throw new IllegalStateException("writer for " + target + " is " + (committed ? "committed" : "closed"));
    }
    try {
      writer.close();
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public long rowsWritten() {
    return rows;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!committed) {
      try {
        writer.close();
      } catch (IOException | RuntimeException ignored) {
        // the partial file is deleted next
      }
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the partial " + tmp + ": " + e.getMessage(), e);
      }
    }
  }

  /** Writes row {@code i} of the current root, column by column, skipping nulls (optional fields). */
  private static final class BatchWriteSupport extends WriteSupport<Integer> {
    private final MessageType type;
    private final Kind[] kinds;
    private RecordConsumer consumer;
    VectorSchemaRoot root;

    BatchWriteSupport(MessageType type, Kind[] kinds) {
      this.type = type;
      this.kinds = kinds;
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(type, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(type, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    @Override
    public void write(Integer row) {
      int i = row;
      List<FieldVector> vectors = root.getFieldVectors();
      consumer.startMessage();
      for (int c = 0; c < kinds.length; c++) {
        FieldVector v = vectors.get(c);
        if (v.isNull(i)) {
          continue;
        }
        String name = type.getFieldName(c);
        consumer.startField(name, c);
        switch (kinds[c]) {
          case TEXT -> consumer.addBinary(Binary.fromConstantByteArray(((VarCharVector) v).get(i)));
          case DOUBLE -> consumer.addDouble(((Float8Vector) v).get(i));
          case FLOAT -> consumer.addFloat(((Float4Vector) v).get(i));
          case INT -> consumer.addInteger(((IntVector) v).get(i));
          case LONG -> consumer.addLong(((BigIntVector) v).get(i));
          case BOOL -> consumer.addBoolean(((BitVector) v).get(i) != 0);
          case DATE -> consumer.addInteger(((DateDayVector) v).get(i));
          case TIMESTAMP_S -> consumer.addLong(Math.multiplyExact(((TimeStampVector) v).get(i), 1000L));
          case TIMESTAMP_MS, TIMESTAMP_US, TIMESTAMP_NS -> consumer.addLong(((TimeStampVector) v).get(i));
        }
        consumer.endField(name, c);
      }
      consumer.endMessage();
    }
  }

  private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
    private final WriteSupport<Integer> support;

    Builder(LocalOutputFile file, WriteSupport<Integer> support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
      return support;
    }

    @Override
    protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }
}

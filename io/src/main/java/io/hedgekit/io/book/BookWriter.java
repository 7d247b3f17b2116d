package io.hedgekit.io.book;

import io.hedgekit.io.table.TableFormat;
import io.hedgekit.io.table.TableWriter;
import io.hedgekit.kernels.ContractKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes a book file that {@link BookReader} reads back to the same positions: columns
 * {@link #COLUMNS} (no symbol; expiry as ISO-8601 instant text, type and settlement spelled out),
 * then the extra numeric columns. Missing values (NaN vol, entry price, extras; no type, strike
 * or expiry) are empty CSV cells or Arrow nulls. Text columns are Utf8, numbers float64. The
 * file appears atomically on {@link #commit()}.
 */
public final class BookWriter implements AutoCloseable {
  /** The book columns written, in order. */
  public static final List<String> COLUMNS = List.of("id", "underlying", "instrument", "type", "settlement", "strike",
      "expiry", "quantity", "contract_size", "vol", "entry_price");
  private static final int CHUNK_ROWS = 4096;
  private static final int TEXT_COLUMNS = 5;

  private final TableWriter table;
  private final VectorSchemaRoot chunk;
  private final List<String> extras;
  private final VarCharVector[] text = new VarCharVector[TEXT_COLUMNS];
  private final VarCharVector expiry;
  private final Float8Vector[] numbers;
  private int rows;

  private BookWriter(TableWriter table, VectorSchemaRoot chunk, List<String> extras) {
    this.table = table;
    this.chunk = chunk;
    this.extras = extras;
    for (int c = 0; c < TEXT_COLUMNS; c++) {
      text[c] = (VarCharVector) chunk.getVector(c);
    }
    expiry = (VarCharVector) chunk.getVector("expiry");
    numbers = new Float8Vector[4 + extras.size()];
    numbers[0] = (Float8Vector) chunk.getVector("quantity");
    numbers[1] = (Float8Vector) chunk.getVector("contract_size");
    numbers[2] = (Float8Vector) chunk.getVector("vol");
    numbers[3] = (Float8Vector) chunk.getVector("entry_price");
    for (int e = 0; e < extras.size(); e++) {
      numbers[4 + e] = (Float8Vector) chunk.getVector(extras.get(e));
    }
  }

  /** The file schema for these extra columns. */
  public static Schema schema(List<String> extraColumns) {
    FieldType utf8 = FieldType.nullable(ArrowType.Utf8.INSTANCE);
    FieldType f8 = FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
    List<Field> fields = new ArrayList<>();
    for (String name : COLUMNS) {
      boolean number = name.equals("strike") || name.equals("quantity") || name.equals("contract_size")
          || name.equals("vol") || name.equals("entry_price");
      fields.add(new Field(name, number ? f8 : utf8, null));
    }
    for (String name : extraColumns) {
      fields.add(new Field(name, f8, null));
    }
    return new Schema(fields);
  }

  /**
   * Starts a book file.
   *
   * @param extraColumns extra numeric columns (lower case, not book column names)
   * @throws IllegalArgumentException for a bad extra column name
   */
  public static BookWriter open(Path file, TableFormat format, BufferAllocator allocator, List<String> extraColumns) {
    List<String> extras = checkExtras(extraColumns);
    Schema schema = schema(extras);
    VectorSchemaRoot chunk = VectorSchemaRoot.create(schema, allocator);
    TableWriter table = null;
    try {
      for (FieldVector v : chunk.getFieldVectors()) {
        v.setInitialCapacity(CHUNK_ROWS);
        v.allocateNew();
      }
      table = TableWriter.open(file, format, schema);
      return new BookWriter(table, chunk, extras);
    } catch (RuntimeException | Error e) {
      if (table != null) {
        table.close();
      }
      chunk.close();
      throw e;
    }
  }

  /**
   * Writes {@code positions} to {@code file} (extra columns: every extras key, in order of first
   * appearance) and commits.
   */
  public static void write(Path file, TableFormat format, BufferAllocator allocator, List<BookPosition> positions) {
    Set<String> extras = new LinkedHashSet<>();
    for (BookPosition p : positions) {
      extras.addAll(p.extras().keySet());
    }
    try (BookWriter w = open(file, format, allocator, List.copyOf(extras))) {
      for (BookPosition p : positions) {
        w.write(p);
      }
      w.commit();
    }
  }

  private static List<String> checkExtras(List<String> extraColumns) {
    List<String> out = new ArrayList<>();
    for (String e : extraColumns) {
      if (!e.equals(e.strip().toLowerCase(Locale.ROOT)) || e.isEmpty()) {
        throw new IllegalArgumentException("extra column names must be lower case without spaces around, was \"" + e + "\"");
      }
      if (BookReader.INPUT_COLUMNS.contains(e) || out.contains(e)) {
        throw new IllegalArgumentException("extra column " + e + " repeats or is a book column");
      }
      out.add(e);
    }
    return List.copyOf(out);
  }

  /**
   * Appends one position.
   *
   * @throws IllegalArgumentException if it has an extra value for a column this file lacks
   */
  public void write(BookPosition p) {
    for (String key : p.extras().keySet()) {
      if (!extras.contains(key)) {
        throw new IllegalArgumentException("position " + p.id() + " has extra column " + key + ", the file has " + extras);
      }
    }
    ContractKind k = p.kind();
    setText(text[0], p.id());
    setText(text[1], p.underlying());
    setText(text[2], k.instrument().fileName());
    setText(text[3], k.isOption() ? (k.isCall() ? "call" : "put") : null);
    setText(text[4], k.isInverse() ? "inverse" : "linear");
    setNumber((Float8Vector) chunk.getVector("strike"), p.strike());
    setText(expiry, p.expiry() == null ? null : p.expiry().toString());
    setNumber(numbers[0], p.quantity());
    setNumber(numbers[1], p.contractSize());
    setNumber(numbers[2], p.vol());
    setNumber(numbers[3], p.entryPrice());
    for (int e = 0; e < extras.size(); e++) {
      setNumber(numbers[4 + e], p.extra(extras.get(e)));
    }
    rows++;
    if (rows == CHUNK_ROWS) {
      flush();
    }
  }

  /**
   * Appends every row of a batch read by {@link BookReader}. Extra columns are matched by name:
   * the batch's extras this file lacks are dropped, the file's extras the batch lacks are empty.
   */
  public void write(BookBatch batch) {
    for (int i = 0; i < batch.rows(); i++) {
      BookPosition p = batch.position(i);
      write(p.withExtras(onlyKnown(p)));
    }
  }

  private java.util.Map<String, Double> onlyKnown(BookPosition p) {
    java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
    for (String e : extras) {
      m.put(e, p.extra(e));
    }
    return m;
  }

  private void setText(VarCharVector v, String s) {
    if (s == null) {
      v.setNull(rows);
    } else {
      v.setSafe(rows, s.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void setNumber(Float8Vector v, double d) {
    if (Double.isNaN(d)) {
      v.setNull(rows);
    } else {
      v.setSafe(rows, d);
    }
  }

  private void flush() {
    if (rows == 0) {
      return;
    }
    chunk.setRowCount(rows);
    table.write(chunk);
    for (FieldVector v : chunk.getFieldVectors()) {
      v.reset();
    }
    chunk.setRowCount(0);
    rows = 0;
  }

  /** Writes what is buffered and moves the file into place. */
  public void commit() {
    flush();
    table.commit();
  }

  /** Releases memory; without {@link #commit()} nothing is written. */
  @Override
  public void close() {
    try {
      table.close();
    } finally {
      chunk.close();
    }
  }
}

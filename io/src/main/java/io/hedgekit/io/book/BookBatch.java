package io.hedgekit.io.book;

import io.hedgekit.kernels.ContractKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Up to {@code batchRows} validated positions of a book in canonical Arrow columns, as produced
 * by {@link BookReader}. Owns off-heap memory: close it.
 *
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>column</th><th>vector</th><th>meaning</th></tr>
 *   <tr><td>id</td><td>VarChar</td><td>position id</td></tr>
 *   <tr><td>underlying</td><td>VarChar</td><td>underlying name, upper case</td></tr>
 *   <tr><td>kind</td><td>Int</td><td>{@link ContractKind#code()}</td></tr>
 *   <tr><td>strike</td><td>Float8</td><td>option strike, USD; NaN for non-options</td></tr>
 *   <tr><td>expiry_ms</td><td>BigInt</td><td>expiry, epoch milliseconds; null (data {@code Long.MIN_VALUE}) when none</td></tr>
 *   <tr><td>quantity</td><td>Float8</td><td>signed number of contracts</td></tr>
 *   <tr><td>contract_size</td><td>Float8</td><td>&gt; 0 (coins, or USD face for inverse futures/perpetuals)</td></tr>
 *   <tr><td>vol</td><td>Float8</td><td>implied vol, decimal; NaN = none</td></tr>
 *   <tr><td>entry_price</td><td>Float8</td><td>USD; NaN = none</td></tr>
 *   <tr><td>source_row</td><td>BigInt</td><td>1-based data row in the file, for error messages</td></tr>
 *   <tr><td><i>extra</i></td><td>Float8</td><td>one per requested extra column; NaN = missing</td></tr>
 * </table>
 * No float column holds nulls (NaN stands for "none"), so kernels can read the data buffers
 * directly (see {@link io.hedgekit.io.table.ArrowSegments}).
 */
public final class BookBatch implements AutoCloseable {
  public static final String ID = "id";
  public static final String UNDERLYING = "underlying";
  public static final String KIND = "kind";
  public static final String STRIKE = "strike";
  public static final String EXPIRY_MS = "expiry_ms";
  public static final String QUANTITY = "quantity";
  public static final String CONTRACT_SIZE = "contract_size";
  public static final String VOL = "vol";
  public static final String ENTRY_PRICE = "entry_price";
  public static final String SOURCE_ROW = "source_row";
  /** The canonical column names in schema order (extras follow). */
  public static final List<String> CANONICAL = List.of(
      ID, UNDERLYING, KIND, STRIKE, EXPIRY_MS, QUANTITY, CONTRACT_SIZE, VOL, ENTRY_PRICE, SOURCE_ROW);

  private static final long NO_EXPIRY = Long.MIN_VALUE;

  private final VectorSchemaRoot root;
  private final String file;
  private final List<String> extraNames;
  private final VarCharVector id;
  private final VarCharVector underlying;
  private final IntVector kind;
  private final Float8Vector strike;
  private final BigIntVector expiry;
  private final Float8Vector quantity;
  private final Float8Vector contractSize;
  private final Float8Vector vol;
  private final Float8Vector entryPrice;
  private final BigIntVector sourceRow;
  private final Float8Vector[] extras;
  private final Map<String, Float8Vector> extraByName = new LinkedHashMap<>();

  private BookBatch(VectorSchemaRoot root, String file, List<String> extraNames) {
    this.root = root;
    this.file = file;
    this.extraNames = List.copyOf(extraNames);
    this.id = (VarCharVector) root.getVector(ID);
    this.underlying = (VarCharVector) root.getVector(UNDERLYING);
    this.kind = (IntVector) root.getVector(KIND);
    this.strike = (Float8Vector) root.getVector(STRIKE);
    this.expiry = (BigIntVector) root.getVector(EXPIRY_MS);
    this.quantity = (Float8Vector) root.getVector(QUANTITY);
    this.contractSize = (Float8Vector) root.getVector(CONTRACT_SIZE);
    this.vol = (Float8Vector) root.getVector(VOL);
    this.entryPrice = (Float8Vector) root.getVector(ENTRY_PRICE);
    this.sourceRow = (BigIntVector) root.getVector(SOURCE_ROW);
    this.extras = new Float8Vector[extraNames.size()];
    for (int e = 0; e < extras.length; e++) {
      extras[e] = (Float8Vector) root.getVector(extraNames.get(e));
      extraByName.put(extraNames.get(e), extras[e]);
    }
  }

  /**
   * The schema of a batch with these extra columns.
   *
   * @throws IllegalArgumentException if an extra name repeats or is a canonical column name
   */
  public static Schema schema(List<String> extraColumns) {
    List<Field> fields = new ArrayList<>();
    FieldType utf8 = FieldType.notNullable(ArrowType.Utf8.INSTANCE);
    FieldType f8 = FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
    FieldType i64 = FieldType.notNullable(new ArrowType.Int(64, true));
    fields.add(new Field(ID, utf8, null));
    fields.add(new Field(UNDERLYING, utf8, null));
    fields.add(new Field(KIND, FieldType.notNullable(new ArrowType.Int(32, true)), null));
    fields.add(new Field(STRIKE, f8, null));
    fields.add(new Field(EXPIRY_MS, FieldType.nullable(new ArrowType.Int(64, true)), null));
    fields.add(new Field(QUANTITY, f8, null));
    fields.add(new Field(CONTRACT_SIZE, f8, null));
    fields.add(new Field(VOL, f8, null));
    fields.add(new Field(ENTRY_PRICE, f8, null));
    fields.add(new Field(SOURCE_ROW, i64, null));
    List<String> seen = new ArrayList<>(CANONICAL);
    for (String name : extraColumns) {
      if (seen.contains(name)) {
        throw new IllegalArgumentException("extra column " + name + " repeats or clashes with a book column");
      }
      seen.add(name);
      fields.add(new Field(name, f8, null));
    }
    return new Schema(fields);
  }

  /**
   * An empty batch with room for {@code initialRows} rows (it grows as rows are set).
   * Package-private: batches come from {@link BookReader}.
   */
  static BookBatch allocate(BufferAllocator allocator, String file, List<String> extraColumns, int initialRows) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema(extraColumns), allocator);
    try {
      for (var v : root.getFieldVectors()) {
        v.setInitialCapacity(initialRows);
        v.allocateNew();
      }
      return new BookBatch(root, file, extraColumns);
    } catch (RuntimeException | Error e) {
      root.close();
      throw e;
    }
  }

  /** Sets row {@code i} (growing the vectors as needed). */
  void set(int i, String idValue, String underlyingValue, int kindCode, double strikeValue, long expiryMillis,
      double quantityValue, double contractSizeValue, double volValue, double entryPriceValue, long sourceRowValue) {
    id.setSafe(i, idValue.getBytes(StandardCharsets.UTF_8));
    underlying.setSafe(i, underlyingValue.getBytes(StandardCharsets.UTF_8));
    kind.setSafe(i, kindCode);
    strike.setSafe(i, strikeValue);
    expiry.setSafe(i, expiryMillis);
    if (expiryMillis == NO_EXPIRY) {
      expiry.setNull(i);
    }
    quantity.setSafe(i, quantityValue);
    contractSize.setSafe(i, contractSizeValue);
    vol.setSafe(i, volValue);
    entryPrice.setSafe(i, entryPriceValue);
    sourceRow.setSafe(i, sourceRowValue);
  }

  /** Sets extra column {@code e} (in requested order) of row {@code i}. */
  void setExtra(int e, int i, double value) {
    extras[e].setSafe(i, value);
  }

  /** Fixes the row count after the rows are set. */
  void finish(int rows) {
    root.setRowCount(rows);
  }

  /** Number of positions in this batch. */
  public int rows() {
    return root.getRowCount();
  }

  /** The file the positions came from, as given. */
  public String file() {
    return file;
  }

  /** The canonical columns plus extras; valid until {@link #close()}. */
  public VectorSchemaRoot root() {
    return root;
  }

  /** Names of the extra numeric columns, in requested order. */
  public List<String> extraColumns() {
    return extraNames;
  }

  public String id(int row) {
    return new String(id.get(row), StandardCharsets.UTF_8);
  }

  public String underlying(int row) {
    return new String(underlying.get(row), StandardCharsets.UTF_8);
  }

  /** {@link ContractKind#code()} of the row. */
  public int kind(int row) {
    return kind.get(row);
  }

  public ContractKind contractKind(int row) {
    return ContractKind.ofCode(kind.get(row));
  }

  /** Strike, USD; NaN for non-options. */
  public double strike(int row) {
    return strike.get(row);
  }

  /** Expiry in epoch milliseconds, {@code Long.MIN_VALUE} when the contract has none. */
  public long expiryMillis(int row) {
    return expiry.isNull(row) ? NO_EXPIRY : expiry.get(row);
  }

  public double quantity(int row) {
    return quantity.get(row);
  }

  public double contractSize(int row) {
    return contractSize.get(row);
  }

  /** Implied vol (decimal), NaN when the book has none for this row. */
  public double vol(int row) {
    return vol.get(row);
  }

  /** Entry price, USD, NaN when none. */
  public double entryPrice(int row) {
    return entryPrice.get(row);
  }

  /** 1-based data row in {@link #file()}. */
  public long sourceRow(int row) {
    return sourceRow.get(row);
  }

  /**
   * Value of extra column {@code name}, NaN where the file has none.
   *
   * @throws IllegalArgumentException if {@code name} was not requested
   */
  public double extra(String name, int row) {
    Float8Vector v = extraByName.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no extra column " + name + "; requested: " + extraNames);
    }
    return v.get(row);
  }

  /** Value of extra column number {@code e} (in {@link #extraColumns()} order), NaN where the file has none. */
  public double extra(int e, int row) {
    return extras[e].get(row);
  }

  /** Row {@code row} as a record; convenient, not for hot paths. */
  public BookPosition position(int row) {
    Objects.checkIndex(row, rows());
    long ms = expiryMillis(row);
    Map<String, Double> ex = new LinkedHashMap<>();
    for (int e = 0; e < extras.length; e++) {
      ex.put(extraNames.get(e), extras[e].get(row));
    }
    return new BookPosition(id(row), underlying(row), contractKind(row), strike(row),
        ms == NO_EXPIRY ? null : Instant.ofEpochMilli(ms), quantity(row), contractSize(row), vol(row),
        entryPrice(row), ex);
  }

  /** All rows as records; for tests and small books. */
  public List<BookPosition> positions() {
    List<BookPosition> out = new ArrayList<>(rows());
    for (int i = 0; i < rows(); i++) {
      out.add(position(i));
    }
    return out;
  }

  @Override
  public void close() {
    root.close();
  }
}

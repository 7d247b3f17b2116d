package io.hedgekit.risk.engine;

import io.hedgekit.io.book.BookBatch;
import io.hedgekit.io.book.BookReader;
import io.hedgekit.kernels.ContractKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An immutable book of positions held in Java memory (columns of primitives, about 90 bytes per
 * position plus its id), not yet resolved against a market: {@link RiskEngine#resolve} does that.
 * Thread-safe: share one book between threads and requests freely.
 *
 * <p>Built from a list of {@link Position}s ({@link #of}, {@link #builder}), from Arrow record
 * batches with the book file's columns ({@link #from(VectorSchemaRoot, String, BufferAllocator)},
 * {@link #from(ArrowReader, String, BufferAllocator)}), or from a CSV/Arrow IPC file
 * ({@link #read}); Arrow input and files pass the same validation as {@code hedgekit}'s book
 * files, and bad input is an {@link io.hedgekit.kernels.InputException} naming the row, column and
 * value. Ids must be unique.
 */
public final class Book {
  private static final long NO_EXPIRY = Long.MIN_VALUE;

  private final String name;
  private final String[] ids;
  private final String[] underlyings;
  private final int[] kinds;
  private final double[] strikes;
  private final long[] expiries;
  private final double[] quantities;
  private final double[] contractSizes;
  private final double[] vols;
  private final double[] entryPrices;
  private final long[] sourceRows;

  private Book(String name, Columns c) {
    this.name = name;
    int n = c.size;
    this.ids = Arrays.copyOf(c.ids, n);
    this.underlyings = Arrays.copyOf(c.underlyings, n);
    this.kinds = Arrays.copyOf(c.kinds, n);
    this.strikes = Arrays.copyOf(c.strikes, n);
    this.expiries = Arrays.copyOf(c.expiries, n);
    this.quantities = Arrays.copyOf(c.quantities, n);
    this.contractSizes = Arrays.copyOf(c.contractSizes, n);
    this.vols = Arrays.copyOf(c.vols, n);
    this.entryPrices = Arrays.copyOf(c.entryPrices, n);
    this.sourceRows = Arrays.copyOf(c.sourceRows, n);
  }

  /** A book of these positions, named {@code book} in messages. */
  public static Book of(List<Position> positions) {
    return of("book", positions);
  }

  /**
   * A book of these positions; {@code name} appears in messages, row numbers are 1-based list
   * positions.
   *
   * @throws IllegalArgumentException if an id repeats
   */
  public static Book of(String name, List<Position> positions) {
    Builder b = builder(name);
    positions.forEach(b::add);
    return b.build();
  }

  /** A builder for a book named {@code book}. */
  public static Builder builder() {
    return builder("book");
  }

  /** A builder for a book called {@code name} in messages. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Reads a book file (CSV or Arrow IPC, see {@link BookReader}) into memory; Arrow memory used
   * while reading comes from {@code allocator} and is freed before this returns.
   *
   * @throws io.hedgekit.kernels.InputException naming file, row, column and value of the first bad row
   */
  public static Book read(Path file, BufferAllocator allocator) {
    try (BookReader reader = BookReader.open(file, allocator)) {
      return fromBatches(file.toString(), reader);
    }
  }

  /**
   * Reads a book from an open {@link ArrowReader} whose batches have the book file's columns
   * ({@code id}, {@code symbol} or {@code underlying}/{@code instrument}/{@code type}/
   * {@code settlement}/{@code strike}/{@code expiry}, {@code quantity}, optional
   * {@code contract_size}, {@code vol}, {@code entry_price}); closes the reader.
   *
   * @param name what messages call this book
   */
  public static Book from(ArrowReader reader, String name, BufferAllocator allocator) {
    try (BookReader books = BookReader.open(reader, name, allocator, BookReader.DEFAULT_BATCH_ROWS)) {
      return fromBatches(name, books);
    }
  }

  /**
   * Reads a book from one record batch with the book file's columns (as
   * {@link #from(ArrowReader, String, BufferAllocator)}); {@code root} is not changed or closed.
   */
  public static Book from(VectorSchemaRoot root, String name, BufferAllocator allocator) {
    return from(new RootReader(root, allocator), name, allocator);
  }

  private static Book fromBatches(String name, BookReader reader) {
    Builder b = new Builder(name);
    while (reader.hasNext()) {
      try (BookBatch batch = reader.next()) {
        for (int i = 0; i < batch.rows(); i++) {
          b.addValidated(batch.id(i), batch.underlying(i), batch.kind(i), batch.strike(i), batch.expiryMillis(i),
              batch.quantity(i), batch.contractSize(i), batch.vol(i), batch.entryPrice(i), batch.sourceRow(i));
        }
      }
    }
    return b.build();
  }

  /** What messages call this book (its file name, or the name given). */
  public String name() {
    return name;
  }

  /** Number of positions. */
  public int size() {
    return ids.length;
  }

  /** Id of position {@code i} (0-based). */
  public String id(int i) {
    return ids[i];
  }

  /** Position {@code i} (0-based) as a record; convenient, not for hot paths. */
  public Position position(int i) {
    Objects.checkIndex(i, ids.length);
    return new Position(ids[i], underlyings[i], ContractKind.ofCode(kinds[i]), strikes[i],
        expiries[i] == NO_EXPIRY ? null : Instant.ofEpochMilli(expiries[i]), quantities[i], contractSizes[i], vols[i],
        entryPrices[i]);
  }

  /** All positions as records. */
  public List<Position> positions() {
    List<Position> out = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      out.add(position(i));
    }
    return out;
  }

  // Package-private column access for resolution.
  String underlying(int i) {
    return underlyings[i];
  }

  int kind(int i) {
    return kinds[i];
  }

  double strike(int i) {
    return strikes[i];
  }

  long expiryMillis(int i) {
    return expiries[i];
  }

  double quantity(int i) {
    return quantities[i];
  }

  double contractSize(int i) {
    return contractSizes[i];
  }

  double vol(int i) {
    return vols[i];
  }

  double entryPrice(int i) {
    return entryPrices[i];
  }

  /** 1-based row of position {@code i} in its source (file data row, or list position). */
  long sourceRow(int i) {
    return sourceRows[i];
  }

  /** Collects positions into a {@link Book}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final Columns columns = new Columns();
    private final Map<String, Integer> seen = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Adds a position.
     *
     * @throws IllegalArgumentException if its id is already in the book
     */
    public Builder add(Position p) {
      long expiry = p.expiry() == null ? NO_EXPIRY : p.expiry().toEpochMilli();
      add(p.id(), p.underlying(), p.kind().code(), p.strike(), expiry, p.quantity(), p.contractSize(), p.vol(),
          p.entryPrice(), columns.size + 1L);
      return this;
    }

    /** Adds every position of {@code positions}. */
    public Builder addAll(List<Position> positions) {
      positions.forEach(this::add);
      return this;
    }

    private void addValidated(String id, String underlying, int kind, double strike, long expiry, double quantity,
        double contractSize, double vol, double entryPrice, long sourceRow) {
      add(id, underlying, kind, strike, expiry, quantity, contractSize, vol, entryPrice, sourceRow);
    }

    private void add(String id, String underlying, int kind, double strike, long expiry, double quantity,
        double contractSize, double vol, double entryPrice, long sourceRow) {
      Integer first = seen.putIfAbsent(id, columns.size + 1);
      if (first != null) {
        throw new IllegalArgumentException("id " + id + " repeats (positions " + first + " and " + (columns.size + 1)
            + " of " + name + ")");
      }
      columns.add(id, names.computeIfAbsent(underlying, u -> u), kind, strike, expiry, quantity, contractSize, vol,
          entryPrice, sourceRow);
    }

    /** The book of the positions added so far. */
    public Book build() {
      return new Book(name, columns);
    }
  }

  /** Growable columns. */
  private static final class Columns {
    int size;
    String[] ids = new String[16];
    String[] underlyings = new String[16];
    int[] kinds = new int[16];
    double[] strikes = new double[16];
    long[] expiries = new long[16];
    double[] quantities = new double[16];
    double[] contractSizes = new double[16];
    double[] vols = new double[16];
    double[] entryPrices = new double[16];
    long[] sourceRows = new long[16];

    void add(String id, String underlying, int kind, double strike, long expiry, double quantity, double contractSize,
        double vol, double entryPrice, long sourceRow) {
      if (size == ids.length) {
        int n = Math.max(16, size + (size >> 1));
        ids = Arrays.copyOf(ids, n);
        underlyings = Arrays.copyOf(underlyings, n);
        kinds = Arrays.copyOf(kinds, n);
        strikes = Arrays.copyOf(strikes, n);
        expiries = Arrays.copyOf(expiries, n);
        quantities = Arrays.copyOf(quantities, n);
        contractSizes = Arrays.copyOf(contractSizes, n);
        vols = Arrays.copyOf(vols, n);
        entryPrices = Arrays.copyOf(entryPrices, n);
        sourceRows = Arrays.copyOf(sourceRows, n);
      }
      ids[size] = id;
      underlyings[size] = underlying;
      kinds[size] = kind;
      strikes[size] = strike;
      expiries[size] = expiry;
      quantities[size] = quantity;
      contractSizes[size] = contractSize;
      vols[size] = vol;
      entryPrices[size] = entryPrice;
      sourceRows[size] = sourceRow;
      size++;
    }
  }

  /** One {@link VectorSchemaRoot} seen as an {@link ArrowReader} of one batch (buffers shared, not copied). */
  private static final class RootReader extends ArrowReader {
    private final VectorSchemaRoot source;
    private boolean delivered;

    RootReader(VectorSchemaRoot source, BufferAllocator allocator) {
      super(allocator);
      this.source = source;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
      if (delivered) {
        return false;
      }
      delivered = true;
      prepareLoadNextBatch();
      ArrowRecordBatch batch = new VectorUnloader(source).getRecordBatch();
      loadRecordBatch(batch);
      return true;
    }

    @Override
    public long bytesRead() {
      return 0;
    }

    @Override
    protected void closeReadSource() {
      // the caller owns the root
    }

    @Override
    protected Schema readSchema() {
      return source.getSchema();
    }
  }
}

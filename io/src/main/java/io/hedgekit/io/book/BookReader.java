package io.hedgekit.io.book;

import io.hedgekit.io.Expiries;
import io.hedgekit.io.impl.Numbers;
import io.hedgekit.io.impl.OffHeapHashSet;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.ContractKind.Instrument;
import io.hedgekit.kernels.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Reads a book file batch by batch, validating every row; never holds more than one batch (plus
 * the set of ids seen, to reject duplicates) in memory. The id set holds a 64-bit hash per id
 * off-heap in the reader's allocator ({@link OffHeapHashSet}: 11 to 21 bytes per position, freed
 * when the last batch has been read), so the Java heap stays flat however large the book; when a
 * hash repeats, the file is read again up to that row to compare the ids exactly, so a duplicate
 * names both rows and a hash collision of two different ids is not mistaken for one.
 *
 * <p>Formats, by extension: {@code .csv} (a header row naming the columns, RFC-4180 quoting,
 * whitespace around cells trimmed, empty cell = missing, blank lines skipped) or
 * {@code .arrow}/{@code .arrows}/{@code .ipc}/{@code .feather} (Arrow IPC file or stream format,
 * told apart by the {@code ARROW1} magic; see {@link ArrowRowSource} for accepted types — a float
 * NaN there counts as missing). Column names are matched ignoring case; unknown columns are
 * ignored.
 *
 * <table>
 *   <caption>Input columns</caption>
 *   <tr><th>column</th><th>required</th><th>meaning</th></tr>
 *   <tr><td>id</td><td>yes</td><td>unique position id</td></tr>
 *   <tr><td>symbol</td><td>no</td><td>Deribit instrument name ({@link DeribitSymbol}); fills the next six columns, which must agree with it where given</td></tr>
 *   <tr><td>underlying</td><td>unless symbol</td><td>BTC, ETH, ... (upper-cased)</td></tr>
 *   <tr><td>instrument</td><td>unless symbol</td><td>option, future, perpetual, spot (any case)</td></tr>
 *   <tr><td>type</td><td>options</td><td>call or put (also c, p)</td></tr>
 *   <tr><td>settlement</td><td>no</td><td>linear (default without symbol) or inverse</td></tr>
 *   <tr><td>strike</td><td>options</td><td>&gt; 0, USD</td></tr>
 *   <tr><td>expiry</td><td>options, futures</td><td>ISO-8601 instant or date (08:00 UTC), see {@link Expiries}</td></tr>
 *   <tr><td>quantity</td><td>yes</td><td>signed number of contracts, finite</td></tr>
 *   <tr><td>contract_size</td><td>no (1)</td><td>&gt; 0</td></tr>
 *   <tr><td>vol</td><td>no</td><td>implied vol, decimal, in (0, 10]</td></tr>
 *   <tr><td>entry_price</td><td>no</td><td>&gt; 0, USD (used by futures and perpetuals)</td></tr>
 * </table>
 * Type and strike on a non-option, or an expiry on a perpetual or spot row, are rejected (they
 * suggest a wrong instrument). Every problem is an {@link InputException} naming file, 1-based
 * data row, column and value; the first one found stops the read. Checks that need the market
 * (expired positions, unknown underlyings) are left to the caller, which can name the row with
 * {@link BookBatch#sourceRow(int)}.
 */
public final class BookReader implements AutoCloseable, Iterator<BookBatch> {
  /** Default rows per batch. */
  public static final int DEFAULT_BATCH_ROWS = 65_536;

  private static final String ID = "id";
  private static final String SYMBOL = "symbol";
  private static final String UNDERLYING = "underlying";
  private static final String INSTRUMENT = "instrument";
  private static final String TYPE = "type";
  private static final String SETTLEMENT = "settlement";
  private static final String STRIKE = "strike";
  private static final String EXPIRY = "expiry";
  private static final String QUANTITY = "quantity";
  private static final String CONTRACT_SIZE = "contract_size";
  private static final String VOL = "vol";
  private static final String ENTRY_PRICE = "entry_price";
  /** Input column names; extra columns may not reuse them. */
  public static final List<String> INPUT_COLUMNS = List.of(ID, SYMBOL, UNDERLYING, INSTRUMENT, TYPE, SETTLEMENT,
      STRIKE, EXPIRY, QUANTITY, CONTRACT_SIZE, VOL, ENTRY_PRICE);
  private static final Set<String> ARROW_EXTENSIONS = Set.of("arrow", "arrows", "ipc", "feather");
  private static final int FIRST_ALLOCATION_ROWS = 1024;
  private static final int CACHE_LIMIT = 4096;

  private final RowSource source;
  private final Path path;
  private final String file;
  private final BufferAllocator allocator;
  private final int batchRows;
  private final List<String> extras;
  private final int[] extraColumns;
  private final int cId;
  private final int cSymbol;
  private final int cUnderlying;
  private final int cInstrument;
  private final int cType;
  private final int cSettlement;
  private final int cStrike;
  private final int cExpiry;
  private final int cQuantity;
  private final int cContractSize;
  private final int cVol;
  private final int cEntryPrice;
  /** Hashes of the ids read so far; allocated at the first row, freed once the last row is read. */
  private OffHeapHashSet idHashes;
  /**
   * Ids and rows read so far from a caller's Arrow reader (no file to read again): a reader in
   * memory cannot be re-read to confirm a hash hit, so its ids are kept exactly (its batches are
   * in memory already). Null for a file.
   */
  private Map<String, Long> readerIds;
  /** The id hash: {@link OffHeapHashSet#hash}; tests swap in a colliding one to exercise the exact check. */
  private java.util.function.ToLongFunction<String> idHash = OffHeapHashSet::hash;
  // Books repeat few distinct symbols and expiries; parsing them (java.time) dominates otherwise.
  private final Map<String, DeribitSymbol> symbolCache = new HashMap<>();
  private final Map<String, Long> expiryCache = new HashMap<>();
  private final boolean quantityRequired;
  private boolean pending;
  private boolean closed;

  private BookReader(RowSource source, Path path, String file, BufferAllocator allocator, int batchRows, List<String> extras,
      boolean quantityRequired) {
    this.source = source;
    this.path = path;
    this.quantityRequired = quantityRequired;
    this.file = file;
    this.allocator = allocator;
    this.batchRows = batchRows;
    this.extras = extras;
    List<String> cols = source.columns();
    cId = cols.indexOf(ID);
    cSymbol = cols.indexOf(SYMBOL);
    cUnderlying = cols.indexOf(UNDERLYING);
    cInstrument = cols.indexOf(INSTRUMENT);
    cType = cols.indexOf(TYPE);
    cSettlement = cols.indexOf(SETTLEMENT);
    cStrike = cols.indexOf(STRIKE);
    cExpiry = cols.indexOf(EXPIRY);
    cQuantity = cols.indexOf(QUANTITY);
    cContractSize = cols.indexOf(CONTRACT_SIZE);
    cVol = cols.indexOf(VOL);
    cEntryPrice = cols.indexOf(ENTRY_PRICE);
    extraColumns = new int[extras.size()];
    for (int e = 0; e < extras.size(); e++) {
      extraColumns[e] = cols.indexOf(extras.get(e));
    }
    requireColumn(cId, ID, "");
    if (quantityRequired) {
      requireColumn(cQuantity, QUANTITY, "");
    }
    if (cSymbol < 0) {
      requireColumn(cUnderlying, UNDERLYING, " (needed when there is no symbol column)");
      requireColumn(cInstrument, INSTRUMENT, " (needed when there is no symbol column)");
    }
  }

  private void requireColumn(int index, String name, String why) {
    if (index < 0) {
      throw new InputException(file, 0, name, null, "required column is missing" + why);
    }
  }

  /** Opens a book with the default batch size and no extra columns. */
  public static BookReader open(Path file, BufferAllocator allocator) {
    return open(file, allocator, DEFAULT_BATCH_ROWS, List.of());
  }

  /** Opens a book with no extra columns. */
  public static BookReader open(Path file, BufferAllocator allocator, int batchRows) {
    return open(file, allocator, batchRows, List.of());
  }

  /**
   * Opens a book and checks its header; rows are validated as batches are read.
   *
   * @param file the book; its name (as given) appears in error messages
   * @param allocator where batches (and, for Arrow, the current input batch) are allocated
   * @param batchRows rows per batch, > 0 (the last batch may be shorter)
   * @param extraNumericColumns extra float64 columns to carry (e.g. {@code cost}, {@code lot}):
   *     matched ignoring case, NaN where the file lacks the column or the cell is empty
   * @throws InputException if the file is missing, empty, of unknown type, lacks a required
   *     column, or has no data rows
   * @throws IllegalArgumentException for a bad batch size or an extra name that is a book column
   */
  public static BookReader open(Path file, BufferAllocator allocator, int batchRows, List<String> extraNumericColumns) {
    return openWith(file, allocator, batchRows, extraNumericColumns, true);
  }

  /**
   * Reads a book from record batches already in memory (an {@link org.apache.arrow.vector.ipc.ArrowReader}
   * with the input columns above), with the same checks and messages as a file; closing the
   * book reader closes {@code reader}.
   *
   * @param name what error messages call the book
   * @throws InputException as for a file
   */
  public static BookReader open(org.apache.arrow.vector.ipc.ArrowReader reader, String name, BufferAllocator allocator,
      int batchRows) {
    if (batchRows <= 0) {
      throw new IllegalArgumentException("batchRows must be > 0, was " + batchRows);
    }
    return started(ArrowRowSource.of(reader, name), null, name, allocator, batchRows, List.of(), true);
  }

  /**
   * Opens a list of instruments rather than positions (a hedge universe, proposed trades): the
   * same columns and checks as a book, except that {@code quantity} may be absent or empty, and
   * then means 1 contract.
   */
  public static BookReader openInstruments(Path file, BufferAllocator allocator, int batchRows,
      List<String> extraNumericColumns) {
    return openWith(file, allocator, batchRows, extraNumericColumns, false);
  }

  private static BookReader openWith(Path file, BufferAllocator allocator, int batchRows, List<String> extraNumericColumns,
      boolean quantityRequired) {
    if (batchRows <= 0) {
      throw new IllegalArgumentException("batchRows must be > 0, was " + batchRows);
    }
    List<String> extras = new ArrayList<>();
    for (String e : extraNumericColumns) {
      String name = e.strip().toLowerCase(Locale.ROOT);
      if (INPUT_COLUMNS.contains(name) || BookBatch.CANONICAL.contains(name) || extras.contains(name)) {
        throw new IllegalArgumentException("extra column " + e + " repeats or is a book column");
      }
      extras.add(name);
    }
    String name = file.toString();
    return started(openSource(file, name, allocator), file, name, allocator, batchRows, List.copyOf(extras),
        quantityRequired);
  }

  /**
   * A reader over {@code source} with its first row read ({@code book has no data rows} otherwise);
   * the source is closed if that fails.
   */
  private static BookReader started(RowSource source, Path file, String name, BufferAllocator allocator, int batchRows,
      List<String> extras, boolean quantityRequired) {
    try {
      BookReader reader = new BookReader(source, file, name, allocator, batchRows, extras, quantityRequired);
      reader.pending = reader.advanceSource();
      if (!reader.pending) {
        throw new InputException(name, 0, null, null, "book has no data rows");
      }
      return reader;
    } catch (RuntimeException | Error e) {
      try {
        source.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static RowSource openSource(Path path, String name, BufferAllocator allocator) {
    String fileName = path.getFileName() == null ? "" : path.getFileName().toString();
    int dot = fileName.lastIndexOf('.');
    String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!ext.equals("csv") && !ARROW_EXTENSIONS.contains(ext)) {
      throw new InputException(name, 0, null, null,
          "unknown book format; the file name must end in .csv, .arrow, .arrows, .ipc or .feather");
    }
    try {
      if (ext.equals("csv")) {
        return new CsvRowSource(Files.newBufferedReader(path), name);
      }
      return ArrowRowSource.open(path, name, allocator);
    } catch (NoSuchFileException e) {
      throw new InputException(name, 0, null, null, "no such file", e);
    } catch (CharacterCodingException e) {
      throw new InputException(name, 0, null, null, "not UTF-8 text", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private boolean advanceSource() {
    try {
      return source.advance();
    } catch (CharacterCodingException e) {
      throw new InputException(file, 0, null, null, "not UTF-8 text", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Replaces the id hash (tests: a constant hash makes every id a collision). Call before the first batch. */
  void useIdHash(java.util.function.ToLongFunction<String> hash) {
    this.idHash = hash;
  }

  /** The file name as given. */
  public String file() {
    return file;
  }

  /** Extra numeric columns carried in each batch, lower case, in requested order. */
  public List<String> extraColumns() {
    return extras;
  }

  @Override
  public boolean hasNext() {
    return pending && !closed;
  }

  /**
   * Reads and validates the next batch. The caller owns (and must close) it.
   *
   * @throws InputException at the first bad row; the reader is then finished
   */
  @Override
  public BookBatch next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more batches in " + file);
    }
    BookBatch batch = BookBatch.allocate(allocator, file, extras, Math.min(batchRows, FIRST_ALLOCATION_ROWS));
    try {
      int n = 0;
      while (n < batchRows && pending) {
        readRow(batch, n);
        n++;
        pending = advanceSource();
      }
      batch.finish(n);
      if (!pending) {
        freeIds();
      }
      return batch;
    } catch (RuntimeException | Error e) {
      pending = false;
      freeIds();
      batch.close();
      throw e;
    }
  }

  private void freeIds() {
    readerIds = null;
    if (idHashes != null) {
      idHashes.close();
      idHashes = null;
    }
  }

  /** Rejects an id read before: by hash, confirmed exactly by reading the earlier rows again. */
  private void checkUnique(String id, long row) {
    if (path == null) {
      if (readerIds == null) {
        readerIds = new HashMap<>();
      }
      Long first = readerIds.putIfAbsent(id, row);
      if (first != null) {
        throw error(ID, id, "duplicate id, first used in row " + first);
      }
      return;
    }
    if (idHashes == null) {
      idHashes = new OffHeapHashSet(allocator);
    }
    if (idHashes.add(idHash.applyAsLong(id))) {
      return;
    }
    long first = firstRowWithId(id, row);
    if (first > 0) {
      throw error(ID, id, "duplicate id, first used in row " + first);
    }
    // Two different ids with one 64-bit hash: not a duplicate; the set keeps the hash once.
  }

  /** The first data row before {@code before} whose id is {@code id}, 0 if none: a second read of the file. */
  private long firstRowWithId(String id, long before) {
    try (RowSource again = openSource(path, file, allocator)) {
      while (again.advance() && again.row() < before) {
        if (id.equals(again.text(cId))) {
          return again.row();
        }
      }
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " again to confirm a duplicate id", e);
    }
  }

  private void readRow(BookBatch batch, int i) {
    long row = source.row();
    String id = source.text(cId);
    if (id == null) {
      throw error(ID, null, "missing value (required)");
    }
    checkUnique(id, row);

    DeribitSymbol symbol = null;
    String symbolText = cell(cSymbol);
    if (symbolText != null) {
      symbol = symbolCache.get(symbolText);
      if (symbol == null) {
        try {
          symbol = DeribitSymbol.parse(symbolText);
        } catch (IllegalArgumentException e) {
          throw error(SYMBOL, symbolText, e.getMessage());
        }
        remember(symbolCache, symbolText, symbol);
      }
    }

    String underlyingText = cell(cUnderlying);
    String underlying = underlyingText == null ? null : underlyingText.toUpperCase(Locale.ROOT);
    if (symbol != null) {
      if (underlying != null && !underlying.equals(symbol.underlying())) {
        throw disagree(UNDERLYING, underlyingText, symbolText, symbol.underlying());
      }
      underlying = symbol.underlying();
    } else if (underlying == null) {
      throw error(UNDERLYING, null, "missing value (required when there is no symbol)");
    }

    String instrumentText = cell(cInstrument);
    Instrument instrument = instrumentText == null ? null : parseInstrument(instrumentText);
    if (symbol != null) {
      if (instrument != null && instrument != symbol.instrument()) {
        throw disagree(INSTRUMENT, instrumentText, symbolText, symbol.instrument().fileName());
      }
      instrument = symbol.instrument();
    } else if (instrument == null) {
      throw error(INSTRUMENT, null, "missing value (required when there is no symbol)");
    }
    boolean option = instrument == Instrument.OPTION;

    String typeText = cell(cType);
    Boolean call = typeText == null ? null : parseType(typeText);
    if (call != null && !option) {
      throw error(TYPE, typeText, "only options have a type; this row is a " + instrument.fileName());
    }
    if (symbol != null && call != null && call != symbol.call()) {
      throw disagree(TYPE, typeText, symbolText, symbol.call() ? "call" : "put");
    }
    if (symbol != null && option) {
      call = symbol.call();
    }
    if (option && call == null) {
      throw error(TYPE, null, "an option needs a type (call or put)");
    }

    String settlementText = cell(cSettlement);
    Boolean inverse = settlementText == null ? null : parseSettlement(settlementText);
    if (symbol != null) {
      if (inverse != null && inverse != symbol.inverse()) {
        throw disagree(SETTLEMENT, settlementText, symbolText, symbol.inverse() ? "inverse" : "linear");
      }
      inverse = symbol.inverse();
    } else if (inverse == null) {
      inverse = false;
    }
    ContractKind kind;
    try {
      kind = ContractKind.of(instrument, option && call, inverse);
    } catch (IllegalArgumentException e) {
      throw error(SETTLEMENT, settlementText == null ? "inverse" : settlementText, e.getMessage());
    }

    double strike = optionalNumber(cStrike, STRIKE);
    if (!Double.isNaN(strike)) {
      if (!option) {
        throw error(STRIKE, source.text(cStrike), "only options have a strike; this row is a " + instrument.fileName());
      }
      if (!(strike > 0)) {
        throw error(STRIKE, source.text(cStrike), "must be > 0");
      }
      if (symbol != null && strike != symbol.strike()) {
        throw disagree(STRIKE, source.text(cStrike), symbolText, plain(symbol.strike()));
      }
    } else if (symbol != null && option) {
      strike = symbol.strike();
    } else if (option) {
      throw error(STRIKE, null, "an option needs a strike");
    }

    long expiry = expiryMillis();
    boolean dated = kind.hasExpiry();
    if (expiry != Long.MIN_VALUE) {
      if (!dated) {
        throw error(EXPIRY, source.text(cExpiry), "a " + instrument.fileName() + " has no expiry");
      }
      if (symbol != null && expiry != symbol.expiry().toEpochMilli()) {
        throw disagree(EXPIRY, source.text(cExpiry), symbolText, symbol.expiry().toString());
      }
    } else if (symbol != null && dated) {
      expiry = symbol.expiry().toEpochMilli();
    } else if (dated) {
      throw error(EXPIRY, null, "a" + (option ? "n option" : " future") + " needs an expiry");
    }

    double quantity = optionalNumber(cQuantity, QUANTITY);
    if (Double.isNaN(quantity)) {
      if (quantityRequired) {
        throw error(QUANTITY, null, "missing value (required)");
      }
      quantity = 1.0;
    }
    double contractSize = optionalNumber(cContractSize, CONTRACT_SIZE);
    if (Double.isNaN(contractSize)) {
      contractSize = 1.0;
    } else if (!(contractSize > 0)) {
      throw error(CONTRACT_SIZE, source.text(cContractSize), "must be > 0");
    }
    double vol = optionalNumber(cVol, VOL);
    if (!Double.isNaN(vol) && !io.hedgekit.kernels.Conventions.isValidVol(vol)) {
      throw error(VOL, source.text(cVol), io.hedgekit.kernels.Conventions.VOL_RANGE);
    }
    double entryPrice = optionalNumber(cEntryPrice, ENTRY_PRICE);
    if (!Double.isNaN(entryPrice) && !(entryPrice > 0)) {
      throw error(ENTRY_PRICE, source.text(cEntryPrice), "must be > 0");
    }
    batch.set(i, id, underlying, kind.code(), option ? strike : Double.NaN, expiry, quantity, contractSize, vol,
        entryPrice, row);
    for (int e = 0; e < extraColumns.length; e++) {
      batch.setExtra(e, i, optionalNumber(extraColumns[e], extras.get(e)));
    }
  }

  /** The cell's text, or null when the column is absent or the cell empty. */
  private String cell(int column) {
    return column < 0 ? null : source.text(column);
  }

  /** The cell's finite number, NaN when the column is absent or the cell empty. */
  private double optionalNumber(int column, String name) {
    if (column < 0 || source.isMissing(column)) {
      return Double.NaN;
    }
    double v;
    if (source.isNumeric(column)) {
      v = source.number(column);
    } else {
      String text = source.text(column);
      try {
        v = Numbers.parse(text);
      } catch (NumberFormatException e) {
        throw error(name, text, "not a number");
      }
    }
    if (!Double.isFinite(v)) {
      throw error(name, source.text(column), "must be a finite number");
    }
    return v;
  }

  /** The expiry cell in epoch millis, {@code Long.MIN_VALUE} when absent or empty. */
  private long expiryMillis() {
    if (cExpiry < 0 || source.isMissing(cExpiry)) {
      return Long.MIN_VALUE;
    }
    try {
      if (source.isTime(cExpiry)) {
        return source.epochMillis(cExpiry);
      }
      String text = source.text(cExpiry);
      Long cached = expiryCache.get(text);
      if (cached != null) {
        return cached;
      }
      long millis = Expiries.parse(text).toEpochMilli();
      remember(expiryCache, text, millis);
      return millis;
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
      throw error(EXPIRY, source.text(cExpiry), e.getMessage() == null ? "not a valid expiry" : e.getMessage());
    }
  }

  private static <V> void remember(Map<String, V> cache, String key, V value) {
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(key, value);
  }

  private Instrument parseInstrument(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "option" -> Instrument.OPTION;
      case "future" -> Instrument.FUTURE;
      case "perpetual" -> Instrument.PERPETUAL;
      case "spot" -> Instrument.SPOT;
      default -> throw error(INSTRUMENT, text, "unknown instrument; expected option, future, perpetual or spot");
    };
  }

  private Boolean parseType(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "call", "c" -> Boolean.TRUE;
      case "put", "p" -> Boolean.FALSE;
      default -> throw error(TYPE, text, "unknown option type; expected call or put");
    };
  }

  private Boolean parseSettlement(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "linear" -> Boolean.FALSE;
      case "inverse" -> Boolean.TRUE;
      default -> throw error(SETTLEMENT, text, "unknown settlement; expected linear or inverse");
    };
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private InputException error(String column, String value, String problem) {
    return new InputException(file, source.row(), column, value, problem);
  }

  private InputException disagree(String column, String value, String symbolText, String symbolSays) {
    return error(column, value, "disagrees with symbol " + symbolText + ", which gives " + symbolSays);
  }

  /** Closes the file; batches already returned stay valid until they are closed. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    freeIds();
    try {
      source.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}

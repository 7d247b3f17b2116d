package io.hedgekit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgekit.io.InputException;
import io.hedgekit.io.Progress;
import io.hedgekit.io.book.BookBatch;
import io.hedgekit.io.book.BookReader;
import io.hedgekit.io.market.MarketJson;
import io.hedgekit.io.scenario.ScenarioFiles;
import io.hedgekit.io.scenario.ScenarioSet;
import io.hedgekit.io.table.ArrowSegments;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.market.UnderlyingMarket;
import io.hedgekit.kernels.market.VolSurface;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.backend.Backends;
import io.hedgekit.risk.book.BookResolver;
import io.hedgekit.risk.greeks.GreeksJob;
import io.hedgekit.risk.stress.StressOptions;
import io.hedgekit.risk.stress.StressResult;
import io.hedgekit.risk.stress.StressTest;
import io.hedgekit.risk.var.PositionContribution;
import io.hedgekit.risk.var.RiskFigure;
import io.hedgekit.risk.var.VarEngine;
import io.hedgekit.risk.var.VarOptions;
import io.hedgekit.risk.var.VarResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@link ComputeService} on today's risk classes: {@link BookReader} and {@link BookResolver}
 * for books, {@link GreeksJob}'s columns and kernel call for Greeks, {@link VarEngine},
 * {@link StressTest}, {@link MarketJson} and {@link ScenarioFiles}. This is the only class of the
 * server that uses engine types; porting the server to another engine API means rewriting this
 * class alone.
 *
 * <p>Greeks are computed exactly as {@code hedgekit greeks} computes them (same batch size of
 * {@link #BATCH_ROWS} rows, same kernel, same null for a linear contract's coin value), so the
 * results are equal bit for bit. VaR and stress call the same engine with the options
 * {@code hedgekit var} and {@code hedgekit stress} use.
 *
 * <p>Thread-safe: one backend serves all requests; per-request state lives in locals.
 */
public final class RiskComputeService implements ComputeService {
  /** Rows per batch, as the CLI's default {@code --batch-rows}. */
  public static final int BATCH_ROWS = BookReader.DEFAULT_BATCH_ROWS;
  /** Schema metadata key holding a result as JSON. */
  public static final String RESULT_METADATA = "hedgekit.result";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> UPDATE_KEYS = Set.of("time", "underlying", "spot", "vol_shift");
  private static final Schema VAR_SCHEMA = new Schema(List.of(
      utf8("row_type", false), utf8("method", true), float64("confidence"), float64("var"), float64("es"),
      utf8("underlying", true), utf8("id", true), float64("contribution")));
  private static final Schema STRESS_SCHEMA = new Schema(List.of(
      utf8("underlying", false), float64("spot_move"), float64("vol_shift"), float64("pnl")));

  private final Backends.Selection selection;
  private final String version;

  /** Market data with the time of the last update applied per underlying. */
  private record RiskMarket(MarketData data, String name, Map<String, Instant> lastUpdate, long updates)
      implements Market {
    @Override
    public List<String> underlyings() {
      return data.underlyingNames();
    }

    @Override
    public String valuationTime() {
      return data.valuationTime().toString();
    }
  }

  /** A validated book: the rows as read (unresolved), resolved against a market per request. */
  private static final class StoredBook implements Book {
    private final String name;
    private final List<BookBatch> batches;
    private final BufferAllocator allocator;
    private final long rows;
    private final Schema schema;

    StoredBook(String name, List<BookBatch> batches, BufferAllocator allocator, long rows, Schema schema) {
      this.name = name;
      this.batches = List.copyOf(batches);
      this.allocator = allocator;
      this.rows = rows;
      this.schema = schema;
    }

    @Override
    public long rows() {
      return rows;
    }

    @Override
    public long bytes() {
      return allocator.getAllocatedMemory();
    }

    @Override
    public Schema schema() {
      return schema;
    }

    @Override
    public void close() {
      for (BookBatch b : batches) {
        b.close();
      }
      allocator.close();
    }
  }

  private record StoredScenarios(ScenarioSet set, long rows, long bytes, Schema schema) implements Scenarios {
  }

  /**
   * Opens the backend: {@code backend} is scalar, cpu, gpu or auto; {@code threads} 0 = one per core.
   *
   * @throws io.hedgekit.kernels.BackendUnavailableException if it cannot run here
   */
  public RiskComputeService(String backend, int threads) {
    this.selection = Backends.open(backend, new BackendOptions(threads, null));
    this.version = readVersion();
  }

  private static String readVersion() {
    Properties p = new Properties();
    try (InputStream in = RiskComputeService.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("resource io/hedgekit/server/version.properties is missing");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public String backend() {
    return selection.backend().name();
  }

  @Override
  public String backendReason() {
    return selection.reason();
  }

  @Override
  public Schema greeksSchema() {
    return GreeksJob.SCHEMA;
  }

  @Override
  public Market market(byte[] json, String name) {
    try {
      MarketData data = MarketJson.parse(json, name);
      return new RiskMarket(data, name, Map.of(), 0);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public Market update(Market market, byte[] updateJson, String name) {
    RiskMarket m = (RiskMarket) market;
    JsonNode u;
    try {
      u = JSON.readTree(updateJson);
    } catch (IOException e) {
      throw bad(name, null, null, "malformed JSON: " + e.getMessage());
    }
    if (u == null || !u.isObject()) {
      throw bad(name, null, null, "an update is a JSON object {\"time\": ..., \"underlying\": ..., \"spot\": ..., \"vol_shift\": ...}");
    }
    for (Iterator<String> it = u.fieldNames(); it.hasNext();) {
      String key = it.next();
      if (!UPDATE_KEYS.contains(key)) {
        throw bad(name, key, null, "unknown field (an update has " + new TreeMap<>(Map.of("time", 1, "underlying", 1,
            "spot", 1, "vol_shift", 1)).keySet() + ")");
      }
    }
    JsonNode t = u.get("time");
    if (t == null || !t.isTextual()) {
      throw bad(name, "time", t == null ? null : t.toString(), "required: an ISO-8601 instant");
    }
    Instant time;
    try {
      time = Instant.parse(t.asText());
    } catch (DateTimeException e) {
      throw bad(name, "time", t.asText(), "not an ISO-8601 instant");
    }
    JsonNode un = u.get("underlying");
    if (un == null || !un.isTextual()) {
      throw bad(name, "underlying", un == null ? null : un.toString(), "required: an underlying name");
    }
    String underlying = un.asText().toUpperCase(java.util.Locale.ROOT);
    UnderlyingMarket old;
    try {
      old = m.data().underlying(underlying);
    } catch (IllegalArgumentException e) {
      old = null;
    }
    if (old == null) {
      throw bad(name, "underlying", un.asText(), "is not in the market (it has " + m.data().underlyingNames() + ")");
    }
    Instant last = m.lastUpdate().get(underlying);
    if (last != null && time.isBefore(last)) {
      throw bad(name, "time", t.asText(), "is older than the last update applied to " + underlying + " (" + last + ")");
    }
    double spot = old.spot();
    JsonNode s = u.get("spot");
    if (s != null) {
      if (!s.isNumber() || !(s.asDouble() > 0) || Double.isInfinite(s.asDouble())) {
        throw bad(name, "spot", s.toString(), "must be a finite number > 0");
      }
      spot = s.asDouble();
    }
    double shift = 0;
    JsonNode v = u.get("vol_shift");
    if (v != null) {
      if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
        throw bad(name, "vol_shift", v.toString(), "must be a finite number (0.01 = +1 vol point)");
      }
      shift = v.asDouble();
    }
    UnderlyingMarket updated = shifted(old, spot, shift, name);
    Map<String, UnderlyingMarket> all = new java.util.LinkedHashMap<>(m.data().underlyings());
    all.put(underlying, updated);
    Map<String, Instant> times = new HashMap<>(m.lastUpdate());
    times.put(underlying, time);
    return new RiskMarket(new MarketData(m.data().valuationTime(), all), m.name(), Map.copyOf(times), m.updates() + 1);
  }

  /**
   * The underlying at a new spot, its listed forwards scaled with the spot (the basis is kept in
   * relative terms) and every implied vol (flat and surface) moved by {@code shift}.
   */
  private static UnderlyingMarket shifted(UnderlyingMarket m, double spot, double shift, String name) {
    double ratio = spot / m.spot();
    List<UnderlyingMarket.ForwardPoint> forwards = new ArrayList<>();
    for (UnderlyingMarket.ForwardPoint f : m.forwards()) {
      forwards.add(new UnderlyingMarket.ForwardPoint(f.timeYears(), f.price() * ratio));
    }
    double flat = m.flatVol();
    if (!Double.isNaN(flat)) {
      flat = checkedVol(flat + shift, shift, name);
    }
    VolSurface surface = m.surface();
    if (surface != null && shift != 0) {
      double[] times = surface.times();
      double[] strikes = surface.strikes();
      double[][] vols = new double[times.length][strikes.length];
      for (int i = 0; i < times.length; i++) {
        for (int j = 0; j < strikes.length; j++) {
          // At a grid node the surface returns the node's own vol.
          vols[i][j] = checkedVol(surface.vol(times[i], strikes[j]) + shift, shift, name);
        }
      }
      surface = new VolSurface(times, strikes, vols);
    }
    return new UnderlyingMarket(spot, m.rate(), m.carry(), forwards, flat, surface, m.fundingRate8h());
  }

  private static double checkedVol(double vol, double shift, String name) {
    if (!(vol > 0 && vol <= 10)) {
      throw bad(name, "vol_shift", Double.toString(shift), "takes an implied vol to " + vol + ", outside (0, 10]");
    }
    return vol;
  }

  private static ServiceException bad(String name, String column, String value, String problem) {
    return new ServiceException(ServiceException.Kind.INVALID_ARGUMENT,
        new InputException(name, 0, column, value, problem).getMessage());
  }

  @Override
  public Book storeBook(ArrowReader rows, String name, BufferAllocator parent, long maxBytes, long maxRows) {
    BufferAllocator allocator = parent.newChildAllocator(name, 0, maxBytes);
    List<BookBatch> batches = new ArrayList<>();
    try (BookReader reader = BookReader.open(rows, name, allocator, BATCH_ROWS)) {
      Schema schema = rows.getVectorSchemaRoot().getSchema();
      long n = 0;
      while (reader.hasNext()) {
        BookBatch b = reader.next();
        batches.add(b);
        n += b.rows();
        checkRows(n, maxRows, name);
      }
      return new StoredBook(name, batches, allocator, n, schema);
    } catch (RuntimeException | IOException e) {
      for (BookBatch b : batches) {
        b.close();
      }
      allocator.close();
      throw e instanceof RuntimeException r ? translate(r) : new UncheckedIOException((IOException) e);
    }
  }

  @Override
  public Scenarios storeScenarios(ArrowReader rows, String name, long maxRows) {
    try {
      ScenarioSet set = ScenarioFiles.read(rows, name);
      checkRows(set.rows(), maxRows, name);
      long cols = 1 + (set.hasStepColumn() ? 1 : 0) + (set.hasHorizonColumn() ? 2 : 0);
      for (int u = 0; u < set.underlyings().size(); u++) {
        cols += set.hasVolShift(u) ? 4 : 2;
      }
      // int32 = 4 bytes per cell, float64 = 8: counted in units of 4 bytes above.
      return new StoredScenarios(set, set.rows(), 4L * cols * set.rows(), rows.getVectorSchemaRoot().getSchema());
    } catch (RuntimeException e) {
      throw translate(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void checkRows(long n, long maxRows, String name) {
    if (n > maxRows) {
      throw new ServiceException(ServiceException.Kind.RESOURCE_EXHAUSTED,
          name + ": more than " + maxRows + " rows (the server's --max-rows)");
    }
  }

  @Override
  public long greeks(ArrowReader rows, String name, Market market, boolean allowExpired, long maxRows,
      BufferAllocator allocator, BatchSink sink) {
    RiskMarket m = (RiskMarket) market;
    BookResolver resolver = new BookResolver(m.data(), m.name(), allowExpired);
    GreeksKernel kernel = selection.backend().greeks();
    long done = 0;
    try (BookReader reader = BookReader.open(rows, name, allocator, BATCH_ROWS)) {
      while (reader.hasNext()) {
        sink.checkCancelled();
        try (BookBatch b = reader.next()) {
          done += b.rows();
          checkRows(done, maxRows, name);
          try (BookResolver.Resolved r = resolver.resolve(b, allocator)) {
            sendGreeks(kernel, r.columns(), b, resolver.underlyings(), allocator, sink);
          }
        }
      }
      return done;
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public long greeks(Book book, Market market, boolean allowExpired, BufferAllocator allocator, BatchSink sink) {
    StoredBook b = (StoredBook) book;
    RiskMarket m = (RiskMarket) market;
    BookResolver resolver = new BookResolver(m.data(), m.name(), allowExpired);
    GreeksKernel kernel = selection.backend().greeks();
    try {
      for (BookBatch batch : b.batches) {
        sink.checkCancelled();
        try (BookResolver.Resolved r = resolver.resolve(batch, allocator)) {
          sendGreeks(kernel, r.columns(), batch, resolver.underlyings(), allocator, sink);
        }
      }
      return b.rows;
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /** One batch as {@link GreeksJob} computes it: kernel into the float64 vectors, then labels and nulls. */
  private static void sendGreeks(GreeksKernel kernel, PositionColumns p, BookBatch source, List<String> underlyings,
      BufferAllocator allocator, BatchSink sink) {
    int n = p.rows();
    try (VectorSchemaRoot root = VectorSchemaRoot.create(GreeksJob.SCHEMA, allocator)) {
      root.allocateNew();
      MemorySegment[] segs = new MemorySegment[GreeksColumns.COUNT];
      for (int c = 0; c < GreeksColumns.COUNT; c++) {
        Float8Vector v = (Float8Vector) root.getVector(GreeksColumns.NAMES.get(c));
        v.setValueCount(n);
        segs[c] = ArrowSegments.of(v);
      }
      kernel.compute(p, GreeksColumns.of(n, segs));
      VarCharVector id = (VarCharVector) root.getVector("id");
      VarCharVector underlying = (VarCharVector) root.getVector("underlying");
      VarCharVector instrument = (VarCharVector) root.getVector("instrument");
      for (int i = 0; i < n; i++) {
        id.setSafe(i, source.id(i).getBytes(StandardCharsets.UTF_8));
        underlying.setSafe(i, underlyings.get(p.underlying().getAtIndex(PositionColumns.INT, i))
            .getBytes(StandardCharsets.UTF_8));
        ContractKind kind = ContractKind.ofCode(p.kind().getAtIndex(PositionColumns.INT, i));
        instrument.setSafe(i, kind.instrument().fileName().getBytes(StandardCharsets.UTF_8));
      }
      id.setValueCount(n);
      underlying.setValueCount(n);
      instrument.setValueCount(n);
      for (String name : GreeksColumns.NAMES) {
        Float8Vector v = (Float8Vector) root.getVector(name);
        for (int i = 0; i < n; i++) {
          // NaN is the coin value of a linear contract: null, as GreeksJob writes it.
          if (Double.isNaN(v.getDataBuffer().getDouble((long) i * Float8Vector.TYPE_WIDTH))) {
            v.setNull(i);
          } else {
            v.setIndexDefined(i);
          }
        }
      }
      root.setRowCount(n);
      sink.accept(root);
    }
  }

  /** A stored book resolved against a market, batch by batch on every pass. */
  private static ResolvedBook resolved(StoredBook book, RiskMarket market, boolean allowExpired,
      BufferAllocator allocator, BatchSink sink) {
    BookResolver resolver = new BookResolver(market.data(), market.name(), allowExpired);
    return new ResolvedBook() {
      @Override
      public List<String> underlyings() {
        return resolver.underlyings();
      }

      @Override
      public double[] spots() {
        return resolver.spots();
      }

      @Override
      public Iterator<ResolvedBatch> batches() {
        Iterator<BookBatch> it = book.batches.iterator();
        return new Iterator<>() {
          private long firstRow;

          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public ResolvedBatch next() {
            if (!it.hasNext()) {
              throw new NoSuchElementException();
            }
            sink.checkCancelled();
            BookBatch b = it.next();
            BookResolver.Resolved r = resolver.resolve(b, allocator);
            long first = firstRow;
            firstRow += b.rows();
            return new ResolvedBatch() {
              @Override
              public PositionColumns columns() {
                return r.columns();
              }

              @Override
              public String id(int row) {
                return b.id(row);
              }

              @Override
              public String underlyingName(int row) {
                return resolver.underlyings().get(r.columns().underlying().getAtIndex(PositionColumns.INT, row));
              }

              @Override
              public long firstRow() {
                return first;
              }

              @Override
              public void close() {
                r.close(); // the stored rows stay
              }
            };
          }
        };
      }
    };
  }

  /** A progress listener that stops the engine (by throwing) when the caller has gone. */
  private static Progress cancelling(BatchSink sink) {
    return (done, total) -> sink.checkCancelled();
  }

  @Override
  public void var(Book book, Market market, Scenarios scenarios, VarQuery query, boolean allowExpired,
      BufferAllocator allocator, BatchSink sink) {
    StoredScenarios sc = (StoredScenarios) scenarios;
    String method = query.method() == null ? "both" : query.method();
    if (!List.of("full", "greeks", "both").contains(method)) {
      throw new ServiceException(ServiceException.Kind.INVALID_ARGUMENT, "method must be full, greeks or both, was " + method);
    }
    // The options of `hedgekit var`.
    VarOptions options = VarOptions.defaults()
        .withApproximations(!method.equals("full"))
        .withContributions(true)
        .withTopContributors(Math.max(query.top(), 0))
        .withNetting(query.netting())
        .withProgress(cancelling(sink));
    VarResult r;
    try {
      if (query.confidence() != null) {
        options = options.withConfidences(query.confidence());
      }
      if (query.step() != null) {
        options = options.withStep(query.step());
      }
      r = VarEngine.run(resolved((StoredBook) book, (RiskMarket) market, allowExpired, allocator, sink), sc.set(),
          selection.backend(), options);
    } catch (IllegalArgumentException e) {
      throw new ServiceException(ServiceException.Kind.INVALID_ARGUMENT, e.getMessage(), e);
    } catch (RuntimeException e) {
      throw translate(e);
    }
    List<Object[]> rows = new ArrayList<>();
    for (RiskFigure f : r.results()) {
      if (method.equals("greeks") && f.method().equals("full")) {
        continue;
      }
      rows.add(new Object[] {"figure", f.method(), f.confidence(), f.var(), f.es(), null, null, null});
    }
    r.byUnderlying().forEach((u, figures) -> {
      for (RiskFigure f : figures) {
        rows.add(new Object[] {"by_underlying", f.method(), f.confidence(), f.var(), f.es(), u, null, null});
      }
    });
    if (r.contributions() != null) {
      for (PositionContribution c : r.contributions().top()) {
        rows.add(new Object[] {"contributor", "full", r.contributions().confidence(), null, null, c.underlying(), c.id(),
            c.contribution()});
      }
    }
    sendTable(VAR_SCHEMA, r.toJson(), rows, allocator, sink);
  }

  @Override
  public void stress(Book book, Market market, StressQuery query, boolean allowExpired, BufferAllocator allocator,
      BatchSink sink) {
    StressResult r;
    try {
      StressOptions options = StressOptions.defaults();
      if (query.spotMoves() != null || query.volMoves() != null) {
        options = options.withGrid(query.spotMoves() != null ? query.spotMoves() : StressOptions.DEFAULT_SPOT_MOVES,
            query.volMoves() != null ? query.volMoves() : StressOptions.DEFAULT_VOL_SHIFTS);
      }
      r = StressTest.run(resolved((StoredBook) book, (RiskMarket) market, allowExpired, allocator, sink),
          selection.backend(), options.withProgress(cancelling(sink)));
    } catch (IllegalArgumentException e) {
      throw new ServiceException(ServiceException.Kind.INVALID_ARGUMENT, e.getMessage(), e);
    } catch (RuntimeException e) {
      throw translate(e);
    }
    List<Object[]> rows = new ArrayList<>();
    for (StressResult.Matrix mx : r.matrices()) {
      for (int s = 0; s < r.spotMoves().size(); s++) {
        for (int v = 0; v < r.volShifts().size(); v++) {
          rows.add(new Object[] {mx.underlying(), r.spotMoves().get(s), r.volShifts().get(v), mx.pnl().get(s).get(v)});
        }
      }
    }
    sendTable(STRESS_SCHEMA, r.toJson(), rows, allocator, sink);
  }

  /** One batch of {@code rows} (String or Double cells, null = null) with {@code json} in the metadata. */
  private static void sendTable(Schema schema, String json, List<Object[]> rows, BufferAllocator allocator,
      BatchSink sink) {
    Schema withMeta = new Schema(schema.getFields(), Map.of(RESULT_METADATA, json));
    try (VectorSchemaRoot root = VectorSchemaRoot.create(withMeta, allocator)) {
      root.allocateNew();
      List<FieldVector> vectors = root.getFieldVectors();
      for (int i = 0; i < rows.size(); i++) {
        Object[] row = rows.get(i);
        for (int c = 0; c < row.length; c++) {
          FieldVector v = vectors.get(c);
          if (row[c] == null) {
            v.setNull(i);
          } else if (v instanceof VarCharVector s) {
            s.setSafe(i, ((String) row[c]).getBytes(StandardCharsets.UTF_8));
          } else {
            ((Float8Vector) v).setSafe(i, (Double) row[c]);
          }
        }
      }
      root.setRowCount(rows.size());
      sink.accept(root);
    }
  }

  /**
   * Bad input as INVALID_ARGUMENT with the CLI's text; a limit or a cancellation that surfaced
   * through a reader (which wraps what its source throws) as itself.
   */
  private static RuntimeException translate(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ServiceException s) {
        return s;
      }
      if (t instanceof FlightRuntimeException f) {
        return f;
      }
      if (t instanceof OutOfMemoryException o) {
        return o;
      }
    }
    if (e instanceof InputException) {
      return new ServiceException(ServiceException.Kind.INVALID_ARGUMENT, e.getMessage(), e);
    }
    return e;
  }

  private static Field utf8(String name, boolean nullable) {
    return new Field(name, nullable ? FieldType.nullable(ArrowType.Utf8.INSTANCE) : FieldType.notNullable(ArrowType.Utf8.INSTANCE),
        null);
  }

  private static Field float64(String name) {
    return new Field(name, FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null);
  }

  @Override
  public void close() {
    selection.close();
  }
}

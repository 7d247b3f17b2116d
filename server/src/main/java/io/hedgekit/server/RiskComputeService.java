package io.hedgekit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgekit.io.market.MarketJson;
import io.hedgekit.io.scenario.ScenarioFiles;
import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.market.UnderlyingMarket;
import io.hedgekit.kernels.market.VolSurface;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.engine.GreeksRequest;
import io.hedgekit.risk.engine.ResolvePolicy;
import io.hedgekit.risk.engine.ResolvedPositions;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.greeks.GreeksJob;
import io.hedgekit.risk.intraday.MarketUpdate;
import io.hedgekit.risk.stress.StressOptions;
import io.hedgekit.risk.stress.StressResult;
import io.hedgekit.risk.var.PositionContribution;
import io.hedgekit.risk.var.RiskFigure;
import io.hedgekit.risk.var.VarOptions;
import io.hedgekit.risk.var.VarResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * {@link ComputeService} on the engine API: one {@link RiskEngine} (its allocator, backend and
 * threads) serves every request. Books and markets are the engine's
 * ({@link io.hedgekit.risk.engine.Book}, {@link io.hedgekit.risk.engine.Market}); Greeks stream
 * through {@link RiskEngine#greeks(ArrowReader, String, io.hedgekit.risk.engine.Market, ResolvePolicy,
 * Progress, java.util.function.Consumer)} (the exchange) and
 * {@link RiskEngine#greeks(io.hedgekit.risk.ResolvedBook, GreeksRequest, java.util.function.Consumer)}
 * (a stored book); VaR and stress are {@link RiskEngine#var} and {@link RiskEngine#stress} with
 * the options {@code hedgekit var} and {@code hedgekit stress} use; market updates are parsed by
 * {@link MarketUpdate} (the {@code hedgekit watch} stream's format) and applied with
 * {@link io.hedgekit.risk.engine.Market#withSpot} / {@code withVolShift}. This is the only class
 * of the server that uses engine types.
 *
 * <p>Greeks are computed exactly as {@code hedgekit greeks} computes them (batches of
 * {@link #BATCH_ROWS} rows, same kernel, same null for a linear contract's coin value), so the
 * results are equal bit for bit.
 *
 * <p>Thread-safe: per-request state lives in locals; the engine is thread-safe.
 */
public final class RiskComputeService implements ComputeService {
  /** Rows per batch, as the CLI's default {@code --batch-rows}. */
  public static final int BATCH_ROWS = ResolvePolicy.DEFAULT_BATCH_ROWS;
  /** Schema metadata key holding a result as JSON. */
  public static final String RESULT_METADATA = "hedgekit.result";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema VAR_SCHEMA = new Schema(List.of(
      utf8("row_type", false), utf8("method", true), float64("confidence"), float64("var"), float64("es"),
      utf8("underlying", true), utf8("id", true), float64("contribution")));
  private static final Schema STRESS_SCHEMA = new Schema(List.of(
      utf8("underlying", false), float64("spot_move"), float64("vol_shift"), float64("pnl")));

  private final RiskEngine engine;
  private final String version;

  /** An engine market with the time of the last update applied per underlying. */
  private record RiskMarket(io.hedgekit.risk.engine.Market market, Map<String, Instant> lastUpdate, long updates)
      implements Market {
    @Override
    public List<String> underlyings() {
      return market.underlyings();
    }

    @Override
    public String valuationTime() {
      return market.valuationTime().toString();
    }
  }

  /** A validated book held by the engine's {@link io.hedgekit.risk.engine.Book} (on the heap). */
  private record StoredBook(io.hedgekit.risk.engine.Book book, long bytes, Schema schema) implements Book {
    @Override
    public long rows() {
      return book.size();
    }

    @Override
    public void close() {
      // heap only
    }
  }

  private record StoredScenarios(ScenarioSet set, long rows, long bytes, Schema schema) implements Scenarios {
  }

  /**
   * Starts the engine: {@code backend} is scalar, cpu, gpu or auto; {@code threads} 0 = one per core.
   *
   * @throws io.hedgekit.kernels.BackendUnavailableException if it cannot run here
   */
  public RiskComputeService(String backend, int threads) {
    this.engine = RiskEngine.builder().backend(backend).threads(threads).build();
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
    return engine.backend();
  }

  @Override
  public String backendReason() {
    return engine.backendReason();
  }

  @Override
  public Schema greeksSchema() {
    return GreeksJob.SCHEMA;
  }

  @Override
  public BufferAllocator newAllocator(String name) {
    return engine.newAllocator(name);
  }

  @Override
  public Market market(byte[] json, String name) {
    try {
      return new RiskMarket(io.hedgekit.risk.engine.Market.of(name, MarketJson.parse(json, name)), Map.of(), 0);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public Market update(Market market, byte[] updateJson, String name) {
    RiskMarket m = (RiskMarket) market;
    MarketUpdate u = MarketUpdate.parse(new String(updateJson, StandardCharsets.UTF_8), 1);
    if (u.malformed()) {
      throw bad(name, null, null, u.problem().replaceFirst("^line 1: ", ""));
    }
    if (u.isTrade()) {
      throw bad(name, "trade", null, "a trade is not a market update (store a new book instead)");
    }
    for (String f : new String[] {"funding_rate_8h", "forwards", "smile"}) {
      if (raw(updateJson, f) != null) {
        throw bad(name, f, raw(updateJson, f), "update-market applies spot and vol_shift only; put-market a new "
            + "snapshot to change " + f);
      }
    }
    String underlying = u.underlying();
    if (!m.market().underlyings().contains(underlying)) {
      throw bad(name, "underlying", raw(updateJson, "underlying"), "is not in the market (it has "
          + m.market().underlyings() + ")");
    }
    Instant last = m.lastUpdate().get(underlying);
    if (last != null && u.time().isBefore(last)) {
      throw bad(name, "time", u.time().toString(), "is older than the last update applied to " + underlying + " ("
          + last + ")");
    }
    io.hedgekit.risk.engine.Market next = m.market();
    if (u.hasSpot()) {
      if (!(u.spot() > 0) || Double.isInfinite(u.spot())) {
        throw bad(name, "spot", raw(updateJson, "spot"), "must be a finite number > 0");
      }
      next = next.withSpot(underlying, u.spot());
    }
    if (!Double.isNaN(u.volShift())) {
      checkVols(next.underlying(underlying), u.volShift(), name);
      // An update's vol_shift is the shift from the snapshot (as in hedgekit watch): it replaces the last one.
      next = next.withVolShift(underlying, u.volShift() - next.volShift(underlying));
    }
    Map<String, Instant> times = new HashMap<>(m.lastUpdate());
    times.put(underlying, u.time());
    return new RiskMarket(next, Map.copyOf(times), m.updates() + 1);
  }

  /** The update's field {@code key} as written, or null. */
  private static String raw(byte[] json, String key) {
    try {
      JsonNode n = JSON.readTree(json);
      return n == null || n.get(key) == null ? null : n.get(key).toString();
    } catch (IOException e) {
      return null;
    }
  }

  /** Refuses a shift that takes the snapshot's flat vol or a surface node outside (0, 10]. */
  private static void checkVols(UnderlyingMarket m, double shift, String name) {
    if (!Double.isNaN(m.flatVol())) {
      checkedVol(m.flatVol() + shift, shift, name);
    }
    VolSurface surface = m.surface();
    if (surface != null) {
      for (double t : surface.times()) {
        for (double k : surface.strikes()) {
          // At a grid node the surface returns the node's own vol.
          checkedVol(surface.vol(t, k) + shift, shift, name);
        }
      }
    }
  }

  private static void checkedVol(double vol, double shift, String name) {
    if (!io.hedgekit.kernels.Conventions.isValidVol(vol)) {
      throw bad(name, "vol_shift", Double.toString(shift), "takes an implied vol to " + vol + ", outside (0, 10]");
    }
  }

  private static ServiceException bad(String name, String column, String value, String problem) {
    return new ServiceException(ServiceException.Kind.INVALID_ARGUMENT,
        new InputException(name, 0, column, value, problem).getMessage());
  }

  @Override
  public Book storeBook(ArrowReader rows, String name, BufferAllocator parent, long maxBytes, long maxRows) {
    // The Arrow memory of reading (one batch at a time) is bounded by maxBytes; the book itself is
    // on the heap, counted by an estimate the store checks against its limit.
    try (BufferAllocator allocator = parent.newChildAllocator(name, 0, maxBytes)) {
      Schema schema = rows.getVectorSchemaRoot().getSchema();
      io.hedgekit.risk.engine.Book book = io.hedgekit.risk.engine.Book.from(rows, name, allocator);
      checkRows(book.size(), maxRows, name);
      return new StoredBook(book, heapBytes(book), schema);
    } catch (IllegalArgumentException e) {
      throw new ServiceException(ServiceException.Kind.INVALID_ARGUMENT, name + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw translate(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Heap bytes of a book: eight 8-byte and one 4-byte column, the underlying reference, and each id string. */
  private static long heapBytes(io.hedgekit.risk.engine.Book book) {
    long bytes = 0;
    for (int i = 0; i < book.size(); i++) {
      bytes += 8L * 8 + 4 + 8 + 48 + book.id(i).length();
    }
    return bytes;
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

  private static ResolvePolicy policy(boolean allowExpired) {
    return ResolvePolicy.strict().withAllowExpired(allowExpired).withBatchRows(BATCH_ROWS);
  }

  @Override
  public long greeks(ArrowReader rows, String name, Market market, boolean allowExpired, long maxRows,
      BufferAllocator allocator, BatchSink sink) {
    try {
      return engine.greeks(rows, name, ((RiskMarket) market).market(), policy(allowExpired), (done, total) -> {
        sink.checkCancelled();
        checkRows(done, maxRows, name);
      }, sink::accept);
    } catch (IllegalArgumentException e) {
      throw new ServiceException(ServiceException.Kind.INVALID_ARGUMENT, name + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public long greeks(Book book, Market market, boolean allowExpired, BufferAllocator allocator, BatchSink sink) {
    try (ResolvedPositions r = resolve(book, market, allowExpired)) {
      engine.greeks(r, GreeksRequest.sums().withProgress(cancelling(sink)), sink::accept);
      return r.positions();
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /** A stored book resolved strictly against a market (once per request; freed by the caller). */
  private ResolvedPositions resolve(Book book, Market market, boolean allowExpired) {
    return engine.resolve(((StoredBook) book).book(), ((RiskMarket) market).market(), policy(allowExpired));
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
      try (ResolvedPositions resolved = resolve(book, market, allowExpired)) {
        r = engine.var(resolved, sc.set(), options).result();
      }
    } catch (IllegalArgumentException e) {
      throw new ServiceException(ServiceException.Kind.INVALID_ARGUMENT, e.getMessage(), e);
    } catch (RuntimeException e) {
      throw translate(e);
    }
    List<Object[]> rows = new ArrayList<>();
    for (RiskFigure f : r.results()) {
      if (method.equals("greeks") && f.method() == io.hedgekit.risk.var.VarMethod.FULL) {
        continue;
      }
      rows.add(new Object[] {"figure", f.method().label(), f.confidence(), f.var(), f.es(), null, null, null});
    }
    r.byUnderlying().forEach((u, figures) -> {
      for (RiskFigure f : figures) {
        rows.add(new Object[] {"by_underlying", f.method().label(), f.confidence(), f.var(), f.es(), u, null, null});
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
      try (ResolvedPositions resolved = resolve(book, market, allowExpired)) {
        r = engine.stress(resolved, options.withProgress(cancelling(sink))).result();
      }
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
    engine.close();
  }
}

package io.hedgekit.risk.engine;

import io.hedgekit.io.scenario.ScenarioFiles;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.kernels.market.VolSmile;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.BackendProvider;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.VolDynamics;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.backend.Backends;
import io.hedgekit.risk.backtest.BacktestOptions;
import io.hedgekit.risk.backtest.BacktestResult;
import io.hedgekit.risk.backtest.VarBacktest;
import io.hedgekit.risk.greeks.GreeksJob;
import io.hedgekit.risk.greeks.GreeksSums;
import io.hedgekit.risk.hedge.HedgeOptions;
import io.hedgekit.risk.hedge.HedgeResult;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeUniverse;
import io.hedgekit.risk.hedge.Hedger;
import io.hedgekit.risk.hedge.ProposedTrade;
import io.hedgekit.risk.hedge.UniverseFiles;
import io.hedgekit.risk.hedge.WhatIf;
import io.hedgekit.risk.hedge.WhatIfResult;
import io.hedgekit.risk.margin.Carry;
import io.hedgekit.risk.margin.Collateral;
import io.hedgekit.risk.margin.MarginEngine;
import io.hedgekit.risk.margin.MarginHedger;
import io.hedgekit.risk.margin.MarginModel;
import io.hedgekit.risk.margin.MarginResult;
import io.hedgekit.risk.stress.StressOptions;
import io.hedgekit.risk.stress.StressResult;
import io.hedgekit.risk.stress.StressTest;
import io.hedgekit.risk.var.BookRevaluation;
import io.hedgekit.risk.var.VarEngine;
import io.hedgekit.risk.var.VarOptions;
import io.hedgekit.risk.var.VarResult;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The risk engine an application embeds: one object that owns the expensive things — the root
 * Arrow {@link BufferAllocator} (one child allocator per request or resolved book, all within an
 * optional memory limit), the compute backend ({@code scalar}, {@code cpu} SIMD or {@code gpu}
 * OpenCL) and the backend's worker threads — and serves Greeks, VaR/ES, stress, hedge, what-if,
 * backtest and portfolio-margin requests on books and markets held in memory.
 *
 * <pre>{@code
 * try (RiskEngine engine = RiskEngine.builder().backend("auto").threads(8).build()) {
 *   Market market = Market.builder(Instant.parse("2026-11-24T08:00:00Z"))
 *       .underlying("BTC", u -> u.spot(95_000).rate(0.04).flatVol(0.55)).build();
 *   Book book = Book.of(List.of(Position.option("p1", "BTC", Position.CALL, 100_000, expiry, 2.0)));
 *   try (ResolvedPositions resolved = engine.resolve(book, market)) {     // once per market snapshot
 *     GreeksResult g = engine.greeks(resolved, GreeksRequest.withBuckets()); // as often as needed
 *     Computed<VarResult> v = engine.var(resolved, scenarios, VarRequest.fullRevaluation(0.99));
 *   }
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> The engine is thread-safe: any number of platform or virtual threads may
 * call it at once. {@link Book}, {@link Market}, {@link ScenarioSet}, {@link ResolvedPositions}
 * and every result are immutable and may be shared between threads and requests; a
 * {@link FileBook} may be shared too, but serves one request at a time. Results do not depend on
 * how many requests run together: they are bit-identical to the same request run alone (the
 * backends' results do not depend on threads or timing, and sums run in book order).
 *
 * <p><b>Memory.</b> Closing the engine waits for running requests, then closes every resolved
 * or file book still open and the root allocator; an allocation beyond the memory limit fails the
 * request that made it with Arrow's {@code OutOfMemoryException}. Kernel views of a closed
 * resolved book throw {@link IllegalStateException} rather than read freed memory.
 *
 * <p><b>Errors.</b> Bad input is an {@link io.hedgekit.kernels.InputException} naming the file or book,
 * row, column and value (strict resolution), or a {@link Rejection} per bad position (lenient);
 * bad arguments are {@link IllegalArgumentException}s; a backend that cannot run here is a
 * {@link io.hedgekit.kernels.BackendUnavailableException} from {@link Builder#build()}.
 */
public final class RiskEngine implements AutoCloseable {
  private final RootAllocator root;
  private final ComputeBackend backend;
  private final String reason;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<Scratch> scratch = new ConcurrentLinkedQueue<>();
  private final AtomicLong ids = new AtomicLong();
  private boolean closed;

  private RiskEngine(Builder b) {
    this.root = b.memoryLimit > 0 ? new RootAllocator(b.memoryLimit) : new RootAllocator();
    try {
      List<BackendProvider> providers = b.providers != null ? b.providers : Backends.providers();
      Backends.Selection s = Backends.open(b.backend, new BackendOptions(b.threads, b.device), providers);
      this.backend = s.backend();
      List<String> names = providers.stream().map(BackendProvider::name).toList();
      String missing = String.join(", ", List.of("cpu", "gpu").stream().filter(n -> !names.contains(n)).toList());
      this.reason = missing.isEmpty() ? s.reason()
          : s.reason() + " [not on the class path: " + missing + " (add hedgekit-" + String.join(" / hedgekit-",
              missing.split(", ")) + " for " + (missing.contains("cpu") ? "SIMD" : "OpenCL") + ")]";
    } catch (RuntimeException | Error e) {
      root.close();
      throw e;
    }
  }

  /** A builder: backend {@code auto}, one thread per core, first suitable OpenCL device, no memory limit. */
  public static Builder builder() {
    return new Builder();
  }

  /** The backend's name: {@code scalar}, {@code cpu} or {@code gpu}. */
  public String backend() {
    return backend.name();
  }

  /** One line: what the backend runs on (threads, vector width, device). */
  public String backendDescription() {
    return backend.description();
  }

  /**
   * Why this backend was chosen, in one line: the choice, what {@code auto} passed over and why,
   * and which backends are missing from the class path (an embedder with only {@code risk} and
   * {@code kernels} gets the scalar reference and is told so here).
   */
  public String backendReason() {
    return reason;
  }

  /** The backend, for code that calls kernels directly (owned by the engine: do not close it). */
  public ComputeBackend computeBackend() {
    return backend;
  }

  /** Arrow memory in use by the engine's requests and books, bytes. */
  public long allocatedBytes() {
    return root.getAllocatedMemory();
  }

  /**
   * A child of the engine's root allocator for the caller's own Arrow work (writing P&amp;L vectors,
   * building input batches); close it before the engine.
   */
  public BufferAllocator newAllocator(String name) {
    return root.newChildAllocator(name + "-" + ids.incrementAndGet(), 0, root.getLimit());
  }

  // ---- inputs ----

  /** Reads a book file (CSV or Arrow IPC) into memory ({@link Book#read}). */
  public Book readBook(Path file) {
    return request(() -> {
      try (BufferAllocator a = newAllocator("read-book")) {
        return Book.read(file, a);
      }
    });
  }

  /** Reads a book from Arrow record batches with the book columns ({@link Book#from(org.apache.arrow.vector.ipc.ArrowReader, String, BufferAllocator)}). */
  public Book readBook(org.apache.arrow.vector.ipc.ArrowReader reader, String name) {
    return request(() -> {
      try (BufferAllocator a = newAllocator("read-book")) {
        return Book.from(reader, name, a);
      }
    });
  }

  /**
   * Reads a scenario file (Arrow IPC or CSV, see {@link ScenarioFiles}) with the default sanity
   * bound on log returns ({@link ScenarioFiles#DEFAULT_MAX_ABS_RETURN}); the set lives on the heap.
   */
  public ScenarioSet readScenarios(Path file) {
    return readScenarios(file, ScenarioFiles.DEFAULT_MAX_ABS_RETURN);
  }

  /**
   * As {@link #readScenarios(Path)}, with the sanity bound on log returns.
   *
   * @param maxAbsReturn the largest |log return| accepted (dimensionless, > 0; infinity accepts
   *     any finite return); a return beyond it is an {@link io.hedgekit.kernels.InputException}
   *     naming the row
   * @throws IllegalArgumentException if {@code maxAbsReturn} is not > 0
   */
  public ScenarioSet readScenarios(Path file, double maxAbsReturn) {
    return request(() -> {
      try (BufferAllocator a = newAllocator("read-scenarios")) {
        return ScenarioFiles.read(file, a, Progress.NONE, maxAbsReturn);
      }
    });
  }

  /** Reads a hedge universe file (book columns plus cost, lot, optional min/max quantity), resolved against {@code market}. */
  public HedgeUniverse readUniverse(Path file, Market market) {
    return request(() -> {
      try (BufferAllocator a = newAllocator("read-universe")) {
        return UniverseFiles.readUniverse(file, market.data(), market.name(), a);
      }
    });
  }

  /** Reads proposed trades (book columns, optional cost and lot), resolved against {@code market}. */
  public UniverseFiles.Loaded readTrades(Path file, Market market) {
    return request(() -> {
      try (BufferAllocator a = newAllocator("read-trades")) {
        return UniverseFiles.readTrades(file, market.data(), market.name(), a);
      }
    });
  }

  /**
   * A hedge universe built in memory: one contract of each instrument of {@code instruments}
   * (their quantities are ignored), resolved strictly against {@code market}.
   *
   * @param costs USD per contract traded, one per instrument
   * @param lots lot size in contracts, one per instrument
   * @throws io.hedgekit.kernels.InputException naming an instrument that cannot be priced
   */
  public HedgeUniverse universe(Book instruments, Market market, double[] costs, double[] lots) {
    io.hedgekit.risk.book.BookResolver.RowRules rules = new io.hedgekit.risk.book.BookResolver.RowRules(market.data(),
        market.name(), market.hasVolShift() ? market.volShifts() : null, false);
    int n = instruments.size();
    int[] kind = new int[n];
    int[] und = new int[n];
    double[][] d = new double[9][n];
    int[] ints = new int[2];
    double[] doubles = new double[9];
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      io.hedgekit.risk.book.BookResolver.Problem p = rules.resolve(instruments.underlying(i), instruments.kind(i),
          instruments.strike(i), instruments.expiryMillis(i), 1.0, instruments.contractSize(i), instruments.vol(i),
          instruments.entryPrice(i), ints, doubles);
      if (p != null) {
        throw new io.hedgekit.kernels.InputException(instruments.name(), instruments.sourceRow(i), p.column(), p.value(),
            p.reason());
      }
      kind[i] = ints[0];
      und[i] = ints[1];
      for (int c = 0; c < 9; c++) {
        d[c][i] = doubles[c];
      }
      ids.add(instruments.id(i));
    }
    PositionColumns units = PositionColumns.ofArrays(kind, und, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
    return HedgeUniverse.of(units, ids, rules.underlyings(), rules.spots(), costs, lots, null, null);
  }

  // ---- resolution ----

  /** Resolves strictly (the first bad position fails with an {@link io.hedgekit.kernels.InputException}). */
  public ResolvedPositions resolve(Book book, Market market) {
    return resolve(book, market, ResolvePolicy.strict());
  }

  /**
   * Resolves {@code book} against {@code market} into kernel-ready columns, reusable by any
   * number of requests on that market snapshot. Close the result (or the engine).
   *
   * @throws io.hedgekit.kernels.InputException in strict mode, naming the first position that cannot be
   *     priced (row, column, value)
   */
  public ResolvedPositions resolve(Book book, Market market, ResolvePolicy policy) {
    Objects.requireNonNull(book, "book");
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(policy, "policy");
    return request(() -> {
      BufferAllocator a = newAllocator("resolved-book");
      ResolvedPositions[] self = new ResolvedPositions[1];
      ResolvedPositions r = ResolvedPositions.resolve(book, market, policy, a, () -> {
        if (self[0] != null) {
          open.remove(self[0]);
        }
      });
      self[0] = r;
      open.add(r);
      return r;
    });
  }

  /**
   * Opens a book file for streaming, resolved strictly against {@code market} as it is read
   * (see {@link FileBook}); keeps the first complete pass in memory when the file has at most
   * {@code cacheRows} rows (0 = never).
   */
  public FileBook openBook(Path file, Market market, ResolvePolicy policy, long cacheRows) {
    if (policy.isLenient()) {
      throw new IllegalArgumentException("a streamed file book is resolved strictly; read it with readBook and "
          + "resolve it leniently instead");
    }
    return request(() -> {
      BufferAllocator a = newAllocator("file-book");
      FileBook[] self = new FileBook[1];
      FileBook f = new FileBook(file, market, policy, cacheRows, a, () -> {
        if (self[0] != null) {
          open.remove(self[0]);
        }
      });
      self[0] = f;
      open.add(f);
      return f;
    });
  }

  // ---- requests ----

  /** Resolves strictly, computes Greeks with buckets, and frees the resolved book. */
  public GreeksResult greeks(Book book, Market market) {
    RunInfo.Clock clock = new RunInfo.Clock();
    try (ResolvedPositions resolved = resolve(book, market)) {
      clock.step("resolve");
      return greeks(resolved, GreeksRequest.withBuckets(), clock);
    }
  }

  /**
   * Greeks of a resolved book: sums per underlying, and per bucket and per position as asked.
   * Without per-position output, repeated requests allocate no per-position memory (the kernel
   * writes into scratch columns the engine keeps between requests).
   */
  public GreeksResult greeks(ResolvedBook book, GreeksRequest request) {
    return greeks(book, request, new RunInfo.Clock());
  }

  private GreeksResult greeks(ResolvedBook book, GreeksRequest request, RunInfo.Clock clock) {
    return onBook(book, b -> {
      GreeksSums sums = new GreeksSums(b.underlyings(), b.spots(), request.buckets(), b.smiles());
      if (!request.perPosition() && backend.hasDedicatedGreekSums() && sums.kernelLayout() != null) {
        return greekSums(b, request, sums, clock);
      }
      PerPosition per = request.perPosition() ? new PerPosition() : null;
      GreeksKernel kernel = backend.greeks();
      Scratch s = takeScratch();
      Iterator<ResolvedBatch> it = b.batches();
      long done = 0;
      GreeksSums.Chunks chunks = null;
      try {
        while (it.hasNext()) {
          try (ResolvedBatch batch = it.next()) {
            PositionColumns p = batch.columns();
            s = s.fit(p.rows());
            GreeksColumns out = s.columns(p.rows());
            // The sums are taken chunk by chunk on the kernel's threads, while each chunk's
            // outputs are in their cache (same bits as sums.add after the kernel).
            GreeksSums.Chunks next = sums.chunks(p, out, chunks);
            if (next != null) {
              chunks = next;
              kernel.compute(p, out, chunks);
              sums.fold(chunks);
            } else {
              kernel.compute(p, out);
              sums.add(p, out);
            }
            if (per != null) {
              per.add(batch, out);
            }
            done += p.rows();
            request.progress().update(done, -1);
          }
        }
      } finally {
        scratch.add(s);
        ResolvedBook.endPass(it);
      }
      clock.step("greeks");
      return result(sums, per == null ? null : per.toResult(), clock, rejectedOf(book));
    });
  }

  /**
   * Sums only (per underlying, and per bucket when asked), by the backend's
   * {@link io.hedgekit.kernels.GreekSumsKernel}: no per-position output is written at all (what
   * hedge sizing and limit checks need).
   */
  private GreeksResult greekSums(ResolvedBook b, GreeksRequest request, GreeksSums sums, RunInfo.Clock clock) {
    io.hedgekit.kernels.GreekSumsKernel kernel = backend.greekSums();
    io.hedgekit.kernels.SumBuckets layout = sums.kernelLayout();
    Iterator<ResolvedBatch> it = b.batches();
    long done = 0;
    try {
      while (it.hasNext()) {
        try (ResolvedBatch batch = it.next()) {
          PositionColumns p = batch.columns();
          io.hedgekit.kernels.GreekSums part = kernel.sum(p, layout);
          sums.addKernelSums(part, batch.positionsPerCell(layout));
          done += p.rows();
          request.progress().update(done, -1);
        }
      }
    } finally {
      ResolvedBook.endPass(it);
    }
    clock.step("greeks");
    return result(sums, null, clock, rejectedOf(b));
  }

  /**
   * Greeks of every position handed to {@code sink} as Arrow batches ({@link GreeksJob#SCHEMA}:
   * id, underlying, instrument, then the ten outputs; valid only during the call), plus the sums.
   * For services streaming results out (Arrow Flight) without holding them.
   */
  public GreeksResult greeks(ResolvedBook book, GreeksRequest request, Consumer<VectorSchemaRoot> sink) {
    RunInfo.Clock clock = new RunInfo.Clock();
    return onBook(book, b -> {
      GreeksSums sums = new GreeksSums(b.underlyings(), b.spots(), request.buckets(), b.smiles());
      try (BufferAllocator a = newAllocator("greeks")) {
        GreeksJob.run(b, backend.greeks(), a, request.progress(), sink, sums);
      }
      clock.step("greeks");
      return result(sums, null, clock, rejectedOf(book));
    });
  }

  /**
   * Greeks of a book streamed in as Arrow record batches (the book columns, as
   * {@link #readBook(org.apache.arrow.vector.ipc.ArrowReader, String)}), streamed out to {@code sink}
   * as they are computed ({@link GreeksJob#SCHEMA}; each batch valid only during the call): one
   * batch of {@code policy.batchRows()} positions is read, validated, resolved against
   * {@code market} and priced at a time, so a book larger than memory streams through. For
   * services (Arrow Flight); the same values, bit for bit, as {@link #greeksToFile} on the same
   * rows. Bad input is an {@link io.hedgekit.kernels.InputException} naming {@code name} and the
   * row in the stream (1-based), column and value; batches already handed to {@code sink} stay sent.
   *
   * @param batches the incoming record batches; closed when this returns
   * @param progress told the positions done so far after each batch (total -1); it may throw to stop
   * @return the number of positions priced
   */
  public long greeks(org.apache.arrow.vector.ipc.ArrowReader batches, String name, Market market,
      ResolvePolicy policy, Progress progress, Consumer<VectorSchemaRoot> sink) {
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(policy, "policy");
    io.hedgekit.risk.book.BookResolver resolver = new io.hedgekit.risk.book.BookResolver(market.data(), market.name(),
        market.hasVolShift() ? market.volShifts() : null, policy.allowExpired());
    return request(() -> {
      long done = 0;
      try (BufferAllocator a = newAllocator("greeks-stream");
          io.hedgekit.io.book.BookReader reader = io.hedgekit.io.book.BookReader.open(batches, name, a,
              policy.batchRows())) {
        while (reader.hasNext()) {
          long before = done;
          // The batch as read, resolved column-wise (as a streamed file book is): no copy into a heap Book.
          try (io.hedgekit.io.book.BookBatch batch = reader.next();
              io.hedgekit.risk.book.BookResolver.Resolved r = resolver.resolve(batch, a)) {
            // The smile per underlying seen so far, for delta_smile (as file and resolved books give it).
            List<VolSmile> smiles = ResolvedBook.smilesOf(market.data(), resolver.underlyings());
            GreeksJob.run(new OneBatch(resolver, batch, r, before, smiles), backend.greeks(), a,
                (d, t) -> progress.update(before + d, -1), sink);
            done += batch.rows();
          }
        }
      }
      return done;
    });
  }

  /** One resolved batch of a streamed book as a {@link ResolvedBook} (the batch and its columns stay the caller's). */
  private record OneBatch(io.hedgekit.risk.book.BookResolver resolver, io.hedgekit.io.book.BookBatch batch,
      io.hedgekit.risk.book.BookResolver.Resolved resolved, long firstRow, List<VolSmile> smiles)
      implements ResolvedBook {
    @Override
    public List<String> underlyings() {
      return resolver.underlyings();
    }

    @Override
    public List<VolSmile> smiles() {
      return smiles;
    }

    @Override
    public double[] spots() {
      return resolver.spots();
    }

    @Override
    public Iterator<ResolvedBatch> batches() {
      ResolvedBatch only = new ResolvedBatch() {
        @Override
        public PositionColumns columns() {
          return resolved.columns();
        }

        @Override
        public String id(int row) {
          return batch.id(row);
        }

        @Override
        public String underlyingName(int row) {
          return resolver.underlyings().get(resolved.columns().underlying().getAtIndex(PositionColumns.INT, row));
        }

        @Override
        public long firstRow() {
          return firstRow;
        }

        @Override
        public void close() {
          // the caller closes the batch and its resolved columns
        }
      };
      return List.of(only).iterator();
    }
  }

  /**
   * Greeks of every position written to {@code out} (CSV or Arrow IPC, atomically: whole or not at
   * all; the columns of {@link GreeksJob#SCHEMA}), plus the sums.
   */
  public GreeksResult greeksToFile(ResolvedBook book, GreeksRequest request, Path out, TableFormat format) {
    RunInfo.Clock clock = new RunInfo.Clock();
    return onBook(book, b -> {
      GreeksSums sums = new GreeksSums(b.underlyings(), b.spots(), request.buckets(), b.smiles());
      try (BufferAllocator a = newAllocator("greeks")) {
        GreeksJob.run(b, backend.greeks(), out, format, a, request.progress(), sums);
      }
      clock.step("greeks");
      return result(sums, null, clock, rejectedOf(book));
    });
  }

  private GreeksResult result(GreeksSums sums, GreeksResult.PositionGreeks per, RunInfo.Clock clock,
      List<Rejection> rejected) {
    return new GreeksResult(sums.portfolio(), sums.hasBuckets() ? sums.buckets(GreeksSums.Dimension.EXPIRY) : null,
        sums.hasBuckets() ? sums.buckets(GreeksSums.Dimension.STRIKE) : null, per, clock.info(this, rejected));
  }

  /**
   * VaR/ES of a resolved book over a scenario set ({@link VarEngine}), under the request's vol
   * dynamics (read on the smiles of the market the book was resolved against).
   */
  public Computed<VarResult> var(ResolvedBook book, ScenarioSet scenarios, VarRequest request) {
    return var(book, scenarios, request.toOptions(Progress.NONE), request.volDynamics());
  }

  /** VaR/ES with every option of the risk layer (progress, per-position contributions sink, ...), sticky strike. */
  public Computed<VarResult> var(ResolvedBook book, ScenarioSet scenarios, VarOptions options) {
    return var(book, scenarios, options, VolDynamicsSpec.STICKY_STRIKE);
  }

  /**
   * VaR/ES with every option of the risk layer and vol dynamics ({@link VolDynamicsSpec#forBook}:
   * the smiles of the book's market) for every full revaluation, contributions included.
   */
  public Computed<VarResult> var(ResolvedBook book, ScenarioSet scenarios, VarOptions options,
      VolDynamicsSpec dynamics) {
    Objects.requireNonNull(scenarios, "scenarios");
    Objects.requireNonNull(dynamics, "dynamics");
    RunInfo.Clock clock = new RunInfo.Clock();
    return onBook(book, b -> {
      VarResult r = VarEngine.run(b, scenarios, backend, options, dynamics.forBook(b));
      clock.step("var");
      return new Computed<>(r, clock.info(this, rejectedOf(book)));
    });
  }

  /**
   * The full-revaluation P&amp;L of a resolved book in every scenario of one step, portfolio and per
   * underlying ({@link ResolvedBook#underlyings()} order), USD, with the count of positions and of
   * rows priced: the vectors {@link #var} computes VaR/ES from, for callers that sum them over
   * several books (a distributed job's partitions) and take VaR/ES of the sum themselves
   * ({@link io.hedgekit.risk.var.RiskMeasures}).
   *
   * @param step the scenario step, or null for the last
   * @param netting price each distinct instrument once with its positions' summed size
   */
  public Computed<BookRevaluation.Result> scenarioPnl(ResolvedBook book, ScenarioSet scenarios, Integer step,
      boolean netting) {
    Objects.requireNonNull(scenarios, "scenarios");
    RunInfo.Clock clock = new RunInfo.Clock();
    return onBook(book, b -> {
      ScenarioColumns sc = columns(scenarios, b, step);
      BookRevaluation.Result r = BookRevaluation.revalue(b, sc, backend.revaluation(), null, null, Progress.NONE,
          netting);
      clock.step("scenario P&L");
      return new Computed<>(r, clock.info(this, rejectedOf(book)));
    });
  }

  /**
   * Each position's P&amp;L summed over the scenario indices {@code tail} of one step, USD, handed
   * to {@code sink} in book order ({@link VarEngine#tailSums}): the second pass of the Euler ES
   * contributions, for callers that chose the tail scenarios from a P&amp;L vector of their own.
   *
   * @param step the scenario step, or null for the last
   * @param tail scenario indices (0-based, increasing) of that step
   */
  public void tailPnl(ResolvedBook book, ScenarioSet scenarios, Integer step, int[] tail, boolean netting,
      VarEngine.TailSink sink) {
    Objects.requireNonNull(scenarios, "scenarios");
    onBook(book, b -> {
      VarEngine.tailSums(b, columns(scenarios, b, step), backend.revaluation(), tail, netting, sink);
      return null;
    });
  }

  /** Resolves strictly, runs VaR/ES, and frees the resolved book. */
  public Computed<VarResult> var(Book book, Market market, ScenarioSet scenarios, VarRequest request) {
    try (ResolvedPositions resolved = resolve(book, market)) {
      return var(resolved, scenarios, request);
    }
  }

  /** Spot × vol stress matrices and historical days ({@link StressTest}), sticky strike. */
  public Computed<StressResult> stress(ResolvedBook book, StressOptions options) {
    return stress(book, options, VolDynamicsSpec.STICKY_STRIKE);
  }

  /** Stress matrices and historical days under vol dynamics ({@link VolDynamicsSpec#forBook}). */
  public Computed<StressResult> stress(ResolvedBook book, StressOptions options, VolDynamicsSpec dynamics) {
    Objects.requireNonNull(dynamics, "dynamics");
    RunInfo.Clock clock = new RunInfo.Clock();
    return onBook(book, b -> {
      StressResult r = StressTest.run(b, backend, options, dynamics.forBook(b));
      clock.step("stress");
      return new Computed<>(r, clock.info(this, rejectedOf(book)));
    });
  }

  /**
   * Sizes a hedge ({@link Hedger}); for {@link HedgeTarget#MIN_MARGIN}, which needs collateral and
   * a margin model, use {@link #marginHedge}.
   *
   * @param scenarios the scenario set (needed by min-variance and min-es; else optional, for VaR/ES
   *     before and after), or null
   * @param step its step, or null for the last
   */
  public Computed<HedgeResult> hedge(ResolvedBook book, HedgeUniverse universe, HedgeTarget target,
      ScenarioSet scenarios, Integer step, HedgeOptions options) {
    return hedge(book, universe, target, scenarios, step, options, VolDynamicsSpec.STICKY_STRIKE);
  }

  /**
   * As {@link #hedge(ResolvedBook, HedgeUniverse, HedgeTarget, ScenarioSet, Integer, HedgeOptions)},
   * revaluing the scenarios (min-variance, min-es, VaR/ES before and after) under vol dynamics
   * ({@link VolDynamicsSpec#forBook}).
   */
  public Computed<HedgeResult> hedge(ResolvedBook book, HedgeUniverse universe, HedgeTarget target,
      ScenarioSet scenarios, Integer step, HedgeOptions options, VolDynamicsSpec dynamics) {
    Objects.requireNonNull(dynamics, "dynamics");
    if (target == HedgeTarget.MIN_MARGIN) {
      throw new IllegalArgumentException("target min-margin needs collateral and a margin model: use RiskEngine.marginHedge");
    }
    RunInfo.Clock clock = new RunInfo.Clock();
    return onBook(book, b -> {
      HedgeResult r = new Hedger(backend).hedge(b, universe, target, columns(scenarios, b, step, dynamics), options);
      clock.step("hedge");
      return new Computed<>(r, clock.info(this, rejectedOf(book)));
    });
  }

  /** The book's risk before and after proposed trades ({@link WhatIf}), sticky strike. */
  public Computed<WhatIfResult> whatIf(ResolvedBook book, HedgeUniverse universe, List<ProposedTrade> trades,
      ScenarioSet scenarios, Integer step, HedgeOptions options) {
    return whatIf(book, universe, trades, scenarios, step, options, VolDynamicsSpec.STICKY_STRIKE);
  }

  /**
   * As {@link #whatIf(ResolvedBook, HedgeUniverse, List, ScenarioSet, Integer, HedgeOptions)},
   * revaluing the scenarios (VaR/ES before and after the trades) under vol dynamics
   * ({@link VolDynamicsSpec#forBook}), as {@link #var} and {@link #hedge} do.
   */
  public Computed<WhatIfResult> whatIf(ResolvedBook book, HedgeUniverse universe, List<ProposedTrade> trades,
      ScenarioSet scenarios, Integer step, HedgeOptions options, VolDynamicsSpec dynamics) {
    Objects.requireNonNull(dynamics, "dynamics");
    RunInfo.Clock clock = new RunInfo.Clock();
    return onBook(book, b -> {
      WhatIfResult r = new WhatIf(backend).evaluate(b, universe, trades, columns(scenarios, b, step, dynamics),
          options);
      clock.step("what-if");
      return new Computed<>(r, clock.info(this, rejectedOf(book)));
    });
  }

  /** Backtest of 1-day historical VaR of today's book ({@link VarBacktest}), sticky strike. */
  public Computed<BacktestResult> backtest(ResolvedBook book, PriceHistory history, BacktestOptions options) {
    return backtest(book, history, options, VolDynamicsSpec.STICKY_STRIKE);
  }

  /** The VaR backtest under vol dynamics ({@link VolDynamicsSpec#forBook}). */
  public Computed<BacktestResult> backtest(ResolvedBook book, PriceHistory history, BacktestOptions options,
      VolDynamicsSpec dynamics) {
    Objects.requireNonNull(dynamics, "dynamics");
    RunInfo.Clock clock = new RunInfo.Clock();
    return onBook(book, b -> {
      BacktestResult r = VarBacktest.run(b, history, backend, options, dynamics.forBook(b));
      clock.step("backtest");
      return new Computed<>(r, clock.info(this, rejectedOf(book)));
    });
  }

  // ---- margin (issue 18: docs/margin.md) ----

  /**
   * Portfolio margin of a book at the market it was resolved against ({@link ResolvedPositions}
   * or {@link FileBook}): IM and MM with their components, equity with {@code collateral}, and
   * the distance to liquidation per underlying and all together ({@link MarginEngine}).
   *
   * @throws IllegalArgumentException for collateral without a price, an underlying the model has
   *     no parameters for, or a book that does not carry its market (use the overload with a market)
   */
  public Computed<MarginResult> margin(ResolvedBook book, Collateral collateral, MarginModel model) {
    return margin(book, marketOf(book), collateral, model);
  }

  /**
   * As {@link #margin(ResolvedBook, Collateral, MarginModel)} for a book resolved against
   * {@code market} (which prices collateral currencies the book does not hold, USD per coin).
   */
  public Computed<MarginResult> margin(ResolvedBook book, Market market, Collateral collateral, MarginModel model) {
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(collateral, "collateral");
    Objects.requireNonNull(model, "model");
    RunInfo.Clock clock = new RunInfo.Clock();
    return onBook(book, b -> {
      MarginResult r = new MarginEngine(backend, model).compute(b, collateral, MarginEngine.prices(market.data()));
      clock.step("margin");
      return new Computed<>(r, clock.info(this, rejectedOf(book)));
    });
  }

  /**
   * Annualised basis of each listed future, funding APR of each perpetual, and the book's
   * cash-and-carry pairs net of the margin they tie up under {@code model} ({@link Carry}), at
   * the market the book was resolved against.
   *
   * @param collateral coin collateral counts as the long leg of a pair ({@link Collateral#none()} for none)
   */
  public Computed<Carry.Report> carry(ResolvedBook book, Collateral collateral, MarginModel model) {
    Market market = marketOf(book);
    Objects.requireNonNull(collateral, "collateral");
    Objects.requireNonNull(model, "model");
    RunInfo.Clock clock = new RunInfo.Clock();
    return onBook(book, b -> {
      Carry.Report r = Carry.compute(b, market.data(), collateral, new MarginEngine(backend, model));
      clock.step("carry");
      return new Computed<>(r, clock.info(this, rejectedOf(book)));
    });
  }

  /**
   * The {@link HedgeTarget#MIN_MARGIN} hedge: the trades within {@code universe} (lots, bounds,
   * costs) that minimise initial margin plus trading cost ({@link MarginHedger}), with the
   * margin before and after.
   */
  public Computed<MarginHedger.Result> marginHedge(ResolvedBook book, HedgeUniverse universe, Collateral collateral,
      MarginModel model) {
    Market market = marketOf(book);
    Objects.requireNonNull(universe, "universe");
    Objects.requireNonNull(collateral, "collateral");
    Objects.requireNonNull(model, "model");
    RunInfo.Clock clock = new RunInfo.Clock();
    return onBook(book, b -> {
      MarginHedger.Result r = new MarginHedger(backend, model).hedge(b, universe, collateral,
          MarginEngine.prices(market.data()));
      clock.step("hedge");
      return new Computed<>(r, clock.info(this, rejectedOf(book)));
    });
  }

  /**
   * Margin, equity and liquidation distance before and after proposed trades (done at today's
   * model value, paid from cash; trading costs not deducted).
   */
  public Computed<MarginChange> marginWhatIf(ResolvedBook book, HedgeUniverse universe, List<ProposedTrade> trades,
      Collateral collateral, MarginModel model) {
    Market market = marketOf(book);
    Objects.requireNonNull(universe, "universe");
    Objects.requireNonNull(trades, "trades");
    Objects.requireNonNull(collateral, "collateral");
    Objects.requireNonNull(model, "model");
    RunInfo.Clock clock = new RunInfo.Clock();
    return onBook(book, b -> {
      MarginResult[] m = new MarginHedger(backend, model).whatIf(b, universe, trades, collateral,
          MarginEngine.prices(market.data()));
      clock.step("margin what-if");
      return new Computed<>(new MarginChange(m[0], m[1]), clock.info(this, rejectedOf(book)));
    });
  }

  private static Market marketOf(ResolvedBook book) {
    Objects.requireNonNull(book, "book");
    if (book instanceof ResolvedPositions r) {
      return r.market();
    }
    if (book instanceof FileBook f) {
      return f.market();
    }
    if (book instanceof io.hedgekit.risk.book.ArrowResolvedBook a) {
      return Market.of(a.market());
    }
    throw new IllegalArgumentException("this book does not carry its market (" + book.getClass().getSimpleName()
        + "): pass the market it was resolved against");
  }

  /**
   * The whole morning run on one book (see {@link RiskRun}): Greeks with buckets; VaR/ES with
   * approximations and contributions when there are scenarios; the stress grid (and historical
   * days when there is a history); a hedge when there is a universe; portfolio margin,
   * liquidation distance and carry when there is collateral. Each step is timed.
   *
   * @throws IllegalArgumentException for a {@link HedgeTarget#MIN_MARGIN} hedge without collateral,
   *     or margin inputs the model cannot price (see {@link #margin(ResolvedBook, Collateral, MarginModel)})
   */
  public RiskRun riskRun(ResolvedBook book, RiskRun.Request request) {
    boolean marginHedge = request.universe() != null && request.target() == HedgeTarget.MIN_MARGIN;
    if (marginHedge && request.collateral() == null) {
      throw new IllegalArgumentException("hedge target min-margin needs collateral: add it with Request.withMargin");
    }
    Market market = request.collateral() != null ? marketOf(book) : null;
    return onBook(book, b -> {
      VolDynamics dynamics = request.volDynamics().forBook(b);
      Map<String, Double> timings = new LinkedHashMap<>();
      long t0 = System.nanoTime();
      GreeksResult greeks = greeks(b, GreeksRequest.withBuckets(), new RunInfo.Clock());
      timings.put("greeks", seconds(t0));
      VarResult var = null;
      if (request.scenarios() != null) {
        t0 = System.nanoTime();
        VarOptions options = VarOptions.defaults().withApproximations(true).withContributions(true)
            .withTopContributors(15).withProgress(request.progress());
        if (request.step() != null) {
          options = options.withStep(request.step());
        }
        var = VarEngine.run(b, request.scenarios(), backend, options, dynamics);
        timings.put("VaR/ES (full + approximations + contributions)", seconds(t0));
      }
      t0 = System.nanoTime();
      StressOptions so = StressOptions.defaults();
      if (request.history() != null) {
        so = so.withHistory(request.history(), StressOptions.DEFAULT_HISTORICAL_DAYS);
      }
      StressResult stress = StressTest.run(b, backend, so, dynamics);
      timings.put("stress", seconds(t0));
      HedgeResult hedge = null;
      if (request.universe() != null) {
        t0 = System.nanoTime();
        if (marginHedge) {
          hedge = new MarginHedger(backend, request.marginModel()).hedge(b, request.universe(), request.collateral(),
              MarginEngine.prices(market.data())).hedge();
        } else {
          hedge = new Hedger(backend).hedge(b, request.universe(), request.target(),
              columns(request.scenarios(), b, request.step(), request.volDynamics()), HedgeOptions.defaults());
        }
        timings.put("hedge (" + request.target().label() + ")", seconds(t0));
      }
      MarginResult margin = null;
      Carry.Report carry = null;
      if (request.collateral() != null) {
        t0 = System.nanoTime();
        MarginEngine engine = new MarginEngine(backend, request.marginModel());
        margin = engine.compute(b, request.collateral(), MarginEngine.prices(market.data()));
        carry = Carry.compute(b, market.data(), request.collateral(), engine);
        timings.put("margin and carry", seconds(t0));
      }
      return new RiskRun(greeks, var, stress, hedge, request.target(), margin, carry, timings, backend.name(),
          backend.description());
    });
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** The scenario columns of one step in the book's underlying order, sticky strike (null without a set). */
  private static ScenarioColumns columns(ScenarioSet set, ResolvedBook book, Integer step) {
    return columns(set, book, step, VolDynamicsSpec.STICKY_STRIKE);
  }

  /** As above, under {@code dynamics} read on the book's smiles. */
  private static ScenarioColumns columns(ScenarioSet set, ResolvedBook book, Integer step, VolDynamicsSpec dynamics) {
    if (set == null) {
      return null;
    }
    return set.columns(book.underlyings(), step != null ? step : set.lastStep().number())
        .withVolDynamics(dynamics.forBook(book));
  }

  private static List<Rejection> rejectedOf(ResolvedBook book) {
    return book instanceof ResolvedPositions r ? r.rejected() : List.of();
  }

  /** Runs a request on {@code book} while the engine is open, holding the book for the request. */
  private <T> T onBook(ResolvedBook book, Function<ResolvedBook, T> body) {
    Objects.requireNonNull(book, "book");
    return request(() -> {
      if (book instanceof ResolvedPositions r) {
        r.acquire();
        try {
          return body.apply(r);
        } finally {
          r.release();
        }
      }
      if (book instanceof FileBook f) {
        return f.exclusive(() -> body.apply(f));
      }
      return body.apply(book);
    });
  }

  /** Runs {@code body} unless the engine is closed; {@link #close()} waits for it. */
  private <T> T request(java.util.function.Supplier<T> body) {
    ReentrantReadWriteLock.ReadLock lock = lifecycle.readLock();
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the risk engine is closed");
      }
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  private static void closeResource(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing " + c + " failed: " + e.getMessage(), e);
    }
  }

  private Scratch takeScratch() {
    Scratch s = scratch.poll();
    return s != null ? s : new Scratch(0);
  }

  /**
   * Waits for running requests, closes every resolved and file book still open, the backend and
   * the root allocator. Idempotent.
   *
   * @throws IllegalStateException if Arrow memory is still held by something the caller allocated
   *     from {@link #newAllocator} and did not close (a leak)
   */
  @Override
  public void close() {
    ReentrantReadWriteLock.WriteLock lock = lifecycle.writeLock();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (AutoCloseable c : List.copyOf(open)) {
        closeResource(c);
      }
      for (Scratch s = scratch.poll(); s != null; s = scratch.poll()) {
        s.close();
      }
      backend.close();
      root.close();
    } finally {
      lock.unlock();
    }
  }

  /** Kernel output columns kept between requests (native, 64-byte aligned, as the kernels write fastest). */
  private static final class Scratch {
    private final Arena arena;
    private final int capacity;
    private final MemorySegment[] columns;

    Scratch(int capacity) {
      this.capacity = capacity;
      this.arena = Arena.ofShared();
      this.columns = new MemorySegment[GreeksColumns.COUNT];
      for (int c = 0; c < columns.length; c++) {
        columns[c] = arena.allocate(Math.max(8L * capacity, 8), 64);
      }
    }

    /** This scratch if it holds {@code rows}, else a bigger one (this one freed). */
    Scratch fit(int rows) {
      if (rows <= capacity) {
        return this;
      }
      close();
      return new Scratch(Math.max(rows, ResolvePolicy.DEFAULT_BATCH_ROWS));
    }

    GreeksColumns columns(int rows) {
      MemorySegment[] s = new MemorySegment[columns.length];
      for (int c = 0; c < s.length; c++) {
        s[c] = columns[c].asSlice(0, 8L * rows);
      }
      return GreeksColumns.of(rows, s);
    }

    void close() {
      arena.close();
    }
  }

  /** Per-position outputs copied out of the scratch, batch by batch. */
  private static final class PerPosition {
    private final List<String> ids = new ArrayList<>();
    private final List<String> underlyings = new ArrayList<>();
    private final List<double[][]> parts = new ArrayList<>();

    void add(ResolvedBatch batch, GreeksColumns out) {
      int n = batch.columns().rows();
      double[][] part = new double[GreeksColumns.COUNT][];
      MemorySegment[] cols = out.columns();
      for (int c = 0; c < part.length; c++) {
        part[c] = cols[c].asSlice(0, 8L * n).toArray(PositionColumns.DOUBLE);
      }
      parts.add(part);
      for (int i = 0; i < n; i++) {
        ids.add(batch.id(i));
        underlyings.add(batch.underlyingName(i));
      }
    }

    GreeksResult.PositionGreeks toResult() {
      int n = ids.size();
      double[][] all = new double[GreeksColumns.COUNT][n];
      int at = 0;
      for (double[][] part : parts) {
        for (int c = 0; c < all.length; c++) {
          System.arraycopy(part[c], 0, all[c], at, part[c].length);
        }
        at += part[0].length;
      }
      return new GreeksResult.PositionGreeks(List.copyOf(ids), List.copyOf(underlyings), all);
    }
  }

  /** Configures a {@link RiskEngine}. */
  public static final class Builder {
    private String backend = Backends.AUTO;
    private int threads;
    private String device;
    private long memoryLimit;
    private List<BackendProvider> providers;

    private Builder() {
    }

    /** {@code scalar}, {@code cpu}, {@code gpu} or {@code auto} (the fastest usable; default). */
    public Builder backend(String name) {
      this.backend = Objects.requireNonNull(name, "backend");
      return this;
    }

    /** Worker threads of the cpu backend (0 = one per core, the default). */
    public Builder threads(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("threads must be >= 0, was " + n);
      }
      this.threads = n;
      return this;
    }

    /** OpenCL device: an index from {@code hedgekit devices} or part of its name (default: the first suitable). */
    public Builder device(String id) {
      this.device = id;
      return this;
    }

    /** Most Arrow memory the engine may hold at once, bytes (0 = no limit, the default). */
    public Builder memoryLimit(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("memory limit must be >= 0, was " + bytes);
      }
      this.memoryLimit = bytes;
      return this;
    }

    /** Chooses among these backend providers instead of those found with {@link java.util.ServiceLoader}. */
    public Builder providers(List<BackendProvider> list) {
      this.providers = List.copyOf(list);
      return this;
    }

    /**
     * Opens the backend and the allocator.
     *
     * @throws io.hedgekit.kernels.BackendUnavailableException if the named backend is unknown or
     *     cannot run here (the message says why and what to install)
     */
    public RiskEngine build() {
      return new RiskEngine(this);
    }
  }
}

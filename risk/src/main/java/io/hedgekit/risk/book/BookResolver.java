package io.hedgekit.risk.book;

import io.hedgekit.io.book.BookBatch;
import io.hedgekit.io.table.ArrowSegments;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.market.UnderlyingMarket;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Instant;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/**
 * Turns one {@link BookBatch} (positions as written in the book) into kernel-ready
 * {@link PositionColumns} (spot, time, vol, rate, carry, size ... per position) in Arrow memory.
 *
 * <p>Rules: time to expiry is ACT/365 from the market's valuation time; carry comes from the
 * underlying's listed forwards or its flat carry ({@link UnderlyingMarket#carryFor}); vol is the
 * position's own, else the market surface at (T, K), else the flat vol; size is quantity ×
 * contract size; a future or perpetual without an entry price is entered at today's price (so
 * its value is 0). Strike and vol of non-options are ignored by the kernels; they are set to the
 * spot and 1.0 so every lane of a SIMD kernel computes finite numbers.
 *
 * <p>Rejected, with file, row, column and value: an underlying missing from the market, an
 * expiry at or before the valuation time (unless expired positions are allowed: then T = 0 and
 * the position is valued at intrinsic), an option with no vol anywhere. The rules themselves are
 * {@link RowRules}, shared with books held in memory. Thread-safe (batches resolve one at a time).
 */
public final class BookResolver {
  private final RowRules rows;
  // Scratch of resolveRow: a resolver serves one batch at a time (see resolve).
  private final int[] resolvedInts = new int[2];
  private final double[] resolvedDoubles = new double[9];

  /**
   * @param market the market data
   * @param marketFile the market file's name, for messages
   * @param allowExpired value expired positions at intrinsic instead of rejecting them
   */
  public BookResolver(MarketData market, String marketFile, boolean allowExpired) {
    this(market, marketFile, null, allowExpired);
  }

  /**
   * As {@link #BookResolver(MarketData, String, boolean)}, with every implied vol of underlying
   * {@code u} moved by {@code volShifts[u]} (absolute; {@link MarketData#underlyingNames()} order), or null for none.
   */
  public BookResolver(MarketData market, String marketFile, double[] volShifts, boolean allowExpired) {
    this.rows = new RowRules(market, marketFile, volShifts, allowExpired);
  }

  /** Underlying names, in index order. */
  public List<String> underlyings() {
    return rows.underlyings();
  }

  /** Spot per underlying, USD. */
  public double[] spots() {
    return rows.spots();
  }

  /** The market being resolved against. */
  public MarketData market() {
    return rows.market();
  }

  /**
   * Resolved columns of one batch; close them (they own Arrow memory). The kernel views are scoped
   * to a shared {@link Arena} closed before the vectors are freed, so a view used after
   * {@link #close()} throws {@link IllegalStateException} instead of reading freed memory.
   */
  public static final class Resolved implements AutoCloseable {
    private final IntVector kind;
    private final IntVector underlying;
    private final Float8Vector[] doubles;
    private final Arena scope;
    private final PositionColumns columns;
    private boolean closed;

    Resolved(IntVector kind, IntVector underlying, Float8Vector[] doubles) {
      this.kind = kind;
      this.underlying = underlying;
      this.doubles = doubles;
      this.scope = Arena.ofShared();
      int n = kind.getValueCount();
      this.columns = new PositionColumns(n, scoped(ArrowSegments.of(kind)), scoped(ArrowSegments.of(underlying)),
          scoped(ArrowSegments.of(doubles[0])), scoped(ArrowSegments.of(doubles[1])), scoped(ArrowSegments.of(doubles[2])),
          scoped(ArrowSegments.of(doubles[3])), scoped(ArrowSegments.of(doubles[4])), scoped(ArrowSegments.of(doubles[5])),
          scoped(ArrowSegments.of(doubles[6])), scoped(ArrowSegments.of(doubles[7])), scoped(ArrowSegments.of(doubles[8])));
    }

    @SuppressWarnings("restricted") // same address and size, only the lifetime changes
    private MemorySegment scoped(MemorySegment global) {
      return global.reinterpret(scope, null);
    }

    /** The kernel view; valid until {@link #close()}, after which any access throws. */
    public PositionColumns columns() {
      return columns;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      scope.close();
      for (int i = doubles.length - 1; i >= 0; i--) {
        doubles[i].close();
      }
      underlying.close();
      kind.close();
    }
  }

  /**
   * Allocates the eleven resolved vectors for {@code n} rows and fills them with {@code fill}
   * (row by row into the vectors); on failure frees what was allocated.
   */
  public static Resolved allocate(int n, BufferAllocator allocator, java.util.function.Consumer<Vectors> fill) {
    IntVector kind = new IntVector("kind", allocator);
    IntVector underlying = new IntVector("underlying", allocator);
    Float8Vector[] d = new Float8Vector[DOUBLE_NAMES.length];
    try {
      kind.allocateNew(n);
      underlying.allocateNew(n);
      for (int c = 0; c < d.length; c++) {
        d[c] = new Float8Vector(DOUBLE_NAMES[c], allocator);
        d[c].allocateNew(n);
      }
      fill.accept(new Vectors(kind, underlying, d));
      kind.setValueCount(n);
      underlying.setValueCount(n);
      for (Float8Vector v : d) {
        v.setValueCount(n);
      }
      return new Resolved(kind, underlying, d);
    } catch (RuntimeException | Error e) {
      for (Float8Vector v : d) {
        if (v != null) {
          v.close();
        }
      }
      underlying.close();
      kind.close();
      throw e;
    }
  }

  /** The vectors being filled by {@link #allocate}. */
  public record Vectors(IntVector kind, IntVector underlying, Float8Vector[] doubles) {
    /** Sets row {@code i} from {@link RowRules#resolve}'s outputs. */
    public void set(int i, int[] ints, double[] values) {
      kind.set(i, ints[0]);
      underlying.set(i, ints[1]);
      for (int c = 0; c < doubles.length; c++) {
        doubles[c].set(i, values[c]);
      }
    }
  }

  private static final String[] DOUBLE_NAMES = {
      "spot", "strike", "time_years", "vol", "rate", "carry", "size", "entry_price", "funding_8h"};

  /**
   * Resolves every row of {@code batch}.
   *
   * @throws InputException naming the book file, row, column and value of the first bad row
   */
  public synchronized Resolved resolve(BookBatch batch, BufferAllocator allocator) {
    int n = batch.rows();
    return allocate(n, allocator, v -> {
      for (int i = 0; i < n; i++) {
        resolveRow(batch, i, v);
      }
    });
  }

  private void resolveRow(BookBatch b, int i, Vectors out) {
    Problem problem = rows.resolve(b.underlying(i), b.kind(i), b.strike(i), b.expiryMillis(i), b.quantity(i),
        b.contractSize(i), b.vol(i), b.entryPrice(i), resolvedInts, resolvedDoubles);
    if (problem != null) {
      throw new InputException(b.file(), b.sourceRow(i), problem.column(), problem.value(), problem.reason());
    }
    out.set(i, resolvedInts, resolvedDoubles);
  }

  /**
   * Why one position cannot be resolved: the book column at fault, its value as text ({@code ""}
   * when missing) and the reason, worded as {@link InputException} prints it.
   */
  public record Problem(String column, String value, String reason) {
  }

  /**
   * The resolution rules of one position against one market (see {@link BookResolver}), on
   * primitives, so that books from files and books held in memory resolve identically. Immutable
   * and thread-safe.
   */
  public static final class RowRules {
    private final MarketData market;
    private final String marketName;
    private final List<String> underlyings;
    private final UnderlyingMarket[] markets;
    private final double[] volShifts;
    private final boolean allowExpired;

    /**
     * @param market the market data
     * @param marketName the market's name for messages (its file name)
     * @param volShifts per underlying of {@code market} (name order), an absolute shift added to
     *     every resolved vol (the position's own or the market's), floored at
     *     {@link io.hedgekit.kernels.ScenarioColumns#VOL_FLOOR}; null for none
     * @param allowExpired value expired positions at intrinsic instead of rejecting them
     */
    public RowRules(MarketData market, String marketName, double[] volShifts, boolean allowExpired) {
      this.market = market;
      this.marketName = marketName;
      this.underlyings = market.underlyingNames();
      this.markets = underlyings.stream().map(market::underlying).toArray(UnderlyingMarket[]::new);
      if (volShifts != null && volShifts.length != underlyings.size()) {
        throw new IllegalArgumentException("volShifts has " + volShifts.length + " entries, market " + underlyings.size());
      }
      this.volShifts = volShifts == null ? null : volShifts.clone();
      this.allowExpired = allowExpired;
    }

    /** Underlying names, in index order. */
    public List<String> underlyings() {
      return underlyings;
    }

    /** Spot per underlying, USD. */
    public double[] spots() {
      double[] s = new double[markets.length];
      for (int u = 0; u < s.length; u++) {
        s[u] = markets[u].spot();
      }
      return s;
    }

    /** The market. */
    public MarketData market() {
      return market;
    }

    /**
     * Resolves one position.
     *
     * @param expiryMillis epoch milliseconds (ignored for kinds without an expiry)
     * @param vol the position's own vol, or NaN for the market's
     * @param entryPrice USD, or NaN for today's price
     * @param ints receives kind code and underlying index
     * @param doubles receives spot, strike, time_years, vol, rate, carry, size, entry_price,
     *     funding_8h (the {@link PositionColumns} order)
     * @return null when resolved, else why not (nothing useful is left in the outputs)
     */
    public Problem resolve(String underlying, int kindCode, double strike, long expiryMillis, double quantity,
        double contractSize, double vol, double entryPrice, int[] ints, double[] doubles) {
      int u = underlyings.indexOf(underlying);
      if (u < 0) {
        return new Problem("underlying", underlying,
            "is not in the market file " + marketName + " (it has " + underlyings + ")");
      }
      UnderlyingMarket m = markets[u];
      ContractKind kind = ContractKind.ofCode(kindCode);
      double spot = m.spot();
      double t = 0.0;
      if (kind.hasExpiry()) {
        t = market.yearsTo(Instant.ofEpochMilli(expiryMillis));
        if (t <= 0) {
          if (!allowExpired) {
            return new Problem("expiry", Instant.ofEpochMilli(expiryMillis).toString(),
                "is at or before the valuation time " + market.valuationTime()
                    + " (use --allow-expired to value such positions at intrinsic)");
          }
          t = 0.0;
        }
      }
      double carry = m.carryFor(Math.max(t, 0.0));
      double k = kind.isOption() ? strike : spot;
      double sigma = 1.0;
      if (kind.isOption()) {
        sigma = vol;
        if (Double.isNaN(sigma)) {
          sigma = m.volFor(Math.max(t, 1e-9), k);
        }
        if (Double.isNaN(sigma)) {
          return new Problem("vol", "",
              "is empty and the market file " + marketName + " has no vol or vol_surface for " + underlying);
        }
        if (volShifts != null && volShifts[u] != 0.0) {
          sigma = Math.max(sigma + volShifts[u], io.hedgekit.kernels.ScenarioColumns.VOL_FLOOR);
        }
      }
      double entry = entryPrice;
      if (Double.isNaN(entry)) {
        entry = switch (kind.instrument()) {
          case FUTURE -> io.hedgekit.kernels.Conventions.forward(spot, m.rate(), carry, t);
          case PERPETUAL -> spot;
          default -> spot;
        };
      }
      ints[0] = kind.code();
      ints[1] = u;
      doubles[0] = spot;
      doubles[1] = k;
      doubles[2] = t;
      doubles[3] = sigma;
      doubles[4] = m.rate();
      doubles[5] = carry;
      doubles[6] = quantity * contractSize;
      doubles[7] = entry;
      doubles[8] = m.fundingRate8h();
      return null;
    }
  }
}

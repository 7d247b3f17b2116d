package io.hedgekit.risk.book;

import io.hedgekit.io.InputException;
import io.hedgekit.io.book.BookBatch;
import io.hedgekit.io.table.ArrowSegments;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.market.UnderlyingMarket;
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
 * the position is valued at intrinsic), an option with no vol anywhere.
 */
public final class BookResolver {
  private final MarketData market;
  private final String marketFile;
  private final List<String> underlyings;
  private final UnderlyingMarket[] markets;
  private final boolean allowExpired;

  /**
   * @param market the market data
   * @param marketFile the market file's name, for messages
   * @param allowExpired value expired positions at intrinsic instead of rejecting them
   */
  public BookResolver(MarketData market, String marketFile, boolean allowExpired) {
    this.market = market;
    this.marketFile = marketFile;
    this.underlyings = market.underlyingNames();
    this.markets = underlyings.stream().map(market::underlying).toArray(UnderlyingMarket[]::new);
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

  /** The market being resolved against. */
  public MarketData market() {
    return market;
  }

  /** Resolved columns of one batch; close them (they own Arrow memory). */
  public static final class Resolved implements AutoCloseable {
    private final IntVector kind;
    private final IntVector underlying;
    private final Float8Vector[] doubles;
    private final PositionColumns columns;

    private Resolved(IntVector kind, IntVector underlying, Float8Vector[] doubles) {
      this.kind = kind;
      this.underlying = underlying;
      this.doubles = doubles;
      int n = kind.getValueCount();
      this.columns = new PositionColumns(n, ArrowSegments.of(kind), ArrowSegments.of(underlying),
          ArrowSegments.of(doubles[0]), ArrowSegments.of(doubles[1]), ArrowSegments.of(doubles[2]),
          ArrowSegments.of(doubles[3]), ArrowSegments.of(doubles[4]), ArrowSegments.of(doubles[5]),
          ArrowSegments.of(doubles[6]), ArrowSegments.of(doubles[7]), ArrowSegments.of(doubles[8]));
    }

    /** The kernel view; valid until {@link #close()}. */
    public PositionColumns columns() {
      return columns;
    }

    @Override
    public void close() {
      for (int i = doubles.length - 1; i >= 0; i--) {
        doubles[i].close();
      }
      underlying.close();
      kind.close();
    }
  }

  private static final String[] DOUBLE_NAMES = {
      "spot", "strike", "time_years", "vol", "rate", "carry", "size", "entry_price", "funding_8h"};

  /**
   * Resolves every row of {@code batch}.
   *
   * @throws InputException naming the book file, row, column and value of the first bad row
   */
  public Resolved resolve(BookBatch batch, BufferAllocator allocator) {
    int n = batch.rows();
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
      for (int i = 0; i < n; i++) {
        resolveRow(batch, i, kind, underlying, d);
      }
      kind.setValueCount(n);
      underlying.setValueCount(n);
      for (Float8Vector v : d) {
        v.setValueCount(n);
      }
      return new Resolved(kind, underlying, d);
    } catch (RuntimeException e) {
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

  private void resolveRow(BookBatch b, int i, IntVector kindOut, IntVector underlyingOut, Float8Vector[] d) {
    String name = b.underlying(i);
    int u = underlyings.indexOf(name);
    if (u < 0) {
      throw new InputException(b.file(), b.sourceRow(i), "underlying", name,
          "is not in the market file " + marketFile + " (it has " + underlyings + ")");
    }
    UnderlyingMarket m = markets[u];
    ContractKind kind = ContractKind.ofCode(b.kind(i));
    double spot = m.spot();
    double t = 0.0;
    if (kind.hasExpiry()) {
      long expiry = b.expiryMillis(i);
      t = market.yearsTo(Instant.ofEpochMilli(expiry));
      if (t <= 0) {
        if (!allowExpired) {
          throw new InputException(b.file(), b.sourceRow(i), "expiry", Instant.ofEpochMilli(expiry).toString(),
              "is at or before the valuation time " + market.valuationTime()
                  + " (use --allow-expired to value such positions at intrinsic)");
        }
        t = 0.0;
      }
    }
    double carry = m.carryFor(Math.max(t, 0.0));
    double strike = kind.isOption() ? b.strike(i) : spot;
    double vol = 1.0;
    if (kind.isOption()) {
      vol = b.vol(i);
      if (Double.isNaN(vol)) {
        vol = m.volFor(Math.max(t, 1e-9), strike);
      }
      if (Double.isNaN(vol)) {
        throw new InputException(b.file(), b.sourceRow(i), "vol", "",
            "is empty and the market file " + marketFile + " has no vol or vol_surface for " + name);
      }
    }
    double size = b.quantity(i) * b.contractSize(i);
    double entry = b.entryPrice(i);
    if (Double.isNaN(entry)) {
      entry = switch (kind.instrument()) {
        case FUTURE -> io.hedgekit.kernels.Conventions.forward(spot, m.rate(), carry, t);
        case PERPETUAL -> spot;
        default -> spot;
      };
    }
    kindOut.set(i, kind.code());
    underlyingOut.set(i, u);
    d[0].set(i, spot);
    d[1].set(i, strike);
    d[2].set(i, t);
    d[3].set(i, vol);
    d[4].set(i, m.rate());
    d[5].set(i, carry);
    d[6].set(i, size);
    d[7].set(i, entry);
    d[8].set(i, m.fundingRate8h());
  }
}

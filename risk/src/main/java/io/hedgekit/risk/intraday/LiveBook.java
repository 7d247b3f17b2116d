package io.hedgekit.risk.intraday;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.book.InstrumentKey;
import io.hedgekit.risk.engine.ResolvedPositions;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A book resolved once and kept warm for intraday repricing: the positions netted by instrument
 * into Java arrays of kernel columns, which market updates rewrite in place instead of resolving
 * the book again. Rewriting a column is O(rows) with no allocation; the kernels then read the
 * arrays directly ({@link #view()}).
 *
 * <p>The market model matches {@link io.hedgekit.risk.engine.Market#withSpot} and
 * {@link io.hedgekit.risk.engine.Market#withVolShift}: a spot move is sticky-strike (each
 * position keeps its resolved vol) and keeps the basis (each position keeps its carry, so listed
 * forwards move with spot); a vol shift is added to every option's resolved vol and floored at
 * {@link ScenarioColumns#VOL_FLOOR}; a funding update replaces the funding rate of the
 * underlying's perpetuals. Time to expiry runs down with {@link #setElapsed}. Futures and
 * perpetuals keep the entry price they were resolved with, so their value is the P&amp;L since.
 *
 * <p>Not thread-safe: one loop owns it. Views handed out are valid until the next change.
 */
public final class LiveBook {
  private final List<String> underlyings;
  private final double[] spots;
  private final double[] volShifts;
  private final double[] funding;
  private int rows;
  private int[] kind;
  private int[] und;
  private double[] spot;
  private double[] strike;
  private double[] time;
  private double[] vol;
  private double[] rate;
  private double[] carry;
  private double[] size;
  private double[] entry;
  private double[] funding8h;
  private double[] baseTime;
  private double[] baseVol;
  private String[] ids;
  /** Whether row i's option vol is the market's (so a new smile replaces it) rather than its own. */
  private boolean[] marketVol;
  private double elapsedYears;
  private long positions;

  private LiveBook(List<String> underlyings, double[] spots, int capacity) {
    this.underlyings = List.copyOf(underlyings);
    this.spots = spots.clone();
    this.volShifts = new double[spots.length];
    this.funding = new double[spots.length];
    Arrays.fill(funding, Double.NaN);
    grow(Math.max(capacity, 16));
  }

  /**
   * The positions of {@code resolved} netted by instrument ({@link InstrumentKey}: rows that price
   * identically become one row with their summed size). The resolved book may be closed afterwards.
   */
  public static LiveBook of(ResolvedPositions resolved) {
    LiveBook b = new LiveBook(resolved.underlyings(), resolved.spots(), (int) Math.min(resolved.positions(), 1 << 20));
    Map<InstrumentKey, Integer> index = new HashMap<>();
    Iterator<ResolvedBatch> it = resolved.batches();
    while (it.hasNext()) {
      try (ResolvedBatch batch = it.next()) {
        PositionColumns p = batch.columns();
        for (int i = 0; i < p.rows(); i++) {
          InstrumentKey key = InstrumentKey.of(p, i);
          Integer row = index.get(key);
          double s = p.size().getAtIndex(PositionColumns.DOUBLE, i);
          if (row != null) {
            b.size[row] += s;
          } else {
            index.put(key, b.rows);
            io.hedgekit.kernels.Position pos = p.row(i);
            b.append(pos, s, batch.id(i), isMarketVol(resolved.market(), b.underlyings.get(pos.underlying()), pos));
          }
          b.positions++;
        }
      }
    }
    return b;
  }

  /** True when an option row's resolved vol is bit for bit the market's at its time and strike. */
  private static boolean isMarketVol(io.hedgekit.risk.engine.Market market, String underlying,
      io.hedgekit.kernels.Position row) {
    if (!row.kind().isOption() || !market.underlyings().contains(underlying)) {
      return false;
    }
    double v = market.underlying(underlying).volFor(row.timeYears(), row.strike());
    double shift = market.volShift(underlying);
    if (shift != 0) {
      v = Math.max(v + shift, ScenarioColumns.VOL_FLOOR);
    }
    return Double.compare(v, row.vol()) == 0;
  }

  /** Underlying names; a row's underlying index points into this list. */
  public List<String> underlyings() {
    return underlyings;
  }

  /** Index of {@code name} in {@link #underlyings()}, or -1. */
  public int indexOf(String name) {
    return underlyings.indexOf(name);
  }

  /** Current spot of underlying {@code u}, USD. */
  public double spot(int u) {
    return spots[u];
  }

  /** Current absolute vol shift of underlying {@code u} (0.05 = +5 vol points). */
  public double volShift(int u) {
    return volShifts[u];
  }

  /** Netted rows (instruments) priced per update. */
  public int instruments() {
    return rows;
  }

  /** Book positions folded into the rows, plus trades and hedges added since. */
  public long positions() {
    return positions;
  }

  /** Moves underlying {@code u} to {@code newSpot} USD (sticky strike, basis kept). */
  public void setSpot(int u, double newSpot) {
    if (!(newSpot > 0) || Double.isInfinite(newSpot)) {
      throw new IllegalArgumentException("spot of " + underlyings.get(u) + " must be finite and > 0, was " + newSpot);
    }
    spots[u] = newSpot;
    for (int i = 0; i < rows; i++) {
      if (und[i] == u) {
        spot[i] = newSpot;
      }
    }
  }

  /** Sets the absolute vol shift of underlying {@code u} (replaces, not adds). */
  public void setVolShift(int u, double shift) {
    if (!Double.isFinite(shift)) {
      throw new IllegalArgumentException("vol shift of " + underlyings.get(u) + " must be finite, was " + shift);
    }
    volShifts[u] = shift;
    for (int i = 0; i < rows; i++) {
      if (und[i] == u) {
        vol[i] = shiftedVol(baseVol[i], shift);
      }
    }
  }

  /** Sets the funding rate per 8 hours of underlying {@code u}'s perpetuals. */
  public void setFunding(int u, double rate8h) {
    if (!Double.isFinite(rate8h)) {
      throw new IllegalArgumentException("funding_rate_8h of " + underlyings.get(u) + " must be finite, was " + rate8h);
    }
    funding[u] = rate8h;
    for (int i = 0; i < rows; i++) {
      if (und[i] == u && ContractKind.ofCode(kind[i]).instrument() == ContractKind.Instrument.PERPETUAL) {
        funding8h[i] = rate8h;
      }
    }
  }

  /**
   * Re-implies the carry of underlying {@code u}'s unexpired positions from a new forward curve:
   * {@code carry_i = carryForTime(time_i)} with {@code time_i} the position's current time to
   * expiry, years. The curve is then kept by spot moves (the basis stays).
   */
  public void setCarry(int u, java.util.function.DoubleUnaryOperator carryForTime) {
    for (int i = 0; i < rows; i++) {
      if (und[i] == u && time[i] > 0) {
        double q = carryForTime.applyAsDouble(time[i]);
        if (!Double.isFinite(q)) {
          throw new IllegalArgumentException("carry of " + underlyings.get(u) + " at " + time[i] + " years is " + q);
        }
        carry[i] = q;
      }
    }
  }

  /** Years since the market snapshot the book was resolved at; every time to expiry is reduced by it. */
  public void setElapsed(double years) {
    if (!(years >= 0) || Double.isInfinite(years)) {
      throw new IllegalArgumentException("elapsed time must be finite and >= 0 years, was " + years);
    }
    elapsedYears = years;
    for (int i = 0; i < rows; i++) {
      time[i] = baseTime[i] - years;
    }
  }

  /**
   * Settles every row whose expiry has passed ({@code time <= 0} after {@link #setElapsed}): its
   * size becomes 0, so it no longer prices or moves. The caller books its last value (intrinsic,
   * at today's spot) as cash before calling this.
   *
   * @return rows settled now
   */
  public int settleExpired() {
    int n = 0;
    for (int i = 0; i < rows; i++) {
      if (time[i] <= 0 && size[i] != 0 && ContractKind.ofCode(kind[i]).hasExpiry()) {
        size[i] = 0;
        n++;
      }
    }
    return n;
  }

  /** Years since the snapshot ({@link #setElapsed}). */
  public double elapsedYears() {
    return elapsedYears;
  }

  /**
   * Adds {@code quantity} units of a resolved position (a trade, or a hedge ticket times its
   * contract) at today's market: its spot is replaced by the current one, its vol gets the current
   * shift, its funding the current rate.
   *
   * @param unit the resolved position; {@code unit.underlying()} indexes {@link #underlyings()};
   *     its vol is unshifted and its time to expiry is as of the snapshot
   * @param quantity multiplier of {@code unit.size()}
   */
  public void add(io.hedgekit.kernels.Position unit, double quantity, String id) {
    add(unit, quantity, id, false);
  }

  /**
   * As {@link #add(io.hedgekit.kernels.Position, double, String)}; {@code marketVol} says the
   * position's vol is the market's, so that a replacement smile ({@link #setSmile}) reprices it.
   */
  public void add(io.hedgekit.kernels.Position unit, double quantity, String id, boolean marketVol) {
    Objects.checkIndex(unit.underlying(), underlyings.size());
    append(unit, unit.size() * quantity, id, marketVol);
    positions++;
  }

  /**
   * Replaces the market vol of underlying {@code u}'s unexpired options that take the market's
   * vol: {@code vol_i = volAt(time_i, strike_i)} with {@code time_i} the current time to expiry,
   * years (sticky strike from then on); the current vol shift stays on top. Options with their own
   * vol keep it.
   */
  public void setSmile(int u, java.util.function.DoubleBinaryOperator volAt) {
    for (int i = 0; i < rows; i++) {
      if (und[i] == u && marketVol[i] && time[i] > 0) {
        double v = volAt.applyAsDouble(time[i], strike[i]);
        if (!(v > 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException("smile of " + underlyings.get(u) + " gives vol " + v + " at "
              + time[i] + " years, strike " + strike[i]);
        }
        baseVol[i] = v;
        vol[i] = shiftedVol(v, volShifts[u]);
      }
    }
  }

  /**
   * Replaces the market vol of underlying {@code u}'s unexpired options that take the market's
   * vol from an SVI smile: {@code vol_i = smile.vol(ln(K_i/F_i), time_i)} with {@code time_i} the
   * current time to expiry in years (the smile's slice times are in the same frame) and
   * F_i = S·e^{(r_i − q_i)·time_i} the row's forward at the current spot; sticky strike from then
   * on, the current vol shift stays on top. Options with their own vol keep it. Nothing changes
   * when some row would get a vol that is not finite and &gt; 0.
   *
   * @throws IllegalArgumentException naming the first such row
   */
  public void setSmile(int u, io.hedgekit.kernels.market.VolSmile smile) {
    double[] vols = new double[rows];
    for (int i = 0; i < rows; i++) {
      if (und[i] == u && marketVol[i] && time[i] > 0) {
        double k = Math.log(strike[i] / spot[i]) - (rate[i] - carry[i]) * time[i];
        vols[i] = smile.vol(k, time[i]);
        if (!(vols[i] > 0) || Double.isInfinite(vols[i])) {
          throw new IllegalArgumentException("smile of " + underlyings.get(u) + " gives vol " + vols[i] + " at "
              + time[i] + " years, strike " + strike[i] + " (log-moneyness " + k + ")");
        }
      }
    }
    for (int i = 0; i < rows; i++) {
      if (und[i] == u && marketVol[i] && time[i] > 0) {
        baseVol[i] = vols[i];
        vol[i] = shiftedVol(vols[i], volShifts[u]);
      }
    }
  }

  private void append(io.hedgekit.kernels.Position p, double s, String id, boolean market) {
    if (rows == kind.length) {
      grow(rows + (rows >> 1));
    }
    int i = rows++;
    int u = p.underlying();
    kind[i] = p.kind().code();
    und[i] = u;
    spot[i] = spots[u];
    strike[i] = p.strike();
    baseTime[i] = p.timeYears();
    time[i] = p.timeYears() - elapsedYears;
    baseVol[i] = p.vol();
    vol[i] = p.kind().isOption() ? shiftedVol(p.vol(), volShifts[u]) : p.vol();
    rate[i] = p.rate();
    carry[i] = p.carry();
    size[i] = s;
    entry[i] = p.entryPrice();
    boolean perp = p.kind().instrument() == ContractKind.Instrument.PERPETUAL;
    funding8h[i] = perp && !Double.isNaN(funding[u]) ? funding[u] : p.funding8h();
    ids[i] = id;
    marketVol[i] = market && p.kind().isOption();
  }

  private static double shiftedVol(double base, double shift) {
    return Double.isNaN(base) ? base : Math.max(base + shift, ScenarioColumns.VOL_FLOOR);
  }

  private void grow(int n) {
    kind = kind == null ? new int[n] : Arrays.copyOf(kind, n);
    und = und == null ? new int[n] : Arrays.copyOf(und, n);
    spot = copy(spot, n);
    strike = copy(strike, n);
    time = copy(time, n);
    vol = copy(vol, n);
    rate = copy(rate, n);
    carry = copy(carry, n);
    size = copy(size, n);
    entry = copy(entry, n);
    funding8h = copy(funding8h, n);
    baseTime = copy(baseTime, n);
    baseVol = copy(baseVol, n);
    ids = ids == null ? new String[n] : Arrays.copyOf(ids, n);
    marketVol = marketVol == null ? new boolean[n] : Arrays.copyOf(marketVol, n);
  }

  private static double[] copy(double[] a, int n) {
    return a == null ? new double[n] : Arrays.copyOf(a, n);
  }

  /** The whole book as a {@link ResolvedBook} over the live arrays (no copy; valid until the next change). */
  public ResolvedBook view() {
    return new View(columns(0, rows), ids, 0, underlyings, spots.clone());
  }

  /** The rows of underlying {@code u} alone, copied (for hedging one underlying). */
  public ResolvedBook viewOf(int u) {
    int n = 0;
    for (int i = 0; i < rows; i++) {
      if (und[i] == u) {
        n++;
      }
    }
    int[] k = new int[n];
    int[] un = new int[n];
    double[][] d = new double[9][n];
    String[] id = new String[n];
    int r = 0;
    for (int i = 0; i < rows; i++) {
      if (und[i] == u) {
        k[r] = kind[i];
        un[r] = u;
        d[0][r] = spot[i];
        d[1][r] = strike[i];
        d[2][r] = time[i];
        d[3][r] = vol[i];
        d[4][r] = rate[i];
        d[5][r] = carry[i];
        d[6][r] = size[i];
        d[7][r] = entry[i];
        d[8][r] = funding8h[i];
        id[r++] = ids[i];
      }
    }
    PositionColumns c = PositionColumns.ofArrays(k, un, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
    return new View(c, id, 0, underlyings, spots.clone());
  }

  /** A unit contract at today's market: {@code unit} with current spot, shifted vol and aged time. */
  io.hedgekit.kernels.Position current(io.hedgekit.kernels.Position unit) {
    int u = unit.underlying();
    double v = unit.kind().isOption() ? shiftedVol(unit.vol(), volShifts[u]) : unit.vol();
    boolean perp = unit.kind().instrument() == ContractKind.Instrument.PERPETUAL;
    return new io.hedgekit.kernels.Position(unit.kind(), u, spots[u], unit.strike(), unit.timeYears() - elapsedYears,
        v, unit.rate(), unit.carry(), unit.size(), unit.entryPrice(),
        perp && !Double.isNaN(funding[u]) ? funding[u] : unit.funding8h());
  }

  private PositionColumns columns(int from, int n) {
    long b8 = 8L * n;
    return new PositionColumns(n, MemorySegment.ofArray(kind).asSlice(4L * from, 4L * n),
        MemorySegment.ofArray(und).asSlice(4L * from, 4L * n), seg(spot, from, b8), seg(strike, from, b8),
        seg(time, from, b8), seg(vol, from, b8), seg(rate, from, b8), seg(carry, from, b8), seg(size, from, b8),
        seg(entry, from, b8), seg(funding8h, from, b8));
  }

  private static MemorySegment seg(double[] a, int from, long bytes) {
    return MemorySegment.ofArray(a).asSlice(8L * from, bytes);
  }

  /** A resolved book of one batch over given columns. */
  private record View(PositionColumns columns, String[] ids, int first, List<String> underlyings, double[] spots)
      implements ResolvedBook {

    @Override
    public Iterator<ResolvedBatch> batches() {
      return new Iterator<>() {
        private boolean done;

        @Override
        public boolean hasNext() {
          return !done;
        }

        @Override
        public ResolvedBatch next() {
          if (done) {
            throw new NoSuchElementException();
          }
          done = true;
          return new ResolvedBatch() {
            @Override
            public PositionColumns columns() {
              return columns;
            }

            @Override
            public String id(int row) {
              return ids[first + row];
            }

            @Override
            public String underlyingName(int row) {
              return underlyings.get(columns.underlying().getAtIndex(PositionColumns.INT, row));
            }

            @Override
            public long firstRow() {
              return 0;
            }

            @Override
            public void close() {
              // the arrays belong to the live book
            }
          };
        }
      };
    }

    @Override
    public double[] spots() {
      return spots.clone();
    }
  }

  /** Ids of the netted rows (the first position's id of each instrument), in row order; a copy. */
  public List<String> ids() {
    return new ArrayList<>(Arrays.asList(ids).subList(0, rows));
  }
}

package io.hedgekit.risk.greeks;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreekSums;
import io.hedgekit.kernels.GreekSumsKernel;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.SumBuckets;
import io.hedgekit.kernels.market.VolSmile;
import io.hedgekit.kernels.reference.ReferencePricer;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;

/**
 * The one place a book's per-position Greeks are summed: per underlying and, optionally, per
 * expiry and strike bucket of each underlying ({@link GreekBucketing}), in model units (the
 * {@link GreeksColumns} units; {@link DeskUnits} converts). {@code value_coin} sums only the
 * inverse positions' coin values (linear ones have NaN); NaN outputs are skipped.
 *
 * <p><b>Order.</b> The book's rows, in the order they are added, fall into chunks of
 * {@link GreeksKernel#CHUNK_ROWS} rows (rows {@code [j · CHUNK_ROWS, (j + 1) · CHUNK_ROWS)});
 * each chunk is summed from zero in row order, and the chunk sums are added in chunk order. The
 * sums therefore depend only on the book and the kernel, never on timing, threads or how the book
 * is cut into batches, and the chunks can be summed by the threads that compute them
 * ({@link #chunks}, {@link #fold}): {@link #add} and the parallel path give the same bits.
 *
 * <p>Not thread-safe: one accumulator per request ({@link Chunks} takes concurrent adds for
 * different chunks).
 */
public final class GreeksSums {
  private static final int C = GreeksColumns.COUNT;
  private static final int CHUNK = GreeksKernel.CHUNK_ROWS;
  private static final int E = GreekBucketing.EXPIRY_LABELS.size();
  private static final int K = GreekBucketing.STRIKE_LABELS.size();

  private final List<String> underlyings;
  private final double[] spots;
  private final List<VolSmile> smiles;
  private final boolean buckets;
  /** The sums of the chunks completed so far. */
  private final Partial total;
  /** The sums of the chunk being filled (rows since the last chunk boundary). */
  private final Partial open;
  /** Rows added so far. */
  private long rows;
  /** Whether rows came from {@link #addKernelSums} (then only from there). */
  private boolean kernelSums;

  /**
   * @param underlyings underlying names, indexed by the positions' {@code underlying}
   * @param spots spot per underlying, USD
   * @param buckets also sum per expiry and strike bucket (costs a little per position)
   */
  public GreeksSums(List<String> underlyings, double[] spots, boolean buckets) {
    this(underlyings, spots, buckets, null);
  }

  /**
   * As {@link #GreeksSums(List, double[], boolean)}, also summing the sticky-moneyness delta
   * ({@link PortfolioGreeks#DELTA_SMILE}, {@link #deltaSmile}) of the options of underlyings
   * with a smile.
   *
   * @param smiles per underlying the SVI smile or null ({@code ResolvedBook.smiles()}); null or
   *     all null: no smile delta column (it then reads as the delta)
   */
  public GreeksSums(List<String> underlyings, double[] spots, boolean buckets, List<VolSmile> smiles) {
    this.underlyings = List.copyOf(underlyings);
    if (spots.length != this.underlyings.size()) {
      throw new IllegalArgumentException("spots has " + spots.length + " entries, underlyings " + this.underlyings.size());
    }
    this.spots = spots.clone();
    int nu = spots.length;
    boolean anySmile = smiles != null && smiles.stream().anyMatch(Objects::nonNull);
    if (anySmile && smiles.size() != nu) {
      throw new IllegalArgumentException("smiles has " + smiles.size() + " entries, underlyings " + nu);
    }
    this.smiles = anySmile ? java.util.Collections.unmodifiableList(new java.util.ArrayList<>(smiles)) : null;
    this.buckets = buckets;
    this.total = new Partial(nu, buckets);
    this.open = new Partial(nu, buckets);
  }

  /**
   * Adds the outputs {@code out} of the positions {@code p} (same rows, {@code out.rows() >= p.rows()}),
   * the next rows of the book.
   *
   * @throws IndexOutOfBoundsException if a position's underlying index is outside the underlyings
   */
  public void add(PositionColumns p, GreeksColumns out) {
    perPosition();
    checkRows(p, out);
    int n = p.rows();
    for (int from = 0; from < n; ) {
      int to = (int) Math.min(n, from + (CHUNK - rows % CHUNK));
      accumulate(open, p, out, from, to);
      rows += to - from;
      from = to;
      if (rows % CHUNK == 0) {
        open.addTo(total);
        open.clear();
      }
    }
  }

  /**
   * The layout in which a {@link GreekSumsKernel} can take these sums ({@link #addKernelSums}):
   * {@code SumBuckets.perUnderlying(n)}, or {@link GreekBucketing#layout} with buckets; null when
   * per-position outputs are needed (a smile delta to sum, or rows already added per position).
   */
  public SumBuckets kernelLayout() {
    if (smiles != null || (rows > 0 && !kernelSums)) {
      return null;
    }
    return buckets ? GreekBucketing.layout(spots.length) : SumBuckets.perUnderlying(spots.length);
  }

  /**
   * Adds the next rows of the book from their {@link GreekSumsKernel} sums instead of their
   * per-position outputs: {@code fromKernel} in {@link #kernelLayout}, {@code cellCounts[key]} the
   * rows of each of its cells. Each batch's cells are added up in key order (per underlying: its
   * cells; per expiry bucket: its strike cells; per strike bucket: its expiry cells), then into the
   * sums so far, batch after batch. The sums then follow the kernel's order
   * ({@link GreekSumsKernel}: as deterministic as these) and agree with {@link #add} of the same
   * rows within the kernel's bound, not bit for bit.
   *
   * @throws IllegalStateException if {@link #kernelLayout} is null
   * @throws IllegalArgumentException if {@code fromKernel} is not in {@link #kernelLayout}
   */
  public void addKernelSums(GreekSums fromKernel, long[] cellCounts) {
    SumBuckets layout = kernelLayout();
    if (layout == null) {
      throw new IllegalStateException("these Greek sums take per-position outputs"
          + (smiles != null ? " (smile delta)" : ""));
    }
    if (!fromKernel.buckets().equals(layout) || cellCounts.length != layout.cells()) {
      throw new IllegalArgumentException("need sums in " + layout + ", got " + fromKernel.buckets() + " and "
          + cellCounts.length + " counts");
    }
    int nu = spots.length;
    int eb = layout.expiryBuckets();
    int sb = layout.strikeBuckets();
    double[] perUnderlying = new double[C];
    double[] byExpiry = new double[C];
    double[][] byStrike = new double[sb][C];
    for (int u = 0; u < nu; u++) {
      java.util.Arrays.fill(perUnderlying, 0.0);
      for (double[] x : byStrike) {
        java.util.Arrays.fill(x, 0.0);
      }
      long[] strikeCounts = new long[sb];
      for (int e = 0; e < eb; e++) {
        java.util.Arrays.fill(byExpiry, 0.0);
        long expiryCount = 0;
        for (int k = 0; k < sb; k++) {
          int key = layout.key(u, e, k);
          for (GreekSums.Greek g : GreekSums.Greek.values()) {
            double v = fromKernel.get(key, g);
            perUnderlying[g.column()] += v;
            byExpiry[g.column()] += v;
            byStrike[k][g.column()] += v;
          }
          expiryCount += cellCounts[key];
          strikeCounts[k] += cellCounts[key];
          total.counts[u] += cellCounts[key];
        }
        if (buckets) {
          int at = u * E + GreekBucketing.expiryOfCell(e);
          addInto(byExpiry, total.expiry, at * C);
          total.expiryCounts[at] += expiryCount;
        }
      }
      addInto(perUnderlying, total.sums[u], 0);
      if (buckets) {
        for (int k = 0; k < sb; k++) {
          int strike = GreekBucketing.strikeOfCell(k);
          if (strike >= 0) {
            int at = u * K + strike;
            addInto(byStrike[k], total.strike, at * C);
            total.strikeCounts[at] += strikeCounts[k];
          }
        }
      }
    }
    this.kernelSums = true;
    rows += fromKernel.rows();
  }

  private static void addInto(double[] from, double[] into, int at) {
    for (int c = 0; c < from.length; c++) {
      into[at + c] += from[c];
    }
  }

  /**
   * Per-chunk accumulators for the next {@code batchRows} rows, to be filled by the threads that
   * compute them ({@link GreeksKernel#compute(PositionColumns, GreeksColumns, GreeksKernel.RowsDone)}
   * hands over its chunks: {@code chunks::add}) and then added with {@link #fold}; or null when the
   * rows added so far end inside a chunk (then use {@link #add}: the batch's chunks would not be
   * the book's). Reuse {@code reuse} (the previous batch's, folded) when it is large enough.
   */
  public Chunks chunks(PositionColumns p, GreeksColumns out, Chunks reuse) {
    perPosition();
    checkRows(p, out);
    if (rows % CHUNK != 0) {
      return null;
    }
    int count = (p.rows() + CHUNK - 1) / CHUNK;
    Chunks c = reuse != null && reuse.owner == this && reuse.parts.length >= count ? reuse : new Chunks(this, count);
    c.bind(p, out, count);
    return c;
  }

  /** Adds the chunks of {@link #chunks}, filled, in chunk order: the same as {@link #add} of their rows. */
  public void fold(Chunks chunks) {
    if (chunks.owner != this || chunks.p == null) {
      throw new IllegalArgumentException("these chunks are not this accumulator's next rows");
    }
    int n = chunks.p.rows();
    for (int c = 0; c < chunks.count; c++) {
      Partial part = chunks.parts[c];
      if (c * (long) CHUNK + CHUNK <= n) {
        part.addTo(total);
      } else {
        part.addTo(open); // the last, incomplete chunk: open is empty (rows were on a chunk boundary)
      }
      part.clear();
    }
    rows += n;
    chunks.p = null;
    chunks.out = null;
  }

  /**
   * The chunk accumulators of one batch ({@link GreeksSums#chunks}): {@link #add} takes each
   * chunk's rows in increasing order from one thread, different chunks from different threads.
   */
  public static final class Chunks implements GreeksKernel.RowsDone {
    private final GreeksSums owner;
    private final Partial[] parts;
    private PositionColumns p;
    private GreeksColumns out;
    private int count;

    private Chunks(GreeksSums owner, int count) {
      this.owner = owner;
      this.parts = new Partial[count];
      for (int c = 0; c < count; c++) {
        parts[c] = new Partial(owner.spots.length, owner.buckets);
      }
    }

    private void bind(PositionColumns p, GreeksColumns out, int count) {
      this.p = p;
      this.out = out;
      this.count = count;
    }

    /** Adds rows {@code [from, to)} of the batch, all in chunk {@code chunk}, whose outputs are written. */
    @Override
    public void rows(int chunk, int from, int to) {
      owner.accumulate(parts[Objects.checkIndex(chunk, count)], p, out, from, to);
    }
  }

  private void perPosition() {
    if (kernelSums) {
      throw new IllegalStateException("these Greek sums took kernel sums: per-position outputs cannot follow");
    }
  }

  private static void checkRows(PositionColumns p, GreeksColumns out) {
    if (out.rows() < p.rows()) {
      throw new IllegalArgumentException("outputs have " + out.rows() + " rows, positions " + p.rows());
    }
  }

  /** Rows {@code [from, to)} into {@code part}, in row order. */
  private void accumulate(Partial part, PositionColumns p, GreeksColumns out, int from, int to) {
    addRows(p, out, from, to, part.sums, part.counts, buckets ? part : null);
    if (smiles != null) {
      double[] ds = part.deltaSmile;
      for (int i = from; i < to; i++) {
        int u = p.underlying().getAtIndex(PositionColumns.INT, i);
        ds[u] += deltaSmile(p, out, smiles.get(u), i);
      }
    }
  }

  /**
   * Adds each position's outputs to its underlying's sums {@code sums[u][c]} and counts
   * {@code counts[u]}, in row order, skipping NaN values (for callers keeping their own arrays).
   */
  public static void addTo(PositionColumns p, GreeksColumns out, double[][] sums, long[] counts) {
    checkRows(p, out);
    addRows(p, out, 0, p.rows(), sums, counts, null);
  }

  /**
   * Rows {@code [from, to)} into {@code sums[u][c]} and {@code counts[u]}, and with {@code buckets}
   * also into its expiry and strike buckets, in row order, skipping NaN: one pass, each output read
   * once.
   */
  private static void addRows(PositionColumns p, GreeksColumns out, int from, int to, double[][] sums, long[] counts,
      Partial buckets) {
    int nu = counts.length;
    // The ten columns held in locals: a loop over a column array kept the JIT from hoisting the
    // segment checks and was 2-3x slower.
    MemorySegment c0 = out.value();
    MemorySegment c1 = out.valueCoin();
    MemorySegment c2 = out.delta();
    MemorySegment c3 = out.deltaAdjusted();
    MemorySegment c4 = out.gamma();
    MemorySegment c5 = out.vega();
    MemorySegment c6 = out.theta();
    MemorySegment c7 = out.rho();
    MemorySegment c8 = out.vanna();
    MemorySegment c9 = out.volga();
    for (int i = from; i < to; i++) {
      int u = Objects.checkIndex(p.underlying().getAtIndex(PositionColumns.INT, i), nu);
      double v0 = skipNaN(c0.getAtIndex(PositionColumns.DOUBLE, i));
      double v1 = skipNaNBranchFree(c1.getAtIndex(PositionColumns.DOUBLE, i));
      double v2 = skipNaN(c2.getAtIndex(PositionColumns.DOUBLE, i));
      double v3 = skipNaN(c3.getAtIndex(PositionColumns.DOUBLE, i));
      double v4 = skipNaN(c4.getAtIndex(PositionColumns.DOUBLE, i));
      double v5 = skipNaN(c5.getAtIndex(PositionColumns.DOUBLE, i));
      double v6 = skipNaN(c6.getAtIndex(PositionColumns.DOUBLE, i));
      double v7 = skipNaN(c7.getAtIndex(PositionColumns.DOUBLE, i));
      double v8 = skipNaN(c8.getAtIndex(PositionColumns.DOUBLE, i));
      double v9 = skipNaN(c9.getAtIndex(PositionColumns.DOUBLE, i));
      counts[u]++;
      add10(sums[u], 0, v0, v1, v2, v3, v4, v5, v6, v7, v8, v9);
      if (buckets != null) {
        int kind = p.kind().getAtIndex(PositionColumns.INT, i);
        int e = u * E + GreekBucketing.expiryBucket(kind, p.timeYears().getAtIndex(PositionColumns.DOUBLE, i));
        int k = GreekBucketing.strikeBucket(kind, p.strike().getAtIndex(PositionColumns.DOUBLE, i),
            p.spot().getAtIndex(PositionColumns.DOUBLE, i));
        buckets.expiryCounts[e]++;
        add10(buckets.expiry, e * C, v0, v1, v2, v3, v4, v5, v6, v7, v8, v9);
        if (k >= 0) {
          k += u * K;
          buckets.strikeCounts[k]++;
          add10(buckets.strike, k * C, v0, v1, v2, v3, v4, v5, v6, v7, v8, v9);
        }
      }
    }
  }

  /**
   * {@link #skipNaN} without a branch, for the coin value: NaN for every linear position, so in a
   * mixed book a branch on it is mispredicted about every other row (measured: 8 of the 12 ns per
   * row the reduction took).
   */
  private static double skipNaNBranchFree(double v) {
    long bits = Double.doubleToRawLongBits(v);
    long nan = (0x7ff0000000000000L - (bits & 0x7fffffffffffffffL)) >> 63; // all ones iff v is NaN
    return Double.longBitsToDouble((bits & ~nan) | (nan & 0x8000000000000000L));
  }

  /**
   * {@code v}, or −0.0 for NaN (the coin value of linear contracts): adding −0.0 leaves every sum
   * as it is, bit for bit (+0.0 would turn a −0.0 sum into +0.0), so skipping needs no branch.
   */
  private static double skipNaN(double v) {
    return v == v ? v : -0.0;
  }

  /**
   * The sticky-moneyness delta of row i, coins: delta + vega·∂σ/∂S with ∂σ/∂S = −σ′(k)/S,
   * σ′(k) the slope of {@code smile} in log-moneyness k = ln(K/F_T) at the option's strike and
   * expiry (the vol moves with the forward). The delta itself for non-options, expired options
   * and {@code smile == null}.
   */
  public static double deltaSmile(PositionColumns p, GreeksColumns g, VolSmile smile, int i) {
    double delta = g.get(ReferencePricer.DELTA, i);
    double t = p.timeYears().getAtIndex(PositionColumns.DOUBLE, i);
    if (smile == null || !ContractKind.ofCode(p.kind().getAtIndex(PositionColumns.INT, i)).isOption() || !(t > 0)) {
      return delta;
    }
    double s = p.spot().getAtIndex(PositionColumns.DOUBLE, i);
    double k = Math.log(p.strike().getAtIndex(PositionColumns.DOUBLE, i) / s)
        - (p.rate().getAtIndex(PositionColumns.DOUBLE, i) - p.carry().getAtIndex(PositionColumns.DOUBLE, i)) * t;
    return delta - g.get(ReferencePricer.VEGA, i) * smile.volSlope(k, t) / s;
  }

  private static void add10(double[] a, int at, double v0, double v1, double v2, double v3, double v4, double v5,
      double v6, double v7, double v8, double v9) {
    a[at] += v0;
    a[at + 1] += v1;
    a[at + 2] += v2;
    a[at + 3] += v3;
    a[at + 4] += v4;
    a[at + 5] += v5;
    a[at + 6] += v6;
    a[at + 7] += v7;
    a[at + 8] += v8;
    a[at + 9] += v9;
  }

  /**
   * Sums of some rows: per underlying u, {@code sums[u][c]}, {@code counts[u]} and
   * {@code deltaSmile[u]}; with buckets, per cell (underlying u, bucket b) {@code expiry[(u · E + b) · C + c]}
   * and its count, the same for strike buckets.
   */
  private static final class Partial {
    final double[][] sums;
    final long[] counts;
    final double[] deltaSmile;
    final double[] expiry;
    final long[] expiryCounts;
    final double[] strike;
    final long[] strikeCounts;

    Partial(int nu, boolean buckets) {
      sums = new double[nu][C];
      counts = new long[nu];
      deltaSmile = new double[nu];
      expiry = buckets ? new double[nu * E * C] : null;
      expiryCounts = buckets ? new long[nu * E] : null;
      strike = buckets ? new double[nu * K * C] : null;
      strikeCounts = buckets ? new long[nu * K] : null;
    }

    /** {@code into += this}, element by element. */
    void addTo(Partial into) {
      for (int u = 0; u < sums.length; u++) {
        add(sums[u], into.sums[u]);
      }
      add(counts, into.counts);
      add(deltaSmile, into.deltaSmile);
      if (expiry != null) {
        add(expiry, into.expiry);
        add(expiryCounts, into.expiryCounts);
        add(strike, into.strike);
        add(strikeCounts, into.strikeCounts);
      }
    }

    /** The sums so far: {@code total + open} in a new partial. */
    static Partial plus(Partial total, Partial open, int nu, boolean buckets) {
      Partial p = new Partial(nu, buckets);
      total.addTo(p);
      open.addTo(p);
      return p;
    }

    void clear() {
      for (double[] s : sums) {
        java.util.Arrays.fill(s, 0.0);
      }
      java.util.Arrays.fill(counts, 0);
      java.util.Arrays.fill(deltaSmile, 0.0);
      if (expiry != null) {
        java.util.Arrays.fill(expiry, 0.0);
        java.util.Arrays.fill(expiryCounts, 0);
        java.util.Arrays.fill(strike, 0.0);
        java.util.Arrays.fill(strikeCounts, 0);
      }
    }

    private static void add(double[] from, double[] into) {
      for (int i = 0; i < from.length; i++) {
        into[i] += from[i];
      }
    }

    private static void add(long[] from, long[] into) {
      for (int i = 0; i < from.length; i++) {
        into[i] += from[i];
      }
    }
  }

  /** The per-underlying sums so far. */
  public PortfolioGreeks portfolio() {
    int nu = spots.length;
    Partial now = Partial.plus(total, open, nu, buckets);
    double[][] copy = new double[nu][];
    for (int u = 0; u < nu; u++) {
      copy[u] = java.util.Arrays.copyOf(now.sums[u], C + (smiles != null ? 1 : 0));
      if (smiles != null) {
        copy[u][C] = now.deltaSmile[u];
      }
    }
    return new PortfolioGreeks(underlyings, spots.clone(), copy, now.counts);
  }

  /** Whether bucket sums are kept. */
  public boolean hasBuckets() {
    return buckets;
  }

  /**
   * The bucket sums of one dimension so far.
   *
   * @throws IllegalStateException if this accumulator was made without buckets
   */
  public Buckets buckets(Dimension dimension) {
    if (!buckets) {
      throw new IllegalStateException("these Greek sums were made without buckets");
    }
    boolean byExpiry = dimension == Dimension.EXPIRY;
    int nu = spots.length;
    int nb = byExpiry ? E : K;
    Partial now = Partial.plus(total, open, nu, true);
    double[] src = byExpiry ? now.expiry : now.strike;
    long[] cnt = byExpiry ? now.expiryCounts : now.strikeCounts;
    double[][][] s = new double[nu][nb][];
    long[][] n = new long[nu][];
    for (int u = 0; u < nu; u++) {
      for (int b = 0; b < nb; b++) {
        s[u][b] = java.util.Arrays.copyOfRange(src, (u * nb + b) * C, (u * nb + b + 1) * C);
      }
      n[u] = java.util.Arrays.copyOfRange(cnt, u * nb, u * nb + nb);
    }
    return new Buckets(dimension, byExpiry ? GreekBucketing.EXPIRY_LABELS : GreekBucketing.STRIKE_LABELS, underlyings,
        spots.clone(), s, n);
  }

  /** What buckets split. */
  public enum Dimension {
    /** Time to expiry ({@link GreekBucketing#EXPIRY_LABELS}). */
    EXPIRY,
    /** Strike moneyness K/S, options only ({@link GreekBucketing#STRIKE_LABELS}). */
    STRIKE
  }

  /**
   * Greeks of each underlying split into buckets, model units.
   *
   * @param dimension what the buckets split
   * @param labels bucket labels, in order
   * @param underlyings underlying names
   * @param spots spot per underlying, USD
   * @param sums {@code sums[u][b][c]}: column c ({@link GreeksColumns#NAMES} order) of bucket b of underlying u
   * @param positions {@code positions[u][b]}: positions in the bucket
   */
  public record Buckets(Dimension dimension, List<String> labels, List<String> underlyings, double[] spots,
      double[][][] sums, long[][] positions) {

    /** Sum of {@code column} (a {@link GreeksColumns#NAMES} entry) in bucket b of underlying u. */
    public double get(int u, int b, String column) {
      return sums[u][b][PortfolioGreeks.columnIndex(column)];
    }
  }
}

package io.hedgekit.risk.greeks;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.market.VolSmile;
import io.hedgekit.kernels.reference.ReferencePricer;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;

/**
 * The one place a book's per-position Greeks are summed: per underlying and, optionally, per
 * expiry and strike bucket of each underlying ({@link GreekBucketing}), in model units (the
 * {@link GreeksColumns} units; {@link DeskUnits} converts). Feed it every batch in book order
 * with {@link #add}; the sums then depend only on the book and the kernel, never on timing,
 * threads or how the book is cut into batches. {@code value_coin} sums only the inverse
 * positions' coin values (linear ones have NaN).
 *
 * <p>Not thread-safe: one accumulator per request.
 */
public final class GreeksSums {
  private static final int C = GreeksColumns.COUNT;

  private final List<String> underlyings;
  private final double[] spots;
  private final double[][] sums;
  private final long[] counts;
  private final List<VolSmile> smiles;
  private final double[] deltaSmile;
  private final boolean buckets;
  private final double[][][] expiry;
  private final long[][] expiryCounts;
  private final double[][][] strike;
  private final long[][] strikeCounts;

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
    this.sums = new double[nu][C];
    this.counts = new long[nu];
    boolean anySmile = smiles != null && smiles.stream().anyMatch(Objects::nonNull);
    if (anySmile && smiles.size() != nu) {
      throw new IllegalArgumentException("smiles has " + smiles.size() + " entries, underlyings " + nu);
    }
    this.smiles = anySmile ? java.util.Collections.unmodifiableList(new java.util.ArrayList<>(smiles)) : null;
    this.deltaSmile = new double[nu];
    this.buckets = buckets;
    this.expiry = buckets ? new double[nu][GreekBucketing.EXPIRY_LABELS.size()][C] : null;
    this.expiryCounts = buckets ? new long[nu][GreekBucketing.EXPIRY_LABELS.size()] : null;
    this.strike = buckets ? new double[nu][GreekBucketing.STRIKE_LABELS.size()][C] : null;
    this.strikeCounts = buckets ? new long[nu][GreekBucketing.STRIKE_LABELS.size()] : null;
  }

  /**
   * Adds the outputs {@code out} of the positions {@code p} (same rows, {@code out.rows() >= p.rows()}).
   *
   * @throws IndexOutOfBoundsException if a position's underlying index is outside the underlyings
   */
  public void add(PositionColumns p, GreeksColumns out) {
    addTo(p, out, sums, counts);
    if (smiles != null) {
      for (int i = 0; i < p.rows(); i++) {
        int u = p.underlying().getAtIndex(PositionColumns.INT, i);
        deltaSmile[u] += deltaSmile(p, out, smiles.get(u), i);
      }
    }
    if (buckets) {
      addBuckets(p, out.columns());
    }
  }

  /**
   * Adds each position's outputs to its underlying's sums {@code sums[u][c]} and counts
   * {@code counts[u]}, in row order, skipping NaN values (for callers keeping their own arrays).
   */
  public static void addTo(PositionColumns p, GreeksColumns out, double[][] sums, long[] counts) {
    int n = p.rows();
    if (out.rows() < n) {
      throw new IllegalArgumentException("outputs have " + out.rows() + " rows, positions " + n);
    }
    MemorySegment und = p.underlying();
    // One row after the other (so the sums do not depend on how the book is cut into batches),
    // the ten columns held in locals: a loop over a column array kept the JIT from hoisting the
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
    for (int i = 0; i < n; i++) {
      int u = Objects.checkIndex(und.getAtIndex(PositionColumns.INT, i), sums.length);
      double[] s = sums[u];
      counts[u]++;
      add(s, 0, c0.getAtIndex(PositionColumns.DOUBLE, i));
      add(s, 1, c1.getAtIndex(PositionColumns.DOUBLE, i));
      add(s, 2, c2.getAtIndex(PositionColumns.DOUBLE, i));
      add(s, 3, c3.getAtIndex(PositionColumns.DOUBLE, i));
      add(s, 4, c4.getAtIndex(PositionColumns.DOUBLE, i));
      add(s, 5, c5.getAtIndex(PositionColumns.DOUBLE, i));
      add(s, 6, c6.getAtIndex(PositionColumns.DOUBLE, i));
      add(s, 7, c7.getAtIndex(PositionColumns.DOUBLE, i));
      add(s, 8, c8.getAtIndex(PositionColumns.DOUBLE, i));
      add(s, 9, c9.getAtIndex(PositionColumns.DOUBLE, i));
    }
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

  /** Adds {@code v} to {@code s[c]} unless it is NaN (the coin value of linear contracts). */
  private static void add(double[] s, int c, double v) {
    if (v == v) {
      s[c] += v;
    }
  }

  private void addBuckets(PositionColumns p, MemorySegment[] cols) {
    for (int i = 0; i < p.rows(); i++) {
      int kind = p.kind().getAtIndex(PositionColumns.INT, i);
      int u = p.underlying().getAtIndex(PositionColumns.INT, i);
      int e = GreekBucketing.expiryBucket(kind, p.timeYears().getAtIndex(PositionColumns.DOUBLE, i));
      int k = GreekBucketing.strikeBucket(kind, p.strike().getAtIndex(PositionColumns.DOUBLE, i),
          p.spot().getAtIndex(PositionColumns.DOUBLE, i));
      double[] ce = expiry[u][e];
      double[] ck = k >= 0 ? strike[u][k] : null;
      expiryCounts[u][e]++;
      if (ck != null) {
        strikeCounts[u][k]++;
      }
      for (int c = 0; c < C; c++) {
        double v = cols[c].getAtIndex(PositionColumns.DOUBLE, i);
        if (v == v) {
          ce[c] += v;
          if (ck != null) {
            ck[c] += v;
          }
        }
      }
    }
  }

  /** The per-underlying sums so far. */
  public PortfolioGreeks portfolio() {
    double[][] copy = new double[sums.length][];
    for (int u = 0; u < sums.length; u++) {
      copy[u] = smiles != null ? java.util.Arrays.copyOf(sums[u], C + 1) : sums[u].clone();
      if (smiles != null) {
        copy[u][C] = deltaSmile[u];
      }
    }
    return new PortfolioGreeks(underlyings, spots.clone(), copy, counts.clone());
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
    double[][][] src = byExpiry ? expiry : strike;
    long[][] cnt = byExpiry ? expiryCounts : strikeCounts;
    double[][][] s = new double[src.length][][];
    long[][] n = new long[src.length][];
    for (int u = 0; u < src.length; u++) {
      s[u] = new double[src[u].length][];
      for (int b = 0; b < src[u].length; b++) {
        s[u][b] = src[u][b].clone();
      }
      n[u] = cnt[u].clone();
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

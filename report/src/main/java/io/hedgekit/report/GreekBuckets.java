package io.hedgekit.report;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.risk.ResolvedBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Greeks per underlying split into buckets of one dimension: time to expiry or strike moneyness.
 *
 * <p>Expiry buckets ({@link #EXPIRY_LABELS}): perpetuals and spot in {@code perp/spot}; options
 * and dated futures by time to expiry T in days (T·365): [0, 7), [7, 30), [30, 91), [91, 182),
 * [182, 365), ≥ 365. Expired positions (T ≤ 0) count in the first dated bucket.
 *
 * <p>Strike buckets ({@link #STRIKE_LABELS}): options only, by K/S: [0, 0.7), [0.7, 0.9),
 * [0.9, 1.1), [1.1, 1.3), ≥ 1.3. Futures, perpetuals and spot are not in any strike bucket.
 *
 * @param dimension what the buckets split
 * @param labels bucket labels, in order
 * @param rows one row per underlying, each with one cell per label
 */
public record GreekBuckets(Dimension dimension, List<String> labels, List<Row> rows) {

  /** What buckets split. */
  public enum Dimension {
    /** Time to expiry. */
    EXPIRY("time to expiry"),
    /** Strike moneyness K/S, options only. */
    STRIKE("strike moneyness K/S");

    private final String title;

    Dimension(String title) {
      this.title = title;
    }

    /** Human title, e.g. "time to expiry". */
    public String title() {
      return title;
    }
  }

  /** Labels of the expiry buckets, in order. */
  public static final List<String> EXPIRY_LABELS = List.of("perp/spot", "<1w", "1w-1m", "1-3m", "3-6m", "6-12m", ">1y");
  /** Upper bounds (days, exclusive) of the dated expiry buckets 1..5; bucket 6 is the rest. */
  private static final double[] EXPIRY_DAYS = {7, 30, 91, 182, 365};

  /** Labels of the strike buckets, in order. */
  public static final List<String> STRIKE_LABELS = List.of("<0.7", "0.7-0.9", "0.9-1.1", "1.1-1.3", ">1.3");
  /** Upper bounds (K/S, exclusive) of strike buckets 0..3; bucket 4 is the rest. */
  private static final double[] STRIKE_MONEYNESS = {0.7, 0.9, 1.1, 1.3};

  /**
   * One bucket of one underlying.
   *
   * @param positions positions in the bucket, >= 0
   * @param greeks their summed Greeks
   */
  public record Cell(long positions, DeskGreeks greeks) {
    /** An empty bucket. */
    public static final Cell EMPTY = new Cell(0, DeskGreeks.ZERO);

    public Cell {
      if (positions < 0) {
        throw new IllegalArgumentException("positions must be >= 0, was " + positions);
      }
      Objects.requireNonNull(greeks, "greeks");
    }
  }

  /**
   * The buckets of one underlying.
   *
   * @param underlying name
   * @param cells one per bucket label
   */
  public record Row(String underlying, List<Cell> cells) {
    public Row {
      Checks.text("underlying", underlying);
      cells = Checks.list("cells of " + underlying, cells);
    }
  }

  public GreekBuckets {
    Objects.requireNonNull(dimension, "dimension");
    labels = Checks.nonEmpty("labels", labels);
    rows = Checks.list("rows", rows);
    for (Row r : rows) {
      if (r.cells().size() != labels.size()) {
        throw new IllegalArgumentException("row " + r.underlying() + " has " + r.cells().size()
            + " cells, expected one per label (" + labels.size() + ")");
      }
    }
  }

  /** The row of {@code underlying}. */
  public Row row(String underlying) {
    for (Row r : rows) {
      if (r.underlying().equals(underlying)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no bucket row for underlying " + underlying + "; rows: "
        + rows.stream().map(Row::underlying).toList());
  }

  /**
   * Computes the book's Greeks with {@code kernel}, batch by batch, and sums them into buckets of
   * {@code dimension} per underlying (in book order, so the result is deterministic).
   */
  public static GreekBuckets compute(ResolvedBook book, GreeksKernel kernel, Dimension dimension) {
    return BookGreeks.compute(book, kernel).buckets(dimension);
  }

  /**
   * Expiry bucket index ({@link #EXPIRY_LABELS}) of a position.
   *
   * @param kindCode {@link ContractKind#code()}
   * @param timeYears time to expiry, ACT/365 years
   */
  public static int expiryBucket(int kindCode, double timeYears) {
    if (!ContractKind.ofCode(kindCode).hasExpiry()) {
      return 0;
    }
    double days = timeYears * io.hedgekit.kernels.Conventions.DAYS_PER_YEAR;
    for (int b = 0; b < EXPIRY_DAYS.length; b++) {
      if (days < EXPIRY_DAYS[b]) {
        return b + 1;
      }
    }
    return EXPIRY_DAYS.length + 1;
  }

  /**
   * Strike bucket index ({@link #STRIKE_LABELS}) of a position, or -1 for a non-option.
   *
   * @param kindCode {@link ContractKind#code()}
   * @param strike K, USD
   * @param spot S, USD
   */
  public static int strikeBucket(int kindCode, double strike, double spot) {
    if (!ContractKind.ofCode(kindCode).isOption()) {
      return -1;
    }
    double moneyness = strike / spot;
    for (int b = 0; b < STRIKE_MONEYNESS.length; b++) {
      if (moneyness < STRIKE_MONEYNESS[b]) {
        return b;
      }
    }
    return STRIKE_MONEYNESS.length;
  }

  /**
   * Sums kernel outputs into buckets, batch by batch; feed it every batch of a book, then call
   * {@link #buckets}. Not thread-safe.
   */
  public static final class Accumulator {
    private final List<String> underlyings;
    private final double[] spots;
    // [dimension][underlying][bucket][dollar delta, gamma/1%, vega/pt, theta/day]
    private final double[][][][] sums;
    private final long[][][] counts;

    /**
     * @param underlyings underlying names, indexed by the positions' {@code underlying}
     * @param spots spot per underlying, USD (converts delta and gamma to desk units)
     */
    public Accumulator(List<String> underlyings, double[] spots) {
      this.underlyings = List.copyOf(underlyings);
      if (spots.length != this.underlyings.size()) {
        throw new IllegalArgumentException("spots has " + spots.length + " entries, underlyings " + this.underlyings.size());
      }
      for (int u = 0; u < spots.length; u++) {
        Checks.positive("spot of " + this.underlyings.get(u), spots[u]);
      }
      this.spots = spots.clone();
      int nu = spots.length;
      sums = new double[][][][] {new double[nu][EXPIRY_LABELS.size()][4], new double[nu][STRIKE_LABELS.size()][4]};
      counts = new long[][][] {new long[nu][EXPIRY_LABELS.size()], new long[nu][STRIKE_LABELS.size()]};
    }

    /** Adds the outputs {@code out} of the positions {@code p} (same rows). */
    public void add(PositionColumns p, GreeksColumns out) {
      if (out.rows() < p.rows()) {
        throw new IllegalArgumentException("outputs have " + out.rows() + " rows, positions " + p.rows());
      }
      for (int i = 0; i < p.rows(); i++) {
        int kind = p.kind().getAtIndex(PositionColumns.INT, i);
        int u = p.underlying().getAtIndex(PositionColumns.INT, i);
        Objects.checkIndex(u, spots.length);
        // Desk units at the book's spot for the underlying, so buckets add up to the summary.
        double spot = spots[u];
        double dollarDelta = out.delta().getAtIndex(PositionColumns.DOUBLE, i) * spot;
        double gamma1Pct = out.gamma().getAtIndex(PositionColumns.DOUBLE, i) * spot * 0.01;
        double vegaPt = out.vega().getAtIndex(PositionColumns.DOUBLE, i) / 100.0;
        double thetaDay = out.theta().getAtIndex(PositionColumns.DOUBLE, i) / 365.0;
        int e = expiryBucket(kind, p.timeYears().getAtIndex(PositionColumns.DOUBLE, i));
        addTo(0, u, e, dollarDelta, gamma1Pct, vegaPt, thetaDay);
        int s = strikeBucket(kind, p.strike().getAtIndex(PositionColumns.DOUBLE, i), p.spot().getAtIndex(PositionColumns.DOUBLE, i));
        if (s >= 0) {
          addTo(1, u, s, dollarDelta, gamma1Pct, vegaPt, thetaDay);
        }
      }
    }

    private void addTo(int d, int u, int b, double dollarDelta, double gamma1Pct, double vegaPt, double thetaDay) {
      double[] cell = sums[d][u][b];
      cell[0] += dollarDelta;
      cell[1] += gamma1Pct;
      cell[2] += vegaPt;
      cell[3] += thetaDay;
      counts[d][u][b]++;
    }

    /** The buckets of {@code dimension} so far. */
    public GreekBuckets buckets(Dimension dimension) {
      int d = dimension == Dimension.EXPIRY ? 0 : 1;
      List<String> labels = d == 0 ? EXPIRY_LABELS : STRIKE_LABELS;
      List<Row> rows = new ArrayList<>();
      for (int u = 0; u < underlyings.size(); u++) {
        List<Cell> cells = new ArrayList<>();
        for (int b = 0; b < labels.size(); b++) {
          double[] c = sums[d][u][b];
          cells.add(new Cell(counts[d][u][b], new DeskGreeks(c[0], c[1], c[2], c[3])));
        }
        rows.add(new Row(underlyings.get(u), cells));
      }
      return new GreekBuckets(dimension, labels, rows);
    }
  }
}

package io.hedgekit.report;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.greeks.GreekBucketing;
import io.hedgekit.risk.greeks.GreeksSums;
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
  public static final List<String> EXPIRY_LABELS = GreekBucketing.EXPIRY_LABELS;

  /** Labels of the strike buckets, in order. */
  public static final List<String> STRIKE_LABELS = GreekBucketing.STRIKE_LABELS;

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
    return GreekBucketing.expiryBucket(kindCode, timeYears);
  }

  /**
   * Strike bucket index ({@link #STRIKE_LABELS}) of a position, or -1 for a non-option.
   *
   * @param kindCode {@link ContractKind#code()}
   * @param strike K, USD
   * @param spot S, USD
   */
  public static int strikeBucket(int kindCode, double strike, double spot) {
    return GreekBucketing.strikeBucket(kindCode, strike, spot);
  }

  /**
   * The desk-unit buckets of {@code sums} (model-unit sums from {@link GreeksSums}), converted at
   * the book's spot of each underlying ({@link DeskGreeks#fromModel}).
   */
  public static GreekBuckets of(GreeksSums.Buckets sums) {
    Dimension dimension = sums.dimension() == GreeksSums.Dimension.EXPIRY ? Dimension.EXPIRY : Dimension.STRIKE;
    List<Row> rows = new ArrayList<>();
    for (int u = 0; u < sums.underlyings().size(); u++) {
      double spot = sums.spots()[u];
      Checks.positive("spot of " + sums.underlyings().get(u), spot);
      List<Cell> cells = new ArrayList<>();
      for (int b = 0; b < sums.labels().size(); b++) {
        cells.add(new Cell(sums.positions()[u][b], DeskGreeks.fromModel(sums.get(u, b, "delta"), sums.get(u, b, "gamma"),
            sums.get(u, b, "vega"), sums.get(u, b, "theta"), spot)));
      }
      rows.add(new Row(sums.underlyings().get(u), cells));
    }
    return new GreekBuckets(dimension, sums.labels(), rows);
  }

  /**
   * Sums kernel outputs into buckets, batch by batch, through {@link GreeksSums}; feed it every
   * batch of a book, then call {@link #buckets}. Not thread-safe.
   */
  public static final class Accumulator {
    private final GreeksSums sums;

    /**
     * @param underlyings underlying names, indexed by the positions' {@code underlying}
     * @param spots spot per underlying, USD (converts delta and gamma to desk units)
     */
    public Accumulator(List<String> underlyings, double[] spots) {
      if (spots.length != underlyings.size()) {
        throw new IllegalArgumentException("spots has " + spots.length + " entries, underlyings " + underlyings.size());
      }
      for (int u = 0; u < spots.length; u++) {
        Checks.positive("spot of " + underlyings.get(u), spots[u]);
      }
      this.sums = new GreeksSums(underlyings, spots, true);
    }

    /** Adds the outputs {@code out} of the positions {@code p} (same rows). */
    public void add(PositionColumns p, GreeksColumns out) {
      sums.add(p, out);
    }

    /** The buckets of {@code dimension} so far. */
    public GreekBuckets buckets(Dimension dimension) {
      return of(sums.buckets(dimension == Dimension.EXPIRY ? GreeksSums.Dimension.EXPIRY : GreeksSums.Dimension.STRIKE));
    }
  }
}

package io.hedgekit.risk.engine;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.risk.greeks.DeskUnits;
import io.hedgekit.risk.greeks.GreeksSums;
import io.hedgekit.risk.greeks.PortfolioGreeks;
import java.util.List;
import java.util.Objects;

/**
 * Greeks of a book: summed per underlying (always), per expiry and strike bucket (when asked),
 * per position (when asked), in the model units of {@link GreeksColumns} — value USD, delta coins,
 * gamma coins per USD, vega USD per 1.00 of vol, theta USD per year, rho USD per 1.00 of rate;
 * {@link #desk} gives desk units. Immutable; safe to share.
 *
 * @param portfolio sums per underlying
 * @param byExpiry sums per expiry bucket, or null when not asked
 * @param byStrike sums per strike bucket, or null when not asked
 * @param perPosition per-position values, or null when not asked
 * @param run backend and timings
 */
public record GreeksResult(PortfolioGreeks portfolio, GreeksSums.Buckets byExpiry, GreeksSums.Buckets byStrike,
    PositionGreeks perPosition, RunInfo run) {

  public GreeksResult {
    Objects.requireNonNull(portfolio, "portfolio");
    Objects.requireNonNull(run, "run");
  }

  /** Underlying names, in index order. */
  public List<String> underlyings() {
    return portfolio.underlyings();
  }

  /** Positions priced. */
  public long positions() {
    return portfolio.totalPositions();
  }

  /** Sum of {@code column} ({@link GreeksColumns#NAMES}) over {@code underlying}'s positions. */
  public double sum(String underlying, String column) {
    return portfolio.get(index(underlying), column);
  }

  /** The sums of {@code underlying} in desk units. */
  public Desk desk(String underlying) {
    int u = index(underlying);
    double spot = portfolio.spots()[u];
    return new Desk(portfolio.get(u, "value"), DeskUnits.dollarDelta(portfolio.get(u, "delta"), spot),
        DeskUnits.gammaPer1Pct(portfolio.get(u, "gamma"), spot), DeskUnits.vegaPerVolPoint(portfolio.get(u, "vega")),
        DeskUnits.thetaPerDay(portfolio.get(u, "theta")));
  }

  private int index(String underlying) {
    int u = portfolio.underlyings().indexOf(underlying);
    if (u < 0) {
      throw new IllegalArgumentException("no underlying " + underlying + " in " + portfolio.underlyings());
    }
    return u;
  }

  /**
   * One underlying's sums in desk units ({@link DeskUnits}).
   *
   * @param value USD
   * @param dollarDelta USD per 100% spot move
   * @param gammaPer1Pct coins of delta change per 1% spot move
   * @param vegaPerVolPoint USD per vol point
   * @param thetaPerDay USD per calendar day
   */
  public record Desk(double value, double dollarDelta, double gammaPer1Pct, double vegaPerVolPoint, double thetaPerDay) {
  }

  /**
   * Value and Greeks of every priced position, in book order (rejected positions left out).
   *
   * @param ids position ids
   * @param underlyings underlying name per position
   * @param columns {@code columns[c][i]}: output c ({@link GreeksColumns#NAMES} order) of position i
   *     (value_coin NaN for linear contracts)
   */
  public record PositionGreeks(List<String> ids, List<String> underlyings, double[][] columns) {

    /** Number of positions. */
    public int size() {
      return ids.size();
    }

    /** Output {@code column} of position {@code i}. */
    public double get(int i, String column) {
      int c = GreeksColumns.NAMES.indexOf(column);
      if (c < 0) {
        throw new IllegalArgumentException("unknown Greek column " + column + "; known: " + GreeksColumns.NAMES);
      }
      return columns[c][i];
    }
  }
}

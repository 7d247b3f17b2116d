package io.hedgekit.risk.stress;

import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.scenario.PriceHistory;
import java.util.Arrays;
import java.util.Objects;

/**
 * What to stress.
 *
 * @param spotMoves relative spot moves (−0.5 = −50%), each > −1; scenario return = ln(1 + move)
 * @param volShifts absolute implied-vol moves (0.10 = +10 vol points)
 * @param history price history for named historical days, or null for none
 * @param historicalDays N: the N largest daily |log return| days of each book underlying, >= 0
 * @param progress told (positions revalued, −1: the book size is not known in advance)
 */
public record StressOptions(double[] spotMoves, double[] volShifts, PriceHistory history, int historicalDays,
    Progress progress) {

  /** −50% .. +50% by 10%. */
  public static final double[] DEFAULT_SPOT_MOVES = {-0.5, -0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3, 0.4, 0.5};
  /** −30 .. +30 vol points by 10. */
  public static final double[] DEFAULT_VOL_SHIFTS = {-0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3};
  /** Historical days per underlying when a history is given. */
  public static final int DEFAULT_HISTORICAL_DAYS = 5;

  public StressOptions {
    spotMoves = spotMoves.clone();
    volShifts = volShifts.clone();
    if (spotMoves.length == 0 || volShifts.length == 0) {
      throw new IllegalArgumentException("need at least one spot move and one vol shift");
    }
    for (double m : spotMoves) {
      if (!(m > -1) || Double.isInfinite(m)) {
        throw new IllegalArgumentException("spot moves must be > -1 (-100%) and finite, was " + m);
      }
    }
    for (double v : volShifts) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("vol shifts must be finite, was " + v);
      }
    }
    if (historicalDays < 0) {
      throw new IllegalArgumentException("historicalDays must be >= 0, was " + historicalDays);
    }
    Objects.requireNonNull(progress, "progress");
  }

  /** The default grid, no historical days. */
  public static StressOptions defaults() {
    return new StressOptions(DEFAULT_SPOT_MOVES, DEFAULT_VOL_SHIFTS, null, 0, Progress.NONE);
  }

  public StressOptions withGrid(double[] spot, double[] vol) {
    return new StressOptions(spot, vol, history, historicalDays, progress);
  }

  /** With the {@code days} largest daily moves per underlying of {@code prices}. */
  public StressOptions withHistory(PriceHistory prices, int days) {
    return new StressOptions(spotMoves, volShifts, prices, days, progress);
  }

  public StressOptions withProgress(Progress p) {
    return new StressOptions(spotMoves, volShifts, history, historicalDays, p);
  }

  @Override
  public double[] spotMoves() {
    return spotMoves.clone();
  }

  @Override
  public double[] volShifts() {
    return volShifts.clone();
  }

  @Override
  public String toString() {
    return "StressOptions[spot " + Arrays.toString(spotMoves) + ", vol " + Arrays.toString(volShifts)
        + ", history " + (history == null ? "none" : history.source()) + ", days " + historicalDays + "]";
  }
}

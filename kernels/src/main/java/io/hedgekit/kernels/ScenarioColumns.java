package io.hedgekit.kernels;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Market moves for a set of scenarios at one horizon, as float64 columns read in place.
 *
 * <p>For underlying {@code u} and scenario {@code s}: the spot becomes
 * {@code spot · exp(spotReturn[u][s])}, implied vol becomes {@code vol + volShift[u][s]} (floored
 * at {@link #VOL_FLOOR}), and time advances by {@code horizonYears}. {@code volShift[u]} may be
 * null: no vol move for that underlying. {@code volDynamics} says how the vol of each option
 * follows the spot move and how the shift applies across expiries ({@link VolDynamics}; the
 * default, {@link VolDynamics#STICKY_STRIKE}, is the rule above).
 *
 * @param scenarios number of scenarios M
 * @param spotReturn per underlying, M log returns of spot
 * @param volShift per underlying, M absolute vol changes (0.05 = +5 vol points), or null
 * @param horizonYears time advanced, ACT/365 years (≥ 0)
 * @param volDynamics sticky strike or sticky moneyness, parallel or sqrt-scaled shifts
 */
public record ScenarioColumns(int scenarios, MemorySegment[] spotReturn, MemorySegment[] volShift, double horizonYears,
    VolDynamics volDynamics) {

  /** Scenario vols below this are raised to it (a vol shift cannot make vol zero or negative). */
  public static final double VOL_FLOOR = 0.01;

  public ScenarioColumns {
    if (scenarios < 0) {
      throw new IllegalArgumentException("scenarios must be >= 0, was " + scenarios);
    }
    Objects.requireNonNull(spotReturn, "spotReturn");
    Objects.requireNonNull(volShift, "volShift");
    if (volShift.length != spotReturn.length) {
      throw new IllegalArgumentException("volShift has " + volShift.length + " underlyings, spotReturn " + spotReturn.length);
    }
    for (int u = 0; u < spotReturn.length; u++) {
      PositionColumns.checkDoubles("spotReturn[" + u + "]", spotReturn[u], scenarios);
      if (volShift[u] != null) {
        PositionColumns.checkDoubles("volShift[" + u + "]", volShift[u], scenarios);
      }
    }
    if (!(horizonYears >= 0) || Double.isInfinite(horizonYears)) {
      throw new IllegalArgumentException("horizonYears must be finite and >= 0, was " + horizonYears);
    }
    Objects.requireNonNull(volDynamics, "volDynamics");
  }

  /** Sticky-strike scenarios with parallel vol shifts. */
  public ScenarioColumns(int scenarios, MemorySegment[] spotReturn, MemorySegment[] volShift, double horizonYears) {
    this(scenarios, spotReturn, volShift, horizonYears, VolDynamics.STICKY_STRIKE);
  }

  /** The same moves under other vol dynamics. */
  public ScenarioColumns withVolDynamics(VolDynamics dynamics) {
    return new ScenarioColumns(scenarios, spotReturn, volShift, horizonYears, dynamics);
  }

  /** Number of underlyings the scenarios move. */
  public int underlyings() {
    return spotReturn.length;
  }

  /** Wraps Java arrays: {@code returns[u][s]}, {@code volShifts[u][s]} (a null row = no vol move). */
  public static ScenarioColumns ofArrays(double[][] returns, double[][] volShifts, double horizonYears) {
    int m = returns.length == 0 ? 0 : returns[0].length;
    MemorySegment[] r = new MemorySegment[returns.length];
    MemorySegment[] v = new MemorySegment[returns.length];
    for (int u = 0; u < returns.length; u++) {
      r[u] = MemorySegment.ofArray(returns[u]);
      v[u] = volShifts == null || volShifts[u] == null ? null : MemorySegment.ofArray(volShifts[u]);
    }
    return new ScenarioColumns(m, r, v, horizonYears);
  }

  /** Log return of underlying {@code u} in scenario {@code s}. */
  public double spotReturn(int u, int s) {
    return spotReturn[u].getAtIndex(PositionColumns.DOUBLE, s);
  }

  /** Vol shift of underlying {@code u} in scenario {@code s} (0 when the set has none). */
  public double volShift(int u, int s) {
    return volShift[u] == null ? 0.0 : volShift[u].getAtIndex(PositionColumns.DOUBLE, s);
  }
}

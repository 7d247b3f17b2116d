package io.hedgekit.risk.margin;

import java.util.Arrays;

/**
 * Portfolio-margin parameters of one underlying. The JSON model file names each field in
 * snake_case ({@code price_range}, ...); docs/margin.md gives the source of each default.
 *
 * <p>Vol shock of an option with d = max(days to expiry, {@code dteFloorDays}) days and implied
 * vol σ: {@code f(d) = (30/d)^p}, p = {@code shortTermVegaPower} when d ≤ {@code vegaPowerSwitchDays},
 * else {@code longTermVegaPower}; vol up {@code σ + max(σ, minVolForShockUp)·volRangeUp·f(d)};
 * vol down {@code max(σ·(1 − volRangeDown·f(d)), volFloor)} (never above σ).
 *
 * @param priceRange R: the risk matrix moves spot over ±R (0.16 = ±16%), 0 &lt; R &lt; 1
 * @param priceSteps equally spaced spot moves from −R to +R including 0; odd, ≥ 3
 * @param volRangeUp relative vol-up shock at 30 days (0.5 = +50% of σ), ≥ 0
 * @param volRangeDown relative vol-down shock at 30 days (0.25 = −25% of σ), in [0, 1)
 * @param shortTermVegaPower exponent p for expiries up to {@code vegaPowerSwitchDays}, ≥ 0
 * @param longTermVegaPower exponent p for longer expiries, ≥ 0
 * @param vegaPowerSwitchDays days to expiry where the exponent switches, &gt; 0
 * @param dteFloorDays days to expiry never taken below this in f(d), &gt; 0
 * @param minVolForShockUp the vol-up shock is at least this vol times the relative shock, ≥ 0
 * @param volFloor shocked-down vols are not taken below this, ≥ 0
 * @param extendedMoves extended-table spot moves (vol up only), each &gt; −1 and not 0
 * @param extendedFactor weight of the extended table (1 = full), ≥ 0
 * @param extendedDampenerUsd loss allowance subtracted before weighting, USD, ≥ 0
 * @param shortOptionContingency per net short option contract (coin) per strike and expiry, as a
 *     fraction of spot (0.01 = 1% of the underlying), ≥ 0
 * @param futuresContingency on the offsetting futures/perpetual notional of the underlying
 *     (min of long and short USD notional), as a fraction, ≥ 0
 */
public record MarginParameters(double priceRange, int priceSteps, double volRangeUp, double volRangeDown,
    double shortTermVegaPower, double longTermVegaPower, double vegaPowerSwitchDays, double dteFloorDays,
    double minVolForShockUp, double volFloor, double[] extendedMoves, double extendedFactor,
    double extendedDampenerUsd, double shortOptionContingency, double futuresContingency) {

  /** Deribit-style BTC defaults (docs/margin.md). */
  public static final MarginParameters DERIBIT_BTC = new MarginParameters(0.16, 9, 0.5, 0.25, 0.3, 0.13, 30, 1,
      0.5, 0.05, new double[] {-0.66, -0.33, 0.5, 1, 2, 3, 4, 5}, 1.0, 100_000, 0.01, 0.01);

  public MarginParameters {
    check("price_range", priceRange, priceRange > 0 && priceRange < 1, "must be > 0 and < 1");
    if (priceSteps < 3 || priceSteps % 2 == 0) {
      throw new IllegalArgumentException("price_steps must be odd and >= 3 (so 0 is a step), was " + priceSteps);
    }
    check("vol_range_up", volRangeUp, volRangeUp >= 0, "must be >= 0");
    check("vol_range_down", volRangeDown, volRangeDown >= 0 && volRangeDown < 1, "must be >= 0 and < 1");
    check("short_term_vega_power", shortTermVegaPower, shortTermVegaPower >= 0, "must be >= 0");
    check("long_term_vega_power", longTermVegaPower, longTermVegaPower >= 0, "must be >= 0");
    check("vega_power_switch_days", vegaPowerSwitchDays, vegaPowerSwitchDays > 0, "must be > 0");
    check("dte_floor_days", dteFloorDays, dteFloorDays > 0, "must be > 0");
    check("min_volatility_for_shock_up", minVolForShockUp, minVolForShockUp >= 0, "must be >= 0");
    check("vol_floor", volFloor, volFloor >= 0, "must be >= 0");
    extendedMoves = extendedMoves.clone();
    for (double m : extendedMoves) {
      check("extended_moves", m, m > -1 && m != 0, "each must be > -1 and not 0");
    }
    check("extended_factor", extendedFactor, extendedFactor >= 0, "must be >= 0");
    check("extended_dampener_usd", extendedDampenerUsd, extendedDampenerUsd >= 0, "must be >= 0");
    check("short_option_contingency", shortOptionContingency, shortOptionContingency >= 0, "must be >= 0");
    check("futures_contingency", futuresContingency, futuresContingency >= 0, "must be >= 0");
  }

  private static void check(String field, double value, boolean ok, String rule) {
    if (!ok || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " " + rule + " and finite, was " + value);
    }
  }

  /** The risk-matrix spot moves: priceSteps values from −R to +R, the middle one exactly 0. */
  public double[] spotMoves() {
    double[] m = new double[priceSteps];
    int half = priceSteps / 2;
    for (int i = 0; i < priceSteps; i++) {
      m[i] = priceRange * (i - half) / half;
    }
    return m;
  }

  /** The time factor f(d) = (30/d)^p of the vol shock for {@code years} to expiry (ACT/365). */
  public double shockFactor(double years) {
    double days = Math.max(years * 365.0, dteFloorDays);
    double p = days <= vegaPowerSwitchDays ? shortTermVegaPower : longTermVegaPower;
    return Math.pow(30.0 / days, p);
  }

  /** Absolute vol change of the vol-up scenario for implied vol {@code vol}, ≥ 0. */
  public double volUpShift(double vol, double years) {
    return Math.max(vol, minVolForShockUp) * volRangeUp * shockFactor(years);
  }

  /** Absolute vol change of the vol-down scenario for implied vol {@code vol}, ≤ 0. */
  public double volDownShift(double vol, double years) {
    double down = Math.max(vol * (1.0 - volRangeDown * shockFactor(years)), volFloor);
    return Math.min(0.0, down - vol);
  }

  @Override
  public double[] extendedMoves() {
    return extendedMoves.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MarginParameters p && toString().equals(p.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    return "MarginParameters[range " + priceRange + ", steps " + priceSteps + ", vol +" + volRangeUp + "/-" + volRangeDown
        + ", powers " + shortTermVegaPower + "/" + longTermVegaPower + " switch " + vegaPowerSwitchDays + "d floor "
        + dteFloorDays + "d, min vol up " + minVolForShockUp + ", vol floor " + volFloor + ", extended "
        + Arrays.toString(extendedMoves) + " x" + extendedFactor + " dampener " + extendedDampenerUsd
        + ", contingency option " + shortOptionContingency + " futures " + futuresContingency + "]";
  }
}

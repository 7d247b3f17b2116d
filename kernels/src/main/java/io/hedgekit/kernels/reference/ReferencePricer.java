package io.hedgekit.kernels.reference;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.Conventions;
import io.hedgekit.kernels.ScenarioColumns;

/**
 * The scalar reference pricer: value and Greeks of one position in double precision. This is the
 * truth every other backend is tested against.
 *
 * <p>Models (position level: every output is multiplied by {@code size} = quantity × contract size):
 * <ul>
 *   <li>Options: Black-Scholes-Merton with continuous carry q, forward F = S·exp((r − q)·T).
 *       Linear and inverse options have the same USD value, because a coin payoff of
 *       max(S_T − K, 0)/S_T coins is worth max(S_T − K, 0) USD at expiry; the inverse option's
 *       coin value is value/S and its premium-adjusted delta is delta − value/S.</li>
 *   <li>Linear futures: marked to market, value = size·(F − F_entry); delta = size·F/S.</li>
 *   <li>Inverse futures: coin value = face·(1/F_entry − 1/F), USD value = S·coin value. Because
 *       F/S = exp((r − q)T) does not depend on S, the USD value is linear in S (delta = face/F_entry,
 *       gamma 0); the convexity of inverse contracts lives in their coin value.</li>
 *   <li>Perpetuals: as futures with F = S, and theta = rho = 0 (no expiry); spot: value = size·S.</li>
 * </ul>
 *
 * <p>Limit cases have explicit branches: T ≤ 0 (expired: intrinsic value at S, delta a step
 * function, everything else 0) and σ√T below {@link #MIN_STDDEV} (zero variance: discounted
 * intrinsic value of the forward). Deep in- and out-of-the-money options need no branch: the
 * normal CDF keeps relative accuracy in the tails and φ(d1) underflows cleanly to 0.
 *
 * <p>Accuracy: values and Greeks are computed from closed forms with {@link NormalDistribution};
 * relative error is a few ulp times the condition number of the formula (tests hold it to 1e-12
 * against QuantLib on well-conditioned inputs and to finite differences elsewhere).
 */
public final class ReferencePricer {

  /** Output indices, the order of {@link io.hedgekit.kernels.GreeksColumns#NAMES}. */
  public static final int VALUE = 0, VALUE_COIN = 1, DELTA = 2, DELTA_ADJUSTED = 3, GAMMA = 4,
      VEGA = 5, THETA = 6, RHO = 7, VANNA = 8, VOLGA = 9;

  /** Below this total standard deviation σ√T an option is priced as if vol were zero. */
  public static final double MIN_STDDEV = 1e-12;

  /** Days in the ACT/365 year ({@link Conventions#DAYS_PER_YEAR}). */
  public static final double DAYS_PER_YEAR = Conventions.DAYS_PER_YEAR;

  private ReferencePricer() {
  }

  /**
   * Writes the ten outputs of one position into {@code out[0..10)} (indices {@link #VALUE} ...).
   *
   * @param kindCode {@link ContractKind#code()}
   * @param spot S, USD
   * @param strike K, USD (options)
   * @param timeYears T, ACT/365 years; ≤ 0 = expired
   * @param vol σ, decimal
   * @param rate r, continuous
   * @param carry q, continuous
   * @param size quantity × contract size
   * @param entryPrice futures/perpetuals entry price, USD
   */
  public static void greeks(int kindCode, double spot, double strike, double timeYears, double vol,
      double rate, double carry, double size, double entryPrice, double[] out) {
    java.util.Arrays.fill(out, 0, 10, 0.0);
    out[VALUE_COIN] = Double.NaN;
    ContractKind kind = ContractKind.ofCode(kindCode);
    switch (kind.instrument()) {
      case OPTION -> option(kind.isCall(), spot, strike, timeYears, vol, rate, carry, out);
      case FUTURE -> future(kind.isInverse(), spot, timeYears, rate, carry, entryPrice, out);
      case PERPETUAL -> {
        // A perpetual never expires: its value does not depend on time or rates (theta = rho = 0);
        // funding is a cash flow over a horizon, applied by the revaluation kernels.
        future(kind.isInverse(), spot, 0.0, rate, carry, entryPrice, out);
        out[THETA] = 0.0;
        out[RHO] = 0.0;
      }
      case SPOT -> {
        out[VALUE] = spot;
        out[DELTA] = 1.0;
      }
    }
    for (int c = 0; c < 10; c++) {
      out[c] *= size;
    }
    if (kind.isInverse()) {
      if (kind.isOption()) {
        out[VALUE_COIN] = out[VALUE] / spot;
      }
      // futures and perpetuals set their coin value themselves (already scaled by size above)
    } else {
      out[VALUE_COIN] = Double.NaN;
    }
    out[DELTA_ADJUSTED] = kind.isOption() && kind.isInverse() ? out[DELTA] - out[VALUE_COIN] : out[DELTA];
  }

  /** Unit option (size 1) into out: value, delta, gamma, vega, theta, rho, vanna, volga. */
  private static void option(boolean call, double s, double k, double t, double vol, double r, double q, double[] out) {
    if (t <= 0.0) {
      // Expired: intrinsic at spot; the step's derivative at the strike is taken as 1/2.
      double intrinsic = call ? s - k : k - s;
      out[VALUE] = Math.max(intrinsic, 0.0);
      double step = intrinsic > 0 ? 1.0 : (intrinsic == 0 ? 0.5 : 0.0);
      out[DELTA] = call ? step : -step;
      return;
    }
    double dfR = Math.exp(-r * t);
    double dfQ = Math.exp(-q * t);
    double sqrtT = Math.sqrt(t);
    double stddev = vol * sqrtT;
    if (stddev < MIN_STDDEV) {
      // Zero variance: the option is worth its discounted forward intrinsic value.
      double forward = Conventions.forward(s, r, q, t);
      double sign = call ? 1.0 : -1.0;
      if (sign * (forward - k) > 0) {
        out[VALUE] = sign * (dfQ * s - dfR * k);
        out[DELTA] = sign * dfQ;
        out[THETA] = sign * (q * s * dfQ - r * k * dfR);
        out[RHO] = sign * k * t * dfR;
      }
      return;
    }
    double d1 = (Math.log(s / k) + (r - q) * t) / stddev + 0.5 * stddev;
    double d2 = d1 - stddev;
    double pdf = NormalDistribution.pdf(d1);
    double spotPdf = s * dfQ * pdf;
    double vega = spotPdf * sqrtT;
    double decay = -spotPdf * vol / (2.0 * sqrtT);
    if (call) {
      double nd1 = NormalDistribution.cdf(d1);
      double nd2 = NormalDistribution.cdf(d2);
      out[VALUE] = s * dfQ * nd1 - k * dfR * nd2;
      out[DELTA] = dfQ * nd1;
      out[THETA] = decay + q * s * dfQ * nd1 - r * k * dfR * nd2;
      out[RHO] = k * t * dfR * nd2;
    } else {
      double nmd1 = NormalDistribution.cdf(-d1);
      double nmd2 = NormalDistribution.cdf(-d2);
      out[VALUE] = k * dfR * nmd2 - s * dfQ * nmd1;
      out[DELTA] = -dfQ * nmd1;
      out[THETA] = decay - q * s * dfQ * nmd1 + r * k * dfR * nmd2;
      out[RHO] = -k * t * dfR * nmd2;
    }
    out[GAMMA] = dfQ * pdf / (s * stddev);
    out[VEGA] = vega;
    out[VANNA] = -dfQ * pdf * d2 / vol;
    out[VOLGA] = vega * d1 * d2 / vol;
  }

  /** Unit future or perpetual (t = 0): value, coin value (inverse), delta, theta, rho. */
  private static void future(boolean inverse, double s, double t, double r, double q, double entry, double[] out) {
    double tt = Math.max(t, 0.0);
    double growth = Conventions.growth(r, q, tt); // F / S
    double forward = s * growth;
    // Perpetuals (t = 0) and expired futures are worth S against the entry whatever the time,
    // so their theta is 0; only a live dated future's forward decays towards spot.
    boolean live = t > 0.0;
    if (inverse) {
      out[VALUE_COIN] = 1.0 / entry - 1.0 / forward;
      out[VALUE] = s / entry - 1.0 / growth;
      out[DELTA] = 1.0 / entry;
      out[THETA] = live ? -(r - q) / growth : 0.0;
      out[RHO] = tt / growth;
    } else {
      out[VALUE] = forward - entry;
      out[DELTA] = growth;
      out[THETA] = live ? -(r - q) * forward : 0.0;
      out[RHO] = tt * forward;
    }
  }

  /**
   * USD value of one position (the {@link #VALUE} output of {@link #greeks}), computed without
   * the Greeks. Used by the revaluation reference.
   */
  public static double value(int kindCode, double spot, double strike, double timeYears, double vol,
      double rate, double carry, double size, double entryPrice) {
    ContractKind kind = ContractKind.ofCode(kindCode);
    double unit = switch (kind.instrument()) {
      case OPTION -> optionValue(kind.isCall(), spot, strike, timeYears, vol, rate, carry);
      case FUTURE -> futureValue(kind.isInverse(), spot, Math.max(timeYears, 0.0), rate, carry, entryPrice);
      case PERPETUAL -> futureValue(kind.isInverse(), spot, 0.0, rate, carry, entryPrice);
      case SPOT -> spot;
    };
    return size * unit;
  }

  /** Black-Scholes-Merton value of one unit, USD, with the same limit branches as {@link #greeks}. */
  public static double optionValue(boolean call, double s, double k, double t, double vol, double r, double q) {
    if (t <= 0.0) {
      return Math.max(call ? s - k : k - s, 0.0);
    }
    double dfR = Math.exp(-r * t);
    double dfQ = Math.exp(-q * t);
    double stddev = vol * Math.sqrt(t);
    if (stddev < MIN_STDDEV) {
      return Math.max(call ? dfQ * s - dfR * k : dfR * k - dfQ * s, 0.0);
    }
    double d1 = (Math.log(s / k) + (r - q) * t) / stddev + 0.5 * stddev;
    double d2 = d1 - stddev;
    return call
        ? s * dfQ * NormalDistribution.cdf(d1) - k * dfR * NormalDistribution.cdf(d2)
        : k * dfR * NormalDistribution.cdf(-d2) - s * dfQ * NormalDistribution.cdf(-d1);
  }

  private static double futureValue(boolean inverse, double s, double t, double r, double q, double entry) {
    double growth = Conventions.growth(r, q, t);
    return inverse ? s / entry - 1.0 / growth : s * growth - entry;
  }

  /**
   * P&amp;L of one position in one scenario, USD, by the rules of
   * {@link io.hedgekit.kernels.RevaluationKernel}: value at the moved spot, shifted (floored) vol
   * and shortened time, minus today's value, plus perpetual funding over the horizon.
   *
   * @param baseValue today's value of the position (from {@link #value})
   * @param spotReturn log return of spot
   * @param volShift absolute vol change
   * @param horizonYears time advanced, years
   * @param funding8h perpetual funding rate per 8 hours
   */
  public static double scenarioPnl(int kindCode, double spot, double strike, double timeYears, double vol,
      double rate, double carry, double size, double entryPrice, double funding8h, double baseValue,
      double spotReturn, double volShift, double horizonYears) {
    double movedSpot = spot * Math.exp(spotReturn);
    double movedVol = Math.max(vol + volShift, ScenarioColumns.VOL_FLOOR);
    double pnl = value(kindCode, movedSpot, strike, timeYears - horizonYears, movedVol, rate, carry, size, entryPrice)
        - baseValue;
    ContractKind kind = ContractKind.ofCode(kindCode);
    if (kind.instrument() == ContractKind.Instrument.PERPETUAL) {
      pnl += fundingPnl(kind.isInverse(), spot, size, funding8h, horizonYears);
    }
    return pnl;
  }

  /**
   * Funding a perpetual receives over the horizon, USD: −size·notional·rate·(number of 8-hour
   * periods), with notional = spot for linear (size in coins) and 1 for inverse (size in USD face).
   */
  public static double fundingPnl(boolean inverse, double spot, double size, double funding8h, double horizonYears) {
    double periods = horizonYears * DAYS_PER_YEAR * 3.0;
    return -size * (inverse ? 1.0 : spot) * funding8h * periods;
  }
}

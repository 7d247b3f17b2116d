package io.hedgekit.risk.var;

/**
 * One underlying's Greeks summed over its positions, in forms that make the Greek-approximation
 * P&amp;L exact position by position: spot-weighted where the move is relative. For positions that
 * all carry the same spot S these are ΔS, ΓS², vanna·S, and the P&amp;L below is the textbook
 * ΔdS + ½ΓdS² + ν·dσ + θ·h + vanna·dS·dσ + ½·volga·dσ² with dS = S·(exp(r) − 1).
 *
 * @param underlying name
 * @param dollarDelta Σ Δᵢ·Sᵢ, USD per 1.00 (100%) relative move of spot
 * @param dollarGamma Σ Γᵢ·Sᵢ², USD per (1.00 relative move)²
 * @param vega Σ νᵢ, USD per 1.00 of vol
 * @param theta Σ θᵢ, USD per year (perpetuals and expired positions excluded, see {@link Sensitivities})
 * @param dollarVanna Σ vannaᵢ·Sᵢ, USD per 1.00 relative move per 1.00 of vol
 * @param volga Σ volgaᵢ, USD per (1.00 of vol)²
 * @param fundingPerYear perpetual funding received per year of horizon, USD
 */
public record UnderlyingSensitivities(String underlying, double dollarDelta, double dollarGamma, double vega,
    double theta, double dollarVanna, double volga, double fundingPerYear) {

  /**
   * Approximate P&amp;L for one scenario move, USD: with x = exp(r) − 1 (so dS = S·x),
   * delta-gamma is {@code dollarDelta·x + ½·dollarGamma·x² + funding·h}; delta-gamma-vega-theta
   * adds {@code vega·dσ + theta·h + dollarVanna·x·dσ + ½·volga·dσ²}.
   *
   * @param method {@link VarMethod#DELTA_GAMMA} or {@link VarMethod#DELTA_GAMMA_VEGA_THETA}
   * @param logReturn log return r of spot
   * @param volShift dσ, absolute
   * @param horizonYears h
   */
  public double pnl(VarMethod method, double logReturn, double volShift, double horizonYears) {
    double x = Math.expm1(logReturn);
    double p = dollarDelta * x + 0.5 * dollarGamma * x * x + fundingPerYear * horizonYears;
    return switch (method) {
      case DELTA_GAMMA -> p;
      case DELTA_GAMMA_VEGA_THETA -> p + vega * volShift + theta * horizonYears + dollarVanna * x * volShift
          + 0.5 * volga * volShift * volShift;
      case FULL -> throw new IllegalArgumentException("full revaluation is not a Greek approximation");
    };
  }
}

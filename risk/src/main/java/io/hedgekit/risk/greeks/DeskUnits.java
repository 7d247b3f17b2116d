package io.hedgekit.risk.greeks;

/**
 * The one place model-unit Greeks ({@link io.hedgekit.kernels.GreeksColumns}: delta in coins,
 * gamma in coins per USD, vega per 1.00 of vol, theta per year, rho per 1.00 of rate) become the
 * units a trading desk reads. Every summary, report and hedge table converts through here.
 *
 * <p>Dollar delta and gamma per 1% add up across positions of one underlying (they use its spot);
 * vega, theta and rho in desk units add up across underlyings too.
 */
public final class DeskUnits {
  /** Calendar days in the ACT/365 year the kernels' theta is quoted per. */
  public static final double DAYS_PER_YEAR = io.hedgekit.kernels.Conventions.DAYS_PER_YEAR;

  private DeskUnits() {
  }

  /** Delta × spot: USD gained per 100% rise of spot, to first order. */
  public static double dollarDelta(double delta, double spot) {
    return delta * spot;
  }

  /** Gamma × spot × 1%: how many coins delta changes when spot rises 1%. */
  public static double gammaPer1Pct(double gamma, double spot) {
    return gamma * spot * 0.01;
  }

  /** Vega / 100: USD per vol point (0.01 of vol). */
  public static double vegaPerVolPoint(double vega) {
    return vega / 100.0;
  }

  /** Theta / 365: USD per calendar day passing. */
  public static double thetaPerDay(double theta) {
    return theta / DAYS_PER_YEAR;
  }

  /** Rho / 100: USD per 1% (0.01) of rate. */
  public static double rhoPer1Pct(double rho) {
    return rho / 100.0;
  }
}

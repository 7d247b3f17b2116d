package io.hedgekit.kernels.reference;

/**
 * The standard normal distribution to double precision.
 *
 * <p>{@link #cdf(double)} is W. J. Cody's rational Chebyshev approximation ("Rational Chebyshev
 * approximations for the error function", Math. Comp. 23, 1969), in the arrangement of R's
 * {@code pnorm_both}: three regions (|x| ≤ 0.67449, ≤ √32, beyond), and in the two outer regions
 * {@code exp(-x²/2)} is split as {@code exp(-xsq²/2)·exp(-del/2)} with xsq = x rounded down to
 * 1/16 so the cancellation in x² costs no accuracy. Accuracy: absolute error below 1e-16
 * everywhere and relative error below 1e-14 in the lower tail down to x = −37.5 (where the
 * result underflows to 0). Abramowitz-Stegun 26.2.17 (7.5e-8) is not good enough for a reference.
 *
 * <p>The SIMD and OpenCL kernels implement the same algorithm with the same constants.
 */
public final class NormalDistribution {

  /** 1/√(2π). */
  public static final double ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
  /** Boundary of Cody's first region (the upper quartile of N). */
  public static final double SPLIT1 = 0.67448975;
  /** Boundary of Cody's second region, √32. */
  public static final double SPLIT2 = 5.656854249492380195206754896838;
  /** Below −LOWER_LIMIT the CDF underflows to 0 (and above it is exactly 1). */
  public static final double LOWER_LIMIT = 37.5193;

  static final double[] A = {
      2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
      18154.981253343561249, 0.065682337918207449113};
  static final double[] B = {
      47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956};
  static final double[] C = {
      0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
      597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326,
      11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8};
  static final double[] D = {
      22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
      6485.558298266760755, 18615.571640885098091, 34900.952721145977266,
      38912.003286093271411, 19685.429676859990727};
  static final double[] P = {
      0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
      0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303};
  static final double[] Q = {
      1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
      0.00378239633202758244, 7.29751555083966205e-5};

  private NormalDistribution() {
  }

  /** Standard normal density φ(x) = exp(−x²/2)/√(2π). */
  public static double pdf(double x) {
    return ONE_OVER_SQRT_2PI * Math.exp(-0.5 * x * x);
  }

  /**
   * Standard normal CDF N(x); NaN for NaN. Relative accuracy is kept in the lower tail, so use
   * {@code cdf(-x)} rather than {@code 1 - cdf(x)} for upper-tail probabilities.
   */
  public static double cdf(double x) {
    double y = Math.abs(x);
    if (y <= SPLIT1) {
      // Region 1: N(x) = 1/2 + x·R(x²), no cancellation near 0.
      double xsq = x * x;
      double xnum = A[4] * xsq;
      double xden = xsq;
      for (int i = 0; i < 3; i++) {
        xnum = (xnum + A[i]) * xsq;
        xden = (xden + B[i]) * xsq;
      }
      return 0.5 + x * (xnum + A[3]) / (xden + B[3]);
    }
    double tail; // N(−|x|)
    if (y <= SPLIT2) {
      // Region 2: N(−y) = exp(−y²/2)·R(y).
      double xnum = C[8] * y;
      double xden = y;
      for (int i = 0; i < 7; i++) {
        xnum = (xnum + C[i]) * y;
        xden = (xden + D[i]) * y;
      }
      tail = expHalfSquare(y) * (xnum + C[7]) / (xden + D[7]);
    } else if (y < LOWER_LIMIT) {
      // Region 3: asymptotic form N(−y) = exp(−y²/2)/y·(1/√(2π) − R(1/y²)/y²).
      double xsq = 1.0 / (y * y);
      double xnum = P[5] * xsq;
      double xden = xsq;
      for (int i = 0; i < 4; i++) {
        xnum = (xnum + P[i]) * xsq;
        xden = (xden + Q[i]) * xsq;
      }
      double r = xsq * (xnum + P[4]) / (xden + Q[4]);
      tail = expHalfSquare(y) * (ONE_OVER_SQRT_2PI - r) / y;
    } else if (Double.isNaN(y)) {
      return Double.NaN;
    } else {
      tail = 0.0;
    }
    return x > 0 ? 1.0 - tail : tail;
  }

  /** exp(−y²/2) without losing digits to the rounding of y²: y = ys + (y − ys), ys a multiple of 1/16. */
  static double expHalfSquare(double y) {
    double ys = Math.floor(y * 16.0) / 16.0;
    double del = (y - ys) * (y + ys);
    return Math.exp(-ys * ys * 0.5) * Math.exp(-del * 0.5);
  }
}

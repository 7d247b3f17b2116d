// Standard normal CDF in double precision: W. J. Cody's rational Chebyshev approximation in the
// arrangement of R's pnorm_both, the same algorithm and constants as
// io.hedgekit.kernels.reference.NormalDistribution (the OpenCL built-in erfc is not used: its
// accuracy is only bounded in ulp by the spec and differs between vendors).

#define ONE_OVER_SQRT_2PI 0.398942280401432677939946059934
#define CODY_SPLIT1 0.67448975
#define CODY_SPLIT2 5.656854249492380195206754896838
#define CODY_LOWER_LIMIT 37.5193

__constant double CODY_A[5] = {
    2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
    18154.981253343561249, 0.065682337918207449113};
__constant double CODY_B[4] = {
    47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956};
__constant double CODY_C[9] = {
    0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
    597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326,
    11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8};
__constant double CODY_D[8] = {
    22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
    6485.558298266760755, 18615.571640885098091, 34900.952721145977266,
    38912.003286093271411, 19685.429676859990727};
__constant double CODY_P[6] = {
    0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
    0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303};
__constant double CODY_Q[5] = {
    1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
    0.00378239633202758244, 7.29751555083966205e-5};

/* Standard normal density exp(-x^2/2)/sqrt(2 pi). */
double normal_pdf(double x) {
  return ONE_OVER_SQRT_2PI * exp(-0.5 * x * x);
}

/* exp(-y^2/2) without losing digits to the rounding of y^2: y = ys + (y - ys), ys a multiple of 1/16. */
double exp_half_square(double y) {
  double ys = floor(y * 16.0) / 16.0;
  double del = (y - ys) * (y + ys);
  return exp(-ys * ys * 0.5) * exp(-del * 0.5);
}

/* N(x); NaN for NaN. Relative accuracy is kept in the lower tail. */
double normal_cdf(double x) {
  double y = fabs(x);
  if (y <= CODY_SPLIT1) {
    // Region 1: N(x) = 1/2 + x R(x^2), no cancellation near 0.
    double xsq = x * x;
    double xnum = CODY_A[4] * xsq;
    double xden = xsq;
    for (int i = 0; i < 3; i++) {
      xnum = (xnum + CODY_A[i]) * xsq;
      xden = (xden + CODY_B[i]) * xsq;
    }
    return 0.5 + x * (xnum + CODY_A[3]) / (xden + CODY_B[3]);
  }
  double tail; // N(-|x|)
  if (y <= CODY_SPLIT2) {
    // Region 2: N(-y) = exp(-y^2/2) R(y).
    double xnum = CODY_C[8] * y;
    double xden = y;
    for (int i = 0; i < 7; i++) {
      xnum = (xnum + CODY_C[i]) * y;
      xden = (xden + CODY_D[i]) * y;
    }
    tail = exp_half_square(y) * (xnum + CODY_C[7]) / (xden + CODY_D[7]);
  } else if (y < CODY_LOWER_LIMIT) {
    // Region 3: asymptotic form N(-y) = exp(-y^2/2)/y (1/sqrt(2 pi) - R(1/y^2)/y^2).
    double xsq = 1.0 / (y * y);
    double xnum = CODY_P[5] * xsq;
    double xden = xsq;
    for (int i = 0; i < 4; i++) {
      xnum = (xnum + CODY_P[i]) * xsq;
      xden = (xden + CODY_Q[i]) * xsq;
    }
    double r = xsq * (xnum + CODY_P[4]) / (xden + CODY_Q[4]);
    tail = exp_half_square(y) * (ONE_OVER_SQRT_2PI - r) / y;
  } else if (isnan(y)) {
    return y;
  } else {
    tail = 0.0;
  }
  return x > 0.0 ? 1.0 - tail : tail;
}

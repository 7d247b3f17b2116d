package io.hedgekit.risk.hedge;

import java.math.BigDecimal;

/** Lot arithmetic: quantities are whole multiples of a lot, printed without binary noise. */
final class Lots {
  private Lots() {
  }

  /** Smallest multiple of lot that is >= min; -infinity when min is NaN (unbounded). */
  static double lowestMultiple(double min, double lot) {
    if (Double.isNaN(min)) {
      return Double.NEGATIVE_INFINITY;
    }
    // a bound within 1e-9 lots of a multiple counts as that multiple (bounds typed as decimals)
    return multiple(Math.ceil(min / lot - 1e-9), lot);
  }

  /** Largest multiple of lot that is <= max; +infinity when max is NaN (unbounded). */
  static double highestMultiple(double max, double lot) {
    if (Double.isNaN(max)) {
      return Double.POSITIVE_INFINITY;
    }
    return multiple(Math.floor(max / lot + 1e-9), lot);
  }

  /** q rounded to the nearest multiple of lot (halves away from zero), clamped to [lo, hi]. */
  static double round(double q, double lot, double lo, double hi) {
    double n = Math.round(Math.abs(q) / lot) * Math.signum(q);
    double r = multiple(n, lot);
    return Math.min(Math.max(r, lo), hi);
  }

  /** n · lot as the double nearest to the exact decimal product (0.1 × 3 gives 0.3, not 0.30000000000000004). */
  static double multiple(double n, double lot) {
    if (n == 0) {
      return 0.0;
    }
    if (Math.abs(n) > 1e15) {
      return n * lot;
    }
    return new BigDecimal((long) n).multiply(new BigDecimal(Double.toString(lot))).doubleValue();
  }
}

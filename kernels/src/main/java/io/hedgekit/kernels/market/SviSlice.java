package io.hedgekit.kernels.market;

/**
 * One raw SVI slice (Gatheral 2004): total implied variance over log-moneyness k = ln(K/F_T),
 * {@code w(k) = a + b·(ρ·(k − m) + sqrt((k − m)² + σ²))}.
 *
 * <p>The record validates only what makes w a finite function (finite parameters); the
 * no-arbitrage conditions are reported by {@link #staticViolations()} and by
 * {@link VolSmile#check}, so an arbitrageable slice can still be loaded and inspected.
 *
 * @param a level, total variance (years × vol²)
 * @param b slope of the wings, total variance per unit of k, ≥ 0 for a valid slice
 * @param rho skew, in (−1, 1) for a valid slice
 * @param m horizontal shift, log-moneyness
 * @param sigma curvature at the vertex, log-moneyness, > 0 for a valid slice
 */
public record SviSlice(double a, double b, double rho, double m, double sigma) {

  public SviSlice {
    for (double v : new double[] {a, b, rho, m, sigma}) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("SVI parameters must be finite numbers, were a=" + a + " b=" + b
            + " rho=" + rho + " m=" + m + " sigma=" + sigma);
      }
    }
  }

  /** Total implied variance w(k) of raw SVI with these parameters (the formula every backend uses). */
  public static double totalVariance(double a, double b, double rho, double m, double sigma, double k) {
    double x = k - m;
    return a + b * (rho * x + Math.sqrt(x * x + sigma * sigma));
  }

  /** Total implied variance at log-moneyness k. */
  public double w(double k) {
    return totalVariance(a, b, rho, m, sigma, k);
  }

  /** dw/dk at k. */
  public double w1(double k) {
    double x = k - m;
    return b * (rho + x / Math.sqrt(x * x + sigma * sigma));
  }

  /** d²w/dk² at k: b·σ²/((k − m)² + σ²)^{3/2}. */
  public double w2(double k) {
    double x = k - m;
    double r2 = x * x + sigma * sigma;
    return b * sigma * sigma / (r2 * Math.sqrt(r2));
  }

  /**
   * Durrleman's butterfly function g(k) = (1 − k·w′/(2w))² − (w′²/4)·(1/w + 1/4) + w″/2; the
   * slice is free of butterfly arbitrage where g ≥ 0 (and w &gt; 0). NaN or −∞ where w ≤ 0.
   */
  public double g(double k) {
    double w = w(k);
    if (!(w > 0)) {
      return Double.NEGATIVE_INFINITY;
    }
    double w1 = w1(k);
    double w2 = w2(k);
    double t = 1.0 - k * w1 / (2.0 * w);
    return t * t - w1 * w1 / 4.0 * (1.0 / w + 0.25) + w2 / 2.0;
  }

  /** The minimum of w over all k: a + b·σ·sqrt(1 − ρ²) (for |ρ| ≤ 1). */
  public double minimumVariance() {
    return a + b * sigma * Math.sqrt(Math.max(0.0, 1.0 - rho * rho));
  }

  /**
   * The parameter conditions that do not need a grid: b ≥ 0, |ρ| &lt; 1, σ &gt; 0,
   * a + b·σ·sqrt(1 − ρ²) ≥ 0 (w never negative) and Lee's wing bound b·(1 + |ρ|) ≤ 2.
   *
   * @return one sentence per failed condition (empty when all hold)
   */
  public java.util.List<String> staticViolations() {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (!(b >= 0)) {
      out.add("b >= 0 fails: b = " + b);
    }
    if (!(Math.abs(rho) < 1)) {
      out.add("|rho| < 1 fails: rho = " + rho);
    }
    if (!(sigma > 0)) {
      out.add("sigma > 0 fails: sigma = " + sigma);
    }
    if (Math.abs(rho) <= 1 && !(minimumVariance() >= 0)) {
      out.add("a + b*sigma*sqrt(1-rho^2) >= 0 fails: " + minimumVariance() + " (total variance goes negative)");
    }
    if (!(b * (1 + Math.abs(rho)) <= 2)) {
      out.add("Lee wing bound b*(1+|rho|) <= 2 fails: " + b * (1 + Math.abs(rho)));
    }
    return out;
  }
}

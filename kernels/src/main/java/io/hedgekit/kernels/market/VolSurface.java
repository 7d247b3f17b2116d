package io.hedgekit.kernels.market;

import java.util.Arrays;

/**
 * An implied vol grid: vols[i][j] at expiry times[i] (ACT/365 years) and strikes[j] (USD).
 *
 * <p>Lookup: at each expiry, vol is interpolated linearly in strike (flat beyond the first and
 * last strike); between expiries total variance σ²·T is interpolated linearly in T; before the
 * first and after the last expiry the vol is flat.
 */
public final class VolSurface {
  private final double[] times;
  private final double[] strikes;
  private final double[][] vols;

  /**
   * @throws IllegalArgumentException if the grid is empty, unsorted, ragged, or holds a vol
   *     outside (0, 10]
   */
  public VolSurface(double[] times, double[] strikes, double[][] vols) {
    if (times.length == 0 || strikes.length == 0) {
      throw new IllegalArgumentException("vol_surface needs at least one expiry and one strike");
    }
    checkIncreasing("expiries", times);
    checkIncreasing("strikes", strikes);
    if (times[0] <= 0) {
      throw new IllegalArgumentException("vol_surface expiries must be after the valuation time");
    }
    if (vols.length != times.length) {
      throw new IllegalArgumentException("vol_surface has " + times.length + " expiries but " + vols.length + " rows of vols");
    }
    this.vols = new double[vols.length][];
    for (int i = 0; i < vols.length; i++) {
      if (vols[i].length != strikes.length) {
        throw new IllegalArgumentException("vol_surface row " + i + " has " + vols[i].length + " vols, need " + strikes.length);
      }
      for (int j = 0; j < strikes.length; j++) {
        double v = vols[i][j];
        if (!io.hedgekit.kernels.Conventions.isValidVol(v)) {
          throw new IllegalArgumentException("vol_surface vols[" + i + "][" + j + "] must be > 0 and <= 10, was " + v);
        }
      }
      this.vols[i] = vols[i].clone();
    }
    this.times = times.clone();
    this.strikes = strikes.clone();
  }

  private static void checkIncreasing(String name, double[] xs) {
    for (int i = 0; i < xs.length; i++) {
      if (!Double.isFinite(xs[i]) || (i > 0 && !(xs[i] > xs[i - 1]))) {
        throw new IllegalArgumentException("vol_surface " + name + " must be finite and strictly increasing: " + Arrays.toString(xs));
      }
    }
  }

  /** Implied vol (decimal) at time T (years) and strike K (USD). */
  public double vol(double timeYears, double strike) {
    int n = times.length;
    if (timeYears <= times[0]) {
      return volAtExpiry(0, strike);
    }
    if (timeYears >= times[n - 1]) {
      return volAtExpiry(n - 1, strike);
    }
    int hi = 1;
    while (times[hi] < timeYears) {
      hi++;
    }
    double t0 = times[hi - 1];
    double t1 = times[hi];
    double v0 = volAtExpiry(hi - 1, strike);
    double v1 = volAtExpiry(hi, strike);
    double w = (timeYears - t0) / (t1 - t0);
    double variance = (1 - w) * v0 * v0 * t0 + w * v1 * v1 * t1;
    return Math.sqrt(variance / timeYears);
  }

  private double volAtExpiry(int i, double strike) {
    double[] row = vols[i];
    int m = strikes.length;
    if (strike <= strikes[0]) {
      return row[0];
    }
    if (strike >= strikes[m - 1]) {
      return row[m - 1];
    }
    int hi = 1;
    while (strikes[hi] < strike) {
      hi++;
    }
    double w = (strike - strikes[hi - 1]) / (strikes[hi] - strikes[hi - 1]);
    return (1 - w) * row[hi - 1] + w * row[hi];
  }

  /** Expiry times, years (a copy). */
  public double[] times() {
    return times.clone();
  }

  /** Strikes, USD (a copy). */
  public double[] strikes() {
    return strikes.clone();
  }
}

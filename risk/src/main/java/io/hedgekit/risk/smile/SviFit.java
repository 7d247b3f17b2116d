package io.hedgekit.risk.smile;

import io.hedgekit.kernels.market.SviSlice;

/**
 * Fits one raw SVI slice to implied vols by the quasi-explicit method (Zeliade Systems 2009,
 * "Quasi-explicit calibration of Gatheral's SVI model"; De Marco and Martini 2009).
 *
 * <p>With y = (k − m)/σ the slice is w = a + d·y + c·z, z = sqrt(y² + 1), c = b·σ, d = ρ·b·σ:
 * linear in (a, d, c) for fixed (m, σ). The inner problem is weighted least squares in total
 * variance, each residual divided by 2·σ_i·T (so it approximates the error in vol, dw = 2σT·dσ),
 * under linear constraints that keep the slice admissible: |d| ≤ c (|ρ| ≤ 1), c + |d| ≤ 2σ
 * (Lee's wing bound b(1 + |ρ|) ≤ 2), a + c − |d| ≥ 0 (which implies the minimum variance
 * a + b·σ·sqrt(1 − ρ²) ≥ 0, because sqrt(c² − d²) ≥ c − |d|) and a ≤ max w_i. A convex
 * quadratic in three variables with seven linear constraints is solved exactly by trying every
 * active set of up to three constraints (64 small KKT systems) and keeping the best feasible one.
 * The outer problem over (m, σ) is a 30 × 30 grid search (m over the quotes' k range widened by
 * half on each side, σ log-spaced from 0.002 to 2) refined by Nelder-Mead in (m, ln σ), on the
 * weighted mean squared vol error plus, when asked, a penalty on butterfly arbitrage
 * (Durrleman's g(k) &lt; 0) and calendar arbitrage (w below the previous slice) on a k grid.
 */
public final class SviFit {

  /**
   * A fitted slice.
   *
   * @param slice the parameters
   * @param objective the weighted mean squared vol error (vol²) at the optimum, without penalty
   * @param penalty the arbitrage penalty left at the optimum (0 when none on the grid)
   */
  public record Result(SviSlice slice, double objective, double penalty) {
  }

  private static final int GRID = 30;
  private static final double SIGMA_MIN = 0.002;
  private static final double SIGMA_MAX = 2.0;

  private final double t;
  private final double[] k;
  private final double[] vol;
  private final double[] weight;
  private final double[] grid;
  private final SviSlice previous;
  private final double penaltyWeight;
  private final double margin;
  private final double sumWeight;
  private final double maxW;

  /**
   * @param timeYears the slice's T, years
   * @param k log-moneyness ln(K/F) of each quote
   * @param vol implied vol of each quote, decimal
   * @param weight weight of each quote (&gt; 0)
   * @param grid k points where arbitrage is penalised (may be empty)
   * @param previous the slice before (calendar floor), or null
   * @param penaltyWeight weight of the arbitrage penalty (0: unconstrained by the grid)
   * @param margin the penalty applies where g(k) &lt; margin or w(k) &lt; (1 + margin)·w_prev(k)
   */
  public SviFit(double timeYears, double[] k, double[] vol, double[] weight, double[] grid, SviSlice previous,
      double penaltyWeight, double margin) {
    this.margin = margin;
    this.t = timeYears;
    this.k = k;
    this.vol = vol;
    this.weight = weight;
    this.grid = grid;
    this.previous = previous;
    this.penaltyWeight = penaltyWeight;
    double sw = 0;
    double mw = 0;
    for (int i = 0; i < k.length; i++) {
      sw += weight[i];
      mw = Math.max(mw, vol[i] * vol[i] * timeYears);
    }
    this.sumWeight = sw;
    this.maxW = mw;
  }

  /** Runs the fit (grid search, then Nelder-Mead from the three best grid points). */
  public Result fit() {
    double kMin = Double.POSITIVE_INFINITY;
    double kMax = Double.NEGATIVE_INFINITY;
    for (double x : k) {
      kMin = Math.min(kMin, x);
      kMax = Math.max(kMax, x);
    }
    double span = Math.max(kMax - kMin, 0.05);
    double mLo = kMin - span / 2;
    double mHi = kMax + span / 2;
    double[][] best = new double[3][];
    double[] bestValue = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    for (int i = 0; i < GRID; i++) {
      double m = mLo + (mHi - mLo) * i / (GRID - 1);
      for (int j = 0; j < GRID; j++) {
        double ls = Math.log(SIGMA_MIN) + (Math.log(SIGMA_MAX) - Math.log(SIGMA_MIN)) * j / (GRID - 1);
        double v = value(m, ls);
        for (int r = 0; r < 3; r++) {
          if (v < bestValue[r]) {
            for (int q = 2; q > r; q--) {
              bestValue[q] = bestValue[q - 1];
              best[q] = best[q - 1];
            }
            bestValue[r] = v;
            best[r] = new double[] {m, ls};
            break;
          }
        }
      }
    }
    double[] x = null;
    double fx = Double.POSITIVE_INFINITY;
    for (double[] start : best) {
      if (start == null) {
        continue;
      }
      double[] y = nelderMead(start, new double[] {span / 10, 0.3});
      double fy = value(y[0], y[1]);
      if (fy < fx) {
        fx = fy;
        x = y;
      }
    }
    SviSlice s = inner(x[0], Math.exp(x[1]));
    return new Result(s, error(s), penalty(s));
  }

  /** The outer objective at (m, ln σ). */
  double value(double m, double logSigma) {
    double sigma = Math.exp(logSigma);
    if (!(sigma >= SIGMA_MIN / 2 && sigma <= 2 * SIGMA_MAX)) {
      return Double.POSITIVE_INFINITY;
    }
    SviSlice s = inner(m, sigma);
    if (s == null) {
      return Double.POSITIVE_INFINITY;
    }
    return error(s) + (penaltyWeight > 0 ? penaltyWeight * penalty(s) : 0.0);
  }

  /** Weighted mean squared error in vol. */
  double error(SviSlice s) {
    double sum = 0;
    for (int i = 0; i < k.length; i++) {
      double model = Math.sqrt(Math.max(s.w(k[i]), 0) / t);
      double e = model - vol[i];
      sum += weight[i] * e * e;
    }
    return sum / sumWeight;
  }

  /** Squared butterfly and calendar violations on the grid (0 when none). */
  double penalty(SviSlice s) {
    double p = 0;
    for (double x : grid) {
      // Margins keep g and the calendar gap clear of 0 between the grid's points.
      double g = s.g(x) - margin;
      if (g < 0) {
        p += g == Double.NEGATIVE_INFINITY ? 1.0 : g * g;
      }
      if (previous != null) {
        // calendar gap in vol-like units: (w_prev − w)/(2σT) with σ ≈ sqrt(w/T)
        double gap = previous.w(x) * (1 + margin) - s.w(x);
        if (gap > 0) {
          double scale = 2 * Math.sqrt(Math.max(previous.w(x), 1e-12) * t);
          p += (gap / scale) * (gap / scale) * 100;
        }
      }
    }
    return grid.length == 0 ? 0 : p / grid.length * 100;
  }

  /** The constrained linear least squares for fixed (m, σ); null if no active set is solvable. */
  SviSlice inner(double m, double sigma) {
    double[][] h = new double[3][3];
    double[] f = new double[3];
    for (int i = 0; i < k.length; i++) {
      double y = (k[i] - m) / sigma;
      double[] row = {1.0, y, Math.sqrt(y * y + 1)};
      double target = vol[i] * vol[i] * t;
      double scale = 2 * vol[i] * t;
      double u = weight[i] / (scale * scale);
      for (int p = 0; p < 3; p++) {
        f[p] += u * target * row[p];
        for (int q = 0; q < 3; q++) {
          h[p][q] += u * row[p] * row[q];
        }
      }
    }
    double ridge = 1e-12 * (h[0][0] + h[1][1] + h[2][2]);
    for (int p = 0; p < 3; p++) {
      h[p][p] += ridge;
    }
    // constraints G·θ ≥ g0, θ = (a, d, c)
    double[][] g = {
        {0, -1, 1}, {0, 1, 1}, {0, -1, -1}, {0, 1, -1}, {1, -1, 1}, {1, 1, 1}, {-1, 0, 0}};
    double[] g0 = {0, 0, -2 * sigma, -2 * sigma, 0, 0, -maxW};
    double[] best = null;
    double bestQ = Double.POSITIVE_INFINITY;
    int n = g.length;
    double tol = 1e-12 * (1 + sigma + maxW);
    search:
    for (int size = 0; size <= 3; size++) {
      for (int mask = 0; mask < (1 << n); mask++) {
        if (Integer.bitCount(mask) != size) {
          continue;
        }
        double[] x = solveKkt(h, f, g, g0, mask, size);
        if (x == null) {
          continue;
        }
        boolean feasible = true;
        for (int c = 0; c < n && feasible; c++) {
          feasible = g[c][0] * x[0] + g[c][1] * x[1] + g[c][2] * x[2] >= g0[c] - tol;
        }
        if (!feasible) {
          continue;
        }
        // A feasible point whose multipliers are all >= 0 satisfies the KKT conditions of this
        // convex problem: it is the optimum.
        boolean kkt = true;
        for (int r = 3; r < 3 + size; r++) {
          kkt &= x[r] >= -1e-12 * (1 + Math.abs(x[r]));
        }
        double q = 0;
        for (int p = 0; p < 3; p++) {
          double hp = 0;
          for (int r = 0; r < 3; r++) {
            hp += h[p][r] * x[r];
          }
          q += x[p] * hp - 2 * f[p] * x[p];
        }
        if (q < bestQ) {
          bestQ = q;
          best = x;
        }
        if (kkt) {
          best = x;
          break search;
        }
      }
    }
    if (best == null) {
      return null;
    }
    double a = best[0];
    double c = Math.max(best[2], 0);
    double d = Math.max(-c, Math.min(c, best[1]));
    double b = c / sigma;
    double rho = c > 0 ? d / c : 0.0;
    // keep |rho| < 1 strictly and Lee's bound exact after rounding
    rho = Math.max(-1 + 1e-9, Math.min(1 - 1e-9, rho));
    if (b * (1 + Math.abs(rho)) > 2) {
      b = 2 / (1 + Math.abs(rho));
    }
    return new SviSlice(a, b, rho, m, sigma);
  }

  /**
   * min θᵀHθ − 2fᵀθ subject to the constraints in mask holding with equality: θ then one
   * multiplier per active constraint (∇ = Σ μ_c·G_c, so μ ≥ 0 at the optimum); null if singular.
   */
  private static double[] solveKkt(double[][] h, double[] f, double[][] g, double[] g0, int mask, int active) {
    int size = 3 + active;
    double[][] a = new double[size][size + 1];
    for (int p = 0; p < 3; p++) {
      for (int q = 0; q < 3; q++) {
        a[p][q] = h[p][q];
      }
      a[p][size] = f[p];
    }
    int r = 3;
    for (int c = 0; c < g.length; c++) {
      if ((mask & (1 << c)) != 0) {
        for (int p = 0; p < 3; p++) {
          a[p][r] = -g[c][p] / 2;
          a[r][p] = g[c][p];
        }
        a[r][size] = g0[c];
        r++;
      }
    }
    return gauss(a, size); // θ, then the multipliers of the active constraints
  }

  /** Gaussian elimination with partial pivoting on the augmented matrix; null if singular. */
  private static double[] gauss(double[][] a, int n) {
    double scale = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        scale = Math.max(scale, Math.abs(a[i][j]));
      }
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int i = col + 1; i < n; i++) {
        if (Math.abs(a[i][col]) > Math.abs(a[pivot][col])) {
          pivot = i;
        }
      }
      if (!(Math.abs(a[pivot][col]) > 1e-14 * scale)) {
        return null;
      }
      double[] tmp = a[col];
      a[col] = a[pivot];
      a[pivot] = tmp;
      for (int i = col + 1; i < n; i++) {
        double factor = a[i][col] / a[col][col];
        for (int j = col; j <= n; j++) {
          a[i][j] -= factor * a[col][j];
        }
      }
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = a[i][n];
      for (int j = i + 1; j < n; j++) {
        s -= a[i][j] * x[j];
      }
      x[i] = s / a[i][i];
    }
    return x;
  }

  /** Nelder-Mead in two dimensions on {@link #value}. */
  private double[] nelderMead(double[] start, double[] step) {
    double[][] p = {start.clone(), {start[0] + step[0], start[1]}, {start[0], start[1] + step[1]}};
    double[] fv = new double[3];
    for (int i = 0; i < 3; i++) {
      fv[i] = value(p[i][0], p[i][1]);
    }
    for (int it = 0; it < 400; it++) {
      // order: p[0] best, p[2] worst
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2 - i; j++) {
          if (fv[j] > fv[j + 1]) {
            double tf = fv[j];
            fv[j] = fv[j + 1];
            fv[j + 1] = tf;
            double[] tp = p[j];
            p[j] = p[j + 1];
            p[j + 1] = tp;
          }
        }
      }
      if (Math.abs(fv[2] - fv[0]) <= 1e-14 * (Math.abs(fv[0]) + 1e-12)
          && Math.abs(p[2][0] - p[0][0]) + Math.abs(p[2][1] - p[0][1]) < 1e-9) {
        break;
      }
      double[] c = {(p[0][0] + p[1][0]) / 2, (p[0][1] + p[1][1]) / 2};
      double[] xr = {2 * c[0] - p[2][0], 2 * c[1] - p[2][1]};
      double fr = value(xr[0], xr[1]);
      if (fr < fv[0]) {
        double[] xe = {3 * c[0] - 2 * p[2][0], 3 * c[1] - 2 * p[2][1]};
        double fe = value(xe[0], xe[1]);
        if (fe < fr) {
          p[2] = xe;
          fv[2] = fe;
        } else {
          p[2] = xr;
          fv[2] = fr;
        }
      } else if (fr < fv[1]) {
        p[2] = xr;
        fv[2] = fr;
      } else {
        double[] xc = {(c[0] + p[2][0]) / 2, (c[1] + p[2][1]) / 2};
        double fc = value(xc[0], xc[1]);
        if (fc < fv[2]) {
          p[2] = xc;
          fv[2] = fc;
        } else {
          for (int i = 1; i < 3; i++) {
            p[i] = new double[] {(p[0][0] + p[i][0]) / 2, (p[0][1] + p[i][1]) / 2};
            fv[i] = value(p[i][0], p[i][1]);
          }
        }
      }
    }
    return fv[0] <= fv[1] && fv[0] <= fv[2] ? p[0] : (fv[1] <= fv[2] ? p[1] : p[2]);
  }
}

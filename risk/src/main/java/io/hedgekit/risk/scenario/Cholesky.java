package io.hedgekit.risk.scenario;

/** Cholesky factor of a correlation matrix, to draw correlated normals {@code x = L·z}. */
public final class Cholesky {
  /** Correlations must be symmetric within this absolute tolerance. */
  public static final double SYMMETRY_TOLERANCE = 1e-9;

  private Cholesky() {
  }

  /**
   * The lower-triangular L with {@code L·Lᵀ = correlation}.
   *
   * @throws IllegalArgumentException if the matrix is not square, not symmetric, has a diagonal
   *     other than 1 or entries outside [−1, 1], or is not positive definite (e.g. two
   *     underlyings perfectly correlated: drop one)
   */
  public static double[][] lower(double[][] correlation) {
    int n = correlation.length;
    for (int i = 0; i < n; i++) {
      if (correlation[i].length != n) {
        throw new IllegalArgumentException("correlation matrix must be square, row " + i + " has "
            + correlation[i].length + " entries, expected " + n);
      }
      if (Math.abs(correlation[i][i] - 1.0) > SYMMETRY_TOLERANCE) {
        throw new IllegalArgumentException("correlation[" + i + "][" + i + "] must be 1, was " + correlation[i][i]);
      }
      for (int j = 0; j < n; j++) {
        double c = correlation[i][j];
        if (!(c >= -1 && c <= 1)) {
          throw new IllegalArgumentException("correlation[" + i + "][" + j + "] must be in [-1, 1], was " + c);
        }
        if (Math.abs(c - correlation[j][i]) > SYMMETRY_TOLERANCE) {
          throw new IllegalArgumentException("correlation matrix must be symmetric: [" + i + "][" + j + "] = " + c
              + ", [" + j + "][" + i + "] = " + correlation[j][i]);
        }
      }
    }
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double d = correlation[j][j];
      for (int k = 0; k < j; k++) {
        d -= l[j][k] * l[j][k];
      }
      if (!(d > 1e-12)) {
        throw new IllegalArgumentException("correlation matrix is not positive definite (pivot " + j + " is " + d
            + "); underlyings that move exactly together cannot be simulated jointly");
      }
      l[j][j] = Math.sqrt(d);
      for (int i = j + 1; i < n; i++) {
        double s = correlation[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = s / l[j][j];
      }
    }
    return l;
  }

  /** A deep copy of a matrix. */
  static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}

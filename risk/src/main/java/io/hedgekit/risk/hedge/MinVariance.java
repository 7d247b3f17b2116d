package io.hedgekit.risk.hedge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Least-variance hedge: minimise the variance over scenarios of L + P·q (L the book's P&amp;L,
 * P the instruments' P&amp;L per contract), i.e. least squares of the de-meaned P&amp;Ls, solved by
 * Commons Math's {@link QRDecomposition}.
 *
 * <p>Instruments whose scenario P&amp;L is (numerically) a combination of cheaper instruments'
 * are left out, cheapest first: a perpetual and a future on the same underlying are collinear in
 * spot-only scenarios, and least squares cannot tell them apart. Bounds are met by clamping: an
 * instrument whose solution falls outside its bounds is fixed at the bound and the rest solved
 * again, until none is outside (an active-set heuristic, exact when no bound binds).
 */
final class MinVariance {
  /** A column whose part not explained by earlier columns is below this fraction of its norm is collinear. */
  static final double COLLINEAR = 1e-7;

  private MinVariance() {
  }

  static double[] solve(Exposure ex, List<String> notes) {
    int n = ex.instruments();
    int m = ex.scenarios;
    double[] y = demeaned(ex.bookPnl);
    double[][] cols = new double[n][];
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      if (ex.unitPnl[j] == null) {
        notes.add(ex.instrument(j).id() + " left out: the scenario set does not move "
            + ex.names.get(ex.instrument(j).underlying()));
        continue;
      }
      cols[j] = demeaned(ex.unitPnl[j]);
      if (norm(cols[j]) <= 1e-12 * norm(ex.unitPnl[j])) {
        notes.add(ex.instrument(j).id() + " left out: its P&L is the same in every scenario");
        continue;
      }
      order.add(j);
    }
    order.sort(Comparator.comparingDouble((Integer j) -> ex.instrument(j).cost()).thenComparingInt(j -> j));
    // greedy independent set by modified Gram-Schmidt, cheapest first
    List<double[]> basis = new ArrayList<>();
    List<Integer> free = new ArrayList<>();
    for (int j : order) {
      double nj = norm(cols[j]);
      double[] r = new double[m];
      for (int s = 0; s < m; s++) {
        r[s] = cols[j][s] / nj;
      }
      for (int pass = 0; pass < 2; pass++) {
        for (double[] e : basis) {
          double dot = dot(e, r);
          for (int s = 0; s < m; s++) {
            r[s] -= dot * e[s];
          }
        }
      }
      double rn = norm(r);
      if (rn > COLLINEAR && basis.size() < m) {
        for (int s = 0; s < m; s++) {
          r[s] /= rn;
        }
        basis.add(r);
        free.add(j);
      } else {
        notes.add(ex.instrument(j).id() + " left out: its scenario P&L is a combination of cheaper instruments'");
      }
    }
    double[] q = new double[n];
    while (!free.isEmpty()) {
      int k = free.size();
      double[][] a = new double[m][k];
      double[] scale = new double[k];
      for (int i = 0; i < k; i++) {
        double[] c = cols[free.get(i)];
        scale[i] = norm(c);
        for (int s = 0; s < m; s++) {
          a[s][i] = c[s] / scale[i];
        }
      }
      double[] rhs = new double[m];
      for (int s = 0; s < m; s++) {
        double v = -y[s];
        for (int j = 0; j < n; j++) {
          if (q[j] != 0) {
            v -= q[j] * cols[j][s];
          }
        }
        rhs[s] = v;
      }
      RealVector x = new QRDecomposition(new Array2DRowRealMatrix(a, false)).getSolver().solve(new ArrayRealVector(rhs, false));
      boolean clamped = false;
      for (int i = k - 1; i >= 0; i--) {
        int j = free.get(i);
        double qj = x.getEntry(i) / scale[i];
        HedgeInstrument h = ex.instrument(j);
        if (qj < h.lowestQuantity() || qj > h.highestQuantity()) {
          q[j] = Math.min(Math.max(qj, h.lowestQuantity()), h.highestQuantity());
          free.remove(i);
          clamped = true;
          notes.add(h.id() + " held at its bound " + q[j] + " (least squares wanted " + qj + ")");
        }
      }
      if (!clamped) {
        for (int i = 0; i < k; i++) {
          q[free.get(i)] = x.getEntry(i) / scale[i];
        }
        break;
      }
    }
    return q;
  }

  /** Population variance of a P&amp;L vector, USD². */
  static double variance(double[] pnl) {
    double[] d = demeaned(pnl);
    double v = dot(d, d);
    return v / pnl.length;
  }

  private static double[] demeaned(double[] v) {
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double[] d = new double[v.length];
    for (int s = 0; s < v.length; s++) {
      d[s] = v[s] - mean;
    }
    return d;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }
}

package io.hedgekit.risk.hedge;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * Least Expected Shortfall plus trading cost, as the Rockafellar-Uryasev linear program solved by
 * Commons Math's {@link SimplexSolver}:
 *
 * <pre>
 *   minimise  α + (1/k)·Σ_s u_s + Σ_j cost_j·(q⁺_j + q⁻_j)
 *   subject to u_s &gt;= −(L_s + Σ_j (q⁺_j − q⁻_j)·P_js) − α,  u_s &gt;= 0,  lo &lt;= q⁺ − q⁻ &lt;= hi
 * </pre>
 *
 * with k = ceil(M·(1 − c)) the tail count of {@link TailRisk#HISTORICAL}. With 1/k (rather than
 * 1/((1 − c)·M), the same when (1 − c)·M is a whole number) the optimal α + (1/k)·Σ u_s is exactly
 * the mean of the k largest losses, the documented ES, not an interpolation of it.
 *
 * <p>The tableau is dense: about M × 3M entries for M scenarios, each pivot touches all of them,
 * and a solve takes a few M pivots, so time grows like M³ (see the README for measured times).
 */
final class MinEs {
  private MinEs() {
  }

  /**
   * @param idx the scenarios to optimise on (indices into the exposure's scenario set)
   * @param usable instruments that may trade (their scenario P&amp;L is known)
   */
  static double[] solve(Exposure ex, int[] idx, boolean[] usable, double confidence) {
    int n = ex.instruments();
    int m = idx.length;
    int k = EmpiricalTail.tailCount(m, confidence);
    double lScale = 0;
    for (int s : idx) {
      lScale = Math.max(lScale, Math.abs(ex.bookPnl[s]));
    }
    lScale = lScale == 0 ? 1 : lScale;
    List<Integer> vars = new ArrayList<>();
    double[] colScale = new double[n];
    double[] q = new double[n];
    for (int j = 0; j < n; j++) {
      if (!usable[j]) {
        continue;
      }
      double mx = 0;
      for (int s : idx) {
        mx = Math.max(mx, Math.abs(ex.unitPnl[j][s]));
      }
      if (mx > 0) {
        colScale[j] = lScale / mx;
        vars.add(j);
      }
    }
    int v = vars.size();
    // variables: y+ (v), y- (v), alpha+, alpha-, u (m); all in units of lScale
    int aPlus = 2 * v;
    int uStart = 2 * v + 2;
    int width = uStart + m;
    double[] obj = new double[width];
    for (int i = 0; i < v; i++) {
      int j = vars.get(i);
      double c = ex.instrument(j).cost() * colScale[j] / lScale;
      obj[i] = c;
      obj[v + i] = c;
    }
    obj[aPlus] = 1;
    obj[aPlus + 1] = -1;
    for (int s = 0; s < m; s++) {
      obj[uStart + s] = 1.0 / k;
    }
    List<LinearConstraint> cons = new ArrayList<>(m + 2 * v);
    for (int r = 0; r < m; r++) {
      int s = idx[r];
      double[] row = new double[width];
      for (int i = 0; i < v; i++) {
        int j = vars.get(i);
        double p = ex.unitPnl[j][s] * colScale[j] / lScale;
        row[i] = p;
        row[v + i] = -p;
      }
      row[aPlus] = 1;
      row[aPlus + 1] = -1;
      row[uStart + r] = 1;
      cons.add(new LinearConstraint(row, Relationship.GEQ, -ex.bookPnl[s] / lScale));
    }
    for (int i = 0; i < v; i++) {
      int j = vars.get(i);
      HedgeInstrument h = ex.instrument(j);
      double[] row = new double[width];
      row[i] = 1;
      row[v + i] = -1;
      if (h.highestQuantity() < Double.POSITIVE_INFINITY) {
        cons.add(new LinearConstraint(row, Relationship.LEQ, h.highestQuantity() / colScale[j]));
      }
      if (h.lowestQuantity() > Double.NEGATIVE_INFINITY) {
        cons.add(new LinearConstraint(row, Relationship.GEQ, h.lowestQuantity() / colScale[j]));
      }
    }
    PointValuePair p;
    try {
      p = new SimplexSolver().optimize(new MaxIter(Integer.MAX_VALUE), new LinearObjectiveFunction(obj, 0),
          new LinearConstraintSet(cons), GoalType.MINIMIZE, new NonNegativeConstraint(true));
    } catch (UnboundedSolutionException e) {
      throw new HedgeInfeasibleException("min-es is unbounded: some combination of the universe's instruments gains in every"
          + " scenario, so ES can be made arbitrarily negative; give those instruments min_quantity/max_quantity bounds");
    }
    double[] x = p.getPoint();
    for (int i = 0; i < v; i++) {
      int j = vars.get(i);
      q[j] = (x[i] - x[v + i]) * colScale[j];
    }
    return q;
  }
}

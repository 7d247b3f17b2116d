package io.hedgekit.risk.hedge;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * Least trading cost subject to linear equalities and bounds, with Commons Math's
 * {@link SimplexSolver}: minimise Σ cost_j·(q⁺_j + q⁻_j) subject to A·(q⁺ − q⁻) = b,
 * lo &lt;= q⁺ − q⁻ &lt;= hi, q⁺, q⁻ &gt;= 0.
 *
 * <p>The solver compares reduced costs and pivots with an absolute tolerance (1e-6), so the
 * problem is equilibrated first: each equality row is divided by its largest coefficient (gamma
 * per contract is ~1e-5, vega ~1e3), then each column by its largest scaled coefficient, and costs
 * by the largest cost. A zero cost is replaced by 1e-3 of the smallest positive cost as a tie
 * breaker, so the solver does not return arbitrarily large offsetting trades in free instruments.
 */
final class CostLp {
  private CostLp() {
  }

  /**
   * @param a a[g][j], coefficient of instrument j in equality g
   * @param b right-hand sides
   * @param cost cost per unit of q_j, &gt;= 0
   * @param lo lower bounds (may be -infinity)
   * @param hi upper bounds (may be +infinity)
   * @return q minimising cost
   * @throws NoFeasibleSolutionException when the equalities cannot hold within the bounds
   */
  static double[] solve(double[][] a, double[] b, double[] cost, double[] lo, double[] hi) {
    int n = cost.length;
    double[] q = new double[n];
    double[] rowScale = new double[a.length];
    for (int g = 0; g < a.length; g++) {
      for (int j = 0; j < n; j++) {
        rowScale[g] = Math.max(rowScale[g], Math.abs(a[g][j]));
      }
      if (rowScale[g] == 0 && b[g] != 0) {
        throw new NoFeasibleSolutionException();
      }
    }
    double[] colScale = new double[n];
    List<Integer> vars = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      double m = 0;
      for (int g = 0; g < a.length; g++) {
        if (rowScale[g] > 0) {
          m = Math.max(m, Math.abs(a[g][j]) / rowScale[g]);
        }
      }
      if (m > 0) {
        colScale[j] = 1 / m;
        vars.add(j);
      } else {
        // no effect on the equalities: no trade (bounds always allow 0)
        q[j] = 0;
      }
    }
    int v = vars.size();
    if (v == 0) {
      return q;
    }
    double minPositive = Double.POSITIVE_INFINITY;
    for (int j : vars) {
      if (cost[j] > 0) {
        minPositive = Math.min(minPositive, cost[j]);
      }
    }
    double tieBreak = Double.isInfinite(minPositive) ? 1.0 : 1e-3 * minPositive;
    double[] obj = new double[2 * v];
    double maxObj = 0;
    for (int k = 0; k < v; k++) {
      int j = vars.get(k);
      double c = (cost[j] > 0 ? cost[j] : tieBreak) * colScale[j];
      obj[k] = c;
      obj[v + k] = c;
      maxObj = Math.max(maxObj, c);
    }
    for (int k = 0; k < 2 * v; k++) {
      obj[k] /= maxObj;
    }
    List<LinearConstraint> cons = new ArrayList<>();
    for (int g = 0; g < a.length; g++) {
      if (rowScale[g] == 0) {
        continue;
      }
      double[] row = new double[2 * v];
      for (int k = 0; k < v; k++) {
        int j = vars.get(k);
        double coef = a[g][j] / rowScale[g] * colScale[j];
        row[k] = coef;
        row[v + k] = -coef;
      }
      cons.add(new LinearConstraint(row, Relationship.EQ, b[g] / rowScale[g]));
    }
    for (int k = 0; k < v; k++) {
      int j = vars.get(k);
      double[] row = new double[2 * v];
      row[k] = 1;
      row[v + k] = -1;
      if (hi[j] < Double.POSITIVE_INFINITY) {
        cons.add(new LinearConstraint(row, Relationship.LEQ, hi[j] / colScale[j]));
      }
      if (lo[j] > Double.NEGATIVE_INFINITY) {
        cons.add(new LinearConstraint(row, Relationship.GEQ, lo[j] / colScale[j]));
      }
    }
    LinearObjectiveFunction f = new LinearObjectiveFunction(obj, 0);
    LinearConstraintSet set = new LinearConstraintSet(cons);
    PointValuePair p;
    try {
      p = new SimplexSolver().optimize(new MaxIter(100_000), f, set, GoalType.MINIMIZE, new NonNegativeConstraint(true));
    } catch (TooManyIterationsException e) {
      // Dantzig's rule can cycle on degenerate problems; Bland's rule cannot (slower, but these LPs are small)
      p = new SimplexSolver().optimize(new MaxIter(1_000_000), f, set, GoalType.MINIMIZE, new NonNegativeConstraint(true),
          PivotSelectionRule.BLAND);
    }
    double[] x = p.getPoint();
    for (int k = 0; k < v; k++) {
      int j = vars.get(k);
      q[j] = (x[k] - x[v + k]) * colScale[j];
    }
    return q;
  }
}

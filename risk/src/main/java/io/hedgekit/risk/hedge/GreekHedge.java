package io.hedgekit.risk.hedge;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;

/**
 * The Greek-neutralising targets. Each instrument moves only its own underlying's Greeks, so the
 * problem splits into one least-cost linear program per underlying ({@link CostLp}): the book's
 * Greeks plus the trades' must be zero for every Greek of the target.
 */
final class GreekHedge {
  private GreekHedge() {
  }

  /** Greek columns a target neutralises. */
  static int[] greeksOf(HedgeTarget t) {
    return switch (t) {
      case DELTA -> new int[] {Exposure.DELTA};
      case DELTA_GAMMA -> new int[] {Exposure.DELTA, Exposure.GAMMA};
      case DELTA_GAMMA_VEGA -> new int[] {Exposure.DELTA, Exposure.GAMMA, Exposure.VEGA};
      case MIN_VARIANCE, MIN_ES, MIN_MARGIN -> throw new IllegalArgumentException(t.label() + " is not a Greek target");
    };
  }

  static String greekName(int c) {
    return c == Exposure.DELTA ? "delta" : c == Exposure.GAMMA ? "gamma" : "vega";
  }

  /** May instrument j trade for this target? Delta hedges use perpetuals, futures and spot only. */
  static boolean eligible(HedgeTarget t, HedgeInstrument h) {
    return t != HedgeTarget.DELTA || !h.contract().kind().isOption();
  }

  /**
   * Unrounded least-cost quantities meeting the target.
   *
   * @throws HedgeInfeasibleException naming every underlying and Greek that cannot be neutralised and why
   */
  static double[] solve(Exposure ex, HedgeTarget target) {
    int[] greeks = greeksOf(target);
    int n = ex.instruments();
    double[] q = new double[n];
    List<String> problems = new ArrayList<>();
    for (int u = 0; u < ex.names.size(); u++) {
      List<Integer> cols = new ArrayList<>();
      int options = 0;
      for (int j = 0; j < n; j++) {
        HedgeInstrument h = ex.instrument(j);
        if (h.underlying() == u) {
          options += h.contract().kind().isOption() ? 1 : 0;
          if (eligible(target, h)) {
            cols.add(j);
          }
        }
      }
      String name = ex.names.get(u);
      List<String> missing = new ArrayList<>();
      for (int c : greeks) {
        if (ex.bookGreeks[u][c] == 0) {
          continue;
        }
        boolean covered = false;
        for (int j : cols) {
          covered |= ex.unitGreeks[j][c] != 0;
        }
        if (!covered) {
          missing.add("cannot neutralise " + greekName(c) + " of " + name + ": " + whyMissing(target, c, name, options, cols.size()));
        }
      }
      if (!missing.isEmpty()) {
        problems.addAll(missing);
        continue;
      }
      if (cols.isEmpty()) {
        continue;
      }
      int k = cols.size();
      double[][] a = new double[greeks.length][k];
      double[] b = new double[greeks.length];
      double[] cost = new double[k];
      double[] lo = new double[k];
      double[] hi = new double[k];
      for (int g = 0; g < greeks.length; g++) {
        b[g] = -ex.bookGreeks[u][greeks[g]];
        for (int i = 0; i < k; i++) {
          a[g][i] = ex.unitGreeks[cols.get(i)][greeks[g]];
        }
      }
      for (int i = 0; i < k; i++) {
        HedgeInstrument h = ex.instrument(cols.get(i));
        cost[i] = h.cost();
        lo[i] = h.lowestQuantity();
        hi[i] = h.highestQuantity();
      }
      try {
        double[] x = CostLp.solve(a, b, cost, lo, hi);
        for (int i = 0; i < k; i++) {
          q[cols.get(i)] = x[i];
        }
      } catch (NoFeasibleSolutionException e) {
        problems.add(diagnose(target, greeks, name, a, b, options, k - options));
      }
    }
    if (!problems.isEmpty()) {
      throw new HedgeInfeasibleException(String.join("; ", problems));
    }
    return q;
  }

  private static String whyMissing(HedgeTarget target, int c, String name, int options, int eligible) {
    if (c == Exposure.DELTA) {
      return target == HedgeTarget.DELTA
          ? "the universe has no " + name + " perpetuals, futures or spot"
          : "the universe has no " + name + " instruments";
    }
    return options == 0
        ? "the universe has no " + name + " options"
        : "the universe's " + options + " " + name + " option(s) have no " + greekName(c) + " (expired)";
  }

  /** Why an LP with instruments for every Greek is still infeasible: they do not span the target, or the bounds bind. */
  private static String diagnose(HedgeTarget target, int[] greeks, String name, double[][] a, double[] b, int options, int linear) {
    StringBuilder what = new StringBuilder();
    for (int g = 0; g < greeks.length; g++) {
      what.append(g == 0 ? "" : g == greeks.length - 1 ? " and " : ", ").append(greekName(greeks[g]));
    }
    int rows = a.length;
    int k = a[0].length;
    double[][] scaled = new double[rows][k + 1];
    double bMax = 0;
    for (double v : b) {
      bMax = Math.max(bMax, Math.abs(v));
    }
    for (int g = 0; g < rows; g++) {
      double rs = 0;
      for (int i = 0; i < k; i++) {
        rs = Math.max(rs, Math.abs(a[g][i]));
      }
      rs = rs == 0 ? 1 : rs;
      for (int i = 0; i < k; i++) {
        scaled[g][i] = a[g][i] / rs;
      }
      scaled[g][k] = b[g] / rs;
    }
    double cMax = 0;
    for (double[] r : scaled) {
      cMax = Math.max(cMax, Math.abs(r[k]));
    }
    for (double[] r : scaled) {
      r[k] = cMax == 0 ? 0 : r[k] / cMax;
    }
    double[][] plain = new double[rows][k];
    for (int g = 0; g < rows; g++) {
      System.arraycopy(scaled[g], 0, plain[g], 0, k);
    }
    int rank = new SingularValueDecomposition(new Array2DRowRealMatrix(plain, false)).getRank();
    int rankAug = new SingularValueDecomposition(new Array2DRowRealMatrix(scaled, false)).getRank();
    String prefix = "cannot neutralise " + what + " of " + name + " (" + target.label() + "): ";
    if (rank < rankAug) {
      return prefix + "the universe's " + options + " " + name + " option(s) and " + linear
          + " linear instrument(s) cannot offset these Greeks together (they span " + rank + " of " + greeks.length
          + " dimensions; add options with other strikes or expiries)";
    }
    return prefix + "the min_quantity/max_quantity bounds of the " + name + " instruments are too tight";
  }

  /**
   * Rounds to lots. For {@link HedgeTarget#DELTA} one traded instrument per underlying (the one
   * with the finest delta step lot·|delta| that is not at a bound) absorbs the others' rounding,
   * so the residual delta is at most half of its lot's delta; other instruments round to nearest.
   */
  static double[] round(Exposure ex, HedgeTarget target, double[] solved) {
    int n = solved.length;
    double[] q = new double[n];
    for (int j = 0; j < n; j++) {
      HedgeInstrument h = ex.instrument(j);
      q[j] = Lots.round(solved[j], h.lot(), h.lowestQuantity(), h.highestQuantity());
    }
    if (target != HedgeTarget.DELTA) {
      return q;
    }
    for (int u = 0; u < ex.names.size(); u++) {
      int absorber = -1;
      double finest = Double.POSITIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        HedgeInstrument h = ex.instrument(j);
        double d = ex.unitGreeks[j][Exposure.DELTA];
        if (h.underlying() != u || solved[j] == 0 || d == 0) {
          continue;
        }
        boolean inside = solved[j] > h.lowestQuantity() + 1e-9 * h.lot() && solved[j] < h.highestQuantity() - 1e-9 * h.lot();
        double step = h.lot() * Math.abs(d);
        if (inside && step < finest) {
          finest = step;
          absorber = j;
        }
      }
      if (absorber < 0) {
        continue;
      }
      double rest = ex.bookGreeks[u][Exposure.DELTA];
      for (int j = 0; j < n; j++) {
        if (j != absorber && ex.instrument(j).underlying() == u) {
          rest += q[j] * ex.unitGreeks[j][Exposure.DELTA];
        }
      }
      HedgeInstrument h = ex.instrument(absorber);
      q[absorber] = Lots.round(-rest / ex.unitGreeks[absorber][Exposure.DELTA], h.lot(), h.lowestQuantity(), h.highestQuantity());
    }
    return q;
  }
}

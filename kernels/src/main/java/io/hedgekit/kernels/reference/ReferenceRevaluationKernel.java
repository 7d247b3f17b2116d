package io.hedgekit.kernels.reference;

import static io.hedgekit.kernels.PositionColumns.INT;

import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.Position;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.RevaluationKernel;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.VolDynamics;

/**
 * The {@link RevaluationKernel} of the scalar reference: {@link ReferencePricer#scenarioPnl} for
 * every position and scenario, summed over positions in row order, one thread. Under vol
 * dynamics other than sticky strike with parallel shifts, each live option's scenario vol is
 * {@link VolDynamics#scenarioVol} (its coefficients found per position and scenario: simple, not fast).
 */
public final class ReferenceRevaluationKernel implements RevaluationKernel {

  @Override
  public void revalue(PositionColumns p, ScenarioColumns sc, PnlAccumulator out) {
    out.checkFits(sc);
    int m = sc.scenarios();
    for (int i = 0; i < p.rows(); i++) {
      int u = underlyingOf(p, i, sc);
      double[] byU = out.byUnderlying()[u];
      double[] total = out.portfolio();
      Position x = p.row(i);
      double base = baseValue(x);
      for (int s = 0; s < m; s++) {
        double pnl = scenarioPnl(x, base, sc, u, s);
        total[s] += pnl;
        byU[s] += pnl;
      }
    }
  }

  @Override
  public void revaluePositions(PositionColumns p, ScenarioColumns sc, int[] scenarioIndices, double[] out) {
    int k = scenarioIndices.length;
    if (out.length < (long) p.rows() * k) {
      throw new IllegalArgumentException("out holds " + out.length + " values, need " + (long) p.rows() * k);
    }
    for (int j = 0; j < k; j++) {
      java.util.Objects.checkIndex(scenarioIndices[j], sc.scenarios());
    }
    for (int i = 0; i < p.rows(); i++) {
      int u = underlyingOf(p, i, sc);
      Position x = p.row(i);
      double base = baseValue(x);
      for (int j = 0; j < k; j++) {
        int s = scenarioIndices[j];
        out[i * k + j] = scenarioPnl(x, base, sc, u, s);
      }
    }
  }

  private static double baseValue(Position x) {
    return ReferencePricer.value(x.kind().code(), x.spot(), x.strike(), x.timeYears(), x.vol(), x.rate(), x.carry(),
        x.size(), x.entryPrice());
  }

  private static double scenarioPnl(Position x, double base, ScenarioColumns sc, int u, int s) {
    VolDynamics d = sc.volDynamics();
    if (!d.isStickyStrikeParallel() && x.kind().isOption() && x.timeYears() - sc.horizonYears() > 0) {
      // The vol dynamics give the scenario vol; it goes in as the vol with no further shift.
      double[] co = new double[VolDynamics.LANE_COEFFICIENTS];
      d.laneCoefficients(u, x.vol(), Math.log(x.strike() / x.spot()), x.rate() - x.carry(), x.timeYears(),
          sc.horizonYears(), co, 0);
      double vol = VolDynamics.scenarioVol(co, 0, sc.spotReturn(u, s), sc.volShift(u, s));
      return ReferencePricer.scenarioPnl(x.kind().code(), x.spot(), x.strike(), x.timeYears(), vol, x.rate(),
          x.carry(), x.size(), x.entryPrice(), x.funding8h(), base, sc.spotReturn(u, s), 0.0, sc.horizonYears());
    }
    return ReferencePricer.scenarioPnl(x.kind().code(), x.spot(), x.strike(), x.timeYears(), x.vol(), x.rate(),
        x.carry(), x.size(), x.entryPrice(), x.funding8h(), base, sc.spotReturn(u, s), sc.volShift(u, s),
        sc.horizonYears());
  }

  /** The position's underlying index, checked against the scenario set. */
  static int underlyingOf(PositionColumns p, int i, ScenarioColumns sc) {
    int u = p.underlying().getAtIndex(INT, i);
    if (u < 0 || u >= sc.underlyings()) {
      throw new IllegalArgumentException("position row " + i + " has underlying index " + u
          + " but the scenario set moves " + sc.underlyings() + " underlyings");
    }
    return u;
  }
}

package io.hedgekit.kernels.reference;

import static io.hedgekit.kernels.PositionColumns.DOUBLE;
import static io.hedgekit.kernels.PositionColumns.INT;

import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.RevaluationKernel;
import io.hedgekit.kernels.ScenarioColumns;

/**
 * The {@link RevaluationKernel} of the scalar reference: {@link ReferencePricer#scenarioPnl} for
 * every position and scenario, summed over positions in row order, one thread.
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
      int kind = p.kind().getAtIndex(INT, i);
      double spot = p.spot().getAtIndex(DOUBLE, i);
      double strike = p.strike().getAtIndex(DOUBLE, i);
      double t = p.timeYears().getAtIndex(DOUBLE, i);
      double vol = p.vol().getAtIndex(DOUBLE, i);
      double r = p.rate().getAtIndex(DOUBLE, i);
      double q = p.carry().getAtIndex(DOUBLE, i);
      double size = p.size().getAtIndex(DOUBLE, i);
      double entry = p.entryPrice().getAtIndex(DOUBLE, i);
      double funding = p.funding8h().getAtIndex(DOUBLE, i);
      double base = ReferencePricer.value(kind, spot, strike, t, vol, r, q, size, entry);
      for (int s = 0; s < m; s++) {
        double pnl = ReferencePricer.scenarioPnl(kind, spot, strike, t, vol, r, q, size, entry, funding, base,
            sc.spotReturn(u, s), sc.volShift(u, s), sc.horizonYears());
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
      int kind = p.kind().getAtIndex(INT, i);
      double spot = p.spot().getAtIndex(DOUBLE, i);
      double strike = p.strike().getAtIndex(DOUBLE, i);
      double t = p.timeYears().getAtIndex(DOUBLE, i);
      double vol = p.vol().getAtIndex(DOUBLE, i);
      double r = p.rate().getAtIndex(DOUBLE, i);
      double q = p.carry().getAtIndex(DOUBLE, i);
      double size = p.size().getAtIndex(DOUBLE, i);
      double entry = p.entryPrice().getAtIndex(DOUBLE, i);
      double funding = p.funding8h().getAtIndex(DOUBLE, i);
      double base = ReferencePricer.value(kind, spot, strike, t, vol, r, q, size, entry);
      for (int j = 0; j < k; j++) {
        int s = scenarioIndices[j];
        out[i * k + j] = ReferencePricer.scenarioPnl(kind, spot, strike, t, vol, r, q, size, entry, funding, base,
            sc.spotReturn(u, s), sc.volShift(u, s), sc.horizonYears());
      }
    }
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

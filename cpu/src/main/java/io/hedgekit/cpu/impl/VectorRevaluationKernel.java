package io.hedgekit.cpu.impl;

import static io.hedgekit.cpu.impl.VectorNormal.SPECIES;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.RevaluationKernel;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.VolDynamics;
import io.hedgekit.kernels.reference.ReferencePricer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The {@link RevaluationKernel} of the {@code cpu} backend: every position under every scenario by
 * the rules of the interface, vectorised across scenarios. All lanes of a vector share the
 * position's strike, expiry, rates and carry, so per position the kernel computes once
 * log(S/K), e^{−rT'}, e^{−qT'}, √T' (T' = T − h) and then per scenario only
 * {@code log(S'/K) = log(S/K) + return}, the vol shift, d1, d2, one exponential and two
 * normal CDFs; {@code e^{−d2²/2}} follows from {@code e^{−d1²/2}·(S'/K)·e^{(r−q)T'}}. Spot
 * growth {@code e^{return}} is computed once per underlying and scenario. exp is
 * {@link VectorMath#exp}, which gives the same bits in every JIT tier (the Vector API's own does
 * not), so sums are reproducible from the first call on.
 *
 * <p>Vol dynamics ({@link ScenarioColumns#volDynamics()}): under sticky moneyness or sqrt-scaled
 * shifts each option's {@link VolDynamics#laneCoefficients} are computed once per call (with
 * today's values: 96 bytes per position while the call runs), and each lane's vol is
 * {@link VolDynamics#scenarioVol} by the same operations in the same order (one square root per
 * SVI slice read and one for the vol), then takes the place of vol + shift. The vols of the next
 * option of a unit are computed inside this option's two CDF loops
 * ({@link VectorNormal#cdfAndSmileVols}, half the lanes in each): on their own the square roots
 * queue on the divider while the multiply-add units idle, beside the CDF's polynomials they mostly
 * overlap (CpuSmileRevaluationBenchmark; bench/RESULTS.md). The accuracy bound below holds
 * unchanged (VectorRevaluationSmileTest, with extreme slices).
 *
 * <p>Futures, perpetuals and spot are linear in the scenario spot: their P&amp;L is
 * {@code A·e^{return} + B} with A and B fixed per position (funding included in B), so
 * {@link #revalue} sums A and B per underlying and adds one line per underlying instead of one
 * per position. Options expiring within the horizon settle at their payoff.
 *
 * <p>The P&amp;L matrix is never held: positions are cut into fixed groups of
 * {@link #GROUP_ROWS} rows and scenarios into tiles of {@link #TILE}; each (group, tile) unit
 * adds its positions' P&amp;L, in row order, into the group's partial sums, and the groups'
 * partial sums are added to the output in group order. Group boundaries do not depend on the
 * thread count and each scenario lane is computed independently of its neighbours, so 1 or N
 * threads give bit-identical sums.
 *
 * <p>Accuracy (VectorRevaluationKernelTest, against
 * {@link io.hedgekit.kernels.reference.ReferenceRevaluationKernel} on the mixed and edge-case
 * books, 1 to 4099 positions, horizons 0 to 0.3 years, with and without vol shifts). Derivation:
 * a position's P&amp;L is value(scenario) − value(today); each value is computed here within a few
 * ulp (≤ 1e-15 relative) of the gross size of its terms — S'e^{−qT'}N(d1) and Ke^{−rT'}N(d2) for
 * an option, S'·growth and entry for a future — so the difference is off by at most ~1e-15 of
 * that gross size even where the two values cancel; the sums over positions run in a different
 * order than the reference's, which adds at most n·2⁻⁵³ (in practice √n·2⁻⁵³) of the summed gross
 * size. The stated and tested bound, with a wide margin for books of thousands of positions, is:
 * for every scenario s and for the portfolio and each underlying,
 * |P&amp;L − reference| ≤ 1e-12 × G(s), where G(s) = Σ_i |size_i|·(S_i + S_i e^{r_s} + K_i) over
 * options, Σ_i |size_i|·(S_i + S_i e^{r_s} + entry_i) over coin-sized futures, perpetuals and
 * spot, and Σ_i |size_i|·(2 + (S_i + S_i e^{r_s})/entry_i) over inverse futures and perpetuals
 * (USD face). The largest error measured is 1.7e-4 of that allowance. The same bound with the
 * single position's terms holds for each value of {@link #revaluePositions}.
 */
public final class VectorRevaluationKernel implements RevaluationKernel {

  /** Positions per group: the unit whose P&amp;L is summed in row order before groups are combined. */
  public static final int GROUP_ROWS = 16_384;
  /** Scenarios per unit of work; the unit's lane scratch (about 30 KB) stays in L1. */
  static final int TILE = 512;
  /** Rows per unit of {@link #revaluePositions}. */
  static final int POSITION_CHUNK = 256;

  private static final int LANES = SPECIES.length();
  private static final double PERIODS_PER_YEAR = ReferencePricer.DAYS_PER_YEAR * 3.0;
  /** Above this |d1|, φ(d1) is within a factor e^19 of underflow; φ(d2) is then computed directly. */
  private static final double IDENTITY_LIMIT = 37.0;
  /** √T' below this could put σ'√T' under MIN_STDDEV for some scenario (σ' ≥ VOL_FLOOR). */
  private static final double TINY_SQRT_T = ReferencePricer.MIN_STDDEV / ScenarioColumns.VOL_FLOOR;

  private final WorkerPool pool;

  /** @param pool the threads to run on (not closed by this kernel) */
  public VectorRevaluationKernel(WorkerPool pool) {
    this.pool = pool;
  }

  @Override
  public void revalue(PositionColumns p, ScenarioColumns sc, PnlAccumulator out) {
    out.checkFits(sc);
    checkUnderlyings(p, sc);
    int n = p.rows();
    int m = sc.scenarios();
    if (n == 0 || m == 0) {
      return;
    }
    int groups = (n + GROUP_ROWS - 1) / GROUP_ROWS;
    Today today = today(p, sc, groups);
    int tiles = (m + TILE - 1) / TILE;
    GroupSums sums = new GroupSums(groups, tiles, sc.underlyings(), m, out);
    pool.forEach(groups * tiles, unit -> {
      int g = unit / tiles;
      int s0 = (unit % tiles) * TILE;
      Lanes lanes = Lanes.ofScenarios(sc, s0, Math.min(TILE, m - s0));
      Scratch scratch = new Scratch();
      double[][] partial = sums.partial(g);
      double[] total = partial[sc.underlyings()];
      for (int u = 0; u < sc.underlyings(); u++) {
        if (today.hasLinear[g][u]) {
          linearLanes(today.alpha[g][u], today.beta[g][u], lanes.growth[u], 0, lanes.padded, total, partial[u], s0);
        }
      }
      int end = Math.min(n, (g + 1) * GROUP_ROWS);
      int next = today.smile == null ? -1 : nextLiveOption(p, g * GROUP_ROWS, end, sc.horizonYears());
      for (int i = g * GROUP_ROWS; i < end; i++) {
        if (p.kind().getAtIndex(PositionColumns.INT, i) < 4) {
          int u = p.underlying().getAtIndex(PositionColumns.INT, i);
          if (next == i) {
            next = nextLiveOption(p, i + 1, end, sc.horizonYears());
          }
          option(p, i, today.base[i], sc.horizonYears(), lanes, u, 0, lanes.padded, today.smile, i, next, scratch,
              total, partial[u], s0);
        }
      }
      sums.done(g);
    });
  }

  @Override
  public void revaluePositions(PositionColumns p, ScenarioColumns sc, int[] scenarioIndices, double[] out) {
    int k = scenarioIndices.length;
    if (out.length < (long) p.rows() * k) {
      throw new IllegalArgumentException("out holds " + out.length + " values, need " + (long) p.rows() * k);
    }
    for (int j = 0; j < k; j++) {
      Objects.checkIndex(scenarioIndices[j], sc.scenarios());
    }
    checkUnderlyings(p, sc);
    int n = p.rows();
    if (n == 0 || k == 0) {
      return;
    }
    Lanes lanes = Lanes.ofIndices(sc, scenarioIndices);
    double h = sc.horizonYears();
    int chunks = (n + POSITION_CHUNK - 1) / POSITION_CHUNK;
    pool.forEach(chunks, c -> {
      int from = c * POSITION_CHUNK;
      int to = Math.min(n, from + POSITION_CHUNK);
      double[] base = new double[to - from];
      todayValues(p, from, to, base, 0);
      double[] smile = laneCoefficients(p, sc, from, to);
      double[] row = new double[lanes.padded];
      Scratch scratch = new Scratch();
      for (int i = from; i < to; i++) {
        Arrays.fill(row, 0.0);
        int u = p.underlying().getAtIndex(PositionColumns.INT, i);
        boolean option = p.kind().getAtIndex(PositionColumns.INT, i) < 4;
        double[] ab = option ? null : linearCoefficients(p, i, base[i - from], h);
        for (int lo = 0; lo < lanes.padded; lo += TILE) {
          int count = Math.min(TILE, lanes.padded - lo);
          if (option) {
            option(p, i, base[i - from], h, lanes, u, lo, count, smile, i - from, -1, scratch, row, null, lo);
          } else {
            linearLanes(ab[0], ab[1], lanes.growth[u], lo, count, row, null, lo);
          }
        }
        System.arraycopy(row, 0, out, i * k, k);
      }
    });
  }

  /** The first row in {@code [from, end)} that is an option alive at the horizon, or −1. */
  private static int nextLiveOption(PositionColumns p, int from, int end, double h) {
    for (int i = from; i < end; i++) {
      if (p.kind().getAtIndex(PositionColumns.INT, i) < 4 && p.timeYears().getAtIndex(PositionColumns.DOUBLE, i) - h > 0.0) {
        return i;
      }
    }
    return -1;
  }

  /** Rejects positions whose underlying the scenario set does not move, as the reference does. */
  private static void checkUnderlyings(PositionColumns p, ScenarioColumns sc) {
    int count = sc.underlyings();
    for (int i = 0; i < p.rows(); i++) {
      int u = p.underlying().getAtIndex(PositionColumns.INT, i);
      if (u < 0 || u >= count) {
        throw new IllegalArgumentException("position row " + i + " has underlying index " + u
            + " but the scenario set moves " + count + " underlyings");
      }
    }
  }

  /**
   * Today's values of all positions, per group and underlying the summed linear coefficients, and
   * (null under sticky strike with parallel shifts) the options' {@link VolDynamics#laneCoefficients}.
   */
  private record Today(double[] base, double[][] alpha, double[][] beta, boolean[][] hasLinear, double[] smile) {
  }

  private Today today(PositionColumns p, ScenarioColumns sc, int groups) {
    int n = p.rows();
    int underlyings = sc.underlyings();
    double h = sc.horizonYears();
    double[] base = new double[n];
    // What the scenario vols need per option, computed once here rather than per tile.
    double[] smile = sc.volDynamics().isStickyStrikeParallel() ? null
        : new double[Math.multiplyExact(n, VolDynamics.LANE_COEFFICIENTS)];
    double[][] alpha = new double[groups][underlyings];
    double[][] beta = new double[groups][underlyings];
    boolean[][] hasLinear = new boolean[groups][underlyings];
    pool.forEach(groups, g -> {
      int from = g * GROUP_ROWS;
      int to = Math.min(n, from + GROUP_ROWS);
      todayValues(p, from, to, base, from);
      if (smile != null) {
        laneCoefficients(p, sc, from, to, smile, from);
      }
      for (int i = from; i < to; i++) {
        if (p.kind().getAtIndex(PositionColumns.INT, i) >= 4) {
          int u = p.underlying().getAtIndex(PositionColumns.INT, i);
          double[] ab = linearCoefficients(p, i, base[i], h);
          alpha[g][u] += ab[0];
          beta[g][u] += ab[1];
          hasLinear[g][u] = true;
        }
      }
    });
    return new Today(base, alpha, beta, hasLinear, smile);
  }

  /**
   * {@link #laneCoefficients(PositionColumns, ScenarioColumns, int, int, double[], int)} of rows
   * {@code [from, to)} in a new array, row i at {@code (i − from)·LANE_COEFFICIENTS}; null under
   * sticky strike with parallel shifts.
   */
  private static double[] laneCoefficients(PositionColumns p, ScenarioColumns sc, int from, int to) {
    if (sc.volDynamics().isStickyStrikeParallel()) {
      return null;
    }
    double[] out = new double[(to - from) * VolDynamics.LANE_COEFFICIENTS];
    laneCoefficients(p, sc, from, to, out, 0);
    return out;
  }

  /**
   * {@link VolDynamics#laneCoefficients} of the live options among rows {@code [from, to)} into
   * {@code out}, row i at {@code (i − from + firstRow)·LANE_COEFFICIENTS} (other rows are left alone).
   */
  private static void laneCoefficients(PositionColumns p, ScenarioColumns sc, int from, int to, double[] out,
      int firstRow) {
    VolDynamics d = sc.volDynamics();
    double h = sc.horizonYears();
    for (int i = from; i < to; i++) {
      double t = p.timeYears().getAtIndex(PositionColumns.DOUBLE, i);
      if (p.kind().getAtIndex(PositionColumns.INT, i) < 4 && t - h > 0.0) {
        d.laneCoefficients(p.underlying().getAtIndex(PositionColumns.INT, i), p.vol().getAtIndex(PositionColumns.DOUBLE, i),
            Math.log(p.strike().getAtIndex(PositionColumns.DOUBLE, i) / p.spot().getAtIndex(PositionColumns.DOUBLE, i)),
            p.rate().getAtIndex(PositionColumns.DOUBLE, i) - p.carry().getAtIndex(PositionColumns.DOUBLE, i), t, h, out,
            (i - from + firstRow) * VolDynamics.LANE_COEFFICIENTS);
      }
    }
  }

  /**
   * Today's values of rows {@code [from, to)} into {@code base[offset ..]}, by the scalar
   * reference ({@link ReferencePricer#value}). One value per position against M scenario values,
   * so its speed does not matter once warm; cold, scalar code is compiled in a few hundred calls
   * while vector code runs far slower until C2 has compiled it (measured: the vector Greeks path
   * spent about 1 s of a cold 100k-position VaR run here). Scalar {@code Math.exp}/{@code log}
   * use the same stubs in every JIT tier, so the values do not depend on the JIT state.
   */
  private static void todayValues(PositionColumns p, int from, int to, double[] base, int offset) {
    for (int i = from; i < to; i++) {
      base[offset + i - from] = ReferencePricer.value(p.kind().getAtIndex(PositionColumns.INT, i),
          p.spot().getAtIndex(PositionColumns.DOUBLE, i), p.strike().getAtIndex(PositionColumns.DOUBLE, i),
          p.timeYears().getAtIndex(PositionColumns.DOUBLE, i), p.vol().getAtIndex(PositionColumns.DOUBLE, i),
          p.rate().getAtIndex(PositionColumns.DOUBLE, i), p.carry().getAtIndex(PositionColumns.DOUBLE, i),
          p.size().getAtIndex(PositionColumns.DOUBLE, i), p.entryPrice().getAtIndex(PositionColumns.DOUBLE, i));
    }
  }

  /**
   * A and B of a future, perpetual or spot position whose scenario P&amp;L is
   * {@code A·e^{return} + B}: the scenario value is linear in the scenario spot
   * (F' = S'·e^{(r−q)·max(T−h, 0)}; inverse value S'/entry − 1/growth per USD of face), and B
   * also holds −today's value and a perpetual's funding over the horizon.
   */
  static double[] linearCoefficients(PositionColumns p, int i, double baseValue, double h) {
    ContractKind kind = ContractKind.ofCode(p.kind().getAtIndex(PositionColumns.INT, i));
    double s = p.spot().getAtIndex(PositionColumns.DOUBLE, i);
    double size = p.size().getAtIndex(PositionColumns.DOUBLE, i);
    double entry = p.entryPrice().getAtIndex(PositionColumns.DOUBLE, i);
    double a;
    double b;
    switch (kind.instrument()) {
      case FUTURE -> {
        double tH = Math.max(p.timeYears().getAtIndex(PositionColumns.DOUBLE, i) - h, 0.0);
        double growth = Math.exp((p.rate().getAtIndex(PositionColumns.DOUBLE, i)
            - p.carry().getAtIndex(PositionColumns.DOUBLE, i)) * tH);
        a = kind.isInverse() ? size * s / entry : size * s * growth;
        b = kind.isInverse() ? -size / growth : -size * entry;
      }
      case PERPETUAL -> {
        a = kind.isInverse() ? size * s / entry : size * s;
        b = kind.isInverse() ? -size : -size * entry;
        // Funding over the horizon: a long pays funding8h × (number of 8-hour periods) of its
        // notional at today's spot (USD face for inverse).
        double notional = kind.isInverse() ? 1.0 : s;
        b -= size * notional * p.funding8h().getAtIndex(PositionColumns.DOUBLE, i) * (h * PERIODS_PER_YEAR);
      }
      case SPOT -> {
        a = size * s;
        b = 0.0;
      }
      default -> throw new IllegalArgumentException("not a linear instrument: " + kind);
    }
    return new double[] {a, b - baseValue};
  }

  /**
   * {@code A·growth + B} for lanes {@code [lo, lo + lanes)} of {@code growth}, added into
   * {@code dst1[off ..]} and, if not null, {@code dst2[off ..]}.
   */
  private static void linearLanes(double a, double b, double[] growth, int lo, int lanes, double[] dst1,
      double[] dst2, int off) {
    for (int j = 0; j < lanes; j += LANES) {
      DoubleVector pnl = DoubleVector.fromArray(SPECIES, growth, lo + j).mul(a).add(b);
      DoubleVector.fromArray(SPECIES, dst1, off + j).add(pnl).intoArray(dst1, off + j);
      if (dst2 != null) {
        DoubleVector.fromArray(SPECIES, dst2, off + j).add(pnl).intoArray(dst2, off + j);
      }
    }
  }

  /**
   * One option's P&amp;L in lanes {@code [lo, lo + lanes)} (at most {@link #TILE}) of the lane
   * data, added into {@code dst1[off ..]} and, if not null, {@code dst2[off ..]}.
   */
  private static void option(PositionColumns p, int i, double baseValue, double h, Lanes lanes, int u, int lo,
      int count, double[] smile, int smileRow, int next, Scratch x, double[] dst1, double[] dst2, int off) {
    int kind = p.kind().getAtIndex(PositionColumns.INT, i);
    double phi = (kind & 1) == 0 ? 1.0 : -1.0; // codes 0, 2 are calls; 1, 3 puts
    double s = p.spot().getAtIndex(PositionColumns.DOUBLE, i);
    double k = p.strike().getAtIndex(PositionColumns.DOUBLE, i);
    double size = p.size().getAtIndex(PositionColumns.DOUBLE, i);
    double tH = p.timeYears().getAtIndex(PositionColumns.DOUBLE, i) - h;
    double[] growth = lanes.growth[u];
    if (tH <= 0.0) {
      // Expires within the horizon: settles at its payoff at the scenario spot.
      payoffLanes(phi, s, k, size, baseValue, growth, lo, count, dst1, dst2, off);
      return;
    }
    double vol = p.vol().getAtIndex(PositionColumns.DOUBLE, i);
    double r = p.rate().getAtIndex(PositionColumns.DOUBLE, i);
    double q = p.carry().getAtIndex(PositionColumns.DOUBLE, i);
    double dfR = Math.exp(-r * tH);
    double dfQ = Math.exp(-q * tH);
    double sqrtT = Math.sqrt(tH);
    double sDfQ = s * dfQ;
    double kDfR = k * dfR;
    double[] shifts = lanes.shifts[u];
    boolean tiny = sqrtT < TINY_SQRT_T;
    if (smile != null) {
      // The lanes' scenario vols take the place of vol + shift (with 0 as the base vol: σ′ + 0 = σ′
      // exactly); the previous option's CDF loop computed them when this option was its next.
      double[] v = x.vols(lo + count);
      if (x.volsRow != i) {
        smileVols(smile, smileRow * VolDynamics.LANE_COEFFICIENTS, lanes.returns[u], shifts, lo, count, v);
      }
      shifts = v;
      vol = 0.0;
    }
    boolean nearUnderflow = arguments(Math.log(s / k), (r - q) * tH, vol, sqrtT, phi, lanes.returns[u], shifts, lo,
        count, x);
    halfSquareExponentials(sDfQ / kDfR, growth, lo, count, x);
    if (nearUnderflow) {
      directSecondExponential(count, x);
    }
    x.nextRow = -1;
    if (smile != null && next >= 0) {
      // The next option's vols, half in each of this option's two CDF loops (VectorNormal.cdfAndSmileVols).
      int un = p.underlying().getAtIndex(PositionColumns.INT, next);
      int at = next * VolDynamics.LANE_COEFFICIENTS;
      double[] nv = x.nextVols(lo + count);
      int half = count / LANES / 2 * LANES;
      VectorNormal.cdfAndSmileVols(x.x, x.e, x.n, 0, count, smile, at, lanes.returns[un], lanes.shifts[un], lo,
          lo + half, nv);
      VectorNormal.cdfAndSmileVols(x.x, x.e, x.n, TILE, TILE + count, smile, at, lanes.returns[un], lanes.shifts[un],
          lo + half, lo + count, nv);
      x.nextRow = next;
    } else {
      VectorNormal.cdf(x.x, x.e, x.n, 0, count);
      VectorNormal.cdf(x.x, x.e, x.n, TILE, TILE + count);
    }
    prices(sDfQ, kDfR, phi, size, baseValue, growth, lo, count, x, dst1, dst2, off,
        tiny ? shifts : null, tiny, vol, sqrtT);
    if (smile != null) {
      x.swapVols();
    }
  }

  /**
   * Scenario vols before the floor, lanes {@code [lo, lo + count)} into {@code out[lo ..]}: per
   * lane {@link VolDynamics#scenarioVol} of the option's {@link VolDynamics#laneCoefficients} at
   * {@code smile[at ..]}, by the same operations in the same order, fused multiply-adds included
   * (and as {@link VectorNormal#cdfAndSmileVols} computes them).
   */
  private static void smileVols(double[] smile, int at, double[] returns, double[] shifts, int lo, int count,
      double[] out) {
    int slices = (int) smile[at + VolDynamics.SLICES];
    DoubleVector x1 = DoubleVector.broadcast(SPECIES, smile[at + VolDynamics.X1]);
    DoubleVector s1 = DoubleVector.broadcast(SPECIES, smile[at + VolDynamics.S1]);
    DoubleVector b1 = DoubleVector.broadcast(SPECIES, smile[at + VolDynamics.B1]);
    DoubleVector x2 = DoubleVector.broadcast(SPECIES, smile[at + VolDynamics.X2]);
    DoubleVector s2 = DoubleVector.broadcast(SPECIES, smile[at + VolDynamics.S2]);
    DoubleVector b2 = DoubleVector.broadcast(SPECIES, smile[at + VolDynamics.B2]);
    DoubleVector lin0 = DoubleVector.broadcast(SPECIES, smile[at + VolDynamics.L]);
    DoubleVector slope = DoubleVector.broadcast(SPECIES, smile[at + VolDynamics.R]);
    double volNow = smile[at + VolDynamics.VOL_NOW];
    double vol = smile[at + VolDynamics.VOL];
    DoubleVector scale = DoubleVector.broadcast(SPECIES, smile[at + VolDynamics.SCALE]);
    for (int j = 0; j < count; j += LANES) {
      DoubleVector ret = DoubleVector.fromArray(SPECIES, returns, lo + j);
      DoubleVector v = DoubleVector.broadcast(SPECIES, vol);
      if (slices > 0) {
        DoubleVector y1 = x1.sub(ret);
        DoubleVector w = y1.fma(y1, s1).lanewise(VectorOperators.SQRT).fma(b1, ret.fma(slope, lin0));
        if (slices == 2) {
          DoubleVector y2 = x2.sub(ret);
          w = y2.fma(y2, s2).lanewise(VectorOperators.SQRT).fma(b2, w);
        }
        v = w.max(0.0).lanewise(VectorOperators.SQRT).sub(volNow).add(vol);
      }
      if (shifts != null) {
        v = DoubleVector.fromArray(SPECIES, shifts, lo + j).fma(scale, v); // no shift: fma(0, c, v) = v
      }
      v.intoArray(out, lo + j);
    }
  }

  /**
   * φ·d1, φ·d2 and −d1²/2 as a double-double (−hi/2, −lo/2 with hi + lo = d1² exactly), lane by
   * lane; d1 = (log(S/K) + return + (r−q)T')/(σ'√T') + σ'√T'/2 with σ' = max(σ + shift,
   * VOL_FLOOR). Returns whether some lane needs e^{−d2²/2} computed directly.
   *
   * <p>The double-double serves the purpose of the reference's split
   * e^{−ys²/2}·e^{−(y−ys)(y+ys)/2} (full relative accuracy of tail probabilities) with one
   * exponential instead of two, which is a quarter of the lane work.
   */
  private static boolean arguments(double logSk, double rqT, double vol, double sqrtT, double phi, double[] returns,
      double[] shifts, int lo, int lanes, Scratch sc) {
    boolean direct = false;
    // σ + shift; with σ = 0 (the smile path passes whole vols as the shifts) the sum is the shift,
    // up to the sign of a zero, which the floor removes.
    boolean addVol = vol != 0.0;
    double sd0 = Math.max(vol, ScenarioColumns.VOL_FLOOR) * sqrtT;
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    DoubleVector sdConst = DoubleVector.broadcast(SPECIES, sd0);
    DoubleVector invConst = DoubleVector.broadcast(SPECIES, 1.0 / sd0);
    for (int j = 0; j < lanes; j += LANES) {
      DoubleVector sd = sdConst;
      DoubleVector inv = invConst;
      if (shifts != null) {
        DoubleVector v = DoubleVector.fromArray(SPECIES, shifts, lo + j);
        if (addVol) {
          v = v.add(vol);
        }
        sd = v.max(ScenarioColumns.VOL_FLOOR).mul(sqrtT);
        inv = one.div(sd);
      }
      // log(S'/K) = log(S/K) + return: one logarithm per position instead of one per scenario.
      DoubleVector d1 = DoubleVector.fromArray(SPECIES, returns, lo + j).add(logSk).add(rqT).mul(inv)
          .add(sd.mul(0.5));
      DoubleVector d2 = d1.sub(sd);
      d1.mul(phi).intoArray(sc.x, j);
      d2.mul(phi).intoArray(sc.x, TILE + j);
      // e^{−y²/2} with y² carried as hi + lo (exact product by fma): exp(−hi/2)·(1 − lo/2).
      DoubleVector y = d1.abs().min(VectorNormal.EXP_CLAMP);
      DoubleVector hi = y.mul(y);
      hi.mul(-0.5).intoArray(sc.e, j);
      y.fma(y, hi.neg()).mul(-0.5).intoArray(sc.n, j);
      direct |= y.compare(GT, IDENTITY_LIMIT).and(d2.abs().compare(LT, VectorNormal.LOWER_LIMIT)).anyTrue();
    }
    return direct;
  }

  /**
   * e^{−d1²/2} = e^{−hi/2}·(1 − lo/2), and e^{−d2²/2} = e^{−d1²/2}·(S'/K)·e^{(r−q)T'} =
   * e^{−d1²/2}·growth·ratio with ratio = S·e^{−qT'}/(K·e^{−rT'}).
   */
  private static void halfSquareExponentials(double ratio, double[] growth, int lo, int lanes, Scratch sc) {
    VectorMath.exp(sc.e, 0, lanes);
    for (int j = 0; j < lanes; j += LANES) {
      DoubleVector eHi = DoubleVector.fromArray(SPECIES, sc.e, j);
      DoubleVector e1 = eHi.fma(DoubleVector.fromArray(SPECIES, sc.n, j), eHi); // e^{hi}·(1 + lo)
      e1.mul(DoubleVector.fromArray(SPECIES, growth, lo + j).mul(ratio)).intoArray(sc.e, TILE + j);
    }
  }

  /** The rare lanes where |d1| > 37 but |d2| is below the CDF's limit: e^{−d2²/2} directly (scalar). */
  private static void directSecondExponential(int lanes, Scratch sc) {
    for (int j = 0; j < lanes; j++) {
      double y1 = Math.abs(sc.x[j]);
      double y2 = Math.abs(sc.x[TILE + j]);
      if (Math.min(y1, VectorNormal.EXP_CLAMP) > IDENTITY_LIMIT && y2 < VectorNormal.LOWER_LIMIT) {
        double ys = Math.floor(y2 * 16.0) / 16.0;
        sc.e[TILE + j] = Math.exp(-ys * ys * 0.5) * Math.exp(-(y2 - ys) * (y2 + ys) * 0.5);
      }
    }
  }

  /**
   * P&amp;L = size·φ·(S'e^{−qT'}N(φd1) − Ke^{−rT'}N(φd2)) − today's value, added into the
   * destinations. When {@code tiny} (√T' so small that σ'√T' may fall below
   * {@link ReferencePricer#MIN_STDDEV}), lanes below it take the reference's zero-variance value
   * max(φ(S'e^{−qT'} − Ke^{−rT'}), 0)·size instead.
   */
  private static void prices(double sDfQ, double kDfR, double phi, double size, double baseValue, double[] growth,
      int lo, int lanes, Scratch sc, double[] dst1, double[] dst2, int off, double[] shifts, boolean tiny, double vol,
      double sqrtT) {
    double phiSize = phi * size;
    for (int j = 0; j < lanes; j += LANES) {
      DoubleVector g = DoubleVector.fromArray(SPECIES, growth, lo + j);
      DoubleVector pnl = g.mul(sDfQ).mul(DoubleVector.fromArray(SPECIES, sc.n, j))
          .sub(DoubleVector.fromArray(SPECIES, sc.n, TILE + j).mul(kDfR)).mul(phiSize).sub(baseValue);
      if (tiny) {
        DoubleVector sd = shifts == null ? DoubleVector.broadcast(SPECIES, vol)
            : DoubleVector.fromArray(SPECIES, shifts, lo + j).add(vol);
        VectorMask<Double> zeroVariance = sd.max(ScenarioColumns.VOL_FLOOR).mul(sqrtT).compare(LT, ReferencePricer.MIN_STDDEV);
        pnl = pnl.blend(g.mul(sDfQ).sub(kDfR).mul(phi).max(0.0).mul(size).sub(baseValue), zeroVariance);
      }
      DoubleVector.fromArray(SPECIES, dst1, off + j).add(pnl).intoArray(dst1, off + j);
      if (dst2 != null) {
        DoubleVector.fromArray(SPECIES, dst2, off + j).add(pnl).intoArray(dst2, off + j);
      }
    }
  }

  /** Options expiring within the horizon: P&amp;L = max(φ(S' − K), 0)·size − today's value. */
  private static void payoffLanes(double phi, double s, double k, double size, double baseValue, double[] growth,
      int lo, int lanes, double[] dst1, double[] dst2, int off) {
    for (int j = 0; j < lanes; j += LANES) {
      DoubleVector pnl = DoubleVector.fromArray(SPECIES, growth, lo + j).mul(s).sub(k).mul(phi).max(0.0).mul(size)
          .sub(baseValue);
      DoubleVector.fromArray(SPECIES, dst1, off + j).add(pnl).intoArray(dst1, off + j);
      if (dst2 != null) {
        DoubleVector.fromArray(SPECIES, dst2, off + j).add(pnl).intoArray(dst2, off + j);
      }
    }
  }

  /** Lane data: the scenarios' returns, vol shifts (null: none) and spot growth e^{return} per underlying. */
  private static final class Lanes {
    final int padded;
    final double[][] returns;
    final double[][] shifts;
    final double[][] growth;

    private Lanes(double[][] returns, double[][] shifts, int padded) {
      this.returns = returns;
      this.shifts = shifts;
      this.padded = padded;
      this.growth = new double[returns.length][];
      for (int u = 0; u < returns.length; u++) {
        growth[u] = returns[u].clone();
        VectorMath.exp(growth[u], 0, padded);
      }
    }

    /** Scenarios {@code [s0, s0 + len)} (len ≤ TILE), padded with zero moves to whole vectors. */
    static Lanes ofScenarios(ScenarioColumns sc, int s0, int len) {
      int padded = (len + LANES - 1) / LANES * LANES;
      int count = sc.underlyings();
      double[][] returns = new double[count][padded];
      double[][] shifts = new double[count][];
      for (int u = 0; u < count; u++) {
        MemorySegment.copy(sc.spotReturn()[u], ValueLayout.JAVA_DOUBLE_UNALIGNED, 8L * s0, returns[u], 0, len);
        if (sc.volShift()[u] != null) {
          shifts[u] = new double[padded];
          MemorySegment.copy(sc.volShift()[u], ValueLayout.JAVA_DOUBLE_UNALIGNED, 8L * s0, shifts[u], 0, len);
        }
      }
      return new Lanes(returns, shifts, padded);
    }

    /** The chosen scenarios, gathered and padded with zero moves to whole vectors. */
    static Lanes ofIndices(ScenarioColumns sc, int[] indices) {
      int padded = (indices.length + LANES - 1) / LANES * LANES;
      int count = sc.underlyings();
      double[][] returns = new double[count][padded];
      double[][] shifts = new double[count][];
      for (int u = 0; u < count; u++) {
        boolean moved = sc.volShift()[u] != null;
        shifts[u] = moved ? new double[padded] : null;
        for (int j = 0; j < indices.length; j++) {
          returns[u][j] = sc.spotReturn(u, indices[j]);
          if (moved) {
            shifts[u][j] = sc.volShift(u, indices[j]);
          }
        }
      }
      return new Lanes(returns, shifts, padded);
    }
  }

  /** Lane intermediates: x = φd1 | φd2, e = −hi/2 then e^{−d²/2}, n = −lo/2 then N(φd). */
  private static final class Scratch {
    final double[] x = new double[2 * TILE];
    final double[] e = new double[2 * TILE];
    final double[] n = new double[2 * TILE];
    private double[] vols = new double[0];
    private double[] nextVols = new double[0];
    /** The row whose scenario vols {@link #vols} holds (computed ahead), or −1. */
    int volsRow = -1;
    /** The row whose scenario vols {@link #nextVols} holds, or −1. */
    int nextRow = -1;

    /** Scenario vols of the smile path, at least n long. */
    double[] vols(int n) {
      if (vols.length < n) {
        vols = new double[Math.max(n, TILE)];
        volsRow = -1;
      }
      return vols;
    }

    /** The next option's scenario vols, at least n long. */
    double[] nextVols(int n) {
      if (nextVols.length < n) {
        nextVols = new double[Math.max(n, TILE)];
      }
      return nextVols;
    }

    /** The next option's vols become the current ones. */
    void swapVols() {
      double[] t = vols;
      vols = nextVols;
      nextVols = t;
      volsRow = nextRow;
      nextRow = -1;
    }

  }

  /**
   * Per-group partial sums, added to the accumulator in group order once all of a group's tiles
   * are done; groups finish roughly in order, so few partials are alive at a time.
   */
  private static final class GroupSums {
    private final int underlyings;
    private final int scenarios;
    private final int paddedScenarios;
    private final PnlAccumulator out;
    private final double[][][] partials;
    private final AtomicIntegerArray remaining;
    private final boolean[] complete;
    private int nextToAdd;

    GroupSums(int groups, int tiles, int underlyings, int scenarios, PnlAccumulator out) {
      this.underlyings = underlyings;
      this.scenarios = scenarios;
      this.paddedScenarios = (tiles - 1) * TILE + ((scenarios - (tiles - 1) * TILE) + LANES - 1) / LANES * LANES;
      this.out = out;
      this.partials = new double[groups][][];
      this.remaining = new AtomicIntegerArray(groups);
      for (int g = 0; g < groups; g++) {
        remaining.set(g, tiles);
      }
      this.complete = new boolean[groups];
    }

    /** Group g's partial sums ({@code [u][s]}, then the total at index {@code underlyings}), created on first use. */
    synchronized double[][] partial(int g) {
      if (partials[g] == null) {
        partials[g] = new double[underlyings + 1][paddedScenarios];
      }
      return partials[g];
    }

    /** One of group g's tiles is done; when all are, adds every finished group in order. */
    void done(int g) {
      if (remaining.decrementAndGet(g) > 0) {
        return;
      }
      synchronized (this) {
        complete[g] = true;
        while (nextToAdd < complete.length && complete[nextToAdd]) {
          double[][] p = partials[nextToAdd];
          double[] total = out.portfolio();
          double[] groupTotal = p[underlyings];
          for (int s = 0; s < scenarios; s++) {
            total[s] += groupTotal[s];
          }
          for (int u = 0; u < underlyings; u++) {
            double[] mine = out.byUnderlying()[u];
            double[] theirs = p[u];
            for (int s = 0; s < scenarios; s++) {
              mine[s] += theirs[s];
            }
          }
          partials[nextToAdd] = null;
          nextToAdd++;
        }
      }
    }
  }
}

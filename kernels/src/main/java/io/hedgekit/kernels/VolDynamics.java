package io.hedgekit.kernels;

import io.hedgekit.kernels.market.VolSmile;
import java.util.Arrays;
import java.util.List;

/**
 * How a scenario moves each option's implied vol, beside the scenario's own vol shift.
 *
 * <p>An option of underlying u with strike K, time to expiry T (today), vol σ, rate r and carry q,
 * in a scenario with log return x, vol shift Δ and horizon h, is repriced at the vol
 * <pre>
 *   sticky strike:     σ′ = σ + Δ·c(T)
 *   sticky moneyness:  σ′ = σ + (σ_u(k′, T) − σ_u(k₀, T)) + Δ·c(T)     when u has a smile
 * </pre>
 * then floored at {@link ScenarioColumns#VOL_FLOOR}, where σ_u is the smile of u read at the
 * option's expiry, k₀ = ln(K/F) with today's forward F = S·e^{(r−q)T}, and k′ = ln(K/F′) with
 * the scenario's forward F′ = S·e^{x}·e^{(r−q)(T−h)}. An option priced from the smile has
 * σ = σ_u(k₀, T), so it takes the smile vol at the moved moneyness; an option with its own vol
 * keeps its spread over the smile. Underlyings without a smile stay sticky-strike.
 * c(T) = 1 for {@link ShiftTerm#PARALLEL} shifts and c(T) = sqrt(30 days / max(T, 1 day)) for
 * {@link ShiftTerm#SQRT} (short expiries move more; capped at sqrt(30) ≈ 5.48 below one day).
 *
 * <p>The smiles travel as flat arrays (per underlying index u, slices {@code offsets[u] ..
 * offsets[u+1]}, times in years and five parameters a, b, ρ, m, σ per slice) so that every backend
 * reads the same numbers. Immutable.
 */
public final class VolDynamics {

  /** What a spot move does to the vol of a fixed strike. */
  public enum Mode {
    /** The vol of each strike stays put. */
    STICKY_STRIKE,
    /** The smile moves with the forward: each option's vol is re-read at its new log-moneyness. */
    STICKY_MONEYNESS
  }

  /** How a scenario's vol shift applies across expiries. */
  public enum ShiftTerm {
    /** The same shift at every expiry. */
    PARALLEL,
    /** The shift times sqrt(30 days / T): a 30-day option moves by the shift. */
    SQRT
  }

  /** Reference expiry of {@link ShiftTerm#SQRT}: 30 days, in years. */
  public static final double SQRT_TERM_REFERENCE_YEARS = 30.0 / Conventions.DAYS_PER_YEAR;
  /** Shortest expiry {@link ShiftTerm#SQRT} scales by: one day, in years. */
  public static final double SQRT_TERM_MIN_YEARS = 1.0 / Conventions.DAYS_PER_YEAR;

  /** Sticky strike, parallel shifts: the rule of every kernel before smiles existed. */
  public static final VolDynamics STICKY_STRIKE =
      new VolDynamics(Mode.STICKY_STRIKE, ShiftTerm.PARALLEL, new int[] {0}, new double[0], new double[0]);

  private final Mode mode;
  private final ShiftTerm shiftTerm;
  private final int[] offsets;
  private final double[] times;
  private final double[] params;

  private VolDynamics(Mode mode, ShiftTerm shiftTerm, int[] offsets, double[] times, double[] params) {
    this.mode = mode;
    this.shiftTerm = shiftTerm;
    this.offsets = offsets;
    this.times = times;
    this.params = params;
  }

  /**
   * @param mode sticky strike or sticky moneyness
   * @param shiftTerm parallel or sqrt-scaled vol shifts
   * @param smiles per underlying index, the smile or null (ignored under sticky strike)
   */
  public static VolDynamics of(Mode mode, ShiftTerm shiftTerm, List<VolSmile> smiles) {
    int[] offsets = new int[smiles.size() + 1];
    int total = 0;
    for (int u = 0; u < smiles.size(); u++) {
      VolSmile s = mode == Mode.STICKY_MONEYNESS ? smiles.get(u) : null;
      total += s == null ? 0 : s.slices().size();
      offsets[u + 1] = total;
    }
    double[] times = new double[total];
    double[] params = new double[5 * total];
    for (int u = 0; u < smiles.size(); u++) {
      if (offsets[u + 1] > offsets[u]) {
        VolSmile s = smiles.get(u);
        System.arraycopy(s.times(), 0, times, offsets[u], offsets[u + 1] - offsets[u]);
        System.arraycopy(s.parameters(), 0, params, 5 * offsets[u], 5 * (offsets[u + 1] - offsets[u]));
      }
    }
    if (mode == Mode.STICKY_STRIKE && shiftTerm == ShiftTerm.PARALLEL) {
      return STICKY_STRIKE;
    }
    return new VolDynamics(mode, shiftTerm, offsets, times, params);
  }

  public Mode mode() {
    return mode;
  }

  public ShiftTerm shiftTerm() {
    return shiftTerm;
  }

  /** Whether this is plain sticky strike with parallel shifts (kernels then take their old path). */
  public boolean isStickyStrikeParallel() {
    return mode == Mode.STICKY_STRIKE && shiftTerm == ShiftTerm.PARALLEL;
  }

  /** Whether underlying u's options are re-read on its smile (sticky moneyness and u has a smile). */
  public boolean movesSmile(int u) {
    return u + 1 < offsets.length && offsets[u + 1] > offsets[u];
  }

  /** Per underlying the first slice index, then the total: {@code underlyings + 1} values (a copy). */
  public int[] offsets() {
    return offsets.clone();
  }

  /** Slice times, years (a copy). */
  public double[] times() {
    return times.clone();
  }

  /** Slice parameters, a, b, ρ, m, σ per slice (a copy). */
  public double[] parameters() {
    return params.clone();
  }

  /** The vol-shift multiplier c(T) for an option with T years to expiry today. */
  public double shiftScale(double timeYears) {
    return shiftTerm == ShiftTerm.PARALLEL ? 1.0
        : Math.sqrt(SQRT_TERM_REFERENCE_YEARS / Math.max(timeYears, SQRT_TERM_MIN_YEARS));
  }

  /**
   * Interpolation weights of underlying u's smile at T (see {@link VolSmile#weights}):
   * {@code out = {first slice index (absolute), weight, second slice index, weight}}.
   */
  public void weights(int u, double timeYears, double[] out) {
    int from = offsets[u];
    VolSmile.weights(times, from, offsets[u + 1] - from, timeYears, out);
    out[0] += from;
    out[2] += from;
  }

  /** Doubles per option written by {@link #laneCoefficients}. */
  public static final int LANE_COEFFICIENTS = 12;
  /** {@link #laneCoefficients} layout: per slice X = k_base − m, S = σ², B = c·b/T (slice 2 zero if unused). */
  public static final int X1 = 0;
  public static final int S1 = 1;
  public static final int B1 = 2;
  public static final int X2 = 3;
  public static final int S2 = 4;
  public static final int B2 = 5;
  /** The part of w/T linear in the return: L + R·return. */
  public static final int L = 6;
  public static final int R = 7;
  /** The smile vol at today's moneyness, and the option's own vol. */
  public static final int VOL_NOW = 8;
  public static final int VOL = 9;
  /** The vol-shift multiplier c(T). */
  public static final int SCALE = 10;
  /** How many SVI slices the option reads: 0 (no smile moves), 1 (a listed expiry or outside the slices) or 2. */
  public static final int SLICES = 11;

  /**
   * Everything of one option's scenario vol that does not depend on the scenario, so that per
   * scenario (spot return x, vol shift Δ) the vol before the floor is {@link #scenarioVol}:
   * <pre>
   *   lin = fma(R, x, L)
   *   v   = fma(B1, sqrt(fma(y1, y1, S1)), lin),  y1 = X1 − x
   *   v   = fma(B2, sqrt(fma(y2, y2, S2)), v),    y2 = X2 − x     (two slices only)
   *   σ′  = fma(Δ, c(T), σ + (sqrt(max(v, 0)) − σ_now))
   * </pre>
   * This is the rule of the class comment rewritten per option: each slice i read with weight
   * c_i (at most two, from {@link #weights}; a slice with weight 0 is left out, so an option on a
   * listed expiry reads one) contributes c_i·w_i(k′)/T = A_i + R_i·(k′ − m_i) + B_i·sqrt((k′ −
   * m_i)² + σ_i²) with A_i = c_i·a_i/T, R_i = c_i·b_i·ρ_i/T, B_i = c_i·b_i/T and k′ − m_i = X_i −
   * x, X_i = k_base − m_i, k_base = ln(K/S) − (r − q)·(T − h); the terms linear in x are folded
   * into L = Σ fma(R_i, X_i, A_i) and R = −Σ R_i. σ_now is the same evaluation at today's
   * moneyness (k_base at h = 0, x = 0), so a scenario that moves nothing over no horizon gives
   * σ′ = σ exactly. Every backend computes these values with this method (the reference and the
   * cpu kernel) or a line-by-line port of it (OpenCL), and evaluates σ′ with exactly the
   * operations above, fused multiply-adds included.
   *
   * <p>Underlyings whose smile does not move (sticky strike, or no smile) get {@code SLICES = 0}
   * and σ′ = fma(Δ, c(T), σ).
   *
   * @param u underlying index
   * @param vol the option's vol today (decimal)
   * @param logKs ln(K/S) today
   * @param rq r − q
   * @param timeYears T, years to expiry today (&gt; 0)
   * @param horizonYears h, the scenario horizon in years
   * @param out receives {@link #LANE_COEFFICIENTS} values from {@code at}
   */
  public void laneCoefficients(int u, double vol, double logKs, double rq, double timeYears, double horizonYears,
      double[] out, int at) {
    Arrays.fill(out, at, at + LANE_COEFFICIENTS, 0.0);
    out[at + VOL] = vol;
    out[at + SCALE] = shiftScale(timeYears);
    if (!movesSmile(u)) {
      return;
    }
    double[] w = new double[4];
    weights(u, timeYears, w);
    out[at + SLICES] = fold(w, timeYears, logKs - rq * timeYears, out, at);
    out[at + VOL_NOW] = Math.sqrt(Math.max(variance(out, at, 0.0), 0.0));
    fold(w, timeYears, logKs - rq * (timeYears - horizonYears), out, at);
  }

  /** X, S, B per slice and L, R of the class comment's fold at {@code kBase}; returns the slice count. */
  private int fold(double[] weights, double timeYears, double kBase, double[] out, int at) {
    int slices = 0;
    double lin = 0.0;
    double slope = 0.0;
    for (int j = 0; j < 2; j++) {
      double c = weights[2 * j + 1];
      if (c == 0.0) {
        continue;
      }
      int i = (int) weights[2 * j];
      double cb = c * params[5 * i + 1] / timeYears;
      double a = c * params[5 * i] / timeYears;
      double r = cb * params[5 * i + 2];
      double x = kBase - params[5 * i + 3];
      int o = at + 3 * slices;
      out[o] = x;
      out[o + 1] = params[5 * i + 4] * params[5 * i + 4];
      out[o + 2] = cb;
      lin = slices == 0 ? Math.fma(r, x, a) : lin + Math.fma(r, x, a);
      slope = slices == 0 ? r : slope + r;
      slices++;
    }
    out[at + L] = lin;
    out[at + R] = -slope;
    return slices;
  }

  /** w/T at spot return x from {@link #laneCoefficients}' values (one or two slices). */
  private static double variance(double[] co, int at, double spotReturn) {
    double y1 = co[at + X1] - spotReturn;
    double v = Math.fma(co[at + B1], Math.sqrt(Math.fma(y1, y1, co[at + S1])), Math.fma(co[at + R], spotReturn,
        co[at + L]));
    if (co[at + SLICES] == 2.0) {
      double y2 = co[at + X2] - spotReturn;
      v = Math.fma(co[at + B2], Math.sqrt(Math.fma(y2, y2, co[at + S2])), v);
    }
    return v;
  }

  /**
   * The scenario vol before the floor from {@link #laneCoefficients}' values at {@code at}, by
   * the operations given there (the reference's scalar form, which every backend matches).
   *
   * @param spotReturn the scenario's log return x of the underlying
   * @param volShift the scenario's vol shift Δ (decimal)
   */
  public static double scenarioVol(double[] co, int at, double spotReturn, double volShift) {
    double moved = co[at + VOL];
    if (co[at + SLICES] != 0.0) {
      moved = co[at + VOL] + (Math.sqrt(Math.max(variance(co, at, spotReturn), 0.0)) - co[at + VOL_NOW]);
    }
    return Math.fma(volShift, co[at + SCALE], moved);
  }

  @Override
  public String toString() {
    return "VolDynamics[" + mode + ", " + shiftTerm + ", smiles at " + Arrays.toString(offsets) + "]";
  }
}

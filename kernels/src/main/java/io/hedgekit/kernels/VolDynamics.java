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

  /** Doubles per position written by {@link #coefficients}. */
  public static final int COEFFICIENTS = 10;

  /**
   * Per-position coefficients of the smile at T, from {@link #weights}: for each slice i with
   * weight c (at most two; a slice with weight 0 is left out, so an option on a listed expiry
   * reads one), {@code A = c·a/T, R = c·b·ρ/T, B = c·b/T, S = σ², m}, so that
   * w(k)/T = Σ A + R·x + B·sqrt(x² + S) with x = k − m.
   *
   * @param out receives {A1, R1, B1, S1, m1, A2, R2, B2, S2, m2}
   * @return the number of slices, 1 or 2
   */
  public int coefficients(double[] weights, double timeYears, double[] out) {
    int slices = 0;
    for (int j = 0; j < 2; j++) {
      double c = weights[2 * j + 1];
      if (c == 0.0) {
        continue;
      }
      int i = (int) weights[2 * j];
      double cb = c * params[5 * i + 1] / timeYears;
      int o = 5 * slices;
      out[o] = c * params[5 * i] / timeYears;
      out[o + 1] = cb * params[5 * i + 2];
      out[o + 2] = cb;
      out[o + 3] = params[5 * i + 4] * params[5 * i + 4];
      out[o + 4] = params[5 * i + 3];
      slices++;
    }
    return slices;
  }

  /**
   * The smile vol sqrt(max(w/T, 0)) at x_i = (kBase − m_i) − return, from {@link #coefficients}:
   * per slice fma(B, sqrt(fma(x, x, S)), fma(R, x, A)), summed. Every backend evaluates exactly
   * these operations (fused multiply-adds included), per scenario.
   *
   * @param kBase ln(K/S) − (r − q)·(T − h): the scenario's log-moneyness before the spot return
   */
  public static double smileVol(double[] co, int slices, double kBase, double spotReturn) {
    double x1 = (kBase - co[4]) - spotReturn;
    double v = Math.fma(co[2], Math.sqrt(Math.fma(x1, x1, co[3])), Math.fma(co[1], x1, co[0]));
    if (slices == 2) {
      double x2 = (kBase - co[9]) - spotReturn;
      v += Math.fma(co[7], Math.sqrt(Math.fma(x2, x2, co[8])), Math.fma(co[6], x2, co[5]));
    }
    return Math.sqrt(Math.max(v, 0.0));
  }

  /**
   * The scenario vol before the floor, by the rule in the class comment (the reference's scalar
   * form; {@code co}/{@code slices} from {@link #coefficients}, ignored when u has no smile):
   * fma(shift, c(T), σ + (smileVol(k′) − smileVol(k₀))).
   *
   * @param logKs ln(K/S) today
   * @param rq r − q
   */
  public double scenarioVol(int u, double[] co, int slices, double vol, double logKs, double rq, double timeYears,
      double horizonYears, double spotReturn, double volShift) {
    double moved = vol;
    if (movesSmile(u)) {
      double now = smileVol(co, slices, logKs - rq * timeYears, 0.0);
      moved = vol + (smileVol(co, slices, logKs - rq * (timeYears - horizonYears), spotReturn) - now);
    }
    return Math.fma(volShift, shiftScale(timeYears), moved);
  }

  @Override
  public String toString() {
    return "VolDynamics[" + mode + ", " + shiftTerm + ", smiles at " + Arrays.toString(offsets) + "]";
  }
}

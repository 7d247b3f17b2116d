package io.hedgekit.kernels.market;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An implied-volatility smile per expiry: one raw {@link SviSlice} per listed expiry, in total
 * variance w over log-moneyness k = ln(K/F_T), F_T the underlying's forward to T.
 *
 * <p>Between slices total variance is linear in T at the same k; before the first slice
 * w(k, T) = w₁(k)·T/T₁ and after the last w(k, T) = w_n(k)·T/T_n, so outside the listed range
 * an option gets the implied vol of the nearest slice at its k. Implied vol is sqrt(w(k, T)/T).
 *
 * <p>Immutable and thread-safe.
 */
public final class VolSmile {

  /** Half-width of the default k grid of {@link #check}: at least this much log-moneyness. */
  public static final double MIN_GRID_HALF_WIDTH = 2.0;
  /** Points of the k grid of {@link #check}. */
  public static final int GRID_POINTS = 4001;
  /** g(k) and calendar differences above −TOLERANCE count as holding (rounding of w near 0). */
  public static final double TOLERANCE = 1e-12;

  /**
   * One expiry's slice.
   *
   * @param expiry the expiry instant (for messages and files)
   * @param timeYears ACT/365 years from the valuation time to the expiry, &gt; 0
   * @param svi the slice's parameters
   */
  public record Slice(Instant expiry, double timeYears, SviSlice svi) {
    public Slice {
      Objects.requireNonNull(expiry, "expiry");
      Objects.requireNonNull(svi, "svi");
      if (!(timeYears > 0) || Double.isInfinite(timeYears)) {
        throw new IllegalArgumentException("smile slice " + expiry + " must expire after the valuation time, T was "
            + timeYears + " years");
      }
    }
  }

  /**
   * A failed no-arbitrage condition.
   *
   * @param slice index of the slice (in expiry order)
   * @param expiry that slice's expiry
   * @param condition which condition: "parameters", "butterfly" (Durrleman g(k) ≥ 0) or "calendar"
   * @param kFrom smallest k of the grid where it fails (NaN for parameter conditions)
   * @param kTo largest k of the grid where it fails (NaN for parameter conditions)
   * @param detail a sentence with the numbers
   */
  public record Violation(int slice, Instant expiry, String condition, double kFrom, double kTo, String detail) {
  }

  private final List<Slice> slices;
  private final double[] times;
  private final double[] params;

  /**
   * @param slices at least one, sorted by expiry with no repeats
   * @throws IllegalArgumentException if empty, unsorted or repeated
   */
  public VolSmile(List<Slice> slices) {
    this.slices = List.copyOf(slices);
    if (this.slices.isEmpty()) {
      throw new IllegalArgumentException("smile needs at least one slice");
    }
    times = new double[this.slices.size()];
    params = new double[5 * this.slices.size()];
    for (int i = 0; i < times.length; i++) {
      Slice s = this.slices.get(i);
      times[i] = s.timeYears();
      if (i > 0 && !(times[i] > times[i - 1])) {
        throw new IllegalArgumentException("smile slices must be sorted by expiry with no repeats: "
            + this.slices.get(i - 1).expiry() + " then " + s.expiry());
      }
      params[5 * i] = s.svi().a();
      params[5 * i + 1] = s.svi().b();
      params[5 * i + 2] = s.svi().rho();
      params[5 * i + 3] = s.svi().m();
      params[5 * i + 4] = s.svi().sigma();
    }
  }

  /**
   * This smile moved along log-moneyness by {@code d}: w′(k) = w(k + d) at every expiry (each
   * slice's m becomes m − d; a, b, ρ, σ and the no-arbitrage checks are unchanged). With
   * d = ln(F′/F) it keeps every strike's vol when every forward moves from F to F′ (sticky strike).
   */
  public VolSmile shiftedInMoneyness(double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("moneyness shift must be finite, was " + d);
    }
    if (d == 0.0) {
      return this;
    }
    List<Slice> moved = new ArrayList<>(slices.size());
    for (Slice s : slices) {
      SviSlice p = s.svi();
      moved.add(new Slice(s.expiry(), s.timeYears(), new SviSlice(p.a(), p.b(), p.rho(), p.m() - d, p.sigma())));
    }
    return new VolSmile(moved);
  }

  /** The slices, in expiry order. */
  public List<Slice> slices() {
    return slices;
  }

  /** Slice times, ACT/365 years (a copy). */
  public double[] times() {
    return times.clone();
  }

  /** Slice parameters a, b, ρ, m, σ, five per slice in expiry order (a copy). */
  public double[] parameters() {
    return params.clone();
  }

  /**
   * The interpolation weights of time T: total variance at T is
   * {@code out[1]·w_{out[0]}(k) + out[3]·w_{out[2]}(k)} (indices stored as doubles).
   *
   * @param times slice times, strictly increasing, at least one
   * @param from first slice of the smile in {@code times}
   * @param count number of slices of the smile
   * @param t time to expiry, years, &gt; 0
   * @param out receives {index1, weight1, index2, weight2}, indices relative to {@code from}
   */
  public static void weights(double[] times, int from, int count, double t, double[] out) {
    if (t <= times[from]) {
      set(out, 0, t / times[from], 0, 0.0);
      return;
    }
    int last = from + count - 1;
    if (t >= times[last]) {
      set(out, count - 1, t / times[last], count - 1, 0.0);
      return;
    }
    int hi = from + 1;
    while (times[hi] < t) {
      hi++;
    }
    double lambda = (t - times[hi - 1]) / (times[hi] - times[hi - 1]);
    set(out, hi - 1 - from, 1.0 - lambda, hi - from, lambda);
  }

  private static void set(double[] out, int i1, double c1, int i2, double c2) {
    out[0] = i1;
    out[1] = c1;
    out[2] = i2;
    out[3] = c2;
  }

  /** Total implied variance at log-moneyness k and time T (years, &gt; 0). */
  public double totalVariance(double k, double timeYears) {
    double[] c = new double[4];
    weights(times, 0, times.length, timeYears, c);
    return c[1] * slice((int) c[0]).w(k) + c[3] * slice((int) c[2]).w(k);
  }

  /** Implied vol (decimal) at log-moneyness k = ln(K/F_T) and time T (years, &gt; 0). */
  public double vol(double k, double timeYears) {
    return Math.sqrt(Math.max(totalVariance(k, timeYears), 0.0) / timeYears);
  }

  /** ∂σ/∂k at (k, T): w′(k, T)/(2·σ·T), the slope of the smile in log-moneyness. */
  public double volSlope(double k, double timeYears) {
    double[] c = new double[4];
    weights(times, 0, times.length, timeYears, c);
    double w1 = c[1] * slice((int) c[0]).w1(k) + c[3] * slice((int) c[2]).w1(k);
    double vol = vol(k, timeYears);
    return vol > 0 ? w1 / (2.0 * vol * timeYears) : 0.0;
  }

  private SviSlice slice(int i) {
    return slices.get(i).svi();
  }

  /**
   * The k grid {@link #check} uses: {@link #GRID_POINTS} points over ±max(2, 6·sqrt(w_n(m_n))),
   * six standard deviations of the longest slice around the money.
   */
  public double[] grid() {
    SviSlice last = slice(slices.size() - 1);
    double half = Math.max(MIN_GRID_HALF_WIDTH, 6.0 * Math.sqrt(Math.max(last.w(last.m()), 0.0)) + Math.abs(last.m()));
    double[] k = new double[GRID_POINTS];
    for (int j = 0; j < k.length; j++) {
      k[j] = -half + 2.0 * half * j / (k.length - 1);
    }
    return k;
  }

  /**
   * Every failed no-arbitrage condition, per slice: the parameter conditions of
   * {@link SviSlice#staticViolations}, Durrleman's butterfly condition g(k) ≥ 0 on {@link #grid}
   * (Gatheral and Jacquier 2014) and no calendar arbitrage (w_i(k) ≥ w_{i−1}(k) at every grid k).
   *
   * @return empty when the smile is free of static arbitrage on the grid
   */
  public List<Violation> check() {
    double[] k = grid();
    List<Violation> out = new ArrayList<>();
    for (int i = 0; i < slices.size(); i++) {
      Slice s = slices.get(i);
      for (String v : s.svi().staticViolations()) {
        out.add(new Violation(i, s.expiry(), "parameters", Double.NaN, Double.NaN, v));
      }
      double lo = Double.NaN;
      double hi = Double.NaN;
      double worst = Double.POSITIVE_INFINITY;
      for (double x : k) {
        double g = s.svi().g(x);
        if (!(g >= -TOLERANCE)) {
          lo = Double.isNaN(lo) ? x : lo;
          hi = x;
          worst = Math.min(worst, g);
        }
      }
      if (!Double.isNaN(lo)) {
        out.add(new Violation(i, s.expiry(), "butterfly", lo, hi,
            "Durrleman g(k) >= 0 fails for k in [" + fmt(lo) + ", " + fmt(hi) + "], min g = " + worst));
      }
      if (i > 0) {
        SviSlice prev = slice(i - 1);
        lo = Double.NaN;
        double gap = 0;
        for (double x : k) {
          double d = s.svi().w(x) - prev.w(x);
          if (!(d >= -TOLERANCE)) {
            lo = Double.isNaN(lo) ? x : lo;
            hi = x;
            gap = Math.min(gap, d);
          }
        }
        if (!Double.isNaN(lo)) {
          out.add(new Violation(i, s.expiry(), "calendar", lo, hi, "total variance falls below the previous slice ("
              + slices.get(i - 1).expiry() + ") for k in [" + fmt(lo) + ", " + fmt(hi) + "], by up to " + (-gap)));
        }
      }
    }
    return out;
  }

  /** The minimum of Durrleman's g over {@link #grid} for slice i. */
  public double minimumG(int i) {
    double min = Double.POSITIVE_INFINITY;
    for (double x : grid()) {
      min = Math.min(min, slice(i).g(x));
    }
    return min;
  }

  private static String fmt(double x) {
    return String.format(java.util.Locale.ROOT, "%.4f", x);
  }
}

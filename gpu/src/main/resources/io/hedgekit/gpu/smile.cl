// Vol dynamics of scenario revaluation: a line-by-line port of io.hedgekit.kernels.VolDynamics
// (scenarioVol, smileVol, weights) and SviSlice.totalVariance, in the same operation order.
// Smiles come as flat buffers: per underlying u, slices [offsets[u], offsets[u + 1]) with times in
// years and five parameters a, b, rho, m, sigma per slice.

#define SQRT_TERM_REFERENCE_YEARS (30.0 / 365.0)
#define SQRT_TERM_MIN_YEARS (1.0 / 365.0)

/* Raw SVI total variance of slice i at log-moneyness k (SviSlice.totalVariance). */
double svi_total_variance(__global const double *params, int i, double k) {
  __global const double *p = params + (size_t) 5 * (size_t) i;
  double x = k - p[3];
  return p[0] + p[1] * (p[2] * x + sqrt(x * x + p[4] * p[4]));
}

/* Interpolation weights of time t over slices [from, from + count) (VolSmile.weights). */
void smile_weights(__global const double *times, int from, int count, double t, int *i1, double *c1, int *i2,
    double *c2) {
  if (t <= times[from]) {
    *i1 = from;
    *c1 = t / times[from];
    *i2 = from;
    *c2 = 0.0;
    return;
  }
  int last = from + count - 1;
  if (t >= times[last]) {
    *i1 = last;
    *c1 = t / times[last];
    *i2 = last;
    *c2 = 0.0;
    return;
  }
  int hi = from + 1;
  while (times[hi] < t) {
    hi++;
  }
  double lambda = (t - times[hi - 1]) / (times[hi] - times[hi - 1]);
  *i1 = hi - 1;
  *c1 = 1.0 - lambda;
  *i2 = hi;
  *c2 = lambda;
}

/* sqrt(w(k)·(1/T)) with the weights, a zero-weight slice skipped (VolDynamics.smileVol). */
double smile_vol(__global const double *params, int i1, double c1, int i2, double c2, double t, double k) {
  double w;
  if (c2 == 0.0) {
    w = c1 * svi_total_variance(params, i1, k);
  } else if (c1 == 0.0) {
    w = c2 * svi_total_variance(params, i2, k);
  } else {
    w = c1 * svi_total_variance(params, i1, k) + c2 * svi_total_variance(params, i2, k);
  }
  return sqrt(java_max(w, 0.0) * (1.0 / t));
}

/* The scenario vol before the floor (VolDynamics.scenarioVol). */
double scenario_vol(int u, double vol, double spot, double strike, double r, double q, double t, double horizon,
    double spot_return, double vol_shift, int sqrt_term, __global const int *offsets, __global const double *times,
    __global const double *params) {
  double moved = vol;
  int from = offsets[u];
  int count = offsets[u + 1] - from;
  if (count > 0) {
    int i1;
    int i2;
    double c1;
    double c2;
    smile_weights(times, from, count, t, &i1, &c1, &i2, &c2);
    double log_ks = log(strike / spot);
    double rq = r - q;
    double k_now = log_ks - rq * t;
    double k_scenario = log_ks - spot_return - rq * (t - horizon);
    moved = vol + (smile_vol(params, i1, c1, i2, c2, t, k_scenario) - smile_vol(params, i1, c1, i2, c2, t, k_now));
  }
  double scale = sqrt_term ? sqrt(SQRT_TERM_REFERENCE_YEARS / java_max(t, SQRT_TERM_MIN_YEARS)) : 1.0;
  return moved + vol_shift * scale;
}

/* row_pnl under vol dynamics: live options take the scenario vol with no further shift. */
double row_pnl_smile(int i, int cap, int s, int m, double horizon, __global const int *ints,
    __global const double *in, __global const double *base, __global const double *spot_return,
    __global const double *vol_shift, int sqrt_term, __global const int *offsets, __global const double *times,
    __global const double *params) {
  int u = ints[cap + i];
  size_t us = (size_t) u * (size_t) m + (size_t) s;
  int kind = ints[i];
  double t = COL(in, IN_TIME, cap, i);
  double vol = COL(in, IN_VOL, cap, i);
  double shift = vol_shift[us];
  if (kind_is_option(kind) && t - horizon > 0.0) {
    vol = scenario_vol(u, vol, COL(in, IN_SPOT, cap, i), COL(in, IN_STRIKE, cap, i), COL(in, IN_RATE, cap, i),
        COL(in, IN_CARRY, cap, i), t, horizon, spot_return[us], shift, sqrt_term, offsets, times, params);
    shift = 0.0;
  }
  return scenario_pnl(kind, COL(in, IN_SPOT, cap, i), COL(in, IN_STRIKE, cap, i), t, vol,
      COL(in, IN_RATE, cap, i), COL(in, IN_CARRY, cap, i), COL(in, IN_SIZE, cap, i), COL(in, IN_ENTRY, cap, i),
      COL(in, IN_FUNDING, cap, i), base[i], spot_return[us], shift, horizon);
}

/* revalue_tiles with vol dynamics (same tiling and summation order). */
__kernel void revalue_tiles_smile(const int n, const int cap, const int tile, const int m, const int underlyings,
    const double horizon, __global const int *ints, __global const double *in, __global const double *base,
    __global const double *spot_return, __global const double *vol_shift, __global double *partial,
    const int sqrt_term, __global const int *offsets, __global const double *times, __global const double *params) {
  int s = get_global_id(0);
  int g = get_global_id(1);
  if (s >= m) {
    return;
  }
  int begin = g * tile;
  int end = min(begin + tile, n);
  __global double *slots = partial + (size_t) g * (size_t) (underlyings + 1) * (size_t) m;
  double total = 0.0;
  int run_u = -1;
  double run = 0.0;
  for (int i = begin; i < end; i++) {
    double pnl = row_pnl_smile(i, cap, s, m, horizon, ints, in, base, spot_return, vol_shift, sqrt_term, offsets,
        times, params);
    total += pnl;
    int u = ints[cap + i];
    if (u != run_u) {
      if (run_u >= 0) {
        slots[(size_t) (1 + run_u) * (size_t) m + s] += run;
      }
      run_u = u;
      run = 0.0;
    }
    run += pnl;
  }
  if (run_u >= 0) {
    slots[(size_t) (1 + run_u) * (size_t) m + s] += run;
  }
  slots[s] += total;
}

/* revalue_positions with vol dynamics. */
__kernel void revalue_positions_smile(const int n, const int cap, const int k, const int m, const double horizon,
    __global const int *ints, __global const double *in, __global const double *base,
    __global const int *chosen, __global const double *spot_return, __global const double *vol_shift,
    __global double *out, const int sqrt_term, __global const int *offsets, __global const double *times,
    __global const double *params) {
  int j = get_global_id(0);
  int i = get_global_id(1);
  if (j >= k || i >= n) {
    return;
  }
  out[(size_t) i * (size_t) k + j] = row_pnl_smile(i, cap, chosen[j], m, horizon, ints, in, base, spot_return,
      vol_shift, sqrt_term, offsets, times, params);
}

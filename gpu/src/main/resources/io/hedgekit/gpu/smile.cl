// Vol dynamics of scenario revaluation: a line-by-line port of io.hedgekit.kernels.VolDynamics
// (weights, laneCoefficients, scenarioVol), in the same operation order with the same fmas
// (OpenCL's double fma is correctly rounded, as Java's Math.fma).
// Smiles come as flat buffers: per underlying u, slices [offsets[u], offsets[u + 1]) with times in
// years and five parameters a, b, rho, m, sigma per slice.

// SQRT_TERM_REFERENCE_YEARS and SQRT_TERM_MIN_YEARS (VolDynamics' 30 days and 1 day in ACT/365
// years) come from the Java constants as -D build options (KernelSource.buildOptions).

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

/*
 * X, S, B per slice and L, R of VolDynamics.fold at k_base into co (the layout of
 * VolDynamics.laneCoefficients: X1 S1 B1 X2 S2 B2 L R); returns the slice count, 1 or 2.
 */
int smile_fold(__global const double *params, int i1, double c1, int i2, double c2, double t, double k_base,
    double *co) {
  int slices = 0;
  int idx[2] = {i1, i2};
  double c[2] = {c1, c2};
  double lin = 0.0;
  double slope = 0.0;
  for (int j = 0; j < 2; j++) {
    if (c[j] == 0.0) {
      continue;
    }
    __global const double *p = params + (size_t) 5 * (size_t) idx[j];
    double cb = c[j] * p[1] / t;
    double a = c[j] * p[0] / t;
    double r = cb * p[2];
    double x = k_base - p[3];
    int o = 3 * slices;
    co[o] = x;
    co[o + 1] = p[4] * p[4];
    co[o + 2] = cb;
    lin = slices == 0 ? fma(r, x, a) : lin + fma(r, x, a);
    slope = slices == 0 ? r : slope + r;
    slices++;
  }
  co[6] = lin;
  co[7] = -slope;
  return slices;
}

/* w/T at spot return x (VolDynamics.variance, same fmas). */
double smile_variance(const double *co, int slices, double x) {
  double y1 = co[0] - x;
  double v = fma(co[2], sqrt(fma(y1, y1, co[1])), fma(co[7], x, co[6]));
  if (slices == 2) {
    double y2 = co[3] - x;
    v = fma(co[5], sqrt(fma(y2, y2, co[4])), v);
  }
  return v;
}

/* The scenario vol before the floor (VolDynamics.laneCoefficients, then VolDynamics.scenarioVol). */
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
    double co[8] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    double log_ks = log(strike / spot);
    double rq = r - q;
    int slices = smile_fold(params, i1, c1, i2, c2, t, log_ks - rq * t, co);
    double now = sqrt(java_max(smile_variance(co, slices, 0.0), 0.0));
    smile_fold(params, i1, c1, i2, c2, t, log_ks - rq * (t - horizon), co);
    moved = vol + (sqrt(java_max(smile_variance(co, slices, spot_return), 0.0)) - now);
  }
  double scale = sqrt_term ? sqrt(SQRT_TERM_REFERENCE_YEARS / java_max(t, SQRT_TERM_MIN_YEARS)) : 1.0;
  return fma(vol_shift, scale, moved);
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
  tile_pnl t = {0.0, -1, 0.0};
  for (int i = begin; i < end; i++) {
    tile_pnl_add(&t, slots, m, s, ints[cap + i], row_pnl_smile(i, cap, s, m, horizon, ints, in, base, spot_return,
        vol_shift, sqrt_term, offsets, times, params));
  }
  tile_pnl_end(&t, slots, m, s);
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

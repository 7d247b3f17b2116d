// Entry points. Inputs of one chunk live in two buffers with column stride `cap` (the chunk
// capacity): ints = [kind | underlying], in = [spot | strike | time | vol | rate | carry | size |
// entry | funding]. Every kernel guards its index: global sizes are padded to the work-group size.

#define IN_SPOT 0
#define IN_STRIKE 1
#define IN_TIME 2
#define IN_VOL 3
#define IN_RATE 4
#define IN_CARRY 5
#define IN_SIZE 6
#define IN_ENTRY 7
#define IN_FUNDING 8

#define COL(buf, c, cap, i) (buf)[(size_t)(c) * (size_t)(cap) + (size_t)(i)]

/* Value and Greeks of rows [0, n): out holds 10 columns with stride cap (GreeksColumns order). */
__kernel void greeks(const int n, const int cap, __global const int *ints, __global const double *in,
    __global double *out) {
  int i = get_global_id(0);
  if (i >= n) {
    return;
  }
  double o[OUT_COUNT];
  position_greeks(ints[i], COL(in, IN_SPOT, cap, i), COL(in, IN_STRIKE, cap, i), COL(in, IN_TIME, cap, i),
      COL(in, IN_VOL, cap, i), COL(in, IN_RATE, cap, i), COL(in, IN_CARRY, cap, i), COL(in, IN_SIZE, cap, i),
      COL(in, IN_ENTRY, cap, i), o);
  for (int c = 0; c < OUT_COUNT; c++) {
    COL(out, c, cap, i) = o[c];
  }
}

/* Today's USD value of rows [0, n), the base every scenario P&L is measured from. */
__kernel void position_base(const int n, const int cap, __global const int *ints, __global const double *in,
    __global double *base) {
  int i = get_global_id(0);
  if (i >= n) {
    return;
  }
  base[i] = position_value(ints[i], COL(in, IN_SPOT, cap, i), COL(in, IN_STRIKE, cap, i),
      COL(in, IN_TIME, cap, i), COL(in, IN_VOL, cap, i), COL(in, IN_RATE, cap, i), COL(in, IN_CARRY, cap, i),
      COL(in, IN_SIZE, cap, i), COL(in, IN_ENTRY, cap, i));
}

/* P&L of one row in one scenario: scenario vectors are [underlying][scenario] with stride m. */
double row_pnl(int i, int cap, int s, int m, double horizon, __global const int *ints, __global const double *in,
    __global const double *base, __global const double *spot_return, __global const double *vol_shift) {
  int u = ints[cap + i];
  size_t us = (size_t) u * (size_t) m + (size_t) s;
  return scenario_pnl(ints[i], COL(in, IN_SPOT, cap, i), COL(in, IN_STRIKE, cap, i), COL(in, IN_TIME, cap, i),
      COL(in, IN_VOL, cap, i), COL(in, IN_RATE, cap, i), COL(in, IN_CARRY, cap, i), COL(in, IN_SIZE, cap, i),
      COL(in, IN_ENTRY, cap, i), COL(in, IN_FUNDING, cap, i), base[i], spot_return[us], vol_shift[us], horizon);
}

/*
 * One scenario's P&L over a tile of positions, as revalue_tiles and revalue_tiles_smile sum it:
 * the total, and per underlying a running sum added to the underlying's slot when the underlying
 * changes (once per run of rows; books grouped by underlying add once per underlying).
 */
typedef struct {
  double total;
  int u;
  double run;
} tile_pnl;

void tile_pnl_add(tile_pnl *t, __global double *slots, const int m, const int s, const int u, const double pnl) {
  t->total += pnl;
  if (u != t->u) {
    if (t->u >= 0) {
      slots[(size_t) (1 + t->u) * (size_t) m + s] += t->run;
    }
    t->u = u;
    t->run = 0.0;
  }
  t->run += pnl;
}

void tile_pnl_end(tile_pnl *t, __global double *slots, const int m, const int s) {
  if (t->u >= 0) {
    slots[(size_t) (1 + t->u) * (size_t) m + s] += t->run;
  }
  slots[s] += t->total;
}

/*
 * Scenario P&L summed over a fixed tile of rows. Work item (s, g) walks rows
 * [g*tile, min((g+1)*tile, n)) in order for scenario s and adds its sums into its own slots of
 * `partial`, laid out [g][1 + underlyings][m]: slot 0 the portfolio, slot 1 + u underlying u. No
 * two work items share a slot, chunks on one queue run in order, so the sums are deterministic.
 * Rows of one underlying are summed in a register while the underlying does not change (books
 * are usually grouped by underlying) and flushed to memory when it does.
 */
__kernel void revalue_tiles(const int n, const int cap, const int tile, const int m, const int underlyings,
    const double horizon, __global const int *ints, __global const double *in, __global const double *base,
    __global const double *spot_return, __global const double *vol_shift, __global double *partial) {
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
    tile_pnl_add(&t, slots, m, s, ints[cap + i], row_pnl(i, cap, s, m, horizon, ints, in, base, spot_return, vol_shift));
  }
  tile_pnl_end(&t, slots, m, s);
}

/* result[j] = sum over tiles of a, then over tiles of b, in tile order (j < count = (1 + U) * m). */
__kernel void reduce_partials(const int count, const int tiles, __global const double *a, __global const double *b,
    __global double *result) {
  int j = get_global_id(0);
  if (j >= count) {
    return;
  }
  double sum = 0.0;
  for (int g = 0; g < tiles; g++) {
    sum += a[(size_t) g * (size_t) count + j];
  }
  for (int g = 0; g < tiles; g++) {
    sum += b[(size_t) g * (size_t) count + j];
  }
  result[j] = sum;
}

/* P&L of rows [0, n) in k chosen scenarios: out[i*k + j] for scenario chosen[j]. */
__kernel void revalue_positions(const int n, const int cap, const int k, const int m, const double horizon,
    __global const int *ints, __global const double *in, __global const double *base,
    __global const int *chosen, __global const double *spot_return, __global const double *vol_shift,
    __global double *out) {
  int j = get_global_id(0);
  int i = get_global_id(1);
  if (j >= k || i >= n) {
    return;
  }
  out[(size_t) i * (size_t) k + j] = row_pnl(i, cap, chosen[j], m, horizon, ints, in, base, spot_return, vol_shift);
}

/* N(x) for n points: lets tests check the device's normal CDF against the reference directly. */
__kernel void normal_cdf_values(const int n, __global const double *x, __global double *out) {
  int i = get_global_id(0);
  if (i >= n) {
    return;
  }
  out[i] = normal_cdf(x[i]);
}

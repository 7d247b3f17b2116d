package io.hedgekit.kernels;

import static io.hedgekit.kernels.PositionColumns.DOUBLE;
import static io.hedgekit.kernels.PositionColumns.INT;

/** {@link GreekSumsKernel#fromPerPosition}: per-position outputs slice by slice, added in row order. */
final class PerPositionSums {

  private PerPositionSums() {
  }

  static GreekSums sum(GreeksKernel greeks, PositionColumns in, SumBuckets buckets) {
    int n = in.rows();
    double[] sums = new double[buckets.cells() * GreekSums.Greek.COUNT];
    int[] keys = new int[Math.min(n, GreekSumsKernel.FALLBACK_SLICE_ROWS)];
    GreeksColumns scratch = GreeksColumns.allocateOnHeap(keys.length);
    java.lang.foreign.MemorySegment[] cols = scratch.columns();
    for (int from = 0; from < n; from += keys.length) {
      int len = Math.min(keys.length, n - from);
      // Keys first: a bad row fails before any Greek of its slice is computed.
      for (int i = 0; i < len; i++) {
        int r = from + i;
        keys[i] = buckets.keyOf(in.kind().getAtIndex(INT, r), in.underlying().getAtIndex(INT, r),
            in.spot().getAtIndex(DOUBLE, r), in.strike().getAtIndex(DOUBLE, r), in.timeYears().getAtIndex(DOUBLE, r), r);
      }
      greeks.compute(in.slice(from, len), scratch.slice(0, len));
      for (int i = 0; i < len; i++) {
        int base = keys[i] * GreekSums.Greek.COUNT;
        for (int g = 0; g < GreekSums.Greek.COUNT; g++) {
          GreekSums.Greek greek = GreekSums.Greek.at(g);
          sums[base + g] += greek.summand(cols[greek.column()].getAtIndex(DOUBLE, i));
        }
      }
    }
    return new GreekSums(buckets, n, sums);
  }
}

package io.hedgekit.kernels.check;

import io.hedgekit.kernels.Conventions;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.VolDynamics;
import io.hedgekit.kernels.market.SviSlice;
import io.hedgekit.kernels.market.VolSmile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SVI smiles for the vol-dynamics tests of every backend: per underlying index, a realistic
 * crypto smile, extreme slices (ρ = ±0.99, b at Lee's bound, a vertex as sharp as σ = 1e-4,
 * negative a with the minimum variance near 0, vols from a few percent to several hundred), a
 * single slice, and no smile at all (the last underlying), so every branch of the scenario-vol
 * rule runs.
 */
public final class SyntheticSmiles {

  private static final Instant NOW = Instant.parse("2026-01-01T08:00:00Z");

  private SyntheticSmiles() {
  }

  private static VolSmile.Slice slice(double years, double a, double b, double rho, double m, double sigma) {
    return new VolSmile.Slice(NOW.plusMillis((long) (years * Conventions.MILLIS_PER_YEAR)), years,
        new SviSlice(a, b, rho, m, sigma));
  }

  /** Smiles for {@code underlyings} indices; index {@code underlyings − 1} has none when there are two or more. */
  public static List<VolSmile> smiles(int underlyings) {
    List<VolSmile> out = new ArrayList<>();
    for (int u = 0; u < underlyings; u++) {
      if (underlyings > 1 && u == underlyings - 1) {
        out.add(null);
        continue;
      }
      out.add(switch (u % 4) {
        case 0 -> new VolSmile(List.of(
            slice(7 / 365.0, 0.002, 0.04, -0.3, 0.01, 0.05),
            slice(30 / 365.0, 0.01, 0.08, -0.35, 0.02, 0.12),
            slice(0.5, 0.1, 0.2, -0.25, 0.05, 0.3),
            slice(2.0, 0.4, 0.4, -0.2, 0.05, 0.5)));
        case 1 -> new VolSmile(List.of(
            slice(1 / 365.0, 1e-6, 2 / 1.99, 0.99, 0.0, 1e-4),
            slice(0.1, -0.05, 1.0, -0.99, 0.3, 0.06),
            slice(1.0, 0.5, 1.0, 0.0, -0.5, 2.0)));
        case 2 -> new VolSmile(List.of(slice(0.25, 0.02, 0.1, 0.5, -0.1, 0.2)));
        default -> new VolSmile(List.of(
            slice(3 / 365.0, 0.0001, 0.02, -0.9, 0.0, 0.01),
            slice(5.0, 2.0, 1.5, 0.3, 0.0, 1.0)));
      });
    }
    return out;
  }

  /**
   * {@code book} (heap columns) with each position's time to expiry moved onto the nearest slice
   * time of its underlying's smile (where it has one): options on listed expiries, which read
   * exactly one slice.
   */
  public static PositionColumns onSlices(PositionColumns book, List<VolSmile> smiles) {
    int n = book.rows();
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = book.timeYears().getAtIndex(PositionColumns.DOUBLE, i);
      int u = book.underlying().getAtIndex(PositionColumns.INT, i);
      VolSmile s = u < smiles.size() ? smiles.get(u) : null;
      if (s != null && t[i] > 0) {
        double best = s.times()[0];
        for (double st : s.times()) {
          best = Math.abs(Math.log(st / t[i])) < Math.abs(Math.log(best / t[i])) ? st : best;
        }
        t[i] = best;
      }
    }
    return new PositionColumns(n, book.kind(), book.underlying(), book.spot(), book.strike(),
        java.lang.foreign.MemorySegment.ofArray(t), book.vol(), book.rate(), book.carry(), book.size(),
        book.entryPrice(), book.funding8h());
  }

  /** The dynamics of {@link #smiles} under each mode and shift term. */
  public static VolDynamics dynamics(int underlyings, VolDynamics.Mode mode, VolDynamics.ShiftTerm term) {
    return VolDynamics.of(mode, term, smiles(underlyings));
  }
}

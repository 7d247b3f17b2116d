package io.hedgekit.kernels.check;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.PositionColumns;
import java.util.SplittableRandom;

/**
 * Deterministic books of resolved positions for accuracy tests and benchmarks.
 *
 * <p>{@link #mixed} draws every contract kind with realistic crypto inputs;
 * {@link #edgeCases} adds the corners the accuracy contract names: deep in and out of the
 * money, T from one minute to five years, vol 0.05 to 5, zero and negative rates and carry,
 * expired positions, and tiny σ√T.
 */
public final class SyntheticBooks {
  /** One minute in ACT/365 years. */
  public static final double ONE_MINUTE = 1.0 / (io.hedgekit.kernels.Conventions.DAYS_PER_YEAR * 24 * 60);

  private SyntheticBooks() {
  }

  /**
   * A book of {@code rows} positions of every kind over {@code underlyings} underlyings.
   *
   * @param optionsOnly if true only options (linear and inverse calls and puts) are drawn
   */
  public static PositionColumns mixed(int rows, int underlyings, long seed, boolean optionsOnly) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Arrays a = new Arrays(rows);
    double[] spots = {95_000, 3_400, 180, 1.0, 600};
    for (int i = 0; i < rows; i++) {
      int u = rnd.nextInt(underlyings);
      int kind = optionsOnly ? rnd.nextInt(4) : rnd.nextInt(ContractKind.COUNT);
      double spot = spots[u % spots.length] * (1 + 0.01 * u);
      a.kind[i] = kind;
      a.underlying[i] = u;
      a.spot[i] = spot;
      a.strike[i] = spot * Math.exp(rnd.nextDouble(-0.7, 0.7));
      a.time[i] = Math.exp(rnd.nextDouble(Math.log(1.0 / 365), Math.log(2.0)));
      a.vol[i] = rnd.nextDouble(0.25, 1.5);
      a.rate[i] = rnd.nextDouble(0.0, 0.06);
      a.carry[i] = rnd.nextDouble(-0.05, 0.08);
      ContractKind k = ContractKind.ofCode(kind);
      boolean inverseFace = k.isInverse() && !k.isOption();
      a.size[i] = (rnd.nextBoolean() ? 1 : -1) * (inverseFace ? 10.0 * rnd.nextInt(1, 10_000) : 0.1 * rnd.nextInt(1, 500));
      a.entry[i] = spot * Math.exp(rnd.nextDouble(-0.2, 0.2));
      a.funding[i] = rnd.nextDouble(-0.0003, 0.0005);
    }
    return a.toColumns();
  }

  /**
   * {@code rows} positions cycling through edge cases (every kind, deep ITM/OTM, T from one
   * minute to five years and expired, vol 0.05..5 and 1e-9, rates and carry zero or negative).
   */
  public static PositionColumns edgeCases(int rows, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Arrays a = new Arrays(rows);
    double[] times = {-0.01, 0.0, ONE_MINUTE, 1.0 / 365, 0.25, 1.0, 5.0};
    double[] vols = {1e-9, 0.05, 0.3, 1.0, 5.0};
    double[] moneyness = {0.01, 0.2, 0.8, 1.0, 1.25, 5.0, 100.0};
    double[] rates = {0.0, -0.02, 0.05};
    double[] carries = {0.0, -0.03, 0.1};
    for (int i = 0; i < rows; i++) {
      int kind = i % ContractKind.COUNT;
      double spot = rnd.nextBoolean() ? 95_000 : 0.75;
      a.kind[i] = kind;
      a.underlying[i] = i % 3;
      a.spot[i] = spot;
      a.strike[i] = spot * moneyness[rnd.nextInt(moneyness.length)];
      a.time[i] = times[rnd.nextInt(times.length)];
      a.vol[i] = vols[rnd.nextInt(vols.length)];
      a.rate[i] = rates[rnd.nextInt(rates.length)];
      a.carry[i] = carries[rnd.nextInt(carries.length)];
      a.size[i] = rnd.nextBoolean() ? -3.5 : 1.0;
      a.entry[i] = spot * (rnd.nextBoolean() ? 1.0 : 0.9);
      a.funding[i] = 0.0001;
    }
    return a.toColumns();
  }

  private static final class Arrays {
    final int[] kind;
    final int[] underlying;
    final double[] spot;
    final double[] strike;
    final double[] time;
    final double[] vol;
    final double[] rate;
    final double[] carry;
    final double[] size;
    final double[] entry;
    final double[] funding;

    Arrays(int n) {
      kind = new int[n];
      underlying = new int[n];
      spot = new double[n];
      strike = new double[n];
      time = new double[n];
      vol = new double[n];
      rate = new double[n];
      carry = new double[n];
      size = new double[n];
      entry = new double[n];
      funding = new double[n];
    }

    PositionColumns toColumns() {
      return PositionColumns.ofArrays(kind, underlying, spot, strike, time, vol, rate, carry, size, entry, funding);
    }
  }
}

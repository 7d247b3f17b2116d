package io.hedgekit.risk.greeks;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.SumBuckets;
import java.util.List;

/**
 * The bucket rules of book Greeks, one definition for the engine, the report and any embedder.
 *
 * <p>Expiry buckets ({@link #EXPIRY_LABELS}): perpetuals and spot in {@code perp/spot}; options
 * and dated futures by time to expiry T (ACT/365 years) against the edges d/365 for d = 7, 30,
 * 91, 182 and 365 days: [0, 7d), [7d, 30d), [30d, 91d), [91d, 182d), [182d, 365d), ≥ 365d.
 * Expired positions (T ≤ 0) count in the first dated bucket.
 *
 * <p>These are the cells of the {@link SumBuckets} layout {@link #layout} (its rules, NaN included),
 * so a {@link io.hedgekit.kernels.GreekSumsKernel} can take the sums: {@link #expiryOfCell} and
 * {@link #strikeOfCell} map its buckets to these.
 *
 * <p>Strike buckets ({@link #STRIKE_LABELS}): options only, by K/S: [0, 0.7), [0.7, 0.9),
 * [0.9, 1.1), [1.1, 1.3), ≥ 1.3. Futures, perpetuals and spot are not in any strike bucket.
 */
public final class GreekBucketing {
  /** Labels of the expiry buckets, in order. */
  public static final List<String> EXPIRY_LABELS = List.of("perp/spot", "<1w", "1w-1m", "1-3m", "3-6m", "6-12m", ">1y");
  /** Upper bounds (ACT/365 years, exclusive) of the dated expiry buckets 1..5; bucket 6 is the rest. */
  private static final double[] EXPIRY_YEARS = {7 / DeskUnits.DAYS_PER_YEAR, 30 / DeskUnits.DAYS_PER_YEAR,
      91 / DeskUnits.DAYS_PER_YEAR, 182 / DeskUnits.DAYS_PER_YEAR, 365 / DeskUnits.DAYS_PER_YEAR};

  /** Labels of the strike buckets, in order. */
  public static final List<String> STRIKE_LABELS = List.of("<0.7", "0.7-0.9", "0.9-1.1", "1.1-1.3", ">1.3");
  /** Upper bounds (K/S, exclusive) of strike buckets 0..3; bucket 4 is the rest. */
  private static final double[] STRIKE_MONEYNESS = {0.7, 0.9, 1.1, 1.3};

  private GreekBucketing() {
  }

  /**
   * Expiry bucket index ({@link #EXPIRY_LABELS}) of a position.
   *
   * @param kindCode {@link ContractKind#code()}
   * @param timeYears time to expiry, ACT/365 years
   */
  public static int expiryBucket(int kindCode, double timeYears) {
    if (!ContractKind.ofCode(kindCode).hasExpiry()) {
      return 0;
    }
    return 1 + edgesAtOrBelow(EXPIRY_YEARS, timeYears);
  }

  /**
   * Strike bucket index ({@link #STRIKE_LABELS}) of a position, or -1 for a non-option.
   *
   * @param kindCode {@link ContractKind#code()}
   * @param strike K, USD
   * @param spot S, USD
   */
  public static int strikeBucket(int kindCode, double strike, double spot) {
    if (!ContractKind.ofCode(kindCode).isOption()) {
      return -1;
    }
    return edgesAtOrBelow(STRIKE_MONEYNESS, strike / spot);
  }

  /**
   * The number of edges ≤ {@code x} (0 for NaN), the rule of {@link SumBuckets}: counted without
   * branches, since in a book of random expiries and strikes a branch per edge is mispredicted on
   * most rows.
   */
  private static int edgesAtOrBelow(double[] edges, double x) {
    int n = 0;
    for (double edge : edges) {
      n += edge <= x ? 1 : 0;
    }
    return n;
  }

  /** These buckets as a sums-kernel layout over {@code underlyings} underlyings. */
  public static SumBuckets layout(int underlyings) {
    return new SumBuckets(underlyings, EXPIRY_YEARS, STRIKE_MONEYNESS);
  }

  /** The expiry bucket ({@link #EXPIRY_LABELS} index) of expiry bucket {@code e} of {@link #layout}. */
  public static int expiryOfCell(int e) {
    return e == EXPIRY_YEARS.length + 1 ? 0 : e + 1;
  }

  /** The strike bucket ({@link #STRIKE_LABELS} index) of strike bucket {@code s} of {@link #layout}, or -1 (no strike). */
  public static int strikeOfCell(int s) {
    return s == STRIKE_MONEYNESS.length + 1 ? -1 : s;
  }
}

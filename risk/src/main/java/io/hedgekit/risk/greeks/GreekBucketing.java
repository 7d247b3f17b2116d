package io.hedgekit.risk.greeks;

import io.hedgekit.kernels.ContractKind;
import java.util.List;

/**
 * The bucket rules of book Greeks, one definition for the engine, the report and any embedder.
 *
 * <p>Expiry buckets ({@link #EXPIRY_LABELS}): perpetuals and spot in {@code perp/spot}; options
 * and dated futures by time to expiry T in days (T·365): [0, 7), [7, 30), [30, 91), [91, 182),
 * [182, 365), ≥ 365. Expired positions (T ≤ 0) count in the first dated bucket.
 *
 * <p>Strike buckets ({@link #STRIKE_LABELS}): options only, by K/S: [0, 0.7), [0.7, 0.9),
 * [0.9, 1.1), [1.1, 1.3), ≥ 1.3. Futures, perpetuals and spot are not in any strike bucket.
 */
public final class GreekBucketing {
  /** Labels of the expiry buckets, in order. */
  public static final List<String> EXPIRY_LABELS = List.of("perp/spot", "<1w", "1w-1m", "1-3m", "3-6m", "6-12m", ">1y");
  /** Upper bounds (days, exclusive) of the dated expiry buckets 1..5; bucket 6 is the rest. */
  private static final double[] EXPIRY_DAYS = {7, 30, 91, 182, 365};

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
    double days = timeYears * DeskUnits.DAYS_PER_YEAR;
    return 1 + edgesNotAbove(EXPIRY_DAYS, days);
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
    return edgesNotAbove(STRIKE_MONEYNESS, strike / spot);
  }

  /**
   * The index of the first edge above {@code x} (edges ascending), {@code edges.length} if none is
   * (NaN included): counted without branches, since in a book of random expiries and strikes a
   * branch per edge is mispredicted on most rows.
   */
  private static int edgesNotAbove(double[] edges, double x) {
    int n = 0;
    for (double edge : edges) {
      n += x < edge ? 0 : 1;
    }
    return n;
  }
}

package io.hedgekit.spark;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.risk.greeks.GreekBucketing;
import java.io.Serializable;

/**
 * What one partition sends to the reduction, and the sum of many: Greek sums per underlying and per
 * underlying × expiry bucket, and (for VaR) the P&amp;L per scenario, portfolio and per underlying.
 * Its size is independent of the positions: 8 bytes × (M × (U + 1) + U × 8 × 10) plus counts, for M
 * scenarios and U underlyings. Underlyings are indexed in the market's order. Mutable (the tree
 * aggregate adds into it); not thread-safe.
 */
final class PartitionRisk implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int C = GreeksColumns.COUNT;
  static final int B = GreekBucketing.EXPIRY_LABELS.size();

  /** {@code greeks[u][c]}: column c ({@link GreeksColumns#NAMES}) summed over underlying u's positions. */
  final double[][] greeks;
  /** Positions per underlying. */
  final long[] positionsBy;
  /** {@code expiry[u][b][c]}: the same per expiry bucket b ({@link GreekBucketing#EXPIRY_LABELS}). */
  final double[][][] expiry;
  /** Positions per underlying and expiry bucket. */
  final long[][] expiryPositions;
  /** P&amp;L per scenario of the whole book, USD; empty without scenarios. */
  final double[] pnl;
  /** {@code pnlBy[u][s]}: P&amp;L of underlying u's positions in scenario s, USD. */
  final double[][] pnlBy;
  /** Positions in the partitions summed. */
  long positions;
  /** Rows priced in every scenario (distinct instruments per partition with netting). */
  long priced;
  /** Partitions summed. */
  long partitions;
  /** Partitions left in an executor's pass cache for the tail pass. */
  long cached;
  /** Where: partition index → {@code executor_<host>_<executorId>} (cluster runs only). */
  java.util.HashMap<Integer, String> cachedAt = new java.util.HashMap<>();

  PartitionRisk(int underlyings, int scenarios) {
    greeks = new double[underlyings][C];
    positionsBy = new long[underlyings];
    expiry = new double[underlyings][B][C];
    expiryPositions = new long[underlyings][B];
    pnl = new double[scenarios];
    pnlBy = new double[underlyings][scenarios];
  }

  /** Adds {@code o} into this one and returns this (element-wise; both of the same shape). */
  PartitionRisk add(PartitionRisk o) {
    for (int u = 0; u < greeks.length; u++) {
      for (int c = 0; c < C; c++) {
        greeks[u][c] += o.greeks[u][c];
      }
      positionsBy[u] += o.positionsBy[u];
      for (int b = 0; b < B; b++) {
        for (int c = 0; c < C; c++) {
          expiry[u][b][c] += o.expiry[u][b][c];
        }
        expiryPositions[u][b] += o.expiryPositions[u][b];
      }
      for (int s = 0; s < pnl.length; s++) {
        pnlBy[u][s] += o.pnlBy[u][s];
      }
    }
    for (int s = 0; s < pnl.length; s++) {
      pnl[s] += o.pnl[s];
    }
    positions += o.positions;
    priced += o.priced;
    partitions += o.partitions;
    cached += o.cached;
    cachedAt.putAll(o.cachedAt);
    return this;
  }
}

package io.hedgekit.spark;

import io.hedgekit.risk.var.PositionContribution;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Euler ES contributions of some partitions: summed per underlying, and the {@code top}
 * largest by absolute value (ties by id), so the reduction carries at most {@code top} positions
 * per partition. Mutable; not thread-safe.
 */
final class PartitionTail implements Serializable {
  private static final long serialVersionUID = 1L;
  static final Comparator<PositionContribution> LARGEST_FIRST = Comparator
      .comparingDouble((PositionContribution c) -> Math.abs(c.contribution())).reversed()
      .thenComparing(PositionContribution::id);

  /** Contributions summed per underlying (market order), USD. */
  final double[] byUnderlying;
  /** Partitions whose resolved positions came from the pass cache. */
  long fromCache;
  private final int top;
  private ArrayList<Contribution> largest = new ArrayList<>();

  /** A serializable copy of a {@link PositionContribution}. */
  record Contribution(String id, String underlying, double contribution) implements Serializable {
  }

  PartitionTail(int underlyings, int top) {
    this.byUnderlying = new double[underlyings];
    this.top = top;
  }

  void add(int underlying, String id, String underlyingName, double contribution) {
    byUnderlying[underlying] += contribution;
    if (top > 0) {
      largest.add(new Contribution(id, underlyingName, contribution));
      if (largest.size() >= 4 * top + 64) {
        trim();
      }
    }
  }

  PartitionTail add(PartitionTail o) {
    for (int u = 0; u < byUnderlying.length; u++) {
      byUnderlying[u] += o.byUnderlying[u];
    }
    fromCache += o.fromCache;
    largest.addAll(o.largest);
    trim();
    return this;
  }

  /** The top contributors, largest first. */
  List<PositionContribution> top() {
    trim();
    return largest.stream().map(c -> new PositionContribution(c.id(), c.underlying(), c.contribution())).toList();
  }

  private void trim() {
    List<PositionContribution> all = new ArrayList<>(largest.stream()
        .map(c -> new PositionContribution(c.id(), c.underlying(), c.contribution())).toList());
    all.sort(LARGEST_FIRST);
    ArrayList<Contribution> kept = new ArrayList<>();
    for (int i = 0; i < Math.min(top, all.size()); i++) {
      PositionContribution c = all.get(i);
      kept.add(new Contribution(c.id(), c.underlying(), c.contribution()));
    }
    largest = kept;
  }
}

package io.hedgekit.spark;

import io.hedgekit.risk.var.PositionContribution;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The Euler ES contributions of some partitions: summed per underlying, and the {@code top}
 * largest by absolute value (ties by id), kept in a bounded heap so that a position is compared
 * once with the smallest kept and the reduction carries at most {@code top} positions per
 * partition. Mutable; not thread-safe.
 */
final class PartitionTail implements Serializable {
  private static final long serialVersionUID = 2L;
  static final Comparator<PositionContribution> LARGEST_FIRST = Comparator
      .comparingDouble((PositionContribution c) -> Math.abs(c.contribution())).reversed()
      .thenComparing(PositionContribution::id);

  /** Contributions summed per underlying (market order), USD. */
  final double[] byUnderlying;
  /** Partitions whose resolved positions came from the pass cache. */
  long fromCache;
  private final int top;
  /** The kept contributions, the one that would go first at the head. */
  private final PriorityQueue<Contribution> kept = new PriorityQueue<>(new WorstFirst());

  /** A serializable copy of a {@link PositionContribution}. */
  record Contribution(String id, String underlying, double contribution) implements Serializable {
  }

  /** The reverse of {@link #LARGEST_FIRST} on {@link Contribution}s: smallest |contribution| first, ties by id descending. */
  private static final class WorstFirst implements Comparator<Contribution>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Contribution a, Contribution b) {
      return before(b, a);
    }
  }

  /** Negative when {@code a} comes before {@code b} in {@link #LARGEST_FIRST}. */
  private static int before(Contribution a, Contribution b) {
    int c = Double.compare(Math.abs(b.contribution()), Math.abs(a.contribution()));
    return c != 0 ? c : a.id().compareTo(b.id());
  }

  PartitionTail(int underlyings, int top) {
    this.byUnderlying = new double[underlyings];
    this.top = top;
  }

  void add(int underlying, String id, String underlyingName, double contribution) {
    byUnderlying[underlying] += contribution;
    keep(id, underlyingName, contribution);
  }

  private void keep(String id, String underlyingName, double contribution) {
    if (top <= 0) {
      return;
    }
    if (kept.size() < top) {
      kept.add(new Contribution(id, underlyingName, contribution));
      return;
    }
    Contribution worst = kept.peek();
    double a = Math.abs(contribution);
    double w = Math.abs(worst.contribution());
    if (a > w || (a == w && id.compareTo(worst.id()) < 0)) {
      kept.poll();
      kept.add(new Contribution(id, underlyingName, contribution));
    }
  }

  PartitionTail add(PartitionTail o) {
    for (int u = 0; u < byUnderlying.length; u++) {
      byUnderlying[u] += o.byUnderlying[u];
    }
    fromCache += o.fromCache;
    for (Contribution c : o.kept) {
      keep(c.id(), c.underlying(), c.contribution());
    }
    return this;
  }

  /** The top contributors, largest first. */
  List<PositionContribution> top() {
    List<PositionContribution> all = new ArrayList<>();
    for (Contribution c : kept) {
      all.add(new PositionContribution(c.id(), c.underlying(), c.contribution()));
    }
    all.sort(LARGEST_FIRST);
    return List.copyOf(all);
  }
}

package io.hedgekit.spark;

import io.hedgekit.risk.engine.ResolvedPositions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An executor JVM's partitions resolved by a VaR run's P&amp;L pass, kept for the same run's tail
 * pass so that it neither reads the input again nor rebuilds and resolves the partition's book.
 * A cache, never a store: a miss (the entry was refused, evicted, lost with its executor, or the
 * tail task runs on another executor) makes the tail pass read and resolve the partition again,
 * as it would without the cache, with the same result.
 *
 * <p>Bounded: entries are admitted while their estimated size ({@link #sizeOf}: the resolved Arrow
 * columns plus {@value #HEAP_BYTES_PER_POSITION} heap bytes per position for the book behind them)
 * fits in the budget. An entry of another run is evicted (oldest first) to make room; an entry of
 * the same run never is, and one that does not fit is refused (closed). An entry leaves when the
 * tail pass takes it, when its run is dropped ({@link #dropRun}) and when the engines close.
 * Thread-safe.
 */
final class PassCache {
  /** Heap bytes per position of an engine {@code Book} with its ids (measured order: 90 + a short id). */
  static final long HEAP_BYTES_PER_POSITION = 160;

  /** Entries in insertion order (the eviction order of other runs' entries). */
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();
  private long usedBytes;
  private long hits;
  private long misses;
  private long refused;

  private record Key(String run, int partition) {
  }

  private record Entry(ResolvedPositions resolved, long bytes) {
  }

  /** The estimated bytes a resolved partition holds: its Arrow columns and its book on the heap. */
  static long sizeOf(ResolvedPositions r) {
    return r.allocatedBytes() + HEAP_BYTES_PER_POSITION * r.positions();
  }

  /**
   * Keeps {@code resolved} for {@code run}'s tail pass over {@code partition}, or closes it when it
   * does not fit in {@code budgetBytes} (estimated, all entries together; 0 keeps nothing). From
   * then on the cache owns it.
   *
   * @return whether it was kept
   */
  boolean offer(String run, int partition, ResolvedPositions resolved, long budgetBytes) {
    long bytes = sizeOf(resolved);
    List<ResolvedPositions> toClose = new ArrayList<>();
    boolean kept;
    synchronized (this) {
      Entry old = entries.remove(new Key(run, partition)); // a retried task's earlier attempt
      if (old != null) {
        usedBytes -= old.bytes;
        toClose.add(old.resolved);
      }
      for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
          it.hasNext() && usedBytes + bytes > budgetBytes; ) {
        Map.Entry<Key, Entry> e = it.next();
        if (!e.getKey().run.equals(run)) {
          it.remove();
          usedBytes -= e.getValue().bytes;
          toClose.add(e.getValue().resolved);
        }
      }
      kept = usedBytes + bytes <= budgetBytes;
      if (kept) {
        entries.put(new Key(run, partition), new Entry(resolved, bytes));
        usedBytes += bytes;
      } else {
        refused++;
        toClose.add(resolved);
      }
    }
    toClose.forEach(ResolvedPositions::close);
    return kept;
  }

  /** Takes {@code run}'s resolved {@code partition} out of the cache (the caller closes it), or null. */
  synchronized ResolvedPositions take(String run, int partition) {
    Entry e = entries.remove(new Key(run, partition));
    if (e == null) {
      misses++;
      return null;
    }
    hits++;
    usedBytes -= e.bytes;
    return e.resolved;
  }

  /** Closes and drops every entry of {@code run} (the run is over). */
  void dropRun(String run) {
    List<ResolvedPositions> toClose = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<Key, Entry> e = it.next();
        if (e.getKey().run.equals(run)) {
          it.remove();
          usedBytes -= e.getValue().bytes;
          toClose.add(e.getValue().resolved);
        }
      }
    }
    toClose.forEach(ResolvedPositions::close);
  }

  /** Closes and drops every entry. */
  void clear() {
    List<ResolvedPositions> toClose;
    synchronized (this) {
      toClose = entries.values().stream().map(Entry::resolved).toList();
      entries.clear();
      usedBytes = 0;
    }
    toClose.forEach(ResolvedPositions::close);
  }

  /** Estimated bytes held now. */
  synchronized long usedBytes() {
    return usedBytes;
  }

  /** Entries held now. */
  synchronized int size() {
    return entries.size();
  }

  /** Tail-pass lookups that found their partition. */
  synchronized long hits() {
    return hits;
  }

  /** Tail-pass lookups that did not (the partition was read and resolved again). */
  synchronized long misses() {
    return misses;
  }

  /** Partitions refused for want of room. */
  synchronized long refused() {
    return refused;
  }
}

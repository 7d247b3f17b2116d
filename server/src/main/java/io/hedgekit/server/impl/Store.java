package io.hedgekit.server.impl;

import io.hedgekit.server.ComputeService;
import io.hedgekit.server.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Named books, scenario sets and markets held in memory within a byte budget. An entry is
 * replaced or dropped atomically: requests that hold a {@link Lease} keep using the old one,
 * which is freed when the last of them lets go. A failed put leaves what was stored untouched.
 * Thread-safe.
 */
final class Store {
  /** Kinds of entries: the first element of a path descriptor. */
  static final List<String> KINDS = List.of("books", "scenarios", "markets");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private final long maxBytes;
  private final Map<String, Entry> entries = new TreeMap<>();
  private long bytes;

  /** One stored thing with a reference count (the store's own reference plus one per lease). */
  static final class Entry {
    final String kind;
    final String name;
    final Object value;
    final long bytes;
    final long rows;
    final Schema schema;
    private final AtomicInteger refs = new AtomicInteger(1);

    Entry(String kind, String name, Object value, long bytes, long rows, Schema schema) {
      this.kind = kind;
      this.name = name;
      this.value = value;
      this.bytes = bytes;
      this.rows = rows;
      this.schema = schema;
    }

    String key() {
      return kind + "/" + name;
    }

    boolean retain() {
      while (true) {
        int r = refs.get();
        if (r == 0) {
          return false;
        }
        if (refs.compareAndSet(r, r + 1)) {
          return true;
        }
      }
    }

    void release() {
      if (refs.decrementAndGet() == 0 && value instanceof ComputeService.Book b) {
        b.close();
      }
    }
  }

  /** A request's hold on an entry. */
  static final class Lease implements AutoCloseable {
    final Entry entry;

    Lease(Entry entry) {
      this.entry = entry;
    }

    <T> T value(Class<T> type) {
      return type.cast(entry.value);
    }

    @Override
    public void close() {
      entry.release();
    }
  }

  Store(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  static void checkName(String kind, String name) {
    if (!KINDS.contains(kind)) {
      throw new ServiceException(ServiceException.Kind.INVALID_ARGUMENT, "unknown kind '" + kind + "'; expected one of " + KINDS);
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ServiceException(ServiceException.Kind.INVALID_ARGUMENT,
          kind + " name must be 1-128 characters of A-Z a-z 0-9 . _ -, was " + (name == null ? "missing" : "'" + name + "'"));
    }
  }

  /** Bytes still free, not counting what a replacement would free. */
  synchronized long free() {
    return maxBytes - bytes;
  }

  synchronized long bytes() {
    return bytes;
  }

  long maxBytes() {
    return maxBytes;
  }

  /**
   * Stores {@code entry}, replacing one of the same name. Refused (and nothing changes) when the
   * budget would be exceeded; the caller then frees the entry's value.
   */
  void put(Entry entry) {
    Entry old;
    synchronized (this) {
      old = entries.get(entry.key());
      long after = bytes + entry.bytes - (old == null ? 0 : old.bytes);
      if (after > maxBytes) {
        throw full(entry.key(), entry.bytes);
      }
      entries.put(entry.key(), entry);
      bytes = after;
    }
    if (old != null) {
      old.release();
    }
  }

  ServiceException full(String key, long needed) {
    return new ServiceException(ServiceException.Kind.RESOURCE_EXHAUSTED, key + " needs " + needed
        + " bytes but the server's --max-stored-bytes is " + maxBytes + " and " + bytes() + " are in use; drop entries first");
  }

  /** A lease on {@code kind/name}, or NOT_FOUND. */
  Lease lease(String kind, String name) {
    checkName(kind, name);
    synchronized (this) {
      Entry e = entries.get(kind + "/" + name);
      if (e != null && e.retain()) {
        return new Lease(e);
      }
    }
    throw notFound(kind, name);
  }

  private ServiceException notFound(String kind, String name) {
    List<String> have = new ArrayList<>();
    synchronized (this) {
      for (Entry e : entries.values()) {
        if (e.kind.equals(kind)) {
          have.add(e.name);
        }
      }
    }
    return new ServiceException(ServiceException.Kind.NOT_FOUND,
        "no " + kind + " named '" + name + "' is stored (stored " + kind + ": " + have + ")");
  }

  /** Replaces {@code kind/name} with {@code change(old)} atomically; NOT_FOUND if absent. */
  Entry update(String kind, String name, UnaryOperator<Entry> change) {
    checkName(kind, name);
    synchronized (this) {
      Entry old = entries.get(kind + "/" + name);
      if (old == null) {
        throw notFound(kind, name);
      }
      Entry next = change.apply(old);
      long after = bytes + next.bytes - old.bytes;
      if (after > maxBytes) {
        throw full(next.key(), next.bytes);
      }
      entries.put(next.key(), next);
      bytes = after;
      old.release();
      return next;
    }
  }

  /** Removes {@code kind/name}; NOT_FOUND if absent. Requests using it finish first. */
  void drop(String kind, String name) {
    checkName(kind, name);
    Entry old;
    synchronized (this) {
      old = entries.remove(kind + "/" + name);
      if (old != null) {
        bytes -= old.bytes;
      }
    }
    if (old == null) {
      throw notFound(kind, name);
    }
    old.release();
  }

  /** A snapshot of the entries, in name order. */
  synchronized List<Entry> list() {
    return List.copyOf(entries.values());
  }

  /** Frees everything (at shutdown). */
  void clear() {
    List<Entry> all;
    synchronized (this) {
      all = List.copyOf(entries.values());
      entries.clear();
      bytes = 0;
    }
    for (Entry e : all) {
      e.release();
    }
  }
}

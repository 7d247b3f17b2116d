package io.hedgekit.io.impl;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A set of 64-bit hashes in off-heap memory owned by a {@link BufferAllocator}: open addressing
 * with linear probing, 8 bytes a slot, grown by doubling at 3/4 full, so it holds n hashes in
 * 10.7 to 21.3 bytes each (8 bytes × slots / n) and nothing on the Java heap. Used for the
 * duplicate-id check of books, whose size has no bound: the heap stays flat in the number of
 * positions. Not thread-safe. Close it to free its memory.
 */
public final class OffHeapHashSet implements AutoCloseable {
  private static final int INITIAL_SLOTS = 1 << 14;
  /** Slot value of an empty slot; a hash equal to it is stored as {@link #ZERO_STANDIN}. */
  private static final long EMPTY = 0L;
  private static final long ZERO_STANDIN = 0x9E37_79B9_7F4A_7C15L;

  private final BufferAllocator allocator;
  private ArrowBuf slots;
  private long mask;
  private long size;

  /** An empty set allocating from {@code allocator}. */
  public OffHeapHashSet(BufferAllocator allocator) {
    this.allocator = allocator;
    this.slots = allocate(INITIAL_SLOTS);
    this.mask = INITIAL_SLOTS - 1;
  }

  private ArrowBuf allocate(long count) {
    ArrowBuf b = allocator.buffer(count * Long.BYTES);
    b.setZero(0, count * Long.BYTES);
    return b;
  }

  /**
   * Adds {@code hash}.
   *
   * @return true if it was added, false if the set already held it (a possible duplicate)
   */
  public boolean add(long hash) {
    long h = hash == EMPTY ? ZERO_STANDIN : hash;
    if (size + 1 > (mask + 1) / 4 * 3) {
      grow();
    }
    long i = mix(h) & mask;
    while (true) {
      long at = slots.getLong(i * Long.BYTES);
      if (at == EMPTY) {
        slots.setLong(i * Long.BYTES, h);
        size++;
        return true;
      }
      if (at == h) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  /** Hashes held. */
  public long size() {
    return size;
  }

  /** Off-heap bytes held now. */
  public long bytes() {
    return (mask + 1) * Long.BYTES;
  }

  private void grow() {
    long newSlots = (mask + 1) * 2;
    ArrowBuf bigger = allocate(newSlots);
    long newMask = newSlots - 1;
    for (long s = 0; s <= mask; s++) {
      long h = slots.getLong(s * Long.BYTES);
      if (h != EMPTY) {
        long i = mix(h) & newMask;
        while (bigger.getLong(i * Long.BYTES) != EMPTY) {
          i = (i + 1) & newMask;
        }
        bigger.setLong(i * Long.BYTES, h);
      }
    }
    slots.close();
    slots = bigger;
    mask = newMask;
  }

  /** Spreads the bits once more so that slot indices do not depend on how the caller hashed. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    return h;
  }

  /**
   * A 64-bit hash of a string's UTF-16 code units (each mixed in by multiply-xorshift, then
   * murmur3's finalizer). Distinct strings collide with probability about 2^-64 per pair, so a
   * book of 20 million ids sees a collision about once in 10^5 reads; callers confirm a hit exactly.
   */
  public static long hash(String s) {
    long h = 0x243F_6A88_85A3_08D3L ^ s.length();
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x9E37_79B9_7F4A_7C15L;
      h ^= h >>> 29;
    }
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    h *= 0xC4CE_B9FE_1A85_EC53L;
    h ^= h >>> 33;
    return h;
  }

  @Override
  public void close() {
    if (slots != null) {
      slots.close();
      slots = null;
    }
  }
}

package io.hedgekit.io.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class OffHeapHashSetTest {

  @Test
  void add_agreesWithAJavaSetThroughManyGrowths() {
    SplittableRandom rnd = new SplittableRandom(5);
    Set<Long> reference = new HashSet<>();
    try (BufferAllocator a = new RootAllocator(); OffHeapHashSet set = new OffHeapHashSet(a)) {
      for (int i = 0; i < 200_000; i++) {
        // small range: many repeats; 0 and the stand-in for 0 are both in range of the test
        long h = i % 3 == 0 ? rnd.nextLong(1000) : rnd.nextLong();
        assertEquals(reference.add(h), set.add(h), "hash " + h);
      }
      assertEquals(reference.size(), set.size());
      assertTrue(set.bytes() <= 8L * 4 * reference.size(), "at most 32 bytes per hash: " + set.bytes());
      assertTrue(a.getAllocatedMemory() >= set.bytes(), "the memory is the allocator's");
    }
  }

  @Test
  void add_zeroIsAHashLikeAnyOther() {
    try (BufferAllocator a = new RootAllocator(); OffHeapHashSet set = new OffHeapHashSet(a)) {
      assertTrue(set.add(0));
      assertFalse(set.add(0));
      assertEquals(1, set.size());
    }
  }

  @Test
  void hash_distinctForNearIdsAndStable() {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      assertTrue(seen.add(OffHeapHashSet.hash("pos-" + i)));
    }
    assertTrue(seen.add(OffHeapHashSet.hash("")));
    assertEquals(OffHeapHashSet.hash("BTC-1"), OffHeapHashSet.hash(new String("BTC-1".toCharArray())));
    assertFalse(OffHeapHashSet.hash("ab") == OffHeapHashSet.hash("ba"));
  }

  @Test
  void close_freesEverything() {
    try (BufferAllocator a = new RootAllocator()) {
      OffHeapHashSet set = new OffHeapHashSet(a);
      for (long i = 1; i < 100_000; i++) {
        set.add(i * 0x9E3779B97F4A7C15L);
      }
      set.close();
      set.close();
      assertEquals(0, a.getAllocatedMemory());
    }
  }
}

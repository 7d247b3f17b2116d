package io.hedgekit.cpu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

  @Test
  void forEach_runsEveryUnitOnceOnUpToThreadsThreads() {
    try (WorkerPool pool = new WorkerPool(3)) {
      AtomicIntegerArray runs = new AtomicIntegerArray(1000);
      Set<String> threads = ConcurrentHashMap.newKeySet();
      pool.forEach(1000, u -> {
        runs.incrementAndGet(u);
        threads.add(Thread.currentThread().getName());
      });
      for (int u = 0; u < 1000; u++) {
        assertEquals(1, runs.get(u), "unit " + u);
      }
      assertTrue(threads.size() <= 3, threads.toString());
    }
  }

  @Test
  void forEach_withOneThreadRunsOnTheCaller() {
    try (WorkerPool pool = new WorkerPool(1)) {
      Set<String> threads = ConcurrentHashMap.newKeySet();
      pool.forEach(20, u -> threads.add(Thread.currentThread().getName()));
      assertEquals(Set.of(Thread.currentThread().getName()), threads);
    }
  }

  @Test
  void forEach_rethrowsTheUnitsException() {
    try (WorkerPool pool = new WorkerPool(2)) {
      IllegalArgumentException boom = new IllegalArgumentException("unit 7 failed");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.forEach(50, u -> {
        if (u == 7) {
          throw boom;
        }
      }));
      assertSame(boom, e);
    }
  }

  @Test
  void forEach_afterCloseIsRefusedAndCloseIsIdempotent() {
    WorkerPool pool = new WorkerPool(2);
    pool.close();
    pool.close();
    assertThrows(IllegalStateException.class, () -> pool.forEach(1, u -> { }));
  }

  @Test
  void constructor_rejectsZeroThreads() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0));
    assertTrue(e.getMessage().contains("was 0"));
  }
}

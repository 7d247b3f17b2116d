package io.hedgekit.server.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.server.ServiceException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bounded worker pool: at most N at once, a bounded queue with a bounded wait, then RESOURCE_EXHAUSTED. */
class WorkersTest {

  @Test
  void acquire_beyondWorkersAndQueue_isRefusedNamingTheLimit() {
    Workers w = new Workers(1, 0, 1_000);
    try (Workers.Permit p = w.acquire()) {
      assertEquals(1, w.active());
      ServiceException e = assertThrows(ServiceException.class, w::acquire);
      assertEquals(ServiceException.Kind.RESOURCE_EXHAUSTED, e.kind());
      assertEquals("all 1 workers are busy and 0 requests are waiting (the server's --workers); retry later", e.getMessage());
    }
    assertEquals(0, w.active());
    w.acquire().close();
  }

  @Test
  void acquire_queued_getsTheWorkerWhenItIsFreed() throws Exception {
    Workers w = new Workers(1, 1, 10_000);
    Workers.Permit first = w.acquire();
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> w.acquire().close());
    Thread.sleep(100);
    assertTrue(!second.isDone(), "the second request must wait while the only worker is busy");
    first.close();
    second.get(10, TimeUnit.SECONDS);
    assertEquals(0, w.active());
  }

  @Test
  void acquire_queuedTooLong_isRefused() {
    Workers w = new Workers(1, 1, 100);
    try (Workers.Permit p = w.acquire()) {
      ServiceException e = assertThrows(ServiceException.class, w::acquire);
      assertEquals(ServiceException.Kind.RESOURCE_EXHAUSTED, e.kind());
    }
  }
}

package io.hedgekit.server.impl;

import io.hedgekit.server.ServiceException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool of request workers: at most {@code workers} requests compute at once over the
 * one backend; up to {@code maxQueued} more wait (at most {@code queueMillis}); beyond that a
 * request is refused with RESOURCE_EXHAUSTED at once, so a burst cannot pile up without bound.
 */
final class Workers {
  private final Semaphore permits;
  private final int workers;
  private final int maxQueued;
  private final long queueMillis;
  private final AtomicInteger queued = new AtomicInteger();

  Workers(int workers, int maxQueued, long queueMillis) {
    this.permits = new Semaphore(workers, true);
    this.workers = workers;
    this.maxQueued = maxQueued;
    this.queueMillis = queueMillis;
  }

  /** A held worker; close to give it back. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  Permit acquire() {
    if (!permits.tryAcquire()) {
      if (queued.incrementAndGet() > maxQueued) {
        queued.decrementAndGet();
        throw busy();
      }
      try {
        if (!permits.tryAcquire(queueMillis, TimeUnit.MILLISECONDS)) {
          throw busy();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServiceException(ServiceException.Kind.CANCELLED, "interrupted while waiting for a worker");
      } finally {
        queued.decrementAndGet();
      }
    }
    return new Permit() {
      private boolean released;

      @Override
      public void close() {
        if (!released) {
          released = true;
          permits.release();
        }
      }
    };
  }

  private ServiceException busy() {
    return new ServiceException(ServiceException.Kind.RESOURCE_EXHAUSTED, "all " + workers
        + " workers are busy and " + maxQueued + " requests are waiting (the server's --workers); retry later");
  }

  /** Requests computing now. */
  int active() {
    return workers - permits.availablePermits();
  }
}

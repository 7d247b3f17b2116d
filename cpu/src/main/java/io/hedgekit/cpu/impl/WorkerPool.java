package io.hedgekit.cpu.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A fixed set of {@code threads} workers for data-parallel loops: {@code threads − 1} daemon pool
 * threads plus the calling thread, which always takes part (so one thread means no pool at all
 * and no hand-off latency for small inputs).
 *
 * <p>{@link #forEach} hands out unit indices in increasing order from a shared counter. Which
 * thread runs which unit varies from run to run, so callers that need reproducible results must
 * make each unit's result independent of the thread that computes it and combine units in index
 * order (the kernels do both).
 */
public final class WorkerPool implements AutoCloseable {

  private static final AtomicInteger POOL_IDS = new AtomicInteger();

  private final int threads;
  private final ExecutorService executor;
  private volatile boolean closed;

  /**
   * @param threads total threads working on a loop, including the caller; must be ≥ 1
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public WorkerPool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    this.threads = threads;
    if (threads == 1) {
      executor = null;
    } else {
      int poolId = POOL_IDS.incrementAndGet();
      AtomicInteger workerIds = new AtomicInteger();
      ThreadFactory factory = r -> {
        Thread t = new Thread(r, "hedgekit-cpu-" + poolId + "-" + workerIds.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      executor = Executors.newFixedThreadPool(threads - 1, factory);
    }
  }

  /** Threads that work on a loop, the caller included. */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code body.accept(u)} for every {@code u} in {@code [0, units)} and returns when all
   * have finished. The first exception thrown by a unit stops the hand-out of further units and
   * is rethrown here (errors and runtime exceptions as they are).
   *
   * @throws IllegalStateException if the pool is closed
   */
  public void forEach(int units, IntConsumer body) {
    if (closed) {
      throw new IllegalStateException("the cpu backend is closed");
    }
    if (units <= 0) {
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Runnable drain = () -> {
      for (int u = next.getAndIncrement(); u < units; u = next.getAndIncrement()) {
        try {
          body.accept(u);
        } catch (Throwable t) {
          next.set(units);
          throw t;
        }
      }
    };
    int helpers = executor == null ? 0 : Math.min(threads - 1, units - 1);
    List<Future<?>> futures = new ArrayList<>(helpers);
    try {
      for (int h = 0; h < helpers; h++) {
        futures.add(executor.submit(drain));
      }
    } catch (RejectedExecutionException e) {
      next.set(units);
      throw new IllegalStateException("the cpu backend is closed", e);
    }
    Throwable failure = null;
    try {
      drain.run();
    } catch (Throwable t) {
      failure = t;
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (failure == null) {
          failure = e;
        }
      }
    }
    if (failure instanceof RuntimeException re) {
      throw re;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure != null) {
      throw new IllegalStateException("cpu backend worker interrupted", failure);
    }
  }

  /** Stops the pool threads; running loops finish first. Idempotent. */
  @Override
  public void close() {
    closed = true;
    if (executor != null) {
      executor.shutdown();
    }
  }
}

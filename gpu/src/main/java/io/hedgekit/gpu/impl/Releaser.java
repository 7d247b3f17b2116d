package io.hedgekit.gpu.impl;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * OpenCL objects to release, in reverse order of creation. What is built is registered at once,
 * so a failure half-way through a set-up releases exactly what was built.
 */
final class Releaser implements AutoCloseable {

  private record Entry(String call, Runnable action) {
  }

  private final Deque<Entry> stack = new ArrayDeque<>();

  /** Registers {@code action} (e.g. clReleaseMemObject of a new buffer) to run on close. */
  void add(String call, Runnable action) {
    stack.push(new Entry(call, action));
  }

  /**
   * Runs every registered action, last registered first. All run even if one fails; the first
   * failure is thrown afterwards with the others suppressed. Idempotent.
   */
  @Override
  public void close() {
    RuntimeException first = null;
    while (!stack.isEmpty()) {
      Entry e = stack.pop();
      try {
        Cl.run(e.call(), e.action());
      } catch (RuntimeException ex) {
        if (first == null) {
          first = ex;
        } else {
          first.addSuppressed(ex);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}

package io.hedgekit.risk.progress;

/**
 * Told how far long work has come, so a terminal can draw a bar; implementations must be cheap
 * and may be called from worker threads.
 */
@FunctionalInterface
public interface Progress {

  /** A listener that ignores every update (piped output, --quiet, tests). */
  Progress NONE = (done, total) -> { };

  /**
   * @param done units done so far (positions, scenarios, ...)
   * @param total units in all, or −1 when unknown
   */
  void update(long done, long total);
}

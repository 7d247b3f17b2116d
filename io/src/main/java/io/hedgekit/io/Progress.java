package io.hedgekit.io;

/**
 * Receives progress of writing or reading a scenario file. The unit of {@code done} and
 * {@code total} is the job's (rows, record batches or bytes) and is the same within one job;
 * {@code done} never decreases and ends at {@code total}. Called from the thread doing the work:
 * implementations must be quick.
 *
 * <p>Same shape as {@code io.hedgekit.io.Progress} (io cannot see risk): pass a risk
 * progress as {@code riskProgress::update}.
 */
@FunctionalInterface
public interface Progress {

  /** Ignores every update. */
  Progress NONE = (done, total) -> { };

  /**
   * @param done units of work finished so far, 0..total
   * @param total units of work in the whole job
   */
  void update(long done, long total);
}

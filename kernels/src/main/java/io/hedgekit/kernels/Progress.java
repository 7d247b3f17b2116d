package io.hedgekit.kernels;

/**
 * Receives progress of a long job (reading or writing a file, revaluing a book). The unit of {@code done} and
 * {@code total} is the job's (rows, record batches or bytes) and is the same within one job;
 * {@code done} never decreases and ends at {@code total}. Called from the thread doing the work:
 * implementations must be quick.
 *
 * {@code total} may be −1 when the size is not known in advance.
 *
 * <p>In {@code kernels} so that io, risk and embedders share one type.
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

package io.hedgekit.kernels;

/**
 * Settings common to all backends.
 *
 * @param threads worker threads for CPU work; 0 = one per available core
 * @param device OpenCL device: an index (as listed by {@code hedgekit devices}) or part of its
 *     name; null = the first GPU with double precision, else the first device with it
 */
public record BackendOptions(int threads, String device) {

  public BackendOptions {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, was " + threads);
    }
  }

  /** Defaults: one thread per core, first suitable device. */
  public static BackendOptions defaults() {
    return new BackendOptions(0, null);
  }

  /** Threads to use: {@code threads}, or the number of available processors when 0. */
  public int effectiveThreads() {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }
}

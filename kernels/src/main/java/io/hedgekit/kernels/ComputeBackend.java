package io.hedgekit.kernels;

/**
 * One way of running the kernels: the scalar reference, CPU SIMD, OpenCL, or another runtime.
 *
 * <p>A backend owns whatever it needs (thread pool, device context, compiled programs) and
 * releases it on {@link #close()}. Obtain one from a {@link BackendProvider}.
 */
public interface ComputeBackend extends AutoCloseable {

  /** Short name used on the command line: {@code scalar}, {@code cpu}, {@code gpu}. */
  String name();

  /** One line for logs and reports: what runs where (e.g. species width, threads, device). */
  String description();

  /** The Greeks kernel of this backend. */
  GreeksKernel greeks();

  /**
   * The portfolio Greeks kernel of this backend: sums per underlying and bucket, no per-position
   * output ({@link GreekSumsKernel}: accuracy bound, determinism, errors). The default runs
   * {@link #greeks()} slice by slice into a bounded scratch
   * ({@link GreekSumsKernel#fromPerPosition}); backends with a dedicated kernel override it.
   */
  default GreekSumsKernel greekSums() {
    return GreekSumsKernel.fromPerPosition(greeks());
  }

  /**
   * Whether {@link #greekSums()} is a dedicated kernel that writes no per-position output, rather
   * than the per-position fallback. Callers that can sum per-position outputs themselves (the
   * engine, on its own scratch and threads) do better with {@link #greeks()} when it is not.
   */
  default boolean hasDedicatedGreekSums() {
    return false;
  }

  /** The scenario revaluation kernel of this backend. */
  RevaluationKernel revaluation();

  /** Releases threads, device memory and programs. Idempotent. */
  @Override
  void close();
}

package io.hedgekit.cpu.impl;

import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.GreekSumsKernel;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.RevaluationKernel;

/**
 * The {@code cpu} backend: Vector API kernels on a fixed pool of
 * {@link BackendOptions#effectiveThreads()} threads (the caller counts as one). {@link #close()}
 * stops the pool; the kernels then refuse work.
 */
public final class CpuBackend implements ComputeBackend {

  private final WorkerPool pool;
  private final VectorGreeksKernel greeks;
  private final VectorGreekSumsKernel greekSums;
  private final VectorRevaluationKernel revaluation;

  /** Opens the backend with {@code options.effectiveThreads()} threads. */
  public CpuBackend(BackendOptions options) {
    this.pool = new WorkerPool(options.effectiveThreads());
    this.greeks = new VectorGreeksKernel(pool);
    this.greekSums = new VectorGreekSumsKernel(pool);
    this.revaluation = new VectorRevaluationKernel(pool);
  }

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public String description() {
    return "cpu: Vector API " + VectorNormal.SPECIES.vectorBitSize() + "-bit (" + VectorNormal.SPECIES.length()
        + " doubles per vector), " + pool.threads() + (pool.threads() == 1 ? " thread" : " threads");
  }

  @Override
  public GreeksKernel greeks() {
    return greeks;
  }

  /** True: {@link VectorGreekSumsKernel}. */
  @Override
  public boolean hasDedicatedGreekSums() {
    return true;
  }

  /** The Vector API sums kernel ({@link VectorGreekSumsKernel}): no per-position output. */
  @Override
  public GreekSumsKernel greekSums() {
    return greekSums;
  }

  @Override
  public RevaluationKernel revaluation() {
    return revaluation;
  }

  @Override
  public void close() {
    pool.close();
  }
}

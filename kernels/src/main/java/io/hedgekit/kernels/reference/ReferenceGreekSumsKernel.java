package io.hedgekit.kernels.reference;

import io.hedgekit.kernels.GreekSums;
import io.hedgekit.kernels.GreekSumsKernel;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.SumBuckets;

/**
 * The {@link GreekSumsKernel} of the scalar reference: {@link ReferenceGreeksKernel}'s outputs,
 * added position by position in row order into one accumulator per cell and Greek (a plain
 * left-to-right sum, one thread). This is the truth the backends' sums are held to.
 */
public final class ReferenceGreekSumsKernel implements GreekSumsKernel {

  private final GreekSumsKernel sums = GreekSumsKernel.fromPerPosition(new ReferenceGreeksKernel());

  @Override
  public GreekSums sum(PositionColumns in, SumBuckets buckets) {
    return sums.sum(in, buckets);
  }
}

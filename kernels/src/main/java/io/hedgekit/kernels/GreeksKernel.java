package io.hedgekit.kernels;

/**
 * Computes value and Greeks for every row of a position batch.
 *
 * <p>Implemented by the scalar reference ({@code io.hedgekit.kernels.reference}) and by each
 * backend. A backend's javadoc states how close it is to the reference; the reference itself is
 * the truth (double precision, see {@link io.hedgekit.kernels.reference.ReferencePricer}).
 *
 * <p>Implementations are thread-safe: one instance may serve concurrent calls on disjoint outputs.
 */
public interface GreeksKernel {

  /**
   * Writes outputs for rows {@code [0, in.rows())} of {@code in} into the same rows of {@code out}.
   *
   * @throws IllegalArgumentException if {@code out} has fewer rows than {@code in}
   */
  void compute(PositionColumns in, GreeksColumns out);
}

package io.hedgekit.kernels;

/**
 * Portfolio Greeks without per-position output: sums of all ten {@link GreeksColumns} outputs
 * ({@link GreekSums.Greek}) per underlying, optionally per expiry and strike bucket ({@link SumBuckets}),
 * for the hedge-sizing and limit checks that need only the totals. Writes no per-position column,
 * which spares the 80 bytes per row that bound the {@link GreeksKernel} on large books.
 *
 * <p><b>Contract.</b> Each sum is that of the {@link GreeksKernel} outputs the same backend would
 * compute for the rows of the cell. Against the reference
 * ({@link io.hedgekit.kernels.reference.ReferenceGreekSumsKernel}: the reference's per-position
 * outputs added in row order), every backend's sum S of n positions with reference outputs g_i,
 * spots S_i and sizes z_i satisfies
 * {@code |S − Σ g_i| ≤ 1e-12 · Σ max(|g_i|, S_i·|z_i|) + n · 2^-52 · Σ |g_i|}: the per-position
 * accuracy contract of {@link io.hedgekit.kernels.check.GreeksComparison} summed, plus the
 * rounding of a sum taken in another order. The reference itself meets it with 0.
 *
 * <p><b>Determinism.</b> The same inputs give bit-identical sums on every call, for any thread
 * count and from any thread: a backend adds in an order fixed by the row count and the layout
 * alone (see each implementation), never in the order threads finish.
 *
 * <p><b>Errors.</b> A kind code outside {@code 0 .. ContractKind.COUNT-1} or an underlying index
 * outside {@code [0, buckets.underlyings())} throws IllegalArgumentException naming the row
 * ({@link ContractKind#badCode}, {@link SumBuckets#badUnderlying}).
 *
 * <p>Implementations are thread-safe: one instance may serve concurrent calls. The input columns
 * must stay alive until the call returns and be readable from the backend's threads (heap arrays,
 * Arrow buffers or a shared arena; a confined arena fails with {@link WrongThreadException}).
 */
public interface GreekSumsKernel {

  /**
   * Sums over rows {@code [0, in.rows())} of {@code in}, grouped by {@code buckets}.
   *
   * @return a fresh result; an empty batch gives zeros
   * @throws IllegalArgumentException for a bad kind code or underlying index (naming the row)
   */
  GreekSums sum(PositionColumns in, SumBuckets buckets);

  /**
   * A sums kernel that runs {@code greeks} on slices of {@value #FALLBACK_SLICE_ROWS} rows into
   * heap scratch of that size and adds the outputs in row order (the reference's order, so with
   * the reference's Greeks it is bit-identical to it). For backends without a dedicated sums kernel:
   * it writes per-position outputs, to a bounded scratch, and is no faster than {@code greeks}.
   */
  static GreekSumsKernel fromPerPosition(GreeksKernel greeks) {
    return (in, buckets) -> PerPositionSums.sum(greeks, in, buckets);
  }

  /** Rows per slice of {@link #fromPerPosition}. */
  int FALLBACK_SLICE_ROWS = 16_384;
}

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

  /**
   * Rows per chunk of {@link #compute(PositionColumns, GreeksColumns, RowsDone)}: chunk {@code c}
   * is rows {@code [c · CHUNK_ROWS, min(rows, (c + 1) · CHUNK_ROWS))} of the batch.
   */
  int CHUNK_ROWS = 16_384;

  /**
   * As {@link #compute(PositionColumns, GreeksColumns)}, and hands every range of rows whose outputs
   * are written to {@code done}, on the thread that wrote them and right after (while they are still
   * in its cache): for reductions that run beside the kernel instead of after it (the engine's Greek
   * sums). Each chunk of {@link #CHUNK_ROWS} rows is handed over whole, by one thread, as one or
   * more consecutive ranges in increasing row order; different chunks may be handed over at the
   * same time from different threads, in any order. The outputs are those of
   * {@link #compute(PositionColumns, GreeksColumns)}, bit for bit.
   *
   * <p>The default computes the whole batch, then hands over each chunk in order on the calling
   * thread; backends with worker threads override it.
   *
   * @throws IllegalArgumentException if {@code out} has fewer rows than {@code in}
   */
  default void compute(PositionColumns in, GreeksColumns out, RowsDone done) {
    compute(in, out);
    int n = in.rows();
    for (int c = 0, from = 0; from < n; c++, from += CHUNK_ROWS) {
      done.rows(c, from, Math.min(n, from + CHUNK_ROWS));
    }
  }

  /** Receives rows whose outputs are written ({@link #compute(PositionColumns, GreeksColumns, RowsDone)}). */
  @FunctionalInterface
  interface RowsDone {
    /**
     * Rows {@code [from, to)} of the batch, all in chunk {@code chunk}, have their outputs.
     * Must be safe to call concurrently for different chunks.
     */
    void rows(int chunk, int from, int to);
  }
}

package io.hedgekit.cpu.impl;

import io.hedgekit.kernels.GreekSums;
import io.hedgekit.kernels.GreekSumsKernel;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.SumBuckets;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The {@link GreekSumsKernel} of the {@code cpu} backend: {@link VectorGreeksKernel}'s passes block
 * by block, with each block's outputs left in the thread's cache-resident staging and added into
 * per-cell accumulators there, so that no output column is written (the per-position kernel's
 * 80 bytes of writes per row, and their write-allocate reads, are gone).
 *
 * <p>Order of summation, fixed by the row count and the layout alone (so bit-identical for any
 * thread count, thread and call): the rows are cut into chunks of {@link VectorGreeksKernel#CHUNK};
 * a chunk's sums are added in chunk order, starting from 0. Within a chunk:
 * <ul>
 *   <li>layouts of at most {@link SumScratch#CELL_MAJOR_CELLS} cells (sums per underlying of up to
 *       8 underlyings): row i belongs to lane {@code i mod w} of its cell ({@code w} = the vector
 *       length, 8 with AVX-512); each block of {@link VectorGreeksKernel#SUM_BLOCK} rows (from the
 *       chunk's first row) is added per lane from −0.0 in row order, and that block sum into the
 *       chunk's lane; the chunk's cell sum is its lanes added in lane order. With ten register
 *       accumulators per cell this costs a fifth of accumulating vector by vector in memory on
 *       books of mixed underlyings;</li>
 *   <li>larger layouts (expiry and strike buckets): one accumulator per cell and output, the
 *       chunk's rows added in row order (from 0), which keeps a layout of a few hundred cells in
 *       L1.</li>
 * </ul>
 *
 * <p>Accuracy: each position's outputs are the per-position kernel's (within 1e-12 of the
 * reference, see {@link VectorGreeksKernel}), so every sum meets the bound of
 * {@link GreekSumsKernel} (tested in the backend conformance test).
 *
 * <p>Memory per call: one accumulator set of {@code cells × 10 × w} doubles per thread (40 KB for
 * 500 cells) and the chunks' sums of the cells they touch; nothing per position.
 */
public final class VectorGreekSumsKernel implements GreekSumsKernel {

  private final WorkerPool pool;

  /**
   * Accumulator sets kept between calls (zero when idle), one per thread at most of the layout in
   * use: repeated calls on the same layout allocate nothing per thread.
   */
  private final ConcurrentLinkedQueue<SumScratch> scratch = new ConcurrentLinkedQueue<>();
  /** Accumulator sets up to this many doubles (4 MB) are kept between calls; larger ones are not. */
  private static final int KEEP_DOUBLES = 1 << 19;

  /** @param pool the threads to run on (not closed by this kernel) */
  public VectorGreekSumsKernel(WorkerPool pool) {
    this.pool = pool;
  }

  @Override
  public GreekSums sum(PositionColumns in, SumBuckets buckets) {
    int n = in.rows();
    int cells = buckets.cells();
    double[] expiryEdges = buckets.expiryEdges();
    double[] strikeEdges = buckets.strikeEdges();
    int chunks = (n + VectorGreeksKernel.CHUNK - 1) / VectorGreeksKernel.CHUNK;
    SumScratch.ChunkSums[] parts = new SumScratch.ChunkSums[chunks];
    pool.forEach(chunks, c -> {
      SumScratch s = scratch.poll();
      if (s != null && s.cells != cells) {
        s = null; // another layout's: dropped, so the queue holds the layout in use
      }
      if (s == null) {
        s = new SumScratch(cells);
      }
      int from = c * VectorGreeksKernel.CHUNK;
      try {
        VectorGreeksKernel.sumRows(in, from, Math.min(n, from + VectorGreeksKernel.CHUNK), buckets, expiryEdges,
            strikeEdges, s);
        parts[c] = s.finish();
      } catch (RuntimeException | Error e) {
        s.reset();
        throw e;
      } finally {
        if (s.acc.length <= KEEP_DOUBLES) {
          scratch.add(s);
        }
      }
    });
    int g8 = GreekSums.Greek.COUNT;
    double[] sums = new double[cells * g8];
    for (SumScratch.ChunkSums part : parts) {
      int[] touched = part.cells();
      double[] values = part.sums();
      for (int i = 0; i < touched.length; i++) {
        int base = touched[i] * g8;
        for (int g = 0; g < g8; g++) {
          sums[base + g] += values[i * g8 + g];
        }
      }
    }
    return new GreekSums(buckets, n, sums);
  }
}

package io.hedgekit.cpu.impl;

import io.hedgekit.kernels.GreekSums;
import java.util.Arrays;

/**
 * One chunk's accumulators for {@link VectorGreekSumsKernel}: for every cell and summed output,
 * {@link #width} partial sums (lane l takes the rows i with i mod width = l), and
 * the list of cells the chunk touched. {@link #finish} adds each touched cell's lanes in lane order,
 * hands the chunk's sums over and leaves the accumulators at zero for the next chunk.
 */
final class SumScratch {

  /**
   * Lanes per accumulator: the vector length for layouts of at most {@link #CELL_MAJOR_CELLS}
   * cells (accumulated cell by cell, {@link #cellMajor}), 1 above ({@link #widthFor}).
   */
  final int width;
  final double[] acc;
  private final int[] mark;
  private final int[] touched;
  private int touchedCount;
  private int stamp = 1;

  /** Layouts of at most this many cells are accumulated cell by cell over each block (see {@link #cellMajor}). */
  static final int CELL_MAJOR_CELLS = 8;
  /** Number of cells of the layout. */
  final int cells;
  /**
   * Whether blocks are accumulated cell by cell, each cell's rows into register accumulators
   * first ({@code VectorGreeksKernel.accumulateCellMajor}): for vector-wide accumulators, that is
   * layouts of at most {@link #CELL_MAJOR_CELLS} cells.
   */
  final boolean cellMajor;

  /** Lanes per accumulator for a layout of {@code cells} cells and vectors of {@code lanes} lanes. */
  static int widthFor(int cells, int lanes) {
    return cells <= CELL_MAJOR_CELLS ? lanes : 1;
  }

  /** Accumulators for a layout of {@code cells} cells, {@link #widthFor} lanes each. */
  SumScratch(int cells) {
    this.width = widthFor(cells, VectorNormal.SPECIES.length());
    this.cells = cells;
    this.cellMajor = width > 1;
    this.acc = new double[cells * GreekSums.Greek.COUNT * width];
    this.mark = new int[cells];
    this.touched = new int[cells];
  }

  /** Records that the chunk adds to {@code cell}; returns it. */
  int touch(int cell) {
    if (mark[cell] != stamp) {
      mark[cell] = stamp;
      touched[touchedCount++] = cell;
    }
    return cell;
  }

  /**
   * The chunk's sums (touched cells in ascending order, each cell's lanes added in lane order),
   * after which the accumulators are zero again.
   */
  ChunkSums finish() {
    int[] cells = Arrays.copyOf(touched, touchedCount);
    Arrays.sort(cells);
    int g8 = GreekSums.Greek.COUNT;
    double[] sums = new double[cells.length * g8];
    for (int c = 0; c < cells.length; c++) {
      int base = cells[c] * g8 * width;
      for (int g = 0; g < g8; g++) {
        int at = base + g * width;
        double total = acc[at];
        for (int l = 1; l < width; l++) {
          total += acc[at + l];
        }
        sums[c * g8 + g] = total;
        Arrays.fill(acc, at, at + width, 0.0);
      }
    }
    nextChunk();
    return new ChunkSums(cells, sums);
  }

  /** Drops whatever a failed chunk had added. */
  void reset() {
    Arrays.fill(acc, 0.0);
    nextChunk();
  }

  private void nextChunk() {
    touchedCount = 0;
    if (++stamp == Integer.MAX_VALUE) {
      Arrays.fill(mark, 0);
      stamp = 1;
    }
  }

  /** One chunk's sums: {@code sums[c · 8 + greek]} for cell {@code cells[c]}. */
  record ChunkSums(int[] cells, double[] sums) {
  }
}

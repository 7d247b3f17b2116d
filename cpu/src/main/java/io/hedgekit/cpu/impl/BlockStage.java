package io.hedgekit.cpu.impl;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.PositionColumns;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A native buffer of one block of positions and outputs, for rows the kernels cannot read or
 * write in place: columns on the Java heap, and the last rows of a range that do not fill a
 * vector (padded here with harmless spot rows of size 0). Keeping every vector access on native
 * memory keeps HotSpot's memory-segment access sites monomorphic, which is what makes them fast.
 *
 * <p>Confined to the thread that creates it; the memory is allocated on first use and released
 * by {@link #close()}.
 */
final class BlockStage implements AutoCloseable {

  private final int rows;
  private final int outputCount;
  private Arena arena;
  private MemorySegment[] inputs; // the eleven position columns, in record order
  private MemorySegment[] outputs;

  /**
   * @param rows rows per block (a multiple of the vector length)
   * @param outputCount output columns staged per block
   */
  BlockStage(int rows, int outputCount) {
    this.rows = rows;
    this.outputCount = outputCount;
  }

  private void allocate() {
    if (arena != null) {
      return;
    }
    arena = Arena.ofConfined();
    inputs = new MemorySegment[11];
    for (int c = 0; c < inputs.length; c++) {
      inputs[c] = arena.allocate(8L * rows, 64);
    }
    outputs = new MemorySegment[outputCount];
    for (int c = 0; c < outputCount; c++) {
      outputs[c] = arena.allocate(8L * rows, 64);
    }
  }

  /**
   * Copies rows {@code [from, from + len)} of {@code in} into the stage and pads them to
   * {@code padded} rows; returns the staged columns ({@code padded} rows).
   */
  PositionColumns load(PositionColumns in, int from, int len, int padded) {
    allocate();
    MemorySegment[] src = {in.kind(), in.underlying(), in.spot(), in.strike(), in.timeYears(), in.vol(),
        in.rate(), in.carry(), in.size(), in.entryPrice(), in.funding8h()};
    for (int c = 0; c < src.length; c++) {
      long width = c < 2 ? 4 : 8;
      MemorySegment.copy(src[c], width * from, inputs[c], 0, width * len);
    }
    for (int i = len; i < padded; i++) {
      inputs[0].setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, ContractKind.SPOT.code());
      inputs[1].setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, 0);
      for (int c = 2; c < inputs.length; c++) {
        inputs[c].setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i, c == 2 || c == 3 || c == 9 ? 1.0 : 0.0);
      }
    }
    return new PositionColumns(padded, inputs[0].asSlice(0, 4L * padded), inputs[1].asSlice(0, 4L * padded),
        d(2, padded), d(3, padded), d(4, padded), d(5, padded), d(6, padded), d(7, padded), d(8, padded),
        d(9, padded), d(10, padded));
  }

  private MemorySegment d(int c, int padded) {
    return inputs[c].asSlice(0, 8L * padded);
  }

  /** The staged output columns ({@code rows} rows each). */
  MemorySegment[] outputs() {
    allocate();
    return outputs;
  }

  /** Copies the first {@code len} staged output rows into rows {@code row ..} of {@code cols}. */
  void store(MemorySegment[] cols, int row, int len) {
    for (int c = 0; c < outputCount; c++) {
      MemorySegment.copy(outputs[c], 0, cols[c], 8L * row, 8L * len);
    }
  }

  @Override
  public void close() {
    if (arena != null) {
      arena.close();
    }
  }
}

package io.hedgekit.io.table;

import java.lang.foreign.MemorySegment;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/**
 * Zero-copy {@link MemorySegment} views of Arrow data buffers, the form the kernels'
 * {@code PositionColumns} and {@code GreeksColumns} take. A view is valid only while the vector
 * lives and keeps its buffers (no {@code close}, {@code clear}, reallocation or transfer);
 * writes through it are writes to the vector's values. Validity bits are not touched: a vector
 * that a kernel fills through a view needs {@link #markValid} (or {@link #output}) before its
 * values read as non-null.
 */
public final class ArrowSegments {
  private ArrowSegments() {
  }

  /** The vector's first {@code getValueCount()} float64 values. */
  public static MemorySegment of(Float8Vector v) {
    return view(v, v.getValueCount(), Float8Vector.TYPE_WIDTH);
  }

  /** The vector's first {@code rows} float64 values, {@code rows <= getValueCapacity()}. */
  public static MemorySegment of(Float8Vector v, int rows) {
    return view(v, rows, Float8Vector.TYPE_WIDTH);
  }

  /** The vector's first {@code getValueCount()} int32 values. */
  public static MemorySegment of(IntVector v) {
    return view(v, v.getValueCount(), IntVector.TYPE_WIDTH);
  }

  /** The vector's first {@code rows} int32 values, {@code rows <= getValueCapacity()}. */
  public static MemorySegment of(IntVector v, int rows) {
    return view(v, rows, IntVector.TYPE_WIDTH);
  }

  /** The vector's first {@code getValueCount()} int64 values. */
  public static MemorySegment of(BigIntVector v) {
    return view(v, v.getValueCount(), BigIntVector.TYPE_WIDTH);
  }

  /**
   * Allocates {@code rows} float64 values, marks them valid, sets the value count and returns the
   * view: a kernel output column in one call.
   */
  public static MemorySegment output(Float8Vector v, int rows) {
    v.allocateNew(rows);
    markValid(v, rows);
    v.setValueCount(rows);
    return of(v, rows);
  }

  /** Marks values {@code [0, rows)} as non-null, {@code rows <= getValueCapacity()}. */
  public static void markValid(BaseFixedWidthVector v, int rows) {
    if (rows < 0 || rows > v.getValueCapacity()) {
      throw new IllegalArgumentException(
          "rows must be 0.." + v.getValueCapacity() + " (the vector's capacity), was " + rows);
    }
    ArrowBuf validity = v.getValidityBuffer();
    int fullBytes = rows >>> 3;
    for (int b = 0; b < fullBytes; b++) {
      validity.setByte(b, 0xFF);
    }
    for (int i = fullBytes << 3; i < rows; i++) {
      BitVectorHelper.setBit(validity, i);
    }
  }

  @SuppressWarnings("restricted") // reinterpret is the documented way to size a raw address
  private static MemorySegment view(BaseFixedWidthVector v, int rows, int width) {
    if (rows < 0 || rows > v.getValueCapacity()) {
      throw new IllegalArgumentException(
          "rows must be 0.." + v.getValueCapacity() + " (the vector's capacity), was " + rows);
    }
    long bytes = (long) rows * width;
    if (bytes == 0) {
      return MemorySegment.NULL;
    }
    return MemorySegment.ofAddress(v.getDataBufferAddress()).reinterpret(bytes);
  }
}

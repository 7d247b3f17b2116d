package io.hedgekit.io.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.check.SyntheticBooks;
import io.hedgekit.kernels.reference.ReferenceGreeksKernel;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.api.Test;

class ArrowSegmentsTest {

  @Test
  void of_float8WritesAreSharedBothWays() {
    try (BufferAllocator a = new RootAllocator(); Float8Vector v = new Float8Vector("x", a)) {
      MemorySegment s = ArrowSegments.output(v, 9);
      assertEquals(72, s.byteSize());
      assertEquals(0, v.getNullCount());
      for (int i = 0; i < 9; i++) {
        s.setAtIndex(PositionColumns.DOUBLE, i, i * 1.5);
      }
      for (int i = 0; i < 9; i++) {
        assertEquals(i * 1.5, v.get(i));
      }
      v.set(4, -2.25);
      assertEquals(-2.25, s.getAtIndex(PositionColumns.DOUBLE, 4));
    }
  }

  @Test
  void of_intAndBigIntWritesAreShared() {
    try (BufferAllocator a = new RootAllocator(); IntVector v = new IntVector("k", a); BigIntVector b = new BigIntVector("b", a)) {
      v.allocateNew(7);
      ArrowSegments.markValid(v, 7);
      v.setValueCount(7);
      b.allocateNew(3);
      ArrowSegments.markValid(b, 3);
      b.setValueCount(3);
      MemorySegment s = ArrowSegments.of(v);
      assertEquals(28, s.byteSize());
      s.setAtIndex(PositionColumns.INT, 6, 8);
      assertEquals(8, v.get(6));
      ArrowSegments.of(b).setAtIndex(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 2, Long.MIN_VALUE);
      assertEquals(Long.MIN_VALUE, b.get(2));
    }
  }

  @Test
  void markValid_setsExactlyTheFirstRows() {
    try (BufferAllocator a = new RootAllocator(); Float8Vector v = new Float8Vector("x", a)) {
      v.allocateNew(64);
      ArrowSegments.markValid(v, 13);
      v.setValueCount(20);
      assertEquals(7, v.getNullCount());
      assertEquals(false, v.isNull(12));
      assertEquals(true, v.isNull(13));
    }
  }

  @Test
  void of_rowsBeyondCapacityRejected() {
    try (BufferAllocator a = new RootAllocator(); Float8Vector v = new Float8Vector("x", a)) {
      v.allocateNew(4);
      assertThrows(IllegalArgumentException.class, () -> ArrowSegments.of(v, v.getValueCapacity() + 1));
      assertEquals(0, ArrowSegments.of(v).byteSize(), "value count 0");
      assertEquals(32, ArrowSegments.of(v, 4).byteSize());
    }
  }

  @Test
  void of_kernelWritesGreeksStraightIntoArrowVectors() {
    int rows = 63;
    PositionColumns in = SyntheticBooks.mixed(rows, 3, 9, false);
    GreeksColumns heap = GreeksColumns.allocateOnHeap(rows);
    new ReferenceGreeksKernel().compute(in, heap);
    try (BufferAllocator a = new RootAllocator()) {
      List<Float8Vector> vectors = new ArrayList<>();
      try {
        MemorySegment[] segs = new MemorySegment[GreeksColumns.COUNT];
        for (int c = 0; c < GreeksColumns.COUNT; c++) {
          Float8Vector v = new Float8Vector(GreeksColumns.NAMES.get(c), a);
          vectors.add(v);
          segs[c] = ArrowSegments.output(v, rows);
        }
        new ReferenceGreeksKernel().compute(in, GreeksColumns.of(rows, segs));
        for (int c = 0; c < GreeksColumns.COUNT; c++) {
          for (int i = 0; i < rows; i++) {
            assertEquals(heap.get(c, i), vectors.get(c).get(i), GreeksColumns.NAMES.get(c) + " row " + i);
          }
        }
      } finally {
        vectors.forEach(Float8Vector::close);
      }
    }
  }
}

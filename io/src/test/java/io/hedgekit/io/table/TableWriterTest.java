package io.hedgekit.io.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.io.impl.CsvRecordReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableWriterTest {
  private static final Schema SCHEMA = new Schema(List.of(
      new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
      new Field("count", FieldType.nullable(new ArrowType.Int(32, true)), null),
      new Field("big", FieldType.nullable(new ArrowType.Int(64, true)), null),
      new Field("x", new FieldType(true, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), null,
          Map.of("unit", "USD")), null)),
      Map.of("generator", "historical", "seed", "42"));

  @TempDir
  Path dir;

  /** Fills a root with rows {@code [from, from + rows)} of a deterministic table. */
  private static void fill(VectorSchemaRoot root, int from, int rows) {
    root.allocateNew();
    VarCharVector name = (VarCharVector) root.getVector("name");
    IntVector count = (IntVector) root.getVector("count");
    BigIntVector big = (BigIntVector) root.getVector("big");
    Float8Vector x = (Float8Vector) root.getVector("x");
    SplittableRandom rnd = new SplittableRandom(from);
    for (int i = 0; i < rows; i++) {
      int n = from + i;
      name.setSafe(i, (n % 3 == 0 ? "a, \"quoted\" " + n : "plain" + n).getBytes(StandardCharsets.UTF_8));
      count.setSafe(i, n - 5);
      big.setSafe(i, 1L << 40 | n);
      if (n % 5 == 0) {
        x.setNull(i);
      } else {
        x.setSafe(i, n % 7 == 0 ? Double.NaN : rnd.nextDouble(-1e9, 1e9));
      }
    }
    root.setRowCount(rows);
  }

  private void writeTwoBatches(Path p, TableFormat format, BufferAllocator a) {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, a); TableWriter w = TableWriter.open(p, format, SCHEMA)) {
      fill(root, 0, 10);
      w.write(root);
      fill(root, 10, 7);
      w.write(root);
      assertEquals(17, w.rowsWritten());
      w.commit();
    }
  }

  @Test
  void write_csvRoundTrip() throws IOException {
    Path p = dir.resolve("t.csv");
    try (BufferAllocator a = new RootAllocator()) {
      writeTwoBatches(p, TableFormat.CSV, a);
      List<List<String>> records = new ArrayList<>();
      try (CsvRecordReader r = new CsvRecordReader(Files.newBufferedReader(p), "t.csv")) {
        List<String> rec;
        while ((rec = r.next()) != null) {
          records.add(List.copyOf(rec));
        }
      }
      assertEquals(List.of("name", "count", "big", "x"), records.get(0));
      assertEquals(18, records.size());
      try (VectorSchemaRoot expected = VectorSchemaRoot.create(SCHEMA, a)) {
        fill(expected, 0, 10);
        for (int i = 0; i < 10; i++) {
          List<String> rec = records.get(1 + i);
          assertEquals(new String(((VarCharVector) expected.getVector("name")).get(i), StandardCharsets.UTF_8), rec.get(0));
          assertEquals(Integer.toString(i - 5), rec.get(1));
          assertEquals(Long.toString(1L << 40 | i), rec.get(2));
          Float8Vector x = (Float8Vector) expected.getVector("x");
          if (x.isNull(i) || Double.isNaN(x.get(i))) {
            assertEquals("", rec.get(3), "null and NaN are empty cells");
          } else {
            assertEquals(x.get(i), Double.parseDouble(rec.get(3)), "shortest repr reads back exactly");
            assertEquals(Double.toString(x.get(i)), rec.get(3));
          }
        }
      }
    }
    String first = Files.readAllLines(p).get(1);
    assertEquals("\"a, \"\"quoted\"\" 0\",-5,1099511627776,", first);
  }

  @Test
  void write_arrowRoundTripKeepsValuesAndMetadata() throws IOException {
    Path p = dir.resolve("t.arrow");
    try (BufferAllocator a = new RootAllocator()) {
      writeTwoBatches(p, TableFormat.ARROW, a);
      try (VectorSchemaRoot expected = VectorSchemaRoot.create(SCHEMA, a);
           FileChannel ch = FileChannel.open(p);
           ArrowFileReader r = new ArrowFileReader(ch, a)) {
        Schema got = r.getVectorSchemaRoot().getSchema();
        assertEquals(Map.of("generator", "historical", "seed", "42"), got.getCustomMetadata());
        assertEquals(Map.of("unit", "USD"), got.findField("x").getMetadata());
        assertEquals(2, r.getRecordBlocks().size());
        int[][] batches = {{0, 10}, {10, 7}};
        for (int[] b : batches) {
          assertTrue(r.loadNextBatch());
          fill(expected, b[0], b[1]);
          assertTrue(expected.equals(r.getVectorSchemaRoot()), "batch at " + b[0]);
        }
        assertFalse(r.loadNextBatch());
      }
      assertEquals(0, a.getAllocatedMemory());
    }
  }

  @Test
  void close_withoutCommitLeavesNothing() throws IOException {
    for (TableFormat f : TableFormat.values()) {
      Path p = dir.resolve("t-" + f);
      try (BufferAllocator a = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, a);
           TableWriter w = TableWriter.open(p, f, SCHEMA)) {
        fill(root, 0, 5);
        w.write(root);
      }
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(), s.toList());
    }
  }

  @Test
  void write_rejectsAnotherSchemaAndUseAfterCommit() {
    Path p = dir.resolve("t.csv");
    Schema other = new Schema(List.of(new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
    try (BufferAllocator a = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(other, a);
         VectorSchemaRoot good = VectorSchemaRoot.create(SCHEMA, a);
         TableWriter w = TableWriter.open(p, TableFormat.CSV, SCHEMA)) {
      root.allocateNew();
      root.setRowCount(0);
      assertThrows(IllegalArgumentException.class, () -> w.write(root));
      w.commit();
      fill(good, 0, 1);
      assertThrows(IllegalStateException.class, () -> w.write(good));
    }
    assertTrue(Files.exists(p));
  }

  @Test
  void commit_emptyTableHasHeaderOrSchema() throws IOException {
    Path csv = dir.resolve("e.csv");
    Path arrow = dir.resolve("e.arrow");
    try (TableWriter w = TableWriter.open(csv, TableFormat.CSV, SCHEMA)) {
      w.commit();
    }
    try (TableWriter w = TableWriter.open(arrow, TableFormat.ARROW, SCHEMA)) {
      w.commit();
    }
    assertEquals(List.of("name,count,big,x"), Files.readAllLines(csv));
    try (BufferAllocator a = new RootAllocator(); FileChannel ch = FileChannel.open(arrow);
         ArrowFileReader r = new ArrowFileReader(ch, a)) {
      assertEquals(SCHEMA, r.getVectorSchemaRoot().getSchema());
      assertFalse(r.loadNextBatch());
    }
  }

  @Test
  void write_csvNegativeZeroPrintsAsZero() throws IOException {
    Schema one = new Schema(List.of(new Field("x", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        null)));
    Path p = dir.resolve("z.csv");
    try (BufferAllocator a = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(one, a);
        TableWriter w = TableWriter.open(p, TableFormat.CSV, one)) {
      Float8Vector x = (Float8Vector) root.getVector("x");
      x.allocateNew(3);
      x.set(0, -0.0);
      x.set(1, 0.0);
      x.set(2, 191.60000000000002);
      root.setRowCount(3);
      w.write(root);
      w.commit();
    }
    assertEquals(List.of("x", "0.0", "0.0", "191.60000000000002"), Files.readAllLines(p), "machine output keeps full precision");
  }
}

package io.hedgekit.io.scenario;

import io.hedgekit.kernels.Progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.scenario.ScenarioMetadata;
import io.hedgekit.kernels.scenario.ScenarioSet;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFilesTest {
  @TempDir
  Path dir;

  /** A path set of {@code scenarios} × 2 steps over BTC (with vol shifts) and ETH, scenario-major. */
  private static ScenarioSet randomSet(int scenarios) {
    int rows = 2 * scenarios;
    int[] sc = new int[rows];
    int[] st = new int[rows];
    double[] h = new double[rows];
    double[][] r = new double[2][rows];
    double[] v = new double[rows];
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < rows; i++) {
      sc[i] = i / 2;
      st[i] = 1 + i % 2;
      h[i] = 2.5 * st[i];
      r[0][i] = rnd.nextGaussian() * 0.03;
      r[1][i] = rnd.nextGaussian() * 1e-7;
      v[i] = rnd.nextGaussian() * 0.02;
    }
    ScenarioMetadata meta = new ScenarioMetadata("monte-carlo-gbm", Map.of("count", Integer.toString(scenarios)), 42L, "crypto_daily_close.csv");
    return new ScenarioSet("test", meta, List.of("BTC", "ETH"), sc, st, h, r, new double[][] {v, null});
  }

  private static void assertSameContent(ScenarioSet a, ScenarioSet b) {
    assertEquals(a.rows(), b.rows());
    assertEquals(a.underlyings(), b.underlyings());
    assertEquals(a.steps(), b.steps());
    for (int u = 0; u < a.underlyings().size(); u++) {
      assertEquals(a.hasVolShift(u), b.hasVolShift(u));
    }
    for (int i = 0; i < a.rows(); i++) {
      assertEquals(a.scenarioAt(i), b.scenarioAt(i));
      assertEquals(a.stepAt(i), b.stepAt(i));
      assertEquals(a.horizonDaysAt(i), b.horizonDaysAt(i));
      for (int u = 0; u < a.underlyings().size(); u++) {
        assertEquals(a.returnAt(u, i), b.returnAt(u, i), "row " + i);
        assertEquals(a.volShiftAt(u, i), b.volShiftAt(u, i), "row " + i);
      }
    }
  }

  @Test
  void write_arrowRoundTripsAcrossBatchesWithMetadata() throws IOException {
    ScenarioSet set = randomSet(40_000); // 80,000 rows: two record batches
    Path file = dir.resolve("s.arrow");
    AtomicLong lastWrite = new AtomicLong();
    AtomicLong lastRead = new AtomicLong();
    try (BufferAllocator alloc = new RootAllocator()) {
      ScenarioFiles.write(set, file, alloc, (done, total) -> {
        assertEquals(80_000, total);
        lastWrite.set(done);
      });
      ScenarioSet back = ScenarioFiles.read(file, alloc, (done, total) -> {
        assertEquals(2, total);
        lastRead.set(done);
      });
      assertSameContent(set, back);
      assertEquals(set.metadata(), back.metadata());
      assertEquals(42L, back.metadata().seed());
    }
    assertEquals(80_000, lastWrite.get());
    assertEquals(2, lastRead.get());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file left behind");
    }
  }

  @Test
  void write_csvRoundTripsBitForBitWithoutMetadata() throws IOException {
    ScenarioSet set = randomSet(500);
    Path file = dir.resolve("s.csv");
    try (BufferAllocator alloc = new RootAllocator()) {
      ScenarioFiles.write(set, file, alloc, Progress.NONE);
      ScenarioSet back = ScenarioFiles.read(file, alloc, Progress.NONE);
      assertSameContent(set, back);
      assertEquals(ScenarioMetadata.UNKNOWN, back.metadata());
    }
    assertTrue(Files.readAllLines(file).getFirst().equals("scenario,step,horizon_days,BTC_return,BTC_vol_shift,ETH_return"));
  }

  @Test
  void write_unknownExtensionIsRejectedAndNothingWritten() {
    try (BufferAllocator alloc = new RootAllocator()) {
      assertThrows(IllegalArgumentException.class,
          () -> ScenarioFiles.write(randomSet(3), dir.resolve("x.parquet"), alloc, Progress.NONE));
    }
    assertFalse(Files.exists(dir.resolve("x.parquet")));
  }

  @Test
  void read_detectsArrowByContentWhateverTheName() throws IOException {
    Path file = dir.resolve("scenarios.csv");
    try (BufferAllocator alloc = new RootAllocator()) {
      ScenarioFiles.write(randomSet(3), file, io.hedgekit.io.table.TableFormat.ARROW, alloc, Progress.NONE);
      assertEquals(42L, ScenarioFiles.read(file, alloc, Progress.NONE).metadata().seed());
    }
  }

  private InputException readBadCsv(String text) throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    try (BufferAllocator alloc = new RootAllocator()) {
      return assertThrows(InputException.class, () -> ScenarioFiles.read(file, alloc, Progress.NONE));
    }
  }

  @Test
  void read_csvNaNIsLocated() throws IOException {
    InputException e = readBadCsv("scenario,BTC_return,ETH_return\n0,0.1,0.2\n1,NaN,0.3\n");
    assertEquals(2, e.row());
    assertEquals("BTC_return", e.column());
    assertEquals("NaN", e.value());
    assertTrue(e.getMessage().startsWith(dir.resolve("bad.csv") + " row 2, column BTC_return"), e.getMessage());
  }

  @Test
  void read_csvWrongTypesAreLocated() throws IOException {
    InputException text = readBadCsv("scenario,BTC_return\n0,0.1\n1,abc\n");
    assertEquals(2, text.row());
    assertEquals("BTC_return", text.column());
    InputException fraction = readBadCsv("scenario,BTC_return\n0.5,0.1\n");
    assertEquals(1, fraction.row());
    assertEquals("scenario", fraction.column());
    assertTrue(fraction.problem().contains("int32"), fraction.problem());
  }

  @Test
  void read_csvStructuralProblemsAreNamed() throws IOException {
    assertTrue(readBadCsv("").problem().contains("empty file"));
    assertTrue(readBadCsv("scenario,BTC_return\n").problem().contains("no scenario rows"));
    assertEquals("scenario", readBadCsv("BTC_return\n0.1\n").column());
    assertTrue(readBadCsv("scenario,step\n0,1\n").problem().contains("no <U>_return column"));
    assertEquals("BTC_retrun", readBadCsv("scenario,BTC_retrun\n0,0.1\n").column());
    assertEquals("ETH_vol_shift", readBadCsv("scenario,BTC_return,ETH_vol_shift\n0,0.1,0.2\n").column());
    assertEquals("BTC_return", readBadCsv("scenario,BTC_return,BTC_return\n0,0.1,0.2\n").column());
    InputException missing = readBadCsv("scenario,BTC_return\n0,0.1\n1,\n");
    assertEquals(2, missing.row());
    assertTrue(missing.problem().contains("missing value"));
    InputException fields = readBadCsv("scenario,BTC_return\n0,0.1,7\n");
    assertEquals(1, fields.row());
    InputException horizon = readBadCsv("scenario,horizon_days,BTC_return\n0,1,0.1\n1,2,0.1\n");
    assertEquals(2, horizon.row());
    assertEquals("horizon_days", horizon.column());
    assertEquals("horizon_days", readBadCsv("scenario,horizon_days,BTC_return\n0,-1,0.1\n").column());
  }

  @Test
  void read_missingFileIsAnInputException() {
    try (BufferAllocator alloc = new RootAllocator()) {
      InputException e = assertThrows(InputException.class,
          () -> ScenarioFiles.read(dir.resolve("nope.arrow"), alloc, Progress.NONE));
      assertTrue(e.problem().contains("no such file"));
    }
  }

  /** Writes one record batch whose columns have the given types; values are row numbers. */
  private Path writeArrow(List<Field> fields, int rows, double special) throws IOException {
    Path file = dir.resolve("bad.arrow");
    try (BufferAllocator alloc = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), alloc);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        ArrowFileWriter w = new ArrowFileWriter(root, null, ch)) {
      w.start();
      for (FieldVector v : root.getFieldVectors()) {
        v.allocateNew();
        for (int i = 0; i < rows; i++) {
          boolean last = i == rows - 1;
          switch (v) {
            case IntVector iv -> iv.setSafe(i, i);
            case BigIntVector bv -> bv.setSafe(i, i);
            case Float4Vector fv -> fv.setSafe(i, 0.01f * i);
            case Float8Vector dv -> {
              if (last && Double.isInfinite(special)) {
                dv.setNull(i);
              } else {
                dv.setSafe(i, last ? special : 0.01 * i);
              }
            }
            default -> throw new IllegalStateException(v.getClass().getName());
          }
        }
        v.setValueCount(rows);
      }
      root.setRowCount(rows);
      w.writeBatch();
      w.end();
    }
    return file;
  }

  private static Field f(String name, ArrowType type) {
    return new Field(name, FieldType.nullable(type), null);
  }

  private static final ArrowType INT32 = new ArrowType.Int(32, true);
  private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

  private InputException readBadArrow(Path file) {
    try (BufferAllocator alloc = new RootAllocator()) {
      return assertThrows(InputException.class, () -> ScenarioFiles.read(file, alloc, Progress.NONE));
    }
  }

  @Test
  void read_arrowNaNAndNullAreLocated() throws IOException {
    InputException nan = readBadArrow(writeArrow(List.of(f("scenario", INT32), f("BTC_return", FLOAT64)), 5, Double.NaN));
    assertEquals(5, nan.row());
    assertEquals("BTC_return", nan.column());
    InputException nul = readBadArrow(writeArrow(List.of(f("scenario", INT32), f("ETH_return", FLOAT64)), 3, Double.POSITIVE_INFINITY));
    assertEquals(3, nul.row());
    assertTrue(nul.problem().contains("null"), nul.problem());
  }

  @Test
  void read_arrowWrongTypesAreNamed() throws IOException {
    InputException f32 = readBadArrow(writeArrow(List.of(f("scenario", INT32),
        f("BTC_return", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE))), 2, 0.0));
    assertEquals("BTC_return", f32.column());
    assertTrue(f32.problem().contains("float64"), f32.problem());
    InputException i64 = readBadArrow(writeArrow(List.of(f("scenario", new ArrowType.Int(64, true)),
        f("BTC_return", FLOAT64)), 2, 0.0));
    assertEquals("scenario", i64.column());
    assertTrue(i64.problem().contains("int32"), i64.problem());
  }

  @Test
  void read_arrowWithoutScenarioRowsIsRejected() throws IOException {
    InputException e = readBadArrow(writeArrow(List.of(f("scenario", INT32), f("BTC_return", FLOAT64)), 0, 0.0));
    assertTrue(e.problem().contains("no scenario rows"), e.problem());
  }

  @Test
  void read_truncatedArrowIsAnInputException() throws IOException {
    Path good = dir.resolve("good.arrow");
    try (BufferAllocator alloc = new RootAllocator()) {
      ScenarioFiles.write(randomSet(10), good, alloc, Progress.NONE);
    }
    byte[] bytes = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.arrow");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    InputException e = readBadArrow(cut);
    assertFalse(e.problem().isBlank());
  }

  @Test
  void read_arrowMissingUnderlyingSurfacesWhenMapped() throws IOException {
    Path file = writeArrow(new ArrayList<>(List.of(f("scenario", INT32), f("BTC_return", FLOAT64))), 3, 0.5);
    try (BufferAllocator alloc = new RootAllocator()) {
      ScenarioSet set = ScenarioFiles.read(file, alloc, Progress.NONE);
      InputException e = assertThrows(InputException.class, () -> set.columns(List.of("BTC", "ETH"), 1));
      assertEquals(file.toString(), e.file());
      assertEquals("ETH_return", e.column());
    }
  }

  private InputException readCsvFails(String text) throws IOException {
    Path p = dir.resolve("bad.csv");
    Files.writeString(p, text);
    try (BufferAllocator a = new RootAllocator()) {
      return assertThrows(InputException.class, () -> ScenarioFiles.read(p, a, Progress.NONE));
    }
  }

  @Test
  void read_duplicateScenarioId_namesBothRows() throws IOException {
    InputException e = readCsvFails("scenario,BTC_return\n0,0.01\n1,0.02\n0,-0.01\n");
    assertEquals(dir.resolve("bad.csv") + " row 3, column scenario: duplicate scenario id, first used in row 1, was \"0\"",
        e.getMessage());
  }

  @Test
  void read_sameScenarioIdInTwoSteps_isFine_butTwiceInOneStepIsNot() throws IOException {
    Path ok = dir.resolve("ok.csv");
    Files.writeString(ok, "scenario,step,BTC_return\n0,1,0.01\n0,2,0.02\n");
    try (BufferAllocator a = new RootAllocator()) {
      assertEquals(2, ScenarioFiles.read(ok, a, Progress.NONE).rows());
    }
    InputException e = readCsvFails("scenario,step,BTC_return\n0,1,0.01\n0,2,0.02\n0,2,0.03\n");
    assertTrue(e.getMessage().contains("row 3, column scenario: duplicate scenario id in step 2, first used in row 2"),
        e.getMessage());
  }

  @Test
  void read_returnBeyondTheSanityBound_namesTheRowAndTheFlag() throws IOException {
    InputException e = readCsvFails("scenario,BTC_return,ETH_return\n0,0.01,0.02\n1,50,0.01\n");
    assertEquals(2, e.row());
    assertEquals("BTC_return", e.column());
    assertEquals("50", e.value());
    assertTrue(e.problem().contains("|r| <= 3") && e.problem().contains("--max-abs-return"), e.problem());
  }

  @Test
  void read_returnBeyondTheBound_acceptedWithALargerBound_andVolShiftsAreNotBounded() throws IOException {
    Path p = dir.resolve("big.csv");
    Files.writeString(p, "scenario,BTC_return,BTC_vol_shift\n0,-3.5,4\n");
    try (BufferAllocator a = new RootAllocator()) {
      assertEquals(-3.5, ScenarioFiles.read(p, a, Progress.NONE, 4).returnArray(0)[0]);
      assertThrows(InputException.class, () -> ScenarioFiles.read(p, a, Progress.NONE));
    }
  }

  @Test
  void read_returnBeyondTheBoundInArrow_namesTheRow() throws IOException {
    ScenarioSet set = new ScenarioSet("t", ScenarioMetadata.UNKNOWN, List.of("BTC"), new int[] {0, 1, 2}, null, null,
        new double[][] {{0.01, 0.02, -7.0}}, null);
    Path p = dir.resolve("s.arrow");
    try (BufferAllocator a = new RootAllocator()) {
      ScenarioFiles.write(set, p, io.hedgekit.io.table.TableFormat.ARROW, a, Progress.NONE);
      InputException e = assertThrows(InputException.class, () -> ScenarioFiles.read(p, a, Progress.NONE));
      assertEquals(3, e.row());
      assertEquals("BTC_return", e.column());
    }
  }

  @Test
  void read_garbage_saysItIsNotAScenarioFileWithoutRawBytes() throws IOException {
    byte[] junk = new byte[300];
    new SplittableRandom(3).nextBytes(junk);
    junk[0] = 0x01;
    Path p = dir.resolve("junk.csv");
    Files.write(p, junk);
    try (BufferAllocator a = new RootAllocator()) {
      InputException e = assertThrows(InputException.class, () -> ScenarioFiles.read(p, a, Progress.NONE));
      assertTrue(e.getMessage().contains("not a scenario file: its header has neither a scenario nor any <U>_return column"), e.getMessage());
      assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), "printable only: " + e.getMessage());
    } catch (InputException e) {
      // a random header can also fail as text that is not UTF-8, which is an equally clear error
      assertTrue(e.getMessage().contains("UTF-8") || e.getMessage().contains("not a scenario file"), e.getMessage());
    }
  }

  @Test
  void read_truncatedArrow_saysTruncatedOrNotArrow() throws IOException {
    Path p = dir.resolve("s.arrow");
    try (BufferAllocator a = new RootAllocator()) {
      ScenarioFiles.write(randomSet(500), p, io.hedgekit.io.table.TableFormat.ARROW, a, Progress.NONE);
      byte[] all = Files.readAllBytes(p);
      Files.write(p, java.util.Arrays.copyOf(all, all.length / 2));
      InputException e = assertThrows(InputException.class, () -> ScenarioFiles.read(p, a, Progress.NONE));
      assertTrue(e.getMessage().startsWith(p + ": truncated or not an Arrow IPC file ("), e.getMessage());
    }
  }
}

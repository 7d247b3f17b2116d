package io.hedgekit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.io.market.MarketJson;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.io.table.TableSink;
import io.hedgekit.io.table.TableSinkProvider;
import io.hedgekit.risk.demo.DemoData;
import io.hedgekit.risk.engine.Book;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.engine.VarRequest;
import io.hedgekit.risk.var.VarResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet writer behind {@code hedgekit demo --inputs-only --book-format parquet}: found by the
 * command line's ServiceLoader, read back by Spark cell for cell, and the demo book as Parquet gives
 * the Spark job the VaR of the same book as CSV and of one process.
 */
class ParquetTableSinkTest {
  @TempDir
  static Path dir;
  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SparkJobs.session("local[2]", "hedgekit-parquet-test", SparkJobs.loopbackConf());
  }

  @AfterAll
  static void tearDown() {
    if (spark != null) {
      spark.stop();
    }
    ExecutorRuntime.closeAll();
  }

  @Test
  void provider_isFoundByServiceLoaderAndAvailable() {
    TableSinkProvider p = TableSinkProvider.find("PARQUET").orElseThrow();
    assertTrue(p instanceof ParquetSinkProvider);
    assertEquals(".parquet", p.extension());
    assertEquals(java.util.Optional.empty(), p.unavailable());
    assertTrue(TableSinkProvider.find("xlsx").isEmpty());
  }

  @Test
  void write_everyColumnKind_readsBackInSpark() {
    Schema schema = new Schema(List.of(
        Field.notNullable("id", ArrowType.Utf8.INSTANCE),
        Field.nullable("note", ArrowType.Utf8.INSTANCE),
        Field.nullable("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        Field.nullable("n", new ArrowType.Int(32, true)),
        Field.nullable("big", new ArrowType.Int(64, true)),
        Field.nullable("flag", ArrowType.Bool.INSTANCE),
        Field.nullable("day", new ArrowType.Date(DateUnit.DAY)),
        new Field("at", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")), null)));
    Path file = dir.resolve("kinds.parquet");
    Instant at = Instant.parse("2026-12-25T08:00:00.123Z");
    try (BufferAllocator a = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(schema, a);
        TableSink sink = new ParquetSinkProvider().open(file, schema)) {
      root.allocateNew();
      ((VarCharVector) root.getVector("id")).setSafe(0, "a".getBytes(StandardCharsets.UTF_8));
      ((VarCharVector) root.getVector("id")).setSafe(1, "b".getBytes(StandardCharsets.UTF_8));
      ((VarCharVector) root.getVector("note")).setSafe(0, "naïve, \"quoted\"".getBytes(StandardCharsets.UTF_8));
      ((VarCharVector) root.getVector("note")).setNull(1);
      ((Float8Vector) root.getVector("x")).setSafe(0, -0.1);
      ((Float8Vector) root.getVector("x")).setNull(1);
      ((IntVector) root.getVector("n")).setSafe(0, -7);
      ((IntVector) root.getVector("n")).setNull(1);
      ((BigIntVector) root.getVector("big")).setSafe(0, 1L << 53);
      ((BigIntVector) root.getVector("big")).setNull(1);
      ((BitVector) root.getVector("flag")).setSafe(0, 1);
      ((BitVector) root.getVector("flag")).setNull(1);
      ((DateDayVector) root.getVector("day")).setSafe(0, (int) LocalDate.parse("2027-01-29").toEpochDay());
      ((DateDayVector) root.getVector("day")).setNull(1);
      ((TimeStampMilliTZVector) root.getVector("at")).setSafe(0, at.toEpochMilli());
      ((TimeStampMilliTZVector) root.getVector("at")).setNull(1);
      root.setRowCount(2);
      sink.write(root);
      assertFalse(Files.exists(file), "nothing at the target before commit");
      sink.commit();
      assertEquals(2, sink.rowsWritten());
    }
    List<Row> rows = spark.read().parquet(file.toString()).orderBy("id").collectAsList();
    Row r = rows.get(0);
    assertEquals("a", r.getString(0));
    assertEquals("naïve, \"quoted\"", r.getString(1));
    assertEquals(-0.1, r.getDouble(2));
    assertEquals(-7, r.getInt(3));
    assertEquals(1L << 53, r.getLong(4));
    assertTrue(r.getBoolean(5));
    assertEquals(LocalDate.parse("2027-01-29"), r.getDate(6).toLocalDate());
    assertEquals(at, r.getTimestamp(7).toInstant());
    for (int c = 1; c < 8; c++) {
      assertTrue(rows.get(1).isNullAt(c), "null in column " + c);
    }
  }

  @Test
  void close_beforeCommit_leavesNothing() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("uncommitted"));
    Schema schema = new Schema(List.of(Field.notNullable("id", ArrowType.Utf8.INSTANCE)));
    try (TableSink sink = new ParquetSinkProvider().open(sub.resolve("b.parquet"), schema)) {
      assertEquals(1, countFiles(sub), "the temporary file");
    }
    assertEquals(0, countFiles(sub));
  }

  @Test
  void open_unsupportedColumn_namesIt() {
    Schema schema = new Schema(List.of(Field.nullable("odd", new ArrowType.Decimal(10, 2, 128))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ParquetSinkProvider().open(dir.resolve("odd.parquet"), schema));
    assertTrue(e.getMessage().contains("column odd"), e.getMessage());
  }

  @Test
  void demoBook_asParquet_givesTheVarOfTheCsvBookAndOfOneProcess() throws Exception {
    Path chain = Path.of("").toAbsolutePath().getParent().resolve("examples/deribit_options_snapshot_2026_tessicin.csv");
    DemoData demo = DemoData.fromChain(chain);
    Path marketFile = dir.resolve("demo-market.json");
    MarketJson.write(demo.market(), marketFile);
    Path csv = dir.resolve("demo-book.csv");
    Path parquet = dir.resolve("demo-book.parquet");
    try (BufferAllocator a = new RootAllocator()) {
      demo.writeBook(csv, TableFormat.CSV, 20_000, 7, a);
      try (TableSink sink = TableSinkProvider.find("parquet").orElseThrow().open(parquet, DemoData.BOOK_SCHEMA)) {
        demo.writeBook(sink, 20_000, 7, a);
      }
    }
    Path scenarios = SparkFixtures.scenarios(Files.createDirectories(dir.resolve("demo-scenarios")), 500, 9,
        List.of("BTC", "ETH", "SOL"));
    VarResult expected;
    try (RiskEngine engine = RiskEngine.builder().backend("scalar").build()) {
      Book book = engine.readBook(csv);
      expected = engine.var(book, Market.read(marketFile), engine.readScenarios(scenarios),
          VarRequest.fullRevaluation(0.99, 0.975).withContributions(10)).result();
    }
    SparkRiskOptions o = SparkRiskOptions.defaults().withBackend("scalar").withPartitions(3);
    VarResult fromParquet = SparkRisk.var(spark, SparkRisk.readBook(spark, parquet.toString()), "demo-book.parquet",
        marketFile, scenarios, o).var();
    VarResult fromCsv = SparkRisk.var(spark, SparkRisk.readBook(spark, csv.toString()), "demo-book.csv", marketFile,
        scenarios, o).var();
    assertEquals(20_000, fromParquet.positions());
    for (VarResult actual : List.of(fromParquet, fromCsv)) {
      assertEquals(expected.contributions().top().get(0).id(), actual.contributions().top().get(0).id());
      for (int i = 0; i < 2; i++) {
        SparkRiskTest.assertClose(expected.results().get(i).var(), actual.results().get(i).var(), "VaR");
        SparkRiskTest.assertClose(expected.results().get(i).es(), actual.results().get(i).es(), "ES");
      }
      for (String u : List.of("BTC", "ETH", "SOL")) {
        SparkRiskTest.assertClose(expected.contributions().byUnderlying().get(u),
            actual.contributions().byUnderlying().get(u), Math.abs(expected.contributions().es()), u);
      }
    }
  }

  private static long countFiles(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.count();
    }
  }
}

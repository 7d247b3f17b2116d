package io.hedgekit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.risk.engine.Book;
import io.hedgekit.risk.engine.GreeksResult;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.engine.VarRequest;
import io.hedgekit.risk.var.PositionContribution;
import io.hedgekit.risk.var.RiskFigure;
import io.hedgekit.risk.var.VarMethod;
import io.hedgekit.risk.var.VarResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in {@code local[2]} against the engine in one process on the same inputs: VaR, ES,
 * Euler contributions and Greek sums agree within 1e-9 relative (only the summation order differs).
 * One session for the class; a 3,000-position book.
 */
class SparkRiskTest {
  private static final int POSITIONS = 3_000;
  private static final double REL = 1e-9;

  @TempDir
  static Path dir;
  static SparkSession spark;
  static Path market;
  static Path bookCsv;
  static Path scenarios;
  static VarResult expectedVar;
  static GreeksResult expectedGreeks;

  @BeforeAll
  static void setUp() throws Exception {
    market = SparkFixtures.market(dir);
    bookCsv = SparkFixtures.bookCsv(dir, POSITIONS, 400, 17);
    scenarios = SparkFixtures.scenarios(dir, 1_000, 5);
    try (RiskEngine engine = RiskEngine.builder().backend("scalar").build()) {
      Book book = engine.readBook(bookCsv);
      Market m = Market.read(market);
      ScenarioSet set = engine.readScenarios(scenarios);
      expectedVar = engine.var(book, m, set, VarRequest.fullRevaluation(0.99, 0.975).withContributions(10)).result();
      expectedGreeks = engine.greeks(book, m);
    }
    spark = SparkJobs.session("local[2]", "hedgekit-spark-test", SparkJobs.loopbackConf());
  }

  @AfterAll
  static void tearDown() {
    if (spark != null) {
      spark.stop();
    }
    ExecutorRuntime.closeAll();
  }

  private static SparkRiskOptions options() {
    return SparkRiskOptions.defaults().withBackend("scalar").withPartitions(5);
  }

  @Test
  void var_csvBookOnFivePartitions_equalsOneProcess() {
    SparkRisk.VarRun run = SparkRisk.var(spark, SparkRisk.readBook(spark, bookCsv.toString()), "book.csv", market,
        scenarios, options());
    assertEquals(5, run.partitions());
    assertSameVar(expectedVar, run.var());
    assertSameGreeks(expectedGreeks, run.greeks());
  }

  @Test
  void var_typedParquetShuffledByInstrument_equalsOneProcess() {
    Path parquet = dir.resolve("book.parquet");
    Dataset<Row> csv = SparkRisk.readBook(spark, bookCsv.toString());
    csv.select(functions.col("id"), functions.col("underlying"), functions.col("instrument"), functions.col("type"),
            functions.col("settlement"), functions.col("strike").cast("double"),
            functions.col("expiry").cast("timestamp"), functions.col("quantity").cast("double"),
            functions.col("contract_size").cast("double"), functions.col("vol").cast("double"),
            functions.col("entry_price").cast("double"))
        .repartition(3).write().mode("overwrite").parquet(parquet.toString());
    SparkRisk.VarRun run = SparkRisk.var(spark, SparkRisk.readBook(spark, parquet.toString()), "book.parquet", market,
        scenarios, options().withShuffleByInstrument(true).withPartitions(4));
    assertSameVar(expectedVar, run.var());
    assertSameGreeks(expectedGreeks, run.greeks());
    // Every instrument in one partition: the book's distinct instruments are priced once each.
    assertEquals(expectedVar.instrumentsPriced(), run.var().instrumentsPriced());
  }

  @Test
  void var_passCache_tailPassTakesEveryPartitionFromIt() {
    SparkRisk.VarRun run = SparkRisk.var(spark, SparkRisk.readBook(spark, bookCsv.toString()), "book.csv", market,
        scenarios, options());
    assertEquals(5, run.partitionsCached());
    assertEquals(5, run.tailPartitionsFromCache());
    assertEquals(0, ExecutorRuntime.PASS_CACHE.size(), "the run's entries are gone after it");
    assertSameVar(expectedVar, run.var());
  }

  @Test
  void var_passCacheOff_readsAgainWithTheSameNumbers() {
    SparkRisk.VarRun run = SparkRisk.var(spark, SparkRisk.readBook(spark, bookCsv.toString()), "book.csv", market,
        scenarios, options().withPassCacheMb(0));
    assertEquals(0, run.partitionsCached());
    assertEquals(0, run.tailPartitionsFromCache());
    assertSameVar(expectedVar, run.var());
  }

  @Test
  void var_withoutGreekSums_sameVarAndNoSummary() {
    SparkRisk.VarRun run = SparkRisk.var(spark, SparkRisk.readBook(spark, bookCsv.toString()), "book.csv", market,
        scenarios, options().withGreekSums(false));
    assertEquals(null, run.greeks());
    assertSameVar(expectedVar, run.var());
  }

  @Test
  void var_emptyPartitions_areSkipped() {
    Dataset<Row> five = SparkRisk.readBook(spark, bookCsv.toString()).limit(5).repartition(8);
    SparkRisk.VarRun run = SparkRisk.var(spark, five, "book.csv", market, scenarios, options().withPartitions(0));
    assertEquals(5, run.var().positions());
    assertEquals(8, run.partitions());
    assertEquals(5, run.partitionsCached());
  }

  @Test
  void var_withoutNetting_pricesEveryPosition() {
    SparkRisk.VarRun run = SparkRisk.var(spark, SparkRisk.readBook(spark, bookCsv.toString()), "book.csv", market,
        scenarios, options().withNetting(false).withTopContributors(-1));
    assertEquals(POSITIONS, run.var().instrumentsPriced());
    assertEquals(null, run.var().contributions());
    assertClose(expectedVar.figure(VarMethod.FULL, 0.99).es(), run.var().figure(VarMethod.FULL, 0.99).es(), "ES");
  }

  @Test
  void writeGreeks_perPositionParquet_hasTheGreeksColumnsAndSums() {
    Path out = dir.resolve("greeks.parquet");
    SparkRisk.writeGreeks(spark, SparkRisk.readBook(spark, bookCsv.toString()), "book.csv", market, options(),
        out.toString());
    Dataset<Row> g = spark.read().parquet(out.toString());
    assertEquals(List.of(SparkRisk.greeksSchema().fieldNames()), List.of(g.columns()));
    assertEquals(POSITIONS, g.count());
    for (String u : List.of("BTC", "ETH")) {
      double delta = g.where(functions.col("underlying").equalTo(u)).agg(functions.sum("delta")).first().getDouble(0);
      assertClose(expectedGreeks.sum(u, "delta"), delta, u + " delta");
    }
  }

  @Test
  void greeks_badRow_failsNamingPartitionRowColumnAndValue() throws Exception {
    Path bad = dir.resolve("bad.csv");
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(bookCsv).subList(0, 20));
    lines.add("bad-1,BTC,option,call,linear,-5,2027-01-29T08:00:00Z,1,,,");
    Files.write(bad, lines);
    Exception e = assertThrows(Exception.class, () -> SparkRisk.greeks(spark, SparkRisk.readBook(spark, bad.toString()),
        "bad.csv", market, options().withPartitions(0)));
    String message = messages(e);
    assertTrue(message.contains("bad.csv (partition 0)") && message.contains("strike") && message.contains("-5"),
        message);
  }

  private static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getMessage()).append('\n');
    }
    return b.toString();
  }

  static void assertSameVar(VarResult expected, VarResult actual) {
    assertEquals(expected.scenarios(), actual.scenarios());
    assertEquals(expected.positions(), actual.positions());
    for (double c : List.of(0.99, 0.975)) {
      RiskFigure e = expected.figure(VarMethod.FULL, c);
      RiskFigure a = actual.figure(VarMethod.FULL, c);
      assertClose(e.var(), a.var(), "VaR " + c);
      assertClose(e.es(), a.es(), "ES " + c);
      for (String u : List.of("BTC", "ETH")) {
        RiskFigure eu = expected.byUnderlying().get(u).stream().filter(f -> f.method() == VarMethod.FULL
            && f.confidence() == c).findFirst().orElseThrow();
        RiskFigure au = actual.byUnderlying().get(u).get(List.of(0.99, 0.975).indexOf(c));
        assertClose(eu.var(), au.var(), u + " VaR " + c);
        assertClose(eu.es(), au.es(), u + " ES " + c);
      }
    }
    double es = Math.abs(expected.contributions().es());
    assertClose(expected.contributions().es(), actual.contributions().es(), "contributions ES");
    for (String u : List.of("BTC", "ETH")) {
      assertClose(expected.contributions().byUnderlying().get(u), actual.contributions().byUnderlying().get(u), es,
          u + " contribution");
    }
    List<PositionContribution> et = expected.contributions().top();
    List<PositionContribution> at = actual.contributions().top();
    assertEquals(et.size(), at.size());
    for (int i = 0; i < et.size(); i++) {
      assertEquals(et.get(i).id(), at.get(i).id(), "top contributor " + i);
      assertClose(et.get(i).contribution(), at.get(i).contribution(), "contribution of " + et.get(i).id());
    }
  }

  static void assertSameGreeks(GreeksResult expected, GreeksSummary actual) {
    for (String u : List.of("BTC", "ETH")) {
      for (String c : GreeksColumns.NAMES) {
        assertClose(expected.sum(u, c), actual.sum(u, c), u + " " + c);
      }
      for (int b = 0; b < expected.byExpiry().labels().size(); b++) {
        String label = expected.byExpiry().labels().get(b);
        int ui = expected.byExpiry().underlyings().indexOf(u);
        assertEquals(expected.byExpiry().positions()[ui][b], actual.expiryPositions()[actual.underlyings().indexOf(u)][b]);
        assertClose(expected.byExpiry().get(ui, b, "delta"), actual.expirySum(u, label, "delta"), u + " " + label);
      }
    }
  }

  static void assertClose(double expected, double actual, String what) {
    assertClose(expected, actual, Math.abs(expected), what);
  }

  static void assertClose(double expected, double actual, double scale, String what) {
    assertTrue(Math.abs(expected - actual) <= REL * scale, what + ": expected " + expected + ", was " + actual
        + " (relative " + Math.abs(expected - actual) / scale + ")");
  }
}

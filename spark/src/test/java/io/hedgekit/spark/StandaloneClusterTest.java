package io.hedgekit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.engine.Book;
import io.hedgekit.risk.engine.GreeksResult;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.engine.VarRequest;
import io.hedgekit.risk.var.VarResult;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real Spark standalone cluster on this machine: a master and two workers, each its own
 * JVM started from the Maven jars ({@code org.apache.spark.deploy.master.Master},
 * {@code org.apache.spark.deploy.worker.Worker}) on 127.0.0.1, and executors the workers launch in
 * JVMs of their own. Workers build an executor's class path from {@code $SPARK_HOME/jars}, which a
 * Maven build has not got: the test gives them an empty {@code jars} folder and the whole test class
 * path as {@code spark.executor.extraClassPath} (no Spark distribution needed). Bounded: every wait
 * has a deadline and the class a timeout; the JVMs are destroyed afterwards.
 */
@Tag("cluster")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StandaloneClusterTest {
  @TempDir
  static Path dir;
  static LoopbackCluster cluster;
  static SparkSession spark;

  @BeforeAll
  static void startCluster() throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    cluster = LoopbackCluster.start(cp, dir, 2, 1, "1g");
    Map<String, String> conf = cluster.executorConf();
    conf.put("spark.executor.memory", "640m");
    conf.put("spark.executor.cores", "1");
    conf.put("spark.cores.max", "2");
    // The tail tasks wait for the executor holding their partition (the default 3 s can pass on a loaded machine).
    conf.put("spark.locality.wait", "30s");
    spark = SparkJobs.session(cluster.masterUrl(), "hedgekit-standalone-test", conf);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    // The driver counts itself among the executors: wait for the two real ones.
    while (spark.sparkContext().statusTracker().getExecutorInfos().length < 3) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the cluster's executors did not register within 120 s; logs in " + dir);
      }
      Thread.sleep(250);
    }
  }

  @AfterAll
  static void stopCluster() {
    if (spark != null) {
      spark.stop();
    }
    ExecutorRuntime.closeAll();
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void var_passCacheOff_onTwoWorkers_sameNumbers() throws Exception {
    Path sub = java.nio.file.Files.createDirectories(dir.resolve("off"));
    Path market = SparkFixtures.market(sub);
    Path bookCsv = SparkFixtures.bookCsv(sub, 1_000, 200, 29);
    Path scenarios = SparkFixtures.scenarios(sub, 400, 3);
    SparkRiskOptions o = SparkRiskOptions.defaults().withBackend("scalar").withPartitions(3);
    SparkRisk.VarRun on = SparkRisk.var(spark, SparkRisk.readBook(spark, bookCsv.toString()), "book.csv", market,
        scenarios, o);
    SparkRisk.VarRun off = SparkRisk.var(spark, SparkRisk.readBook(spark, bookCsv.toString()), "book.csv", market,
        scenarios, o.withPassCacheMb(0));
    assertEquals(0, off.tailPartitionsFromCache());
    assertEquals(on.var().contributions().top().get(0).id(), off.var().contributions().top().get(0).id());
    SparkRiskTest.assertClose(on.var().contributions().es(), off.var().contributions().es(), "ES");
    for (String u : List.of("BTC", "ETH")) {
      SparkRiskTest.assertClose(on.var().contributions().byUnderlying().get(u), off.var().contributions().byUnderlying()
          .get(u), Math.abs(on.var().contributions().es()), u);
    }
  }

  @Test
  void var_onTwoWorkers_equalsOneProcess() throws Exception {
    Path market = SparkFixtures.market(dir);
    Path bookCsv = SparkFixtures.bookCsv(dir, 2_000, 300, 23);
    Path scenarios = SparkFixtures.scenarios(dir, 500, 9);
    VarResult expected;
    GreeksResult expectedGreeks;
    try (RiskEngine engine = RiskEngine.builder().backend("scalar").build()) {
      Book book = engine.readBook(bookCsv);
      Market m = Market.read(market);
      ScenarioSet set = engine.readScenarios(scenarios);
      expected = engine.var(book, m, set, VarRequest.fullRevaluation(0.99, 0.975).withContributions(10)).result();
      expectedGreeks = engine.greeks(book, m);
    }
    SparkRisk.VarRun run = SparkRisk.var(spark, SparkRisk.readBook(spark, bookCsv.toString()), "book.csv", market,
        scenarios, SparkRiskOptions.defaults().withBackend("scalar").withPartitions(4));
    SparkRiskTest.assertSameVar(expected, run.var());
    SparkRiskTest.assertSameGreeks(expectedGreeks, run.greeks());
    // Each executor kept its partitions; the tail tasks were placed where they are (delay scheduling).
    assertEquals(4, run.partitionsCached());
    assertEquals(4, run.tailPartitionsFromCache());
    // The work ran in the executors' JVMs, not in this one: this JVM never opened an engine for "scalar/1".
    long executorsWithTasks = Arrays.stream(spark.sparkContext().statusTracker().getExecutorInfos())
        .filter(e -> !e.host().isEmpty() && e.port() > 0).count();
    assertEquals(3, executorsWithTasks);
    assertTrue(ExecutorRuntime.openEngines().isEmpty(), "the driver JVM opened " + ExecutorRuntime.openEngines());
  }
}

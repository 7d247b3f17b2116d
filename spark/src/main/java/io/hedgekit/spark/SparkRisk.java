package io.hedgekit.spark;

import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.risk.engine.Book;
import io.hedgekit.risk.engine.GreeksRequest;
import io.hedgekit.risk.engine.GreeksResult;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.ResolvedPositions;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.greeks.GreeksJob;
import io.hedgekit.risk.greeks.GreeksSums;
import io.hedgekit.risk.var.BookRevaluation;
import io.hedgekit.risk.var.Contributions;
import io.hedgekit.risk.var.PnlVectors;
import io.hedgekit.risk.var.RiskFigure;
import io.hedgekit.risk.var.RiskMeasures;
import io.hedgekit.risk.var.VarMethod;
import io.hedgekit.risk.var.VarResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The end-of-day batch as a Spark job on the engine API: Greeks and full-revaluation VaR/ES of a
 * book held as a Spark {@link Dataset} (Parquet or CSV with the book columns), partition by
 * partition on the executors, with the same numbers as one process.
 *
 * <p>Per partition: the rows become an in-memory engine {@link Book} through Arrow record batches
 * ({@link RowBatches}), resolved against the broadcast market and priced by the executor JVM's one
 * {@link RiskEngine} ({@link ExecutorRuntime}); the partition returns its Greek sums per underlying
 * and expiry bucket and its P&amp;L per scenario (portfolio and per underlying), which a tree
 * aggregate sums ({@link PartitionRisk}: M × (U + 1) doubles, never positions × scenarios, never
 * positions on the driver). The driver takes VaR/ES of the summed vector by
 * {@link RiskMeasures}' definition, picks the k tail scenarios of the highest confidence and
 * broadcasts them; a second pass reprices each partition in those k scenarios only and sums the
 * Euler ES contributions per underlying and keeps the largest ({@link PartitionTail}), as
 * {@code hedgekit var} does.
 *
 * <p>Between the two passes each executor keeps the partitions it resolved in its bounded
 * {@link PassCache} (a quarter of its heap by default), so that the tail pass neither reads the
 * input again nor rebuilds and resolves the book; a partition that is not there (refused for room,
 * executor lost, tail task placed on another executor) is read and resolved again, with the same
 * result. Nothing positions-sized crosses the network or reaches the driver. Bad input fails the
 * job with the engine's message, naming the book, the partition, the row within it, the column
 * and the value.
 */
public final class SparkRisk {
  /** Rows per Arrow batch handed to the engine. */
  static final int BATCH_ROWS = 65_536;
  /** Tree depth of the reductions (2: partitions → √partitions → driver). */
  static final int TREE_DEPTH = 2;

  /** The book columns that identify an instrument (all but id and quantity). */
  static final List<String> INSTRUMENT_COLUMNS = List.of("symbol", "underlying", "instrument", "type", "settlement",
      "strike", "expiry", "contract_size", "vol", "entry_price");

  private SparkRisk() {
  }

  /**
   * Reads a book: Parquet (a file or a directory of part files; the default) or CSV with a header
   * (by the {@code .csv} extension; every column read as text, as {@code hedgekit} reads CSV).
   */
  public static Dataset<Row> readBook(SparkSession spark, String path) {
    if (path.toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return spark.read().option("header", "true").option("inferSchema", "false").csv(path);
    }
    return spark.read().parquet(path);
  }

  /** The numeric book columns. */
  static final List<String> NUMERIC_COLUMNS = List.of("strike", "quantity", "contract_size", "vol", "entry_price");

  /** {@code book} with its numeric book columns ({@link #NUMERIC_COLUMNS}) cast to double, the rest as they are. */
  public static Dataset<Row> typed(Dataset<Row> book) {
    List<Column> cols = new ArrayList<>();
    for (String name : book.columns()) {
      Column c = book.col(name);
      cols.add(NUMERIC_COLUMNS.contains(name.strip().toLowerCase(Locale.ROOT)) ? c.cast("double").as(name) : c);
    }
    return book.select(cols.toArray(Column[]::new));
  }

  /**
   * Greeks of the whole book: sums per underlying and expiry bucket (one pass, one tree aggregate).
   *
   * @param bookName what messages call the book (e.g. its path)
   */
  public static GreeksSummary greeks(SparkSession spark, Dataset<Row> book, String bookName, Path marketFile,
      SparkRiskOptions options) {
    Inputs in = Inputs.of(spark, marketFile, null);
    Dataset<Row> b = prepare(book, options);
    PartitionRisk sum = aggregate(b, bookName, in, options.withGreekSums(true), false, null);
    return GreeksSummary.of(in.underlyings, in.spots, sum);
  }

  /**
   * VaR/ES (full revaluation, every confidence, portfolio and per underlying), Euler ES
   * contributions at the highest confidence (unless {@code topContributors < 0}) and the Greek sums.
   */
  public static VarRun var(SparkSession spark, Dataset<Row> book, String bookName, Path marketFile,
      Path scenarioFile, SparkRiskOptions options) {
    Inputs in = Inputs.of(spark, marketFile, scenarioFile);
    Dataset<Row> b = prepare(book, options);
    // The run's key in the executors' pass caches; none when there is no tail pass to serve.
    String run = options.topContributors() >= 0 && options.passCacheMb() != 0 ? java.util.UUID.randomUUID().toString()
        : null;
    try {
      return var(spark, b, bookName, in, options, run);
    } finally {
      if (run != null) {
        // Entries whose tail task ran on another executor (or never ran): the driver's own JVM is
        // the executor in local mode; a cluster's executors evict them for later runs and end with the application.
        ExecutorRuntime.PASS_CACHE.dropRun(run);
      }
    }
  }

  private static VarRun var(SparkSession spark, Dataset<Row> b, String bookName, Inputs in, SparkRiskOptions options,
      String run) {
    long t0 = System.nanoTime();
    PartitionRisk sum = aggregate(b, bookName, in, options, true, run);
    double pass1 = (System.nanoTime() - t0) / 1e9;

    ScenarioSet set = in.scenarioSet;
    int step = options.step() == null ? set.lastStep().number() : options.step();
    int m = sum.pnl.length;
    List<String> names = in.underlyings;
    List<RiskFigure> results = figures(sum.pnl, options.confidences());
    Map<String, List<RiskFigure>> byUnderlying = new LinkedHashMap<>();
    for (int u = 0; u < names.size(); u++) {
      byUnderlying.put(names.get(u), figures(sum.pnlBy[u], options.confidences()));
    }
    Contributions contributions = null;
    double pass2 = 0;
    long fromCache = 0;
    if (options.topContributors() >= 0) {
      t0 = System.nanoTime();
      double c = options.contributionConfidence();
      int k = RiskMeasures.tailCount(m, c);
      int[] tail = RiskMeasures.tailScenarios(sum.pnl, k);
      PartitionTail t = tail(spark, b, bookName, in, options, tail, run, sum.cachedAt);
      fromCache = t.fromCache;
      Map<String, Double> by = new LinkedHashMap<>();
      for (int u = 0; u < names.size(); u++) {
        by.put(names.get(u), t.byUnderlying[u]);
      }
      contributions = new Contributions(c, RiskMeasures.of(sum.pnl, c).es(), by, t.top());
      pass2 = (System.nanoTime() - t0) / 1e9;
    }
    PnlVectors pnl = new PnlVectors(names, set.scenarioIds(step), sum.pnl, sum.pnlBy, null, null);
    VarResult result = new VarResult(options.confidences(), set.step(step).horizonDays(), m, sum.positions,
        sum.priced, List.copyOf(results), byUnderlying, contributions, null, step, pnl);
    return new VarRun(result, options.greekSums() ? GreeksSummary.of(names, in.spots, sum) : null, sum.partitions,
        pass1, pass2, sum.cached, fromCache);
  }

  /**
   * Writes every position's value and Greeks as Parquet to {@code out} (a directory of part files,
   * replaced if it exists), with the columns of {@code hedgekit greeks} ({@link GreeksJob#SCHEMA}).
   */
  public static void writeGreeks(SparkSession spark, Dataset<Row> book, String bookName, Path marketFile,
      SparkRiskOptions options, String out) {
    Inputs in = Inputs.of(spark, marketFile, null);
    Dataset<Row> b = prepare(book, options);
    StructType schema = b.schema();
    Broadcast<ExecutorRuntime.FileBytes> market = in.market;
    String backend = options.backend();
    int threads = options.threads();
    FlatMapFunction<Iterator<InternalRow>, Row> f = rows -> {
      RiskEngine engine = ExecutorRuntime.engine(backend, threads);
      Book part = toBook(rows, schema, partitionName(bookName), engine);
      if (part == null || part.size() == 0) {
        return Collections.emptyIterator();
      }
      List<Row> outRows = new ArrayList<>(part.size());
      try (ResolvedPositions r = engine.resolve(part, ExecutorRuntime.market(market.value()))) {
        engine.greeks(r, GreeksRequest.sums(), root -> {
          List<FieldVector> v = root.getFieldVectors();
          for (int i = 0; i < root.getRowCount(); i++) {
            Object[] values = new Object[v.size()];
            for (int c = 0; c < v.size(); c++) {
              FieldVector fv = v.get(c);
              if (fv.isNull(i)) {
                values[c] = null;
              } else if (fv instanceof Float8Vector d) {
                values[c] = d.get(i);
              } else {
                values[c] = new String(((VarCharVector) fv).get(i), java.nio.charset.StandardCharsets.UTF_8);
              }
            }
            outRows.add(RowFactory.create(values));
          }
        });
      }
      return outRows.iterator();
    };
    JavaRDD<Row> rdd = internalRows(b).mapPartitions(f);
    spark.createDataFrame(rdd, greeksSchema()).write().mode("overwrite").parquet(out);
  }

  /** The Spark schema of {@link GreeksJob#SCHEMA}: id, underlying, instrument as text, then the ten doubles. */
  public static StructType greeksSchema() {
    List<StructField> fields = new ArrayList<>();
    for (Field f : GreeksJob.SCHEMA.getFields()) {
      boolean text = f.getType() instanceof org.apache.arrow.vector.types.pojo.ArrowType.Utf8;
      fields.add(DataTypes.createStructField(f.getName(), text ? DataTypes.StringType : DataTypes.DoubleType,
          f.isNullable()));
    }
    return DataTypes.createStructType(fields);
  }

  // ---- the passes ----

  private static Dataset<Row> prepare(Dataset<Row> book, SparkRiskOptions options) {
    Dataset<Row> b = book;
    if (options.shuffleByInstrument()) {
      List<Column> keys = new ArrayList<>();
      for (String name : book.columns()) {
        if (INSTRUMENT_COLUMNS.contains(name.strip().toLowerCase(Locale.ROOT))) {
          keys.add(book.col(name));
        }
      }
      int n = options.partitions() > 0 ? options.partitions() : book.rdd().getNumPartitions();
      b = b.repartition(n, keys.toArray(Column[]::new));
    } else if (options.partitions() > 0) {
      b = b.repartition(options.partitions());
    }
    return b;
  }

  /**
   * The P&amp;L pass (or with {@code withScenarios} false the Greeks pass); with a {@code run} key it
   * leaves each partition's resolved positions in its executor's {@link PassCache} for the tail pass.
   */
  private static PartitionRisk aggregate(Dataset<Row> book, String bookName, Inputs in, SparkRiskOptions options,
      boolean withScenarios, String run) {
    StructType schema = book.schema();
    Broadcast<ExecutorRuntime.FileBytes> market = in.market;
    Broadcast<ExecutorRuntime.FileBytes> scenarios = withScenarios ? in.scenarios : null;
    String backend = options.backend();
    int threads = options.threads();
    Integer step = options.step();
    boolean netting = options.netting();
    boolean greekSums = options.greekSums();
    long cacheMb = options.passCacheMb();
    // In local mode the one executor is the driver: no locations to steer by.
    boolean withLocations = run != null && !book.sparkSession().sparkContext().isLocal();
    List<String> names = in.underlyings;
    int nu = names.size();
    int m = withScenarios ? in.scenarioCount(step) : 0;
    FlatMapFunction<Iterator<InternalRow>, PartitionRisk> f = rows -> {
      PartitionRisk out = new PartitionRisk(nu, m);
      out.partitions = 1;
      RiskEngine engine = ExecutorRuntime.engine(backend, threads);
      Book part = toBook(rows, schema, partitionName(bookName), engine);
      if (part == null || part.size() == 0) {
        return List.of(out).iterator();
      }
      Market mk = ExecutorRuntime.market(market.value());
      ResolvedPositions r = engine.resolve(part, mk);
      boolean handedOver = false;
      try {
        checkUnderlyings(r.underlyings(), names);
        if (greekSums) {
          GreeksResult g = engine.greeks(r, GreeksRequest.withBuckets());
          double[][] sums = g.portfolio().sums();
          long[] counts = g.portfolio().positions();
          GreeksSums.Buckets ex = g.byExpiry();
          for (int u = 0; u < nu; u++) {
            System.arraycopy(sums[u], 0, out.greeks[u], 0, PartitionRisk.C);
            out.positionsBy[u] = counts[u];
            for (int bk = 0; bk < PartitionRisk.B; bk++) {
              System.arraycopy(ex.sums()[u][bk], 0, out.expiry[u][bk], 0, PartitionRisk.C);
              out.expiryPositions[u][bk] = ex.positions()[u][bk];
            }
          }
        }
        out.positions = r.positions();
        if (scenarios != null) {
          ScenarioSet set = ExecutorRuntime.scenarios(scenarios.value(), engine);
          BookRevaluation.Result pnl = engine.scenarioPnl(r, set, step, netting).result();
          System.arraycopy(pnl.pnl().portfolio(), 0, out.pnl, 0, m);
          for (int u = 0; u < nu; u++) {
            System.arraycopy(pnl.pnl().byUnderlying()[u], 0, out.pnlBy[u], 0, m);
          }
          out.priced = pnl.priced();
        }
        if (run != null) {
          handedOver = true;
          int partition = TaskContext.getPartitionId();
          out.cached = ExecutorRuntime.PASS_CACHE.offer(run, partition, r, ExecutorRuntime.passCacheBudget(cacheMb)) ? 1 : 0;
          if (out.cached == 1 && withLocations) {
            org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
            out.cachedAt.put(partition, "executor_" + env.blockManager().blockManagerId().host() + "_" + env.executorId());
          }
        }
      } finally {
        if (!handedOver) {
          r.close();
        }
      }
      return List.of(out).iterator();
    };
    return internalRows(book).mapPartitions(f)
        .treeAggregate(new PartitionRisk(nu, m), PartitionRisk::add, PartitionRisk::add, TREE_DEPTH);
  }

  /**
   * The tail pass: each partition's positions repriced in the tail scenarios, from its executor's
   * {@link PassCache} when the P&amp;L pass left it there under {@code run}, else read and resolved again.
   */
  private static PartitionTail tail(SparkSession spark, Dataset<Row> book, String bookName, Inputs in,
      SparkRiskOptions options, int[] tailScenarios, String run, Map<Integer, String> cachedAt) {
    StructType schema = book.schema();
    Broadcast<ExecutorRuntime.FileBytes> market = in.market;
    Broadcast<ExecutorRuntime.FileBytes> scenarios = in.scenarios;
    Broadcast<int[]> tail = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(tailScenarios);
    String backend = options.backend();
    int threads = options.threads();
    Integer step = options.step();
    boolean netting = options.netting();
    int top = options.topContributors();
    List<String> names = in.underlyings;
    int nu = names.size();
    FlatMapFunction<Iterator<InternalRow>, PartitionTail> f = rows -> {
      PartitionTail out = new PartitionTail(nu, top);
      RiskEngine engine = ExecutorRuntime.engine(backend, threads);
      ResolvedPositions cached = run == null ? null : ExecutorRuntime.PASS_CACHE.take(run, TaskContext.getPartitionId());
      Book part = null;
      if (cached != null) {
        out.fromCache = 1; // the rows are not read at all
      } else {
        part = toBook(rows, schema, partitionName(bookName), engine);
        if (part == null || part.size() == 0) {
          return List.of(out).iterator();
        }
      }
      int[] t = tail.value();
      int k = t.length;
      try (ResolvedPositions r = cached != null ? cached : engine.resolve(part, ExecutorRuntime.market(market.value()))) {
        ScenarioSet set = ExecutorRuntime.scenarios(scenarios.value(), engine);
        engine.tailPnl(r, set, step, t, netting, (batch, i, sum) -> {
          int u = batch.columns().underlying().getAtIndex(PositionColumns.INT, i);
          out.add(u, batch.id(i), names.get(u), -sum / k);
        });
      }
      return List.of(out).iterator();
    };
    try {
      JavaRDD<InternalRow> rows = internalRows(book);
      if (!cachedAt.isEmpty()) {
        rows = new CachedLocations(rows.rdd(), cachedAt).toJavaRDD();
      }
      return rows.mapPartitions(f)
          .treeAggregate(new PartitionTail(nu, top), PartitionTail::add, PartitionTail::add, TREE_DEPTH);
    } finally {
      tail.destroy();
    }
  }

  /** The book's rows as Catalyst rows: no conversion to external {@code Row}s (which cost more than the pricing). */
  private static JavaRDD<InternalRow> internalRows(Dataset<Row> book) {
    return book.queryExecution().toRdd().toJavaRDD();
  }

  /** The partition's rows as an engine book, or null for a partition without rows (a split that holds no row group). */
  private static Book toBook(Iterator<InternalRow> rows, StructType schema, String name, RiskEngine engine) {
    if (!rows.hasNext()) {
      return null;
    }
    try (BufferAllocator a = engine.newAllocator("spark-rows");
        RowBatches batches = new RowBatches(rows, schema, BATCH_ROWS, a)) {
      return Book.from(batches, name, a);
    }
  }

  private static String partitionName(String bookName) {
    TaskContext tc = TaskContext.get();
    return bookName + " (partition " + (tc == null ? 0 : tc.partitionId()) + ")";
  }

  private static void checkUnderlyings(List<String> resolved, List<String> expected) {
    if (!resolved.equals(expected)) {
      throw new IllegalStateException("the executor's market has underlyings " + resolved + ", the driver's "
          + expected);
    }
  }

  private static List<RiskFigure> figures(double[] pnl, List<Double> confidences) {
    double[] sorted = pnl.clone();
    java.util.Arrays.sort(sorted);
    List<RiskFigure> out = new ArrayList<>();
    for (double c : confidences) {
      RiskMeasures.VarEs v = RiskMeasures.ofSorted(sorted, c);
      out.add(new RiskFigure(VarMethod.FULL, c, v.var(), v.es()));
    }
    return List.copyOf(out);
  }

  /** The driver's view of the broadcast inputs. */
  private static final class Inputs {
    Broadcast<ExecutorRuntime.FileBytes> market;
    Broadcast<ExecutorRuntime.FileBytes> scenarios;
    ScenarioSet scenarioSet;
    List<String> underlyings;
    double[] spots;

    static Inputs of(SparkSession spark, Path marketFile, Path scenarioFile) {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Inputs in = new Inputs();
      Market market = Market.read(marketFile);
      in.underlyings = market.underlyings();
      in.spots = in.underlyings.stream().mapToDouble(market::spot).toArray();
      in.market = jsc.broadcast(ExecutorRuntime.FileBytes.read(marketFile));
      if (scenarioFile != null) {
        try (RiskEngine e = RiskEngine.builder().backend("scalar").build()) {
          in.scenarioSet = e.readScenarios(scenarioFile);
        }
        // Fails here, on the driver, when the set lacks an underlying of the market that the book may use.
        in.scenarios = jsc.broadcast(ExecutorRuntime.FileBytes.read(scenarioFile));
      }
      return in;
    }

    int scenarioCount(Integer step) {
      return scenarioSet.step(step == null ? scenarioSet.lastStep().number() : step).scenarios();
    }
  }

  /**
   * A Spark VaR run's results.
   *
   * @param var VaR/ES, contributions and P&amp;L vectors (as {@code hedgekit var}, full revaluation)
   * @param greeks the Greek sums of the same pass; null when the options turned them off
   * @param partitions partitions the book was priced in
   * @param pnlSeconds wall time of the pass that prices every scenario, s
   * @param contributionSeconds wall time of the tail pass, s (0 without contributions)
   * @param partitionsCached partitions the P&amp;L pass left in the executors' pass caches
   * @param tailPartitionsFromCache partitions the tail pass took from there (the others were read
   *     and resolved again)
   */
  public record VarRun(VarResult var, GreeksSummary greeks, long partitions, double pnlSeconds,
      double contributionSeconds, long partitionsCached, long tailPartitionsFromCache) {
  }
}

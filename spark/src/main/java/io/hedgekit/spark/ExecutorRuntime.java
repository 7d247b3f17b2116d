package io.hedgekit.spark;

import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.RiskEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one executor JVM shares between its tasks: one {@link RiskEngine} per backend (opened on
 * first use, closed by a shutdown hook when the executor exits) and the broadcast market and
 * scenario set, parsed once per JVM from the bytes of their files; and the {@link PassCache} of
 * resolved partitions between a VaR run's two passes. Thread-safe: Spark runs several
 * tasks of an executor at once, and the engine serves them concurrently.
 */
final class ExecutorRuntime {
  private static final Map<String, RiskEngine> ENGINES = new ConcurrentHashMap<>();
  private static final Map<String, Market> MARKETS = new ConcurrentHashMap<>();
  private static final Map<String, ScenarioSet> SCENARIOS = new ConcurrentHashMap<>();
  /** Resolved partitions a VaR run's P&L pass leaves for its tail pass on this JVM. */
  static final PassCache PASS_CACHE = new PassCache();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ExecutorRuntime::closeAll, "hedgekit-engine-close"));
  }

  private ExecutorRuntime() {
  }

  /**
   * The JVM's engine for {@code backend} ({@code scalar}, {@code cpu}, {@code gpu}, {@code auto})
   * with {@code threads} backend threads (0 = one per core).
   */
  static RiskEngine engine(String backend, int threads) {
    return ENGINES.computeIfAbsent(backend + "/" + threads,
        k -> RiskEngine.builder().backend(backend).threads(threads).build());
  }

  /** The market of this file content (named {@code fileName} in messages), parsed once per JVM. */
  static Market market(FileBytes file) {
    return MARKETS.computeIfAbsent(file.digest(), k -> Market.read(file.materialize()));
  }

  /** The scenario set of this file content, read once per JVM through {@code engine}. */
  static ScenarioSet scenarios(FileBytes file, RiskEngine engine) {
    return SCENARIOS.computeIfAbsent(file.digest(), k -> engine.readScenarios(file.materialize()));
  }

  /**
   * The pass cache's budget, bytes, for a requested {@code megabytes}: as asked, or for a negative
   * value (the default) a quarter of this JVM's maximum heap.
   */
  static long passCacheBudget(long megabytes) {
    return megabytes >= 0 ? megabytes << 20 : Runtime.getRuntime().maxMemory() / 4;
  }

  /** The engines open in this JVM, as {@code backend/threads}. */
  static java.util.Set<String> openEngines() {
    return java.util.Set.copyOf(ENGINES.keySet());
  }

  /** Closes every engine (the shutdown hook; also for tests running the driver and executors in one JVM). */
  static synchronized void closeAll() {
    PASS_CACHE.clear();
    for (String k : ENGINES.keySet()) {
      RiskEngine e = ENGINES.remove(k);
      if (e != null) {
        e.close();
      }
    }
  }

  /**
   * A small input file's name and bytes, as broadcast to executors (market JSON, scenario set).
   * The file is written back under the JVM's temporary directory, in a folder named by its
   * SHA-256, so the engine's own readers (which take paths and pick the format by name) parse it.
   */
  record FileBytes(String fileName, byte[] bytes) implements java.io.Serializable {
    static FileBytes read(Path file) {
      try {
        return new FileBytes(file.getFileName().toString(), Files.readAllBytes(file));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }

    String digest() {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + "-" + fileName;
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    Path materialize() {
      try {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "hedgekit-spark", digest().substring(0, 32));
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName);
        if (!Files.exists(file) || Files.size(file) != bytes.length) {
          Path tmp = Files.createTempFile(dir, "part", ".tmp");
          Files.write(tmp, bytes);
          Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
              java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the broadcast " + fileName + " to a temporary file: "
            + e.getMessage(), e);
      }
    }
  }
}

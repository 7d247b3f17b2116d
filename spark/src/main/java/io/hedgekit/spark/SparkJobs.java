package io.hedgekit.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Spark sessions for hedgekit jobs, and the JVM options their drivers and executors need on JDK 25. */
public final class SparkJobs {
  private static final String JVM_OPTIONS = "jvm.options";

  private SparkJobs() {
  }

  /**
   * The JVM options a driver or executor running hedgekit on Spark needs on JDK 25: Spark's own
   * {@code --add-opens} list, the Vector API module, and unsafe/native memory access for Arrow and
   * the engine. The one list is {@code spark.jvmFlags} in {@code spark/pom.xml}, packaged as the
   * resource {@code io/hedgekit/spark/jvm.options}.
   */
  public static List<String> jvmOptions() {
    try (InputStream in = SparkJobs.class.getResourceAsStream(JVM_OPTIONS)) {
      if (in == null) {
        throw new IllegalStateException("resource io/hedgekit/spark/" + JVM_OPTIONS + " is missing from the class path");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      return Arrays.stream(text.split("\\s+")).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Settings for a session on this machine only: driver on 127.0.0.1, no web UI, 4 shuffle partitions,
   * and the executors' JVM options ({@link #jvmOptions()}).
   */
  public static Map<String, String> loopbackConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.sql.shuffle.partitions", "4");
    conf.put("spark.executor.extraJavaOptions", String.join(" ", jvmOptions()));
    return conf;
  }

  /** A session on {@code master} ({@code local[2]}, {@code spark://host:port}, ...) with {@code conf}. */
  public static SparkSession session(String master, String appName, Map<String, String> conf) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (master != null) {
      b = b.master(master);
    }
    for (Map.Entry<String, String> e : conf.entrySet()) {
      b = b.config(e.getKey(), e.getValue());
    }
    return b.getOrCreate();
  }
}

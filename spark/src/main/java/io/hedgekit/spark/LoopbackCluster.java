package io.hedgekit.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1 started from the jars on a class path (no Spark
 * distribution): a master and {@code workers} workers, each its own JVM
 * ({@code org.apache.spark.deploy.master.Master} / {@code worker.Worker}) with
 * {@link SparkJobs#jvmOptions()}; executors are JVMs the workers launch. A worker builds an
 * executor's class path from {@code $SPARK_HOME/jars}, which a Maven build has not got: the cluster
 * gets a {@code SPARK_HOME} with an empty {@code jars} folder, and jobs must pass the class path as
 * {@code spark.executor.extraClassPath} ({@link #executorConf()}). For tests and benchmarks on one
 * machine; {@link #close()} stops every JVM it started.
 */
public final class LoopbackCluster implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final String classPath;
  private final Path dir;
  private String masterUrl;

  private LoopbackCluster(String classPath, Path dir) {
    this.classPath = classPath;
    this.dir = dir;
  }

  /**
   * Starts a master and {@code workers} workers of {@code coresPerWorker} cores and
   * {@code memoryPerWorker} (e.g. {@code 2g}) each, logs and work folders under {@code dir}; returns
   * once the master listens (workers register within seconds after).
   *
   * @throws IllegalStateException if the master does not listen within 90 s (its log is named)
   */
  public static LoopbackCluster start(String classPath, Path dir, int workers, int coresPerWorker,
      String memoryPerWorker) throws IOException, InterruptedException {
    LoopbackCluster c = new LoopbackCluster(classPath, dir);
    try {
      Path home = Files.createDirectories(dir.resolve("spark-home").resolve("jars")).getParent();
      int port = freePort();
      c.masterUrl = "spark://127.0.0.1:" + port;
      c.start(home, "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
          String.valueOf(port), "--webui-port", String.valueOf(freePort()));
      c.waitForPort(port, 90);
      for (int w = 1; w <= workers; w++) {
        Path work = Files.createDirectories(dir.resolve("work-" + w));
        c.start(home, "worker-" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores",
            String.valueOf(coresPerWorker), "--memory", memoryPerWorker, "--webui-port", String.valueOf(freePort()),
            "--work-dir", work.toString(), c.masterUrl);
      }
      return c;
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** {@code spark://127.0.0.1:PORT}. */
  public String masterUrl() {
    return masterUrl;
  }

  /** The settings a job on this cluster needs: {@link SparkJobs#loopbackConf()} and the executors' class path. */
  public Map<String, String> executorConf() {
    Map<String, String> conf = SparkJobs.loopbackConf();
    conf.put("spark.executor.extraClassPath", classPath);
    return conf;
  }

  private void start(Path home, String name, String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(SparkJobs.jvmOptions());
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    processes.add(pb.start());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void waitForPort(int port, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(250);
      }
    }
    throw new IllegalStateException("the Spark master did not listen on port " + port + " within " + seconds
        + " s; log: " + dir.resolve("master.log"));
  }

  /** Stops the workers, then the master (20 s each to exit, then killed). */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      p.destroy();
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }
}

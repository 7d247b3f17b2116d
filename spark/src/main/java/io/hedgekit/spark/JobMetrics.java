package io.hedgekit.spark;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageExecutorMetrics;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Bytes a job moved, summed over its tasks from Spark's task metrics: shuffle written and read,
 * task results sent to the driver (the partition sums of the reduction), input read. Register with
 * {@code spark.sparkContext().addSparkListener(...)}. Also each executor's peak memory as Spark's
 * executor metrics report it (JVM heap, JVM off-heap, direct buffers, and the resident set of the
 * executor's process tree when {@code spark.executor.processTreeMetrics.enabled} is true; in local
 * mode the one executor is the driver). Thread-safe.
 */
public final class JobMetrics extends SparkListener {
  private final AtomicLong tasks = new AtomicLong();
  private final AtomicLong shuffleWritten = new AtomicLong();
  private final AtomicLong shuffleRead = new AtomicLong();
  private final AtomicLong resultBytes = new AtomicLong();
  private final AtomicLong inputBytes = new AtomicLong();
  private final AtomicLong peakExecutionMemory = new AtomicLong();
  /** The executor metrics kept, by Spark's names. */
  static final List<String> MEMORY_METRICS = List.of("JVMHeapMemory", "JVMOffHeapMemory", "DirectPoolMemory",
      "ProcessTreeJVMRSSMemory");
  private final Map<String, long[]> executorPeaks = new ConcurrentHashMap<>();

  private void peaks(String executor, ExecutorMetrics m) {
    if (executor == null || m == null || !m.isSet()) {
      return;
    }
    long[] p = executorPeaks.computeIfAbsent(executor, k -> new long[MEMORY_METRICS.size()]);
    synchronized (p) {
      for (int i = 0; i < p.length; i++) {
        p[i] = Math.max(p[i], m.getMetricValue(MEMORY_METRICS.get(i)));
      }
    }
  }

  @Override
  public void onStageExecutorMetrics(SparkListenerStageExecutorMetrics e) {
    peaks(e.execId(), e.executorMetrics());
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate u) {
    for (ExecutorMetrics m : scala.jdk.javaapi.CollectionConverters.asJava(u.executorUpdates()).values()) {
      peaks(u.execId(), m);
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    peaks(end.taskInfo() == null ? null : end.taskInfo().executorId(), end.taskExecutorMetrics());
    TaskMetrics m = end.taskMetrics();
    if (m == null) {
      return;
    }
    tasks.incrementAndGet();
    shuffleWritten.addAndGet(m.shuffleWriteMetrics().bytesWritten());
    shuffleRead.addAndGet(m.shuffleReadMetrics().totalBytesRead());
    resultBytes.addAndGet(m.resultSize());
    inputBytes.addAndGet(m.inputMetrics().bytesRead());
    peakExecutionMemory.accumulateAndGet(m.peakExecutionMemory(), Math::max);
  }

  /** Shuffle bytes written, summed over tasks. */
  public long shuffleBytesWritten() {
    return shuffleWritten.get();
  }

  /** Task result bytes sent to the driver. */
  public long resultBytes() {
    return resultBytes.get();
  }

  /** Each executor's peaks, bytes, by executor id and {@link #MEMORY_METRICS} name (0 = not reported). */
  public Map<String, Map<String, Long>> executorPeaks() {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    executorPeaks.forEach((id, p) -> {
      Map<String, Long> m = new TreeMap<>();
      synchronized (p) {
        for (int i = 0; i < p.length; i++) {
          m.put(MEMORY_METRICS.get(i), p[i]);
        }
      }
      out.put(id, m);
    });
    return out;
  }

  /**
   * The counters as a JSON object: tasks, input_bytes, shuffle_write_bytes, shuffle_read_bytes,
   * result_bytes, peak_task_execution_memory_bytes, and executors (id → peak bytes by metric name).
   */
  public String toJson() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "{\"tasks\": %d, \"input_bytes\": %d, \"shuffle_write_bytes\": %d, "
        + "\"shuffle_read_bytes\": %d, \"result_bytes\": %d, \"peak_task_execution_memory_bytes\": %d, \"executors\": {",
        tasks.get(), inputBytes.get(), shuffleWritten.get(), shuffleRead.get(), resultBytes.get(),
        peakExecutionMemory.get()));
    String sep = "";
    for (Map.Entry<String, Map<String, Long>> e : executorPeaks().entrySet()) {
      b.append(sep).append('"').append(e.getKey().replace("\"", "")).append("\": {");
      String s2 = "";
      for (Map.Entry<String, Long> m : e.getValue().entrySet()) {
        b.append(s2).append('"').append(m.getKey()).append("\": ").append(m.getValue());
        s2 = ", ";
      }
      b.append('}');
      sep = ", ";
    }
    return b.append("}}").toString();
  }

  /** One line: tasks, input, shuffle written/read, results to the driver, peak task execution memory. */
  public String line() {
    return String.format(Locale.ROOT, "%d tasks; input %s, shuffle written %s / read %s, task results to driver %s, "
        + "peak task execution memory %s", tasks.get(), mb(inputBytes.get()), mb(shuffleWritten.get()),
        mb(shuffleRead.get()), mb(resultBytes.get()), mb(peakExecutionMemory.get()));
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
  }
}

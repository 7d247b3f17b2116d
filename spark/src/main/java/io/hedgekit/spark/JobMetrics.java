package io.hedgekit.spark;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Bytes a job moved, summed over its tasks from Spark's task metrics: shuffle written and read,
 * task results sent to the driver (the partition sums of the reduction), input read. Register with
 * {@code spark.sparkContext().addSparkListener(...)}. Thread-safe.
 */
public final class JobMetrics extends SparkListener {
  private final AtomicLong tasks = new AtomicLong();
  private final AtomicLong shuffleWritten = new AtomicLong();
  private final AtomicLong shuffleRead = new AtomicLong();
  private final AtomicLong resultBytes = new AtomicLong();
  private final AtomicLong inputBytes = new AtomicLong();
  private final AtomicLong peakExecutionMemory = new AtomicLong();

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
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

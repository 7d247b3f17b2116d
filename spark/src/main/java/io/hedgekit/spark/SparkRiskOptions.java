package io.hedgekit.spark;

import io.hedgekit.risk.var.RiskMeasures;
import java.io.Serializable;
import java.util.List;

/**
 * How a Spark risk job runs.
 *
 * @param backend the engine backend on the executors: {@code scalar}, {@code cpu}, {@code gpu} or {@code auto}
 * @param threads backend threads per executor JVM (0 = one per core the JVM sees; the cpu backend
 *     then shares the cores with Spark's task threads)
 * @param confidences VaR/ES confidences, each in (0, 1); contributions use the highest
 * @param step scenario step, or null for the last
 * @param netting price each distinct instrument of a partition once, with its positions' summed size
 * @param topContributors largest ES contributors reported (0 = none); negative = no contribution pass
 * @param shuffleByInstrument repartition the book by instrument first, so that every position of an
 *     instrument is in one partition and netting nets across the whole book
 * @param partitions partitions to use (0 = as Spark reads the input)
 * @param greekSums whether the VaR run's P&amp;L pass also sums the Greeks (per position, not netted)
 * @param passCacheMb per executor JVM, MB of resolved partitions the P&amp;L pass may keep for the tail
 *     pass ({@link PassCache}); 0 = none (the tail pass reads and resolves again); negative = a
 *     quarter of the executor's maximum heap
 */
public record SparkRiskOptions(String backend, int threads, List<Double> confidences, Integer step, boolean netting,
    int topContributors, boolean shuffleByInstrument, int partitions, boolean greekSums, long passCacheMb) implements Serializable {

  /** Confidences 0.99 and 0.975, as {@code hedgekit var}. */
  public static final List<Double> DEFAULT_CONFIDENCES = List.of(0.99, 0.975);

  public SparkRiskOptions {
    if (backend == null || backend.isBlank()) {
      throw new IllegalArgumentException("backend must be scalar, cpu, gpu or auto, was " + backend);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, was " + threads);
    }
    confidences = List.copyOf(confidences);
    if (confidences.isEmpty()) {
      throw new IllegalArgumentException("need at least one confidence");
    }
    confidences.forEach(RiskMeasures::checkConfidence);
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must be >= 0, was " + partitions);
    }
  }

  /**
   * Backend {@code auto}, 1 thread per task, 0.99 and 0.975, last step, netting, top 10, no shuffle,
   * Greek sums, the pass cache at a quarter of the executor heap.
   */
  public static SparkRiskOptions defaults() {
    return new SparkRiskOptions("auto", 1, DEFAULT_CONFIDENCES, null, true, 10, false, 0, true, -1);
  }

  public SparkRiskOptions withGreekSums(boolean on) {
    return new SparkRiskOptions(backend, threads, confidences, step, netting, topContributors, shuffleByInstrument,
        partitions, on, passCacheMb);
  }

  public SparkRiskOptions withPassCacheMb(long megabytes) {
    return new SparkRiskOptions(backend, threads, confidences, step, netting, topContributors, shuffleByInstrument,
        partitions, greekSums, megabytes);
  }

  public SparkRiskOptions withBackend(String name) {
    return new SparkRiskOptions(name, threads, confidences, step, netting, topContributors, shuffleByInstrument,
        partitions, greekSums, passCacheMb);
  }

  public SparkRiskOptions withThreads(int n) {
    return new SparkRiskOptions(backend, n, confidences, step, netting, topContributors, shuffleByInstrument,
        partitions, greekSums, passCacheMb);
  }

  public SparkRiskOptions withConfidences(List<Double> values) {
    return new SparkRiskOptions(backend, threads, values, step, netting, topContributors, shuffleByInstrument,
        partitions, greekSums, passCacheMb);
  }

  public SparkRiskOptions withStep(Integer number) {
    return new SparkRiskOptions(backend, threads, confidences, number, netting, topContributors, shuffleByInstrument,
        partitions, greekSums, passCacheMb);
  }

  public SparkRiskOptions withNetting(boolean on) {
    return new SparkRiskOptions(backend, threads, confidences, step, on, topContributors, shuffleByInstrument,
        partitions, greekSums, passCacheMb);
  }

  public SparkRiskOptions withTopContributors(int n) {
    return new SparkRiskOptions(backend, threads, confidences, step, netting, n, shuffleByInstrument,
        partitions, greekSums, passCacheMb);
  }

  public SparkRiskOptions withShuffleByInstrument(boolean on) {
    return new SparkRiskOptions(backend, threads, confidences, step, netting, topContributors, on,
        partitions, greekSums, passCacheMb);
  }

  public SparkRiskOptions withPartitions(int n) {
    return new SparkRiskOptions(backend, threads, confidences, step, netting, topContributors, shuffleByInstrument,
        n, greekSums, passCacheMb);
  }

  /** The confidence whose tail the contributions use: the highest. */
  public double contributionConfidence() {
    return confidences.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }
}

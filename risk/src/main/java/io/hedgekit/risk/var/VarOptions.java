package io.hedgekit.risk.var;

import io.hedgekit.kernels.Progress;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Settings of a VaR run.
 *
 * @param confidences one or more confidences in (0, 1); default 0.99, 0.975
 * @param step the scenario step to use, or null for the last (longest horizon) step
 * @param approximations whether to compute the Greek approximations and their error
 * @param contributions whether to compute Euler ES contributions (a second pass over the book,
 *     repricing only the tail scenarios)
 * @param topContributors how many of the largest contributors to list, >= 0
 * @param progress told (positions revalued, −1) during the full-revaluation pass (the book's size is
 *     not known in advance)
 * @param positionContributions receives every position's contribution when not null (for writing
 *     them all out); called in book order
 * @param netting price each distinct instrument once with its positions' summed size, the
 *     default ({@link BookRevaluation}); false prices every position (same results up to
 *     rounding, for measuring the kernels or checking the netting)
 */
public record VarOptions(List<Double> confidences, Integer step, boolean approximations, boolean contributions,
    int topContributors, Progress progress, Consumer<PositionContribution> positionContributions,
    boolean netting) {

  /** The confidences used when none are given. */
  public static final List<Double> DEFAULT_CONFIDENCES = List.of(0.99, 0.975);

  public VarOptions {
    confidences = List.copyOf(confidences);
    if (confidences.isEmpty()) {
      throw new IllegalArgumentException("need at least one confidence");
    }
    confidences.forEach(RiskMeasures::checkConfidence);
    if (topContributors < 0) {
      throw new IllegalArgumentException("topContributors must be >= 0, was " + topContributors);
    }
    Objects.requireNonNull(progress, "progress");
  }

  /** Confidences 0.99 and 0.975, last step, approximations and contributions on, top 10, netting on. */
  public static VarOptions defaults() {
    return new VarOptions(DEFAULT_CONFIDENCES, null, true, true, 10, Progress.NONE, null, true);
  }

  public VarOptions withConfidences(List<Double> values) {
    return new VarOptions(values, step, approximations, contributions, topContributors, progress, positionContributions, netting);
  }

  public VarOptions withStep(Integer number) {
    return new VarOptions(confidences, number, approximations, contributions, topContributors, progress, positionContributions, netting);
  }

  public VarOptions withApproximations(boolean on) {
    return new VarOptions(confidences, step, on, contributions, topContributors, progress, positionContributions, netting);
  }

  public VarOptions withContributions(boolean on) {
    return new VarOptions(confidences, step, approximations, on, topContributors, progress, positionContributions, netting);
  }

  public VarOptions withTopContributors(int n) {
    return new VarOptions(confidences, step, approximations, contributions, n, progress, positionContributions, netting);
  }

  public VarOptions withProgress(Progress p) {
    return new VarOptions(confidences, step, approximations, contributions, topContributors, p, positionContributions, netting);
  }

  public VarOptions withPositionContributions(Consumer<PositionContribution> sink) {
    return new VarOptions(confidences, step, approximations, contributions, topContributors, progress, sink, netting);
  }

  public VarOptions withNetting(boolean on) {
    return new VarOptions(confidences, step, approximations, contributions, topContributors, progress, positionContributions,
        on);
  }

  /** The confidence whose tail is used for contributions: the highest requested. */
  public double contributionConfidence() {
    return confidences.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }
}

package io.hedgekit.risk.engine;

import io.hedgekit.kernels.Progress;
import io.hedgekit.risk.var.VarMethod;
import io.hedgekit.risk.var.VarOptions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A VaR/ES request.
 *
 * @param confidences one or more confidences in (0, 1)
 * @param methods {@link VarMethod#FULL} always; with either Greek approximation both are computed
 *     (they come from one pass), with their error against full revaluation
 * @param contributions Euler ES contributions per position at the highest confidence
 * @param topContributors how many of the largest contributors to list
 * @param step the scenario step, or null for the last (longest horizon)
 * @param netting price each distinct instrument once with its positions' summed size (default)
 */
public record VarRequest(List<Double> confidences, Set<VarMethod> methods, boolean contributions, int topContributors,
    Integer step, boolean netting) {

  public VarRequest {
    confidences = List.copyOf(confidences);
    EnumSet<VarMethod> m = EnumSet.of(VarMethod.FULL);
    m.addAll(methods);
    methods = java.util.Collections.unmodifiableSet(m);
    // Fields are assigned after this body: validate the parameters the way VarOptions does.
    VarOptions.defaults().withConfidences(confidences).withTopContributors(topContributors);
  }

  /** Full revaluation at these confidences; no approximations or contributions. */
  public static VarRequest fullRevaluation(double... confidences) {
    List<Double> c = new ArrayList<>();
    for (double x : confidences) {
      c.add(x);
    }
    return new VarRequest(c.isEmpty() ? VarOptions.DEFAULT_CONFIDENCES : c, Set.of(VarMethod.FULL), false, 0, null, true);
  }

  /** The same request with the Greek approximations (delta-gamma and delta-gamma-vega-theta). */
  public VarRequest withGreekApproximations() {
    return new VarRequest(confidences, EnumSet.allOf(VarMethod.class), contributions, topContributors, step, netting);
  }

  /** The same request with Euler ES contributions, listing the {@code top} largest. */
  public VarRequest withContributions(int top) {
    return new VarRequest(confidences, methods, true, top, step, netting);
  }

  /** The same request on another scenario step. */
  public VarRequest withStep(Integer number) {
    return new VarRequest(confidences, methods, contributions, topContributors, number, netting);
  }

  /** The same request with netting on or off. */
  public VarRequest withNetting(boolean on) {
    return new VarRequest(confidences, methods, contributions, topContributors, step, on);
  }

  /** The risk layer's options for this request. */
  public VarOptions toOptions(Progress progress) {
    VarOptions o = VarOptions.defaults().withConfidences(confidences)
        .withApproximations(methods.size() > 1)
        .withContributions(contributions)
        .withTopContributors(topContributors)
        .withNetting(netting)
        .withProgress(progress);
    return step == null ? o : o.withStep(step);
  }
}

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
 * @param volDynamics how full revaluation moves implied vols (default sticky strike, parallel shifts)
 */
public record VarRequest(List<Double> confidences, Set<VarMethod> methods, boolean contributions, int topContributors,
    Integer step, boolean netting, VolDynamicsSpec volDynamics) {

  public VarRequest {
    java.util.Objects.requireNonNull(volDynamics, "volDynamics (use VolDynamicsSpec.STICKY_STRIKE)");
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
    return new VarRequest(c.isEmpty() ? VarOptions.DEFAULT_CONFIDENCES : c, Set.of(VarMethod.FULL), false, 0, null, true,
        VolDynamicsSpec.STICKY_STRIKE);
  }

  /** The same request with the Greek approximations (delta-gamma and delta-gamma-vega-theta). */
  public VarRequest withGreekApproximations() {
    return new VarRequest(confidences, EnumSet.allOf(VarMethod.class), contributions, topContributors, step, netting,
        volDynamics);
  }

  /** The same request with Euler ES contributions, listing the {@code top} largest. */
  public VarRequest withContributions(int top) {
    return new VarRequest(confidences, methods, true, top, step, netting, volDynamics);
  }

  /** The same request on another scenario step. */
  public VarRequest withStep(Integer number) {
    return new VarRequest(confidences, methods, contributions, topContributors, number, netting, volDynamics);
  }

  /** The same request with netting on or off. */
  public VarRequest withNetting(boolean on) {
    return new VarRequest(confidences, methods, contributions, topContributors, step, on, volDynamics);
  }

  /** The same request under other vol dynamics (e.g. {@link VolDynamicsSpec#stickyMoneyness()}). */
  public VarRequest withVolDynamics(VolDynamicsSpec dynamics) {
    return new VarRequest(confidences, methods, contributions, topContributors, step, netting, dynamics);
  }

  /** The risk layer's options for this request (the vol dynamics travel separately). */
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

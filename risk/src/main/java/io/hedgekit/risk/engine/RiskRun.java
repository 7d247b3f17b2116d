package io.hedgekit.risk.engine;

import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.hedge.HedgeResult;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeUniverse;
import io.hedgekit.risk.stress.StressResult;
import io.hedgekit.risk.var.VarResult;
import java.util.Map;
import java.util.Objects;

/**
 * The results of a morning run ({@link RiskEngine#riskRun}): what {@code hedgekit report} and
 * {@code hedgekit demo} show.
 *
 * @param greeks Greeks with expiry and strike buckets
 * @param var VaR/ES with approximations and contributions, or null without scenarios
 * @param stress the stress grid (with historical days when a history was given)
 * @param hedge the hedge, or null without a universe
 * @param hedgeTarget the hedge's target (null without a universe)
 * @param timings seconds per step, in order: {@code greeks}, {@code VaR/ES (...)}, {@code stress},
 *     {@code hedge (<target>)}
 * @param backend the backend's name
 * @param backendDescription what ran where
 */
public record RiskRun(GreeksResult greeks, VarResult var, StressResult stress, HedgeResult hedge,
    HedgeTarget hedgeTarget, Map<String, Double> timings, String backend, String backendDescription) {

  public RiskRun {
    timings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timings));
  }

  /**
   * What to run besides Greeks and the stress grid.
   *
   * @param scenarios scenario set for VaR/ES (and scenario hedge targets), or null
   * @param step its step, or null for the last
   * @param history daily closes for historical stress days, or null
   * @param universe hedge universe, or null for no hedge
   * @param target hedge target (required with a universe)
   * @param progress told the positions revalued during VaR
   */
  public record Request(ScenarioSet scenarios, Integer step, PriceHistory history, HedgeUniverse universe,
      HedgeTarget target, Progress progress) {

    public Request {
      Objects.requireNonNull(progress, "progress");
      if (universe != null) {
        Objects.requireNonNull(target, "a hedge universe needs a target");
      }
    }

    /** Greeks and the stress grid only. */
    public static Request basic() {
      return new Request(null, null, null, null, null, Progress.NONE);
    }

    public Request withScenarios(ScenarioSet set, Integer stepNumber) {
      return new Request(set, stepNumber, history, universe, target, progress);
    }

    public Request withHistory(PriceHistory prices) {
      return new Request(scenarios, step, prices, universe, target, progress);
    }

    public Request withHedge(HedgeUniverse hedgeUniverse, HedgeTarget hedgeTarget) {
      return new Request(scenarios, step, history, hedgeUniverse, hedgeTarget, progress);
    }

    public Request withProgress(Progress p) {
      return new Request(scenarios, step, history, universe, target, p);
    }
  }
}

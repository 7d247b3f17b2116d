package io.hedgekit.risk.engine;

import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.hedge.HedgeResult;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeUniverse;
import io.hedgekit.risk.margin.Carry;
import io.hedgekit.risk.margin.Collateral;
import io.hedgekit.risk.margin.MarginModel;
import io.hedgekit.risk.margin.MarginResult;
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
 * @param margin portfolio margin, equity and distance to liquidation, or null without collateral
 * @param carry futures basis, perpetual funding and cash-and-carry pairs, or null without collateral
 * @param timings seconds per step, in order: {@code greeks}, {@code VaR/ES (...)}, {@code stress},
 *     {@code hedge (<target>)}, {@code margin and carry}
 * @param backend the backend's name
 * @param backendDescription what ran where
 */
public record RiskRun(GreeksResult greeks, VarResult var, StressResult stress, HedgeResult hedge,
    HedgeTarget hedgeTarget, MarginResult margin, Carry.Report carry, Map<String, Double> timings, String backend,
    String backendDescription) {

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
   * @param target hedge target (required with a universe; {@link HedgeTarget#MIN_MARGIN} needs collateral)
   * @param collateral collateral for portfolio margin and carry, or null for neither
   * @param marginModel the margin model (required with collateral)
   * @param progress told the positions revalued during VaR
   * @param volDynamics how VaR, the stress grid and scenario hedges move implied vols
   */
  public record Request(ScenarioSet scenarios, Integer step, PriceHistory history, HedgeUniverse universe,
      HedgeTarget target, Collateral collateral, MarginModel marginModel, Progress progress,
      VolDynamicsSpec volDynamics) {

    public Request {
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(volDynamics, "volDynamics (use VolDynamicsSpec.STICKY_STRIKE)");
      if (universe != null) {
        Objects.requireNonNull(target, "a hedge universe needs a target");
      }
      if (collateral != null) {
        Objects.requireNonNull(marginModel, "collateral needs a margin model");
      }
    }

    /** Greeks and the stress grid only. */
    public static Request basic() {
      return new Request(null, null, null, null, null, null, null, Progress.NONE, VolDynamicsSpec.STICKY_STRIKE);
    }

    public Request withScenarios(ScenarioSet set, Integer stepNumber) {
      return new Request(set, stepNumber, history, universe, target, collateral, marginModel, progress, volDynamics);
    }

    public Request withHistory(PriceHistory prices) {
      return new Request(scenarios, step, prices, universe, target, collateral, marginModel, progress, volDynamics);
    }

    public Request withHedge(HedgeUniverse hedgeUniverse, HedgeTarget hedgeTarget) {
      return new Request(scenarios, step, history, hedgeUniverse, hedgeTarget, collateral, marginModel, progress,
          volDynamics);
    }

    /**
     * Also portfolio margin, liquidation distance and carry of the book with {@code balances}
     * under {@code model} (and makes {@link HedgeTarget#MIN_MARGIN} hedges possible).
     */
    public Request withMargin(Collateral balances, MarginModel model) {
      return new Request(scenarios, step, history, universe, target, Objects.requireNonNull(balances, "collateral"),
          Objects.requireNonNull(model, "model"), progress, volDynamics);
    }

    /** Full revaluation (VaR, stress, scenario hedges) under {@code dynamics}. */
    public Request withVolDynamics(VolDynamicsSpec dynamics) {
      return new Request(scenarios, step, history, universe, target, collateral, marginModel, progress, dynamics);
    }

    public Request withProgress(Progress p) {
      return new Request(scenarios, step, history, universe, target, collateral, marginModel, p, volDynamics);
    }
  }
}

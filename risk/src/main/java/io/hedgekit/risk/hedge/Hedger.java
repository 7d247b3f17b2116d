package io.hedgekit.risk.hedge;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.risk.ResolvedBook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sizes hedges: given a book, a universe of tradable instruments and a {@link HedgeTarget}, finds
 * the trades, rounds them to lots and reports the risk before and after.
 *
 * <p>Greeks and scenario P&amp;Ls come from the backend's kernels (the book's batch by batch, the
 * universe's per contract); the delta of inverse contracts is the USD-value delta of the Greeks
 * kernel, like every other delta here. Underlyings are matched by name: the universe may list
 * them in another order, or hold underlyings the book does not (they appear in the report only
 * when traded).
 *
 * <p>Targets:
 * <ul>
 *   <li>{@code delta}: per underlying, least-cost perpetuals/futures/spot (linear program) so the
 *       delta is zero; after rounding |delta| &lt;= half a lot of the finest traded instrument's
 *       delta, unless a bound holds it.</li>
 *   <li>{@code delta-gamma}, {@code delta-gamma-vega}: least-cost options and linear instruments
 *       with those Greeks zero per underlying; after rounding each Greek is within
 *       Σ_j lot_j/2·|Greek per contract_j| of zero.</li>
 *   <li>{@code min-variance}: least variance of the scenario P&amp;L (QR least squares); cost is
 *       reported, not optimised.</li>
 *   <li>{@code min-es}: least ES at the options' confidence plus cost (simplex). Above
 *       {@link HedgeOptions#minEsMaxScenarios()} scenarios it optimises on that many evenly spaced
 *       scenarios (every (M/limit)-th; a note says so) or refuses, as the options say; the
 *       before/after VaR/ES are always on all scenarios.</li>
 * </ul>
 *
 * <p>For the scenario targets, when the lot-rounded hedge is worse than no trade (variance, or
 * ES plus cost, on all scenarios), the result is no trade, with a note.
 *
 * <p>Not thread-safe beyond what the backend allows; one hedge at a time per instance is safe.
 */
public final class Hedger {
  private final ComputeBackend backend;

  /** @param backend whose Greeks and revaluation kernels price the book and the universe */
  public Hedger(ComputeBackend backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  /**
   * Sizes a hedge.
   *
   * @param book the resolved book
   * @param universe the tradable instruments
   * @param target what to neutralise or minimise
   * @param scenarios scenario set indexed by the book's underlyings; required by min-variance and
   *     min-es, optional otherwise (then VaR/ES are reported before and after); null = none
   * @param options confidence, VaR/ES function, min-es scenario limit
   * @throws HedgeInfeasibleException when the target cannot be met (the message names the
   *     underlying, the Greek and what the universe lacks)
   * @throws IllegalArgumentException when a scenario target has no scenarios, or min-es is over
   *     its scenario limit and told to refuse
   */
  public HedgeResult hedge(ResolvedBook book, HedgeUniverse universe, HedgeTarget target, ScenarioColumns scenarios,
      HedgeOptions options) {
    Objects.requireNonNull(book, "book");
    Objects.requireNonNull(universe, "universe");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    if (target.needsScenarios() && scenarios == null) {
      throw new IllegalArgumentException("target " + target.label() + " needs a scenario set");
    }
    if (target == HedgeTarget.MIN_ES && scenarios.scenarios() > options.minEsMaxScenarios() && !options.minEsSubsample()) {
      throw new IllegalArgumentException("min-es: " + scenarios.scenarios() + " scenarios exceed the limit of "
          + options.minEsMaxScenarios() + " the dense simplex solves in reasonable time; use fewer scenarios,"
          + " allow subsampling, or use min-variance");
    }
    Exposure ex = Exposure.compute(backend, book, universe, scenarios, options);
    int n = ex.instruments();
    List<String> notes = new ArrayList<>();
    double[] solved;
    double[] rounded;
    switch (target) {
      case DELTA, DELTA_GAMMA, DELTA_GAMMA_VEGA -> {
        solved = GreekHedge.solve(ex, target);
        rounded = GreekHedge.round(ex, target, solved);
        if (ex.hasScenarios()) {
          requireScenariosFor(ex, rounded);
        }
      }
      case MIN_VARIANCE -> {
        solved = MinVariance.solve(ex, notes);
        rounded = roundAll(ex, solved);
        double before = MinVariance.variance(ex.bookPnl);
        double after = MinVariance.variance(ex.pnlAfter(rounded));
        if (after > before) {
          notes.add("the lot-rounded hedge has variance " + after + " USD², above the book's " + before + "; no trade");
          rounded = new double[n];
        }
      }
      case MIN_ES -> {
        boolean[] usable = new boolean[n];
        for (int j = 0; j < n; j++) {
          usable[j] = ex.unitPnl[j] != null;
          if (!usable[j]) {
            notes.add(ex.instrument(j).id() + " left out: the scenario set does not move "
                + ex.names.get(ex.instrument(j).underlying()));
          }
        }
        int m = ex.scenarios;
        int limit = options.minEsMaxScenarios();
        int[] idx = evenlySpaced(m, limit);
        if (idx.length < m) {
          notes.add("min-es: " + m + " scenarios exceed the limit of " + limit + "; optimised on " + idx.length
              + " evenly spaced scenarios (every " + String.format(java.util.Locale.ROOT, "%.3g", (double) m / idx.length)
              + "th, starting with the first); VaR/ES before and after are on all " + m);
        }
        solved = MinEs.solve(ex, idx, usable, options.confidence());
        rounded = roundAll(ex, solved);
        double before = options.tailRisk().measure(ex.bookPnl.clone(), options.confidence()).es();
        double after = options.tailRisk().measure(ex.pnlAfter(rounded), options.confidence()).es() + ex.cost(rounded);
        if (after > before) {
          notes.add("the lot-rounded hedge has ES plus cost " + after + " USD, above the book's ES " + before + "; no trade");
          rounded = new double[n];
        }
      }
      case MIN_MARGIN -> throw new IllegalArgumentException("target min-margin needs collateral and a margin model:"
          + " use io.hedgekit.risk.margin.MarginHedger");
      default -> throw new IllegalStateException("unhandled target " + target);
    }
    Map<String, Double> solvedById = new LinkedHashMap<>();
    for (int j = 0; j < n; j++) {
      if (solved[j] != 0) {
        solvedById.put(ex.instrument(j).id(), solved[j]);
      }
    }
    return new HedgeResult(target, ex.tickets(rounded), solvedById, ex.compare(rounded), notes);
  }

  /** Indices {@code floor(i·m/limit)}, i = 0..limit-1, or all m when m &lt;= limit. */
  static int[] evenlySpaced(int m, int limit) {
    int count = Math.min(m, limit);
    int[] idx = new int[count];
    for (int i = 0; i < count; i++) {
      idx[i] = (int) ((long) i * m / count);
    }
    return idx;
  }

  private static double[] roundAll(Exposure ex, double[] solved) {
    double[] q = new double[solved.length];
    for (int j = 0; j < q.length; j++) {
      HedgeInstrument h = ex.instrument(j);
      q[j] = Lots.round(solved[j], h.lot(), h.lowestQuantity(), h.highestQuantity());
    }
    return q;
  }

  private static void requireScenariosFor(Exposure ex, double[] q) {
    for (int j = 0; j < q.length; j++) {
      if (q[j] != 0 && ex.unitPnl[j] == null) {
        throw new IllegalArgumentException("the scenario set does not move " + ex.names.get(ex.instrument(j).underlying())
            + ", the underlying of traded instrument " + ex.instrument(j).id() + "; VaR/ES after the hedge cannot be computed");
      }
    }
  }
}

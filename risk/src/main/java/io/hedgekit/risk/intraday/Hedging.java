package io.hedgekit.risk.intraday;

import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.hedge.HedgeInstrument;
import io.hedgekit.risk.hedge.HedgeOptions;
import io.hedgekit.risk.hedge.HedgeResult;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeTicket;
import io.hedgekit.risk.hedge.HedgeUniverse;
import java.util.ArrayList;
import java.util.List;

/**
 * Sizes a hedge of a {@link LiveBook} (one underlying's positions, or all) on a universe priced at
 * the live book's market, and adds tickets to a live book. Shared by the intraday loop and the
 * hedge backtest.
 */
final class Hedging {
  private Hedging() {
  }

  /** A sized hedge and the instruments it was sized on (current and snapshot versions, same order). */
  record Sized(HedgeResult result, HedgeUniverse universe, List<HedgeInstrument> current, List<HedgeInstrument> base) {
  }

  /**
   * The base instruments of {@code universe} re-indexed onto the live book's underlyings (those on
   * underlyings the book lacks are left out).
   */
  static List<HedgeInstrument> onLiveUnderlyings(HedgeUniverse universe, LiveBook live) {
    List<HedgeInstrument> out = new ArrayList<>();
    for (HedgeInstrument h : universe.instruments()) {
      int ui = live.indexOf(universe.underlyings().get(h.contract().underlying()));
      if (ui >= 0) {
        io.hedgekit.kernels.Position p = h.contract();
        out.add(new HedgeInstrument(h.id(), new io.hedgekit.kernels.Position(p.kind(), ui, p.spot(), p.strike(),
            p.timeYears(), p.vol(), p.rate(), p.carry(), p.size(), p.entryPrice(), p.funding8h()), h.cost(), h.lot(),
            h.minQuantity(), h.maxQuantity()));
      }
    }
    return out;
  }

  /**
   * The instruments on underlying {@code ui} (all when -1) priced at the live book's market,
   * leaving out dated ones with less than {@code minYearsLeft} to expiry.
   *
   * @return null when none is left
   */
  static Sized universe(LiveBook live, List<HedgeInstrument> units, int ui, double minYearsLeft) {
    List<HedgeInstrument> current = new ArrayList<>();
    List<HedgeInstrument> base = new ArrayList<>();
    for (HedgeInstrument h : units) {
      if (ui >= 0 && h.contract().underlying() != ui) {
        continue;
      }
      io.hedgekit.kernels.Position now = live.current(h.contract());
      if (now.kind().hasExpiry() && now.timeYears() < minYearsLeft) {
        continue;
      }
      current.add(new HedgeInstrument(h.id(), now, h.cost(), h.lot(), h.minQuantity(), h.maxQuantity()));
      base.add(h);
    }
    if (current.isEmpty()) {
      return null;
    }
    double[] spots = new double[live.underlyings().size()];
    for (int i = 0; i < spots.length; i++) {
      spots[i] = live.spot(i);
    }
    return new Sized(null, new HedgeUniverse(current, live.underlyings(), spots), current, base);
  }

  /**
   * Sizes the hedge of underlying {@code ui}'s positions (the whole book when -1).
   *
   * @throws IllegalArgumentException (and its {@link io.hedgekit.risk.hedge.HedgeInfeasibleException})
   *     when the target cannot be met
   */
  static Sized size(RiskEngine engine, LiveBook live, Sized universe, int ui, HedgeTarget target,
      ScenarioSet scenarios, double confidence) {
    ResolvedBook view = ui < 0 ? live.view() : live.viewOf(ui);
    HedgeResult r = engine.hedge(view, universe.universe(), target, target.needsScenarios() ? scenarios : null, null,
        HedgeOptions.defaults().withConfidence(confidence)).result();
    return new Sized(r, universe.universe(), universe.current(), universe.base());
  }

  /** Adds the tickets to {@code live}: each instrument's snapshot contract entered at today's price. */
  static void apply(LiveBook live, Sized s) {
    for (HedgeTicket k : s.result().tickets()) {
      int j = s.universe().indexOf(k.id());
      io.hedgekit.kernels.Position c = s.base().get(j).contract();
      io.hedgekit.kernels.Position entered = new io.hedgekit.kernels.Position(c.kind(), c.underlying(), c.spot(),
          c.strike(), c.timeYears(), c.vol(), c.rate(), c.carry(), c.size(), s.current().get(j).contract().entryPrice(),
          c.funding8h());
      live.add(entered, k.quantity(), "hedge:" + k.id());
    }
  }
}

package io.hedgekit.cli;

import io.hedgekit.report.MarginSection;
import io.hedgekit.risk.margin.Carry;
import io.hedgekit.risk.margin.MarginEngine;
import io.hedgekit.risk.margin.MarginResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a margin result and a carry report into the report's {@link MarginSection}. */
final class MarginSections {
  private MarginSections() {
  }

  static MarginSection of(MarginResult m, Carry.Report carry) {
    List<MarginSection.Row> rows = new ArrayList<>();
    for (MarginResult.UnderlyingMargin u : m.underlyings()) {
      MarginResult.Cell c = u.worstCell();
      String cell = c == null ? "no cell loses"
          : String.format(Locale.ROOT, "spot %+.0f%%, vol %s: loss %,.0f USD", 100 * c.spotMove(), c.vol(), c.loss());
      rows.add(new MarginSection.Row(u.underlying(), u.riskMatrix(), u.extended(), u.contingency(), cell));
    }
    List<MarginSection.Liquidation> liq = new ArrayList<>();
    for (MarginResult.Liquidation l : m.liquidation()) {
      String scope = l.underlying().equals(MarginResult.ALL) ? "all together" : l.underlying() + " alone";
      if (l.belowNow()) {
        liq.add(new MarginSection.Liquidation(scope, "equity at or below MM now", "equity at or below MM now", 0.0));
      } else {
        MarginResult.Point near = l.nearest();
        liq.add(new MarginSection.Liquidation(scope, describe(l.down()), describe(l.up()), near == null ? Double.NaN : near.move()));
      }
    }
    List<MarginSection.CarryLine> lines = new ArrayList<>();
    if (carry != null) {
      for (Carry.Basis b : carry.futures()) {
        lines.add(new MarginSection.CarryLine(String.format(Locale.ROOT, "%s future %.3f y", b.underlying(), b.years()),
            "basis", b.annualised(), String.format(Locale.ROOT, "F %,.2f vs S %,.2f", b.forward(), b.spot())));
      }
      for (Carry.Funding f : carry.perpetuals()) {
        lines.add(new MarginSection.CarryLine(f.underlying() + " perpetual", "funding", f.apr(),
            String.format(Locale.ROOT, "%.5f%% per 8 h", 100 * f.funding8h())));
      }
      for (Carry.Pair p : carry.pairs()) {
        lines.add(new MarginSection.CarryLine(String.format(Locale.ROOT, "%s spot vs short %s%s", p.underlying(), p.shortLeg(),
            p.shortLeg().equals("future") ? String.format(Locale.ROOT, " %.3f y", p.years()) : ""), "cash-and-carry (net)",
            p.netApr(), String.format(Locale.ROOT, "%,.4f coins, gross %.2f%%, carry %,.0f USD/y, margin %,.0f USD",
                p.coins(), 100 * p.grossApr(), p.annualCarryUsd(), p.marginUsd())));
      }
    }
    return new MarginSection(m.model(), m.im(), m.mm(), m.riskMatrix(), m.extended(), m.contingency(), m.equity(), rows,
        liq, lines);
  }

  private static String describe(MarginResult.Point p) {
    if (p == null) {
      return "none within ±" + Math.round(100 * MarginEngine.SEARCH_LIMIT) + "%";
    }
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%+.1f%%", 100 * p.move()));
    p.prices().forEach((u, x) -> s.append(String.format(Locale.ROOT, ", %s %,.0f", u, x)));
    return s.toString();
  }
}

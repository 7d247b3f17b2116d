package io.hedgekit.report;

import io.hedgekit.risk.greeks.PortfolioGreeks;
import java.util.ArrayList;
import java.util.List;

/**
 * The headline numbers of one underlying: value and Greeks summed over its positions.
 *
 * @param underlying name (BTC)
 * @param positions number of positions, >= 0
 * @param spot spot, USD, > 0
 * @param value value of the positions, USD (futures and perpetuals: unrealised P&amp;L)
 * @param greeks the summed Greeks in desk units
 */
public record UnderlyingSummary(String underlying, long positions, double spot, double value, DeskGreeks greeks) {

  public UnderlyingSummary {
    Checks.text("underlying", underlying);
    if (positions < 0) {
      throw new IllegalArgumentException("positions must be >= 0, was " + positions + " (underlying " + underlying + ")");
    }
    Checks.positive("spot of " + underlying, spot);
    Checks.finite("value of " + underlying, value);
    java.util.Objects.requireNonNull(greeks, "greeks");
  }

  /** Delta in coins: dollar delta / spot. */
  public double deltaCoins() {
    return greeks.dollarDelta() / spot;
  }

  /** One summary per underlying of {@code g}, in its order (model units converted to desk units). */
  public static List<UnderlyingSummary> fromPortfolio(PortfolioGreeks g) {
    List<UnderlyingSummary> out = new ArrayList<>();
    for (int u = 0; u < g.underlyings().size(); u++) {
      double spot = g.spots()[u];
      out.add(new UnderlyingSummary(g.underlyings().get(u), g.positions()[u], spot, g.get(u, "value"),
          DeskGreeks.fromModel(g.get(u, "delta"), g.get(u, "gamma"), g.get(u, "vega"), g.get(u, "theta"), spot)));
    }
    return List.copyOf(out);
  }
}

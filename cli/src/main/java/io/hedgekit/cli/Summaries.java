package io.hedgekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hedgekit.risk.greeks.DeskUnits;
import io.hedgekit.risk.greeks.PortfolioGreeks;
import java.util.Locale;

/**
 * The book summary a person reads: Greeks per underlying in desk units, labelled.
 *
 * <p>Units shown: value USD; delta in coins and as dollar delta (delta × spot, USD); gamma as the
 * change of delta for a 1% spot move (coins); vega per vol point (USD); theta per calendar day
 * (USD); rho per 1% of rate (USD).
 */
final class Summaries {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Summaries() {
  }

  static String greeksTable(PortfolioGreeks g, String valuationTime) {
    StringBuilder b = new StringBuilder();
    b.append("Portfolio Greeks at ").append(valuationTime).append('\n');
    String head = String.format(Locale.ROOT, "%-6s %10s %17s %14s %14s %17s %15s %15s %14s %13s%n",
        "under", "positions", "value USD", "delta coin", "delta_smile", "dollar delta USD", "gamma/1% coin",
        "vega USD/volpt", "theta USD/day", "rho USD/1%");
    b.append(head);
    double[] totals = new double[5];
    for (int u = 0; u < g.underlyings().size(); u++) {
      double spot = g.spots()[u];
      double value = g.get(u, "value");
      double dollarDelta = g.dollarDelta(u);
      double vega = DeskUnits.vegaPerVolPoint(g.get(u, "vega"));
      double theta = DeskUnits.thetaPerDay(g.get(u, "theta"));
      double rho = DeskUnits.rhoPer1Pct(g.get(u, "rho"));
      b.append(String.format(Locale.ROOT, "%-6s %,10d %,17.0f %,14.3f %,14.3f %,17.0f %,15.3f %,15.0f %,14.0f %,13.0f%n",
          g.underlyings().get(u), g.positions()[u], shown(value, 0), shown(g.get(u, "delta"), 3),
          shown(g.get(u, "delta_smile"), 3), shown(dollarDelta, 0), shown(DeskUnits.gammaPer1Pct(g.get(u, "gamma"), spot), 3),
          shown(vega, 0), shown(theta, 0), shown(rho, 0)));
      totals[0] += value;
      totals[1] += dollarDelta;
      totals[2] += vega;
      totals[3] += theta;
      totals[4] += rho;
    }
    b.append(String.format(Locale.ROOT, "%-6s %,10d %,17.0f %14s %14s %,17.0f %15s %,15.0f %,14.0f %,13.0f%n",
        "total", g.totalPositions(), shown(totals[0], 0), "", "", shown(totals[1], 0), "", shown(totals[2], 0),
        shown(totals[3], 0), shown(totals[4], 0)));
    b.append("delta_smile: sticky-moneyness delta, delta + vega·∂σ/∂S with ∂σ/∂S = −σ′(k)/S on the SVI smile "
        + "(= delta where there is no smile)\n");
    return b.toString();
  }

  /** {@code v}, or 0 when it prints as zero with {@code decimals} decimals: a table shows 0, never -0. */
  static double shown(double v, int decimals) {
    return Math.abs(v) < 0.5 * Math.pow(10, -decimals) ? 0.0 : v;
  }

  static String greeksJson(PortfolioGreeks g, String valuationTime, String backend, double seconds) {
    ObjectNode root = JSON.createObjectNode();
    root.put("valuation_time", valuationTime);
    root.put("backend", backend);
    root.put("positions", g.totalPositions());
    root.put("seconds", seconds);
    ObjectNode by = root.putObject("by_underlying");
    for (int u = 0; u < g.underlyings().size(); u++) {
      ObjectNode n = by.putObject(g.underlyings().get(u));
      n.put("positions", g.positions()[u]);
      n.put("spot", g.spots()[u]);
      for (String c : io.hedgekit.kernels.GreeksColumns.NAMES) {
        n.put(c, g.get(u, c));
      }
      n.put("delta_smile", g.get(u, "delta_smile"));
      n.put("dollar_delta", g.dollarDelta(u));
      n.put("gamma_1pct_coin", DeskUnits.gammaPer1Pct(g.get(u, "gamma"), g.spots()[u]));
      n.put("vega_per_vol_point", DeskUnits.vegaPerVolPoint(g.get(u, "vega")));
      n.put("theta_per_day", DeskUnits.thetaPerDay(g.get(u, "theta")));
    }
    ArrayNode units = root.putArray("units");
    units.add("value, dollar_delta: USD; delta, value_coin: coins; gamma: per USD; vega: USD per 1.00 vol;"
        + " theta: USD per year; rho: USD per 1.00 rate");
    return root.toPrettyString();
  }
}

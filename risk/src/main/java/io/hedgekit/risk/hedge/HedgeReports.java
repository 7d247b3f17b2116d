package io.hedgekit.risk.hedge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hedgekit.risk.greeks.DeskUnits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Writes hedge tickets and before/after tables as CSV, JSON (Jackson) and aligned text.
 *
 * <p>Numbers are written with {@link Double#toString} in CSV and JSON (they read back exactly);
 * NaN is an empty CSV field and a JSON null. CSV fields are quoted when they contain a comma, a
 * quote or a line break.
 */
public final class HedgeReports {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private HedgeReports() {
  }

  /** Tickets as CSV: header {@code id,quantity,cost_usd}, one row per ticket. */
  public static void writeTicketsCsv(List<HedgeTicket> tickets, Appendable out) {
    try {
      out.append("id,quantity,cost_usd\n");
      for (HedgeTicket t : tickets) {
        out.append(csv(t.id())).append(',').append(num(t.quantity())).append(',').append(num(t.cost())).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The before/after table as CSV in long form: header {@code scope,measure,before,after}; one row
   * per underlying and Greek (delta, gamma, vega, theta, dollar_delta), then {@code portfolio}
   * rows for {@code var}, {@code es} (when scenarios were given; measure names carry the
   * confidence, e.g. {@code var_99}) and {@code cost_usd}.
   */
  public static void writeComparisonCsv(BeforeAfter c, Appendable out) {
    try {
      out.append("scope,measure,before,after\n");
      for (int i = 0; i < c.before().size(); i++) {
        UnderlyingRisk b = c.before().get(i);
        UnderlyingRisk a = c.after().get(i);
        row(out, b.underlying(), "delta", b.delta(), a.delta());
        row(out, b.underlying(), "gamma", b.gamma(), a.gamma());
        row(out, b.underlying(), "vega", b.vega(), a.vega());
        row(out, b.underlying(), "theta", b.theta(), a.theta());
        row(out, b.underlying(), "dollar_delta", b.dollarDelta(), a.dollarDelta());
      }
      if (c.hasTail()) {
        String level = confidenceLabel(c.confidence());
        row(out, "portfolio", "var_" + level, c.tailBefore().var(), c.tailAfter().var());
        row(out, "portfolio", "es_" + level, c.tailBefore().es(), c.tailAfter().es());
      }
      row(out, "portfolio", "cost_usd", 0.0, c.totalCost());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Tickets as a JSON array of {@code {"id", "quantity", "cost_usd"}} objects. */
  public static void writeTicketsJson(List<HedgeTicket> tickets, Writer out) {
    write(tickets(tickets), out);
  }

  /**
   * A hedge result as one JSON object: {@code target}, {@code tickets}, {@code solved} (quantities
   * before rounding), {@code comparison} ({@code before}/{@code after} arrays of per-underlying
   * Greeks, {@code scenarios}, {@code confidence}, {@code var_before} ... {@code es_after} or null,
   * {@code total_cost_usd}) and {@code notes}.
   */
  public static void writeJson(HedgeResult r, Writer out) {
    ObjectNode root = JSON.createObjectNode();
    root.put("target", r.target().label());
    root.set("tickets", tickets(r.tickets()));
    ObjectNode solved = root.putObject("solved");
    r.solved().forEach((id, q) -> number(solved, id, q));
    root.set("comparison", comparison(r.comparison()));
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    write(root, out);
  }

  /** A what-if result as one JSON object: {@code tickets}, {@code comparison}, {@code notes}. */
  public static void writeJson(WhatIfResult r, Writer out) {
    ObjectNode root = JSON.createObjectNode();
    root.set("tickets", tickets(r.tickets()));
    root.set("comparison", comparison(r.comparison()));
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    write(root, out);
  }

  /**
   * The before/after table as aligned text for a terminal, in desk units (the same as the Greeks
   * summary): delta in coins, dollar delta USD, gamma as the change of delta for a 1% spot move
   * (coins), vega USD per vol point, theta USD per day; then VaR/ES and the total cost.
   */
  public static String formatTable(BeforeAfter c) {
    StringBuilder sb = new StringBuilder();
    String head = String.format(Locale.ROOT, "%-10s %-6s %14s %16s %14s %14s %14s%n", "underlying", "", "delta coin",
        "dollar delta USD", "gamma/1% coin", "vega USD/volpt", "theta USD/day");
    sb.append(head);
    for (int i = 0; i < c.before().size(); i++) {
      line(sb, c.before().get(i).underlying(), "before", c.before().get(i));
      line(sb, "", "after", c.after().get(i));
    }
    if (c.hasTail()) {
      String level = confidenceLabel(c.confidence());
      sb.append(String.format(Locale.ROOT, "VaR %s%%  %,.2f -> %,.2f USD   ES %s%%  %,.2f -> %,.2f USD   (%d scenarios)%n",
          level, c.tailBefore().var(), c.tailAfter().var(), level, c.tailBefore().es(), c.tailAfter().es(), c.scenarios()));
    }
    sb.append(String.format(Locale.ROOT, "total cost %,.2f USD%n", c.totalCost()));
    return sb.toString();
  }

  private static void line(StringBuilder sb, String name, String when, UnderlyingRisk r) {
    sb.append(String.format(Locale.ROOT, "%-10s %-6s %,14.4f %,16.0f %,14.4f %,14.0f %,14.0f%n", name, when, r.delta(),
        r.dollarDelta(), DeskUnits.gammaPer1Pct(r.gamma(), r.spot()), DeskUnits.vegaPerVolPoint(r.vega()),
        DeskUnits.thetaPerDay(r.theta())));
  }

  /** 0.99 → "99", 0.975 → "97.5". */
  static String confidenceLabel(double c) {
    java.math.BigDecimal pct = new java.math.BigDecimal(Double.toString(c)).movePointRight(2).stripTrailingZeros();
    return pct.scale() < 0 ? pct.setScale(0).toPlainString() : pct.toPlainString();
  }

  private static ArrayNode tickets(List<HedgeTicket> tickets) {
    ArrayNode arr = JSON.createArrayNode();
    for (HedgeTicket t : tickets) {
      ObjectNode o = arr.addObject();
      o.put("id", t.id());
      number(o, "quantity", t.quantity());
      number(o, "cost_usd", t.cost());
    }
    return arr;
  }

  private static ObjectNode comparison(BeforeAfter c) {
    ObjectNode o = JSON.createObjectNode();
    o.set("before", risks(c.before()));
    o.set("after", risks(c.after()));
    o.put("scenarios", c.scenarios());
    number(o, "confidence", c.confidence());
    number(o, "var_before", c.hasTail() ? c.tailBefore().var() : Double.NaN);
    number(o, "es_before", c.hasTail() ? c.tailBefore().es() : Double.NaN);
    number(o, "var_after", c.hasTail() ? c.tailAfter().var() : Double.NaN);
    number(o, "es_after", c.hasTail() ? c.tailAfter().es() : Double.NaN);
    number(o, "total_cost_usd", c.totalCost());
    return o;
  }

  private static ArrayNode risks(List<UnderlyingRisk> rows) {
    ArrayNode arr = JSON.createArrayNode();
    for (UnderlyingRisk r : rows) {
      ObjectNode o = arr.addObject();
      o.put("underlying", r.underlying());
      number(o, "spot", r.spot());
      number(o, "delta", r.delta());
      number(o, "gamma", r.gamma());
      number(o, "vega", r.vega());
      number(o, "theta", r.theta());
      number(o, "dollar_delta", r.dollarDelta());
    }
    return arr;
  }

  private static void number(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.putNull(field);
    }
  }

  private static void write(Object tree, Writer out) {
    try {
      JSON.writeValue(new NonClosingWriter(out), tree);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void row(Appendable out, String scope, String measure, double before, double after) throws IOException {
    out.append(csv(scope)).append(',').append(measure).append(',').append(num(before)).append(',').append(num(after)).append('\n');
  }

  /**
   * A number for people: 12 significant digits, no binary noise ({@code 191.6}, not
   * {@code 191.60000000000002}), no exponent, no trailing zeros, {@code 0} never {@code -0};
   * empty for NaN. The JSON output keeps full precision.
   */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (v == 0) {
      return "0";
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(12)).stripTrailingZeros().toPlainString();
  }

  private static String csv(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Jackson closes the writer it is given; the caller owns {@code out}. */
  private static final class NonClosingWriter extends java.io.FilterWriter {
    NonClosingWriter(Writer out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}

package io.hedgekit.risk.margin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hedgekit.kernels.InputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The margin JSON formats: the model file, the collateral file (parsed from text the caller has
 * read, {@code source} naming the file in errors) and the result.
 *
 * <p>Model: {@code {"model": NAME, "maintenance_ratio": 0.8, "collateral_in_risk_matrix": true,
 * "default": {PARAMS}, "underlyings": {"BTC": {PARAMS}, ...}}}; PARAMS are the snake_case fields of
 * {@link MarginParameters}, each optional: an underlying's entry overrides {@code default}, which
 * overrides the built-in {@link MarginParameters#DERIBIT_BTC}. Without {@code default}, an
 * underlying the file does not list is an error when margined.
 *
 * <p>Collateral: {@code {"balances": {"BTC": 2.5, "USDC": {"amount": 100000, "haircut": 0.02}}}}.
 *
 * <p>Errors are {@link InputException}s naming the file, the JSON field path and the value.
 */
public final class MarginJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> MODEL_FIELDS = Set.of("model", "version", "maintenance_ratio",
      "collateral_in_risk_matrix", "default", "underlyings", "sources", "notes");
  private static final List<String> PARAM_FIELDS = List.of("price_range", "price_steps", "vol_range_up", "vol_range_down",
      "short_term_vega_power", "long_term_vega_power", "vega_power_switch_days", "dte_floor_days",
      "min_volatility_for_shock_up", "vol_floor", "extended_moves", "extended_factor", "extended_dampener_usd",
      "short_option_contingency", "futures_contingency");

  private MarginJson() {
  }

  /** Parses a model file's text. */
  public static MarginModel parseModel(String source, String text) {
    JsonNode root = tree(source, text);
    for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
      String f = it.next();
      if (!MODEL_FIELDS.contains(f)) {
        throw new InputException(source, 0, f, null, "unknown field; known: " + new java.util.TreeSet<>(MODEL_FIELDS));
      }
    }
    String name = root.has("model") ? text(source, root, "model", "model") : "margin model " + source;
    if (root.has("version")) {
      name += " (" + text(source, root, "version", "version") + ")";
    }
    double ratio = root.has("maintenance_ratio") ? number(source, "maintenance_ratio", root.get("maintenance_ratio")) : 0.8;
    boolean coin = true;
    if (root.has("collateral_in_risk_matrix")) {
      JsonNode b = root.get("collateral_in_risk_matrix");
      if (!b.isBoolean()) {
        throw new InputException(source, 0, "collateral_in_risk_matrix", b.toString(), "must be true or false");
      }
      coin = b.asBoolean();
    }
    MarginParameters fallback = null;
    if (root.has("default")) {
      fallback = params(source, "default", root.get("default"), MarginParameters.DERIBIT_BTC);
    }
    Map<String, MarginParameters> by = new LinkedHashMap<>();
    if (root.has("underlyings")) {
      JsonNode u = root.get("underlyings");
      if (!u.isObject()) {
        throw new InputException(source, 0, "underlyings", u.toString(), "must be an object of underlying -> parameters");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = u.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        by.put(e.getKey(), params(source, "underlyings." + e.getKey(), e.getValue(),
            fallback == null ? MarginParameters.DERIBIT_BTC : fallback));
      }
    }
    if (by.isEmpty() && fallback == null) {
      throw new InputException(source, 0, "underlyings", null, "the model lists no underlyings and no \"default\"");
    }
    try {
      return new MarginModel(name, ratio, coin, by, fallback);
    } catch (IllegalArgumentException e) {
      throw new InputException(source, 0, "maintenance_ratio", String.valueOf(ratio), e.getMessage());
    }
  }

  private static MarginParameters params(String source, String path, JsonNode node, MarginParameters base) {
    if (!node.isObject()) {
      throw new InputException(source, 0, path, node.toString(), "must be an object of parameters");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      String f = it.next();
      if (!PARAM_FIELDS.contains(f) && !f.startsWith("source")) {
        throw new InputException(source, 0, path + "." + f, null, "unknown parameter; known: " + PARAM_FIELDS);
      }
    }
    double[] d = {base.priceRange(), base.priceSteps(), base.volRangeUp(), base.volRangeDown(), base.shortTermVegaPower(),
        base.longTermVegaPower(), base.vegaPowerSwitchDays(), base.dteFloorDays(), base.minVolForShockUp(),
        base.volFloor(), 0, base.extendedFactor(), base.extendedDampenerUsd(), base.shortOptionContingency(),
        base.futuresContingency()};
    double[] ext = base.extendedMoves();
    for (int i = 0; i < PARAM_FIELDS.size(); i++) {
      String f = PARAM_FIELDS.get(i);
      if (!node.has(f)) {
        continue;
      }
      JsonNode v = node.get(f);
      if (f.equals("extended_moves")) {
        if (!v.isArray()) {
          throw new InputException(source, 0, path + "." + f, v.toString(), "must be an array of relative moves");
        }
        ext = new double[v.size()];
        for (int j = 0; j < v.size(); j++) {
          ext[j] = number(source, path + "." + f + "[" + j + "]", v.get(j));
        }
      } else {
        d[i] = number(source, path + "." + f, v);
      }
    }
    if (d[1] != Math.rint(d[1])) {
      throw new InputException(source, 0, path + ".price_steps", String.valueOf(d[1]), "must be a whole number");
    }
    try {
      return new MarginParameters(d[0], (int) d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], ext, d[11], d[12],
          d[13], d[14]);
    } catch (IllegalArgumentException e) {
      String field = e.getMessage().split(" ")[0];
      int i = PARAM_FIELDS.indexOf(field);
      String value = i < 0 ? null : field.equals("extended_moves") ? java.util.Arrays.toString(ext) : fmt(d[i]);
      throw new InputException(source, 0, path + "." + field, value, e.getMessage());
    }
  }

  /** Parses a collateral file's text. */
  public static Collateral parseCollateral(String source, String text) {
    JsonNode root = tree(source, text);
    JsonNode b = root.get("balances");
    if (b == null || !b.isObject()) {
      throw new InputException(source, 0, "balances", b == null ? null : b.toString(),
          "must be an object of currency -> amount or {\"amount\": A, \"haircut\": H}");
    }
    List<Collateral.Balance> list = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = "balances." + e.getKey();
      JsonNode v = e.getValue();
      double amount;
      double haircut = 0;
      if (v.isObject()) {
        for (Iterator<String> f = v.fieldNames(); f.hasNext();) {
          String name = f.next();
          if (!name.equals("amount") && !name.equals("haircut")) {
            throw new InputException(source, 0, path + "." + name, null, "unknown field; known: amount, haircut");
          }
        }
        if (!v.has("amount")) {
          throw new InputException(source, 0, path + ".amount", null, "is missing");
        }
        amount = number(source, path + ".amount", v.get("amount"));
        if (v.has("haircut")) {
          haircut = number(source, path + ".haircut", v.get("haircut"));
        }
      } else {
        amount = number(source, path, v);
      }
      try {
        list.add(new Collateral.Balance(e.getKey(), amount, haircut));
      } catch (IllegalArgumentException ex) {
        boolean hc = ex.getMessage().startsWith("haircut");
        throw new InputException(source, 0, hc ? path + ".haircut" : path, fmt(hc ? haircut : amount), ex.getMessage());
      }
    }
    try {
      return new Collateral(list);
    } catch (IllegalArgumentException ex) {
      throw new InputException(source, 0, "balances", null, ex.getMessage());
    }
  }

  private static JsonNode tree(String source, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputException(source, e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr()), null, null,
          "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InputException(source, 0, null, null, "must hold a JSON object");
    }
    return root;
  }

  private static String text(String source, JsonNode root, String field, String path) {
    JsonNode v = root.get(field);
    if (!v.isTextual()) {
      throw new InputException(source, 0, path, v.toString(), "must be a string");
    }
    return v.asText();
  }

  private static double number(String source, String path, JsonNode v) {
    if (v == null || !v.isNumber()) {
      throw new InputException(source, 0, path, v == null ? null : v.toString(), "must be a number");
    }
    double x = v.asDouble();
    if (!Double.isFinite(x)) {
      throw new InputException(source, 0, path, v.toString(), "must be finite");
    }
    return x;
  }

  private static String fmt(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x);
  }

  /** The result as JSON: im, mm, components, equity, margin_ratio, worst_cell, liquidation, and detail. */
  public static String toJson(MarginResult r) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(r));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The result as a Jackson tree (for embedding in other JSON). */
  public static ObjectNode tree(MarginResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("model", r.model());
    o.put("im", r.im());
    o.put("mm", r.mm());
    ObjectNode c = o.putObject("components");
    c.put("risk_matrix", r.riskMatrix());
    c.put("extended", r.extended());
    c.put("contingency", r.contingency());
    o.put("equity", r.equity());
    putNumber(o, "margin_ratio", r.marginRatio());
    o.put("excess_over_mm", r.excessOverMm());
    if (r.worstCell() == null) {
      o.putNull("worst_cell");
    } else {
      o.set("worst_cell", cell(r.worstCell()));
    }
    ObjectNode liq = o.putObject("liquidation");
    for (MarginResult.Liquidation l : r.liquidation()) {
      ObjectNode e = liq.putObject(l.underlying());
      if (l.belowNow()) {
        e.put("status", "equity is at or below maintenance margin now");
        continue;
      }
      e.set("down", point(l.down()));
      e.set("up", point(l.up()));
      MarginResult.Point near = l.nearest();
      if (near == null) {
        e.put("nearest", none());
      } else {
        e.put("nearest", near.move());
      }
    }
    ObjectNode by = o.putObject("by_underlying");
    for (MarginResult.UnderlyingMargin u : r.underlyings()) {
      ObjectNode e = by.putObject(u.underlying());
      e.put("spot", u.spot());
      e.put("im", u.im());
      e.put("risk_matrix", u.riskMatrix());
      e.put("extended", u.extended());
      e.put("contingency", u.contingency());
      if (u.worstCell() == null) {
        e.putNull("worst_cell");
      } else {
        e.set("worst_cell", cell(u.worstCell()));
      }
    }
    ObjectNode eq = o.putObject("equity_detail");
    ObjectNode col = eq.putObject("collateral");
    for (MarginResult.CollateralValue v : r.collateral()) {
      ObjectNode e = col.putObject(v.currency());
      e.put("amount", v.amount());
      e.put("haircut", v.haircut());
      e.put("price_usd", v.price());
      e.put("value_usd", v.valueUsd());
    }
    ObjectNode bv = eq.putObject("book_value_usd");
    r.bookValue().forEach(bv::put);
    ObjectNode in = eq.putObject("equity_in_currency");
    in.put("USD", r.equity());
    for (MarginResult.UnderlyingMargin u : r.underlyings()) {
      in.put(u.underlying(), r.equity() / u.spot());
    }
    return o;
  }

  private static String none() {
    return "none within ±" + Math.round(100 * MarginEngine.SEARCH_LIMIT) + "%";
  }

  private static JsonNode point(MarginResult.Point p) {
    if (p == null) {
      return JSON.getNodeFactory().textNode(none());
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("move", p.move());
    ObjectNode prices = o.putObject("price");
    p.prices().forEach(prices::put);
    return o;
  }

  private static ObjectNode cell(MarginResult.Cell c) {
    ObjectNode o = JSON.createObjectNode();
    o.put("underlying", c.underlying());
    o.put("spot_move", c.spotMove());
    o.put("vol", c.vol());
    o.put("loss", c.loss());
    return o;
  }

  private static void putNumber(ObjectNode o, String field, double x) {
    if (Double.isFinite(x)) {
      o.put(field, x);
    } else {
      o.put(field, String.valueOf(x));
    }
  }

  /**
   * {@code json} (an object, e.g. a hedge or what-if result) with
   * {@code "margin": {"before": ..., "after": ...}} added.
   */
  public static String withMargin(String json, MarginResult before, MarginResult after) {
    try {
      JsonNode root = JSON.readTree(json);
      if (!(root instanceof ObjectNode o)) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      ObjectNode m = o.putObject("margin");
      m.set("before", tree(before));
      m.set("after", tree(after));
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A table for people. */
  public static String formatTable(MarginResult r) {
    StringBuilder b = new StringBuilder();
    b.append("Portfolio margin: ").append(r.model()).append('\n');
    b.append(String.format(Locale.ROOT, "%-10s %16s %16s %16s %16s  %s%n", "underlying", "risk matrix", "extended",
        "contingency", "IM", "worst cell"));
    for (MarginResult.UnderlyingMargin u : r.underlyings()) {
      b.append(String.format(Locale.ROOT, "%-10s %,16.0f %,16.0f %,16.0f %,16.0f  %s%n", u.underlying(), u.riskMatrix(),
          u.extended(), u.contingency(), u.im(), describe(u.worstCell())));
    }
    b.append(String.format(Locale.ROOT, "%-10s %,16.0f %,16.0f %,16.0f %,16.0f%n", "total", r.riskMatrix(), r.extended(),
        r.contingency(), r.im()));
    b.append(String.format(Locale.ROOT, "%nIM %,.0f USD   MM %,.0f USD   equity %,.0f USD   margin ratio (MM/equity) %s%n",
        r.im(), r.mm(), r.equity(), Double.isFinite(r.marginRatio())
            ? String.format(Locale.ROOT, "%.1f%%", 100 * r.marginRatio()) : "infinite"));
    for (MarginResult.CollateralValue v : r.collateral()) {
      b.append(String.format(Locale.ROOT, "  collateral %-5s %,18.4f x %,12.2f USD, haircut %4.1f%% = %,16.0f USD%n",
          v.currency(), v.amount(), v.price(), 100 * v.haircut(), v.valueUsd()));
    }
    r.bookValue().forEach((u, v) -> b.append(String.format(Locale.ROOT, "  book value %-5s %,16.0f USD%n", u, v)));
    b.append("\nDistance to liquidation (equity = MM; margin recomputed at the moved market):\n");
    for (MarginResult.Liquidation l : r.liquidation()) {
      String name = l.underlying().equals(MarginResult.ALL) ? "all together" : l.underlying() + " alone";
      if (l.belowNow()) {
        b.append(String.format(Locale.ROOT, "  %-14s equity is at or below MM now%n", name));
      } else {
        b.append(String.format(Locale.ROOT, "  %-14s down: %-34s up: %s%n", name, describe(l.down()), describe(l.up())));
      }
    }
    return b.toString();
  }

  /** Margin before and after trades, for people. */
  public static String formatBeforeAfter(MarginResult before, MarginResult after) {
    StringBuilder b = new StringBuilder("Margin before -> after (USD):\n");
    b.append(String.format(Locale.ROOT, "  %-22s %,16.0f -> %,16.0f%n", "IM", before.im(), after.im()));
    b.append(String.format(Locale.ROOT, "  %-22s %,16.0f -> %,16.0f%n", "  risk matrix", before.riskMatrix(), after.riskMatrix()));
    b.append(String.format(Locale.ROOT, "  %-22s %,16.0f -> %,16.0f%n", "  extended", before.extended(), after.extended()));
    b.append(String.format(Locale.ROOT, "  %-22s %,16.0f -> %,16.0f%n", "  contingency", before.contingency(), after.contingency()));
    b.append(String.format(Locale.ROOT, "  %-22s %,16.0f -> %,16.0f%n", "MM", before.mm(), after.mm()));
    b.append(String.format(Locale.ROOT, "  %-22s %,16.0f -> %,16.0f%n", "equity", before.equity(), after.equity()));
    for (MarginResult.Liquidation l : before.liquidation()) {
      MarginResult.Liquidation a = after.liquidation(l.underlying());
      b.append(String.format(Locale.ROOT, "  liquidation %-10s %s -> %s%n", l.underlying(), nearest(l), nearest(a)));
    }
    return b.toString();
  }

  private static String nearest(MarginResult.Liquidation l) {
    return l.belowNow() ? "below MM now" : describe(l.nearest());
  }

  private static String describe(MarginResult.Point p) {
    if (p == null) {
      return none();
    }
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%+.1f%%", 100 * p.move()));
    p.prices().forEach((u, x) -> s.append(String.format(Locale.ROOT, " %s %,.0f", u, x)));
    return s.toString();
  }

  private static String describe(MarginResult.Cell c) {
    if (c == null) {
      return "no cell loses";
    }
    return String.format(Locale.ROOT, "spot %+.0f%%, vol %s: loss %,.0f", 100 * c.spotMove(), c.vol(), c.loss());
  }


  /** The carry report as JSON. */
  public static String toJson(Carry.Report r) {
    ObjectNode o = JSON.createObjectNode();
    var f = o.putArray("futures");
    for (Carry.Basis b : r.futures()) {
      ObjectNode e = f.addObject();
      e.put("underlying", b.underlying());
      e.put("years", b.years());
      e.put("forward", b.forward());
      e.put("spot", b.spot());
      e.put("annualised_basis", b.annualised());
    }
    var p = o.putArray("perpetuals");
    for (Carry.Funding x : r.perpetuals()) {
      ObjectNode e = p.addObject();
      e.put("underlying", x.underlying());
      e.put("funding_rate_8h", x.funding8h());
      e.put("funding_apr", x.apr());
    }
    var c = o.putArray("cash_and_carry");
    for (Carry.Pair x : r.pairs()) {
      ObjectNode e = c.addObject();
      e.put("underlying", x.underlying());
      e.put("short_leg", x.shortLeg());
      e.put("years", x.years());
      e.put("coins", x.coins());
      e.put("gross_apr", x.grossApr());
      e.put("annual_carry_usd", x.annualCarryUsd());
      e.put("margin_usd", x.marginUsd());
      e.put("net_apr", x.netApr());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

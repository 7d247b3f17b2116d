package io.hedgekit.risk.intraday;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgekit.io.book.DeribitSymbol;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.risk.engine.Position;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One line of an intraday update stream: a market move of one underlying, or a trade.
 *
 * <pre>{@code
 * {"time": "2026-11-24T08:00:05Z", "underlying": "BTC", "spot": 95120.5, "source": "deribit-index"}
 * {"time": "2026-11-24T08:00:06Z", "underlying": "BTC", "vol_shift": 0.02, "funding_rate_8h": 0.0001, "source": "desk"}
 * {"time": "2026-11-24T08:00:06Z", "underlying": "BTC", "forwards": [{"expiry": "2026-12-25T08:00:00Z", "price": 96100}]}
 * {"time": "2026-11-24T08:00:07Z", "trade": {"id": "t1", "symbol": "BTC-26JUN26-80000-C", "quantity": -5}}
 * }</pre>
 *
 * <p>Market fields: {@code spot} USD; {@code vol_shift} the absolute shift of all of the
 * underlying's implied vols from the snapshot (0.02 = +2 vol points; it replaces the previous
 * shift, it does not add to it); {@code funding_rate_8h} the perpetuals' funding per 8 hours;
 * {@code forwards} a replacement listed-forward curve (each position's carry is implied from it
 * again); {@code smile} a replacement smile: an SVI smile in the market file's form
 * ({@code {"model": "svi", "slices": [{"expiry", "a", "b", "rho", "m", "sigma"}, ...]}}, slice
 * times from the update's time, checked for arbitrage as when a market file is loaded: an error
 * unless {@code allowArbitrage}, then a warning), or, as before SVI smiles existed, a vol grid
 * ({@code {"expiries", "strikes", "vols"}} as the market file's {@code vol_surface}). At least one
 * is required. A trade's row has {@code id}, a Deribit {@code symbol}, a signed
 * {@code quantity} in contracts and optionally {@code contract_size}, {@code vol} and
 * {@code entry_price} (as in book files).
 *
 * <p>A line that cannot be read is still an update, with {@link #problem()} saying why, so that
 * a live loop reports it and carries on.
 *
 * @param line 1-based line number in the stream
 * @param time when the update was observed
 * @param underlying upper-cased underlying name; null for trades
 * @param source who published it ({@code "unknown"} when not given)
 * @param hasSpot whether the line has a {@code spot} field (then a NaN spot is bad data the guard rejects)
 * @param spot spot, USD, or NaN when not given or not a number
 * @param volShift absolute vol shift, or NaN when not given
 * @param fundingRate8h funding per 8 hours, or NaN when not given
 * @param trade the trade, or null
 * @param problem why the line could not be read, or null
 * @param forwards a replacement forward curve (sorted by expiry), or null
 * @param smile a replacement vol grid, or null
 * @param svi a replacement SVI smile, or null
 */
public record MarketUpdate(long line, Instant time, String underlying, String source, boolean hasSpot, double spot,
    double volShift, double fundingRate8h, Position trade, String problem, java.util.List<ForwardQuote> forwards,
    Smile smile, SviSmile svi) {

  /**
   * A replacement SVI smile, as read: slice times are years from the update's time.
   *
   * @param smile the slices
   * @param warnings the no-arbitrage failures let through by {@code allowArbitrage} (one line each), else empty
   */
  public record SviSmile(io.hedgekit.kernels.market.VolSmile smile, List<String> warnings) {
    public SviSmile {
      java.util.Objects.requireNonNull(smile, "smile");
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * A replacement implied-vol surface (the market file's {@code vol_surface}): {@code vols[i][j]}
   * at {@code expiries[i]} and {@code strikes[j]} USD.
   */
  public record Smile(java.util.List<Instant> expiries, double[] strikes, double[][] vols) {

    /** The surface with expiries as years from {@code now} (ACT/365). */
    public io.hedgekit.kernels.market.VolSurface at(Instant now) {
      double[] t = new double[expiries.size()];
      for (int i = 0; i < t.length; i++) {
        t[i] = java.time.Duration.between(now, expiries.get(i)).toMillis()
            / io.hedgekit.kernels.market.MarketData.MILLIS_PER_YEAR;
      }
      return new io.hedgekit.kernels.market.VolSurface(t, strikes, vols);
    }
  }

  /** A listed forward replacing the underlying's curve: {@code price} USD for {@code expiry}. */
  public record ForwardQuote(Instant expiry, double price) {
  }

  /** An update without a forward curve. */
  public MarketUpdate(long line, Instant time, String underlying, String source, boolean hasSpot, double spot,
      double volShift, double fundingRate8h, Position trade, String problem) {
    this(line, time, underlying, source, hasSpot, spot, volShift, fundingRate8h, trade, problem, null, null, null);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> MARKET_FIELDS = Set.of("time", "underlying", "spot", "source", "vol_shift",
      "funding_rate_8h", "smile", "forwards");
  private static final Set<String> TRADE_FIELDS = Set.of("id", "symbol", "quantity", "contract_size", "vol",
      "entry_price");

  /** A spot update (for tests and embedders). */
  public static MarketUpdate spot(long line, Instant time, String underlying, double spot, String source) {
    return new MarketUpdate(line, time, underlying, source, true, spot, Double.NaN, Double.NaN, null, null);
  }

  /** A trade update. */
  public static MarketUpdate trade(long line, Instant time, Position trade) {
    return new MarketUpdate(line, time, null, "trade", false, Double.NaN, Double.NaN, Double.NaN, trade, null);
  }

  /** True for a trade. */
  public boolean isTrade() {
    return trade != null;
  }

  /** True when the line could not be read ({@link #problem()}). */
  public boolean malformed() {
    return problem != null;
  }

  /**
   * Reads one JSON line; never throws for bad content (see {@link #problem()}); an arbitrageable
   * SVI smile is a problem.
   *
   * @param line its 1-based number
   */
  public static MarketUpdate parse(String text, long line) {
    return parse(text, line, false);
  }

  /**
   * As {@link #parse(String, long)}; with {@code allowArbitrage} an SVI smile that fails a
   * no-arbitrage check is accepted and each failure becomes one of its {@link SviSmile#warnings}.
   */
  public static MarketUpdate parse(String text, long line, boolean allowArbitrage) {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return bad(line, null, "not JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      return bad(line, null, "expected a JSON object, was " + abbreviate(text));
    }
    Instant time;
    JsonNode t = n.get("time");
    if (t == null || !t.isTextual()) {
      return bad(line, null, "\"time\" is required, an ISO-8601 instant like 2026-11-24T08:00:05Z");
    }
    try {
      time = Instant.parse(t.asText());
    } catch (DateTimeParseException e) {
      return bad(line, null, "\"time\" must be an ISO-8601 instant like 2026-11-24T08:00:05Z, was " + t.asText());
    }
    if (n.has("trade")) {
      return parseTrade(n.get("trade"), line, time);
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!MARKET_FIELDS.contains(f)) {
        return bad(line, time, "unknown field \"" + f + "\" (known: time, underlying, spot, source, vol_shift, "
            + "funding_rate_8h, or time and trade)");
      }
    }
    JsonNode u = n.get("underlying");
    if (u == null || !u.isTextual() || u.asText().isBlank()) {
      return bad(line, time, "\"underlying\" is required (e.g. \"BTC\")");
    }
    String und = u.asText().strip().toUpperCase(Locale.ROOT);
    Smile smile = null;
    SviSmile svi = null;
    if (n.has("smile") && n.get("smile").isObject() && n.get("smile").has("model")) {
      List<String> warnings = new java.util.ArrayList<>();
      try {
        svi = new SviSmile(io.hedgekit.io.market.MarketJson.smile(n.get("smile"), "update", "smile", time,
            allowArbitrage, warnings::add), warnings);
      } catch (io.hedgekit.kernels.InputException e) {
        String where = e.column() == null ? "" : e.column() + ": ";
        String was = e.value() == null ? "" : ", was " + e.value();
        return new MarketUpdate(line, time, und, source(n), false, Double.NaN, Double.NaN, Double.NaN, null,
            "line " + line + ": " + where + e.problem() + was);
      }
    } else if (n.has("smile")) {
      Object s = smile(n.get("smile"), time);
      if (s instanceof String bad) {
        return new MarketUpdate(line, time, und, source(n), false, Double.NaN, Double.NaN, Double.NaN, null,
            "line " + line + ": smile: " + bad);
      }
      smile = (Smile) s;
    }
    java.util.List<ForwardQuote> forwards = null;
    if (n.has("forwards")) {
      forwards = new java.util.ArrayList<>();
      String bad = forwards(n.get("forwards"), time, forwards);
      if (bad != null) {
        return new MarketUpdate(line, time, und, source(n), false, Double.NaN, Double.NaN, Double.NaN, null,
            "line " + line + ": forwards: " + bad);
      }
    }
    double spot = number(n, "spot");
    double shift = number(n, "vol_shift");
    double funding = number(n, "funding_rate_8h");
    String wrong = wrongType(n, "spot", "vol_shift", "funding_rate_8h");
    if (wrong != null) {
      return new MarketUpdate(line, time, und, source(n), false, Double.NaN, Double.NaN, Double.NaN, null,
          "line " + line + ": " + wrong);
    }
    for (String f : new String[] {"vol_shift", "funding_rate_8h"}) {
      if (n.has(f) && Double.isNaN(number(n, f))) {
        return new MarketUpdate(line, time, und, source(n), false, Double.NaN, Double.NaN, Double.NaN, null,
            "line " + line + ": \"" + f + "\" is not a number (" + n.get(f) + ")");
      }
    }
    boolean hasSpot = n.has("spot");
    if (!hasSpot && !n.has("vol_shift") && !n.has("funding_rate_8h") && forwards == null && smile == null
        && svi == null) {
      return new MarketUpdate(line, time, und, source(n), false, spot, shift, funding, null,
          "line " + line + ": an update needs \"spot\", \"vol_shift\", \"forwards\", \"smile\" or \"funding_rate_8h\"");
    }
    return new MarketUpdate(line, time, und, source(n), hasSpot, spot, shift, funding, null, null, forwards, smile,
        svi);
  }

  /** The smile of {@code node}, or the problem as a String. */
  private static Object smile(JsonNode node, Instant time) {
    if (node == null || !node.isObject() || !node.has("expiries") || !node.has("strikes") || !node.has("vols")
        || !node.get("expiries").isArray() || !node.get("strikes").isArray() || !node.get("vols").isArray()) {
      return "must be {\"model\": \"svi\", \"slices\": [...]} as the market file's smile, or {\"expiries\": [...], "
          + "\"strikes\": [...], \"vols\": [[...], ...]} as its vol_surface";
    }
    JsonNode es = node.get("expiries");
    JsonNode ks = node.get("strikes");
    JsonNode vs = node.get("vols");
    java.util.List<Instant> expiries = new java.util.ArrayList<>();
    for (int i = 0; i < es.size(); i++) {
      try {
        expiries.add(io.hedgekit.io.Expiries.parse(es.get(i).asText()));
      } catch (RuntimeException e) {
        return "expiries[" + i + "] must be an ISO-8601 instant or date, was " + es.get(i);
      }
    }
    double[] strikes = new double[ks.size()];
    for (int j = 0; j < strikes.length; j++) {
      strikes[j] = ks.get(j).isNumber() ? ks.get(j).asDouble() : Double.NaN;
      if (!(strikes[j] > 0) || Double.isInfinite(strikes[j])) {
        return "strikes[" + j + "] must be a finite number > 0, was " + ks.get(j);
      }
    }
    double[][] vols = new double[vs.size()][];
    for (int i = 0; i < vols.length; i++) {
      JsonNode row = vs.get(i);
      if (row == null || !row.isArray()) {
        return "vols[" + i + "] must be a list of vols";
      }
      vols[i] = new double[row.size()];
      for (int j = 0; j < row.size(); j++) {
        vols[i][j] = row.get(j).isNumber() ? row.get(j).asDouble() : Double.NaN;
      }
    }
    Smile s = new Smile(List.copyOf(expiries), strikes, vols);
    try {
      s.at(time); // the surface's own checks: sorted, rectangular, vols in (0, 10], expiries after the update
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    return s;
  }

  /** Reads {@code [{"expiry": instant, "price": usd}, ...]} into {@code out}, sorted; the problem, or null. */
  private static String forwards(JsonNode a, Instant time, java.util.List<ForwardQuote> out) {
    if (a == null || !a.isArray() || a.isEmpty()) {
      return "must be a non-empty list of {\"expiry\": ISO instant, \"price\": USD}";
    }
    for (int i = 0; i < a.size(); i++) {
      JsonNode f = a.get(i);
      if (f == null || !f.isObject() || !f.has("expiry") || !f.has("price")) {
        return "[" + i + "] must be {\"expiry\": ISO instant, \"price\": USD}, was " + f;
      }
      Instant e;
      try {
        e = Instant.parse(f.get("expiry").asText());
      } catch (DateTimeParseException x) {
        return "[" + i + "].expiry must be an ISO-8601 instant, was " + f.get("expiry");
      }
      double p = f.get("price").isNumber() ? f.get("price").asDouble() : Double.NaN;
      if (!(p > 0) || Double.isInfinite(p)) {
        return "[" + i + "].price must be a finite number > 0, was " + f.get("price");
      }
      if (!e.isAfter(time)) {
        return "[" + i + "].expiry " + e + " is not after the update's time " + time;
      }
      out.add(new ForwardQuote(e, p));
    }
    out.sort(java.util.Comparator.comparing(ForwardQuote::expiry));
    for (int i = 1; i < out.size(); i++) {
      if (out.get(i).expiry().equals(out.get(i - 1).expiry())) {
        return "expiry " + out.get(i).expiry() + " repeats";
      }
    }
    return null;
  }

  private static MarketUpdate parseTrade(JsonNode row, long line, Instant time) {
    if (row == null || !row.isObject()) {
      return bad(line, time, "\"trade\" must be an object with the book columns id, symbol, quantity");
    }
    for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TRADE_FIELDS.contains(f)) {
        return bad(line, time, "trade: unknown field \"" + f + "\" (known: " + String.join(", ", TRADE_FIELDS.stream()
            .sorted().toList()) + ")");
      }
    }
    JsonNode id = row.get("id");
    JsonNode sym = row.get("symbol");
    if (id == null || !id.isTextual() || sym == null || !sym.isTextual()) {
      return bad(line, time, "trade: \"id\" and \"symbol\" (a Deribit name like BTC-26JUN26-80000-C) are required");
    }
    String wrong = wrongType(row, "quantity", "contract_size", "vol", "entry_price");
    if (wrong != null) {
      return bad(line, time, "trade " + id.asText() + ": " + wrong);
    }
    double qty = number(row, "quantity");
    if (Double.isNaN(qty)) {
      return bad(line, time, "trade " + id.asText() + ": \"quantity\" is required (signed contracts)");
    }
    try {
      DeribitSymbol s = DeribitSymbol.parse(sym.asText());
      ContractKind kind = s.kind();
      double cs = number(row, "contract_size");
      Position p = new Position(id.asText(), s.underlying(), kind, s.strike(), s.expiry(), qty,
          Double.isNaN(cs) ? 1.0 : cs, number(row, "vol"), number(row, "entry_price"));
      return trade(line, time, p);
    } catch (IllegalArgumentException e) {
      return bad(line, time, "trade " + id.asText() + ": " + e.getMessage());
    }
  }

  private static String source(JsonNode n) {
    JsonNode s = n.get("source");
    return s != null && s.isTextual() && !s.asText().isBlank() ? s.asText() : "unknown";
  }

  /** The number in field {@code f}; NaN when absent, null, or the string "NaN". */
  private static double number(JsonNode n, String f) {
    JsonNode v = n.get(f);
    if (v == null || v.isNull()) {
      return Double.NaN;
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual()) {
      try {
        return Double.parseDouble(v.asText());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  private static String wrongType(JsonNode n, String... fields) {
    for (String f : fields) {
      JsonNode v = n.get(f);
      if (v != null && !v.isNull() && !v.isNumber() && !(v.isTextual() && isNumberText(v.asText()))) {
        return "\"" + f + "\" must be a number, was " + v;
      }
    }
    return null;
  }

  private static boolean isNumberText(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static MarketUpdate bad(long line, Instant time, String problem) {
    return new MarketUpdate(line, time, null, "unknown", false, Double.NaN, Double.NaN, Double.NaN, null,
        "line " + line + ": " + problem);
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}

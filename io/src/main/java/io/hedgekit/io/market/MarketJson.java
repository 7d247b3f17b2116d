package io.hedgekit.io.market;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hedgekit.io.Expiries;
import io.hedgekit.io.table.AtomicOutput;
import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.market.UnderlyingMarket;
import io.hedgekit.kernels.market.UnderlyingMarket.ForwardPoint;
import io.hedgekit.kernels.market.SviSlice;
import io.hedgekit.kernels.market.VolSmile;
import io.hedgekit.kernels.market.VolSurface;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads and writes market data as JSON.
 *
 * <pre>{@code
 * {"valuation_time": "2026-11-24T08:00:00Z",
 *  "underlyings": {"BTC": {"spot": 95000.0, "rate": 0.04, "carry": 0.0,
 *      "forwards": [{"expiry": "2026-12-25T08:00:00Z", "price": 95400.0}],
 *      "vol": 0.55,
 *      "vol_surface": {"expiries": ["2026-12-25", "2027-03-26"], "strikes": [80000, 100000],
 *                      "vols": [[0.6, 0.55], [0.58, 0.54]]},
 *      "smile": {"model": "svi", "slices": [{"expiry": "2026-12-25T08:00:00Z", "a": 0.012,
 *                "b": 0.08, "rho": -0.35, "m": 0.02, "sigma": 0.18}]},
 *      "funding_rate_8h": 0.0001}}}
 * }</pre>
 * {@code smile} holds raw SVI slices per expiry (strictly increasing expiries; b ≥ 0,
 * |ρ| &lt; 1, σ &gt; 0 always required) and is checked for static arbitrage when read
 * ({@link #read(Path, boolean, Consumer)}).
 * Per underlying only {@code spot} is required; {@code rate}, {@code carry},
 * {@code funding_rate_8h} default to 0, {@code vol} to none (NaN), {@code forwards} and
 * {@code vol_surface} to none. Underlying names are upper-cased. Expiries are ISO-8601 instants
 * or dates (08:00 UTC), converted to ACT/365 years with {@link MarketData#yearsTo}; they must be
 * after the valuation time. Forwards may come in any order (they are sorted; two at the same
 * expiry are rejected); surface expiries and strikes must be strictly increasing and
 * {@code vols} has one row per expiry, one vol per strike. Unknown keys are rejected (a typo
 * would otherwise silently fall back to a default). Every problem is an {@link InputException}
 * whose column is the JSON path ({@code underlyings.BTC.spot}).
 */
public final class MarketJson {
  private static final Set<String> TOP_KEYS = Set.of("valuation_time", "underlyings");
  private static final Set<String> UNDERLYING_KEYS =
      Set.of("spot", "rate", "carry", "forwards", "vol", "vol_surface", "smile", "funding_rate_8h");
  private static final Set<String> SMILE_KEYS = Set.of("model", "slices");
  private static final Set<String> SLICE_KEYS = Set.of("expiry", "a", "b", "rho", "m", "sigma");
  private static final Set<String> FORWARD_KEYS = Set.of("expiry", "price");
  private static final Set<String> SURFACE_KEYS = Set.of("expiries", "strikes", "vols");

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final String file;
  private final boolean allowArbitrage;
  private final Consumer<String> warnings;

  private MarketJson(String file, boolean allowArbitrage, Consumer<String> warnings) {
    this.file = file;
    this.allowArbitrage = allowArbitrage;
    this.warnings = warnings;
  }

  /**
   * Reads a market file.
   *
   * @throws InputException naming the file and JSON path of the first problem
   * @throws UncheckedIOException if the file cannot be read for another reason than not existing
   */
  public static MarketData read(Path path) {
    return read(path, false, w -> { });
  }

  /**
   * Reads a market file; an SVI smile that fails a no-arbitrage check
   * ({@link VolSmile#check}) is an error unless {@code allowArbitrage}, when each failure goes to
   * {@code warnings} instead (one line: file, underlying, expiry, condition, k range).
   *
   * @throws InputException naming the file and JSON path of the first problem
   * @throws UncheckedIOException if the file cannot be read for another reason than not existing
   */
  public static MarketData read(Path path, boolean allowArbitrage, Consumer<String> warnings) {
    String name = path.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new InputException(name, 0, null, null, "no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
    return parse(bytes, name, allowArbitrage, warnings);
  }

  /**
   * Reads market data from JSON text in memory (a request body, a message), with the same rules
   * and messages as {@link #read(Path)}.
   *
   * @param name what error messages call the source (in place of a file name)
   * @throws InputException naming {@code name} and the JSON path of the first problem
   */
  public static MarketData parse(byte[] bytes, String name) {
    return parse(bytes, name, false, w -> { });
  }

  /**
   * As {@link #parse(byte[], String)}, with the no-arbitrage rule of
   * {@link #read(Path, boolean, Consumer)}: an arbitrageable SVI smile is an error unless
   * {@code allowArbitrage}, when each failure goes to {@code warnings} instead.
   */
  public static MarketData parse(byte[] bytes, String name, boolean allowArbitrage, Consumer<String> warnings) {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
      throw new InputException(name, 0, null, null, "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      // The bytes are in memory: what fails here is their encoding (a fuzzing finding: bytes that
      // look like UTF-32 with a character above U+10FFFF).
      throw new InputException(name, 0, null, null, "not JSON text in UTF-8 (or UTF-16/32): " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new InputException(name, 0, null, null, "malformed JSON: the file is empty");
    }
    return new MarketJson(name, allowArbitrage, warnings).market(root);
  }

  /**
   * Reads one {@code "smile"} object ({@code {"model": "svi", "slices": [...]}}, as under an
   * underlying of a market file) outside a market file, e.g. an intraday smile replacement, with
   * the same rules and messages: slice times are ACT/365 years from {@code valuationTime}, every
   * expiry after it, and an arbitrageable smile is an error unless {@code allowArbitrage}, when
   * each failure goes to {@code warnings} instead.
   *
   * @param name what error messages call the source
   * @param path the JSON path of {@code node} in messages (e.g. {@code smile})
   * @return the smile, or null when {@code node} is null or JSON null
   * @throws InputException naming {@code name} and the JSON path of the first problem
   */
  public static VolSmile smile(JsonNode node, String name, String path, Instant valuationTime,
      boolean allowArbitrage, Consumer<String> warnings) {
    // the clock of market(): a placeholder underlying, as a market needs one
    MarketData clock = new MarketData(valuationTime,
        Map.of("_", new UnderlyingMarket(1, 0, 0, List.of(), Double.NaN, null, 0)));
    return new MarketJson(name, allowArbitrage, warnings).smile(node, path, clock);
  }

  private MarketData market(JsonNode root) {
    requireObject(root, "(top level)");
    checkKeys(root, "", TOP_KEYS);
    JsonNode vt = root.get("valuation_time");
    if (vt == null || vt.isNull()) {
      throw error("valuation_time", null, "missing (required)");
    }
    Instant valuation = instant(vt, "valuation_time");
    JsonNode us = root.get("underlyings");
    if (us == null || us.isNull()) {
      throw error("underlyings", null, "missing (required)");
    }
    requireObject(us, "underlyings");
    if (us.isEmpty()) {
      throw error("underlyings", null, "must name at least one underlying");
    }
    // A throwaway MarketData supplies yearsTo for the expiries before the real one exists.
    MarketData clock = new MarketData(valuation, Map.of("_", new UnderlyingMarket(1, 0, 0, List.of(), Double.NaN, null, 0)));
    Map<String, UnderlyingMarket> markets = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : us.properties()) {
      String path = "underlyings." + e.getKey();
      String name = e.getKey().strip().toUpperCase(Locale.ROOT);
      if (name.isEmpty()) {
        throw error(path, e.getKey(), "underlying name must not be empty");
      }
      if (markets.containsKey(name)) {
        throw error(path, e.getKey(), "underlying " + name + " appears twice");
      }
      markets.put(name, underlying(e.getValue(), path, clock));
    }
    return new MarketData(valuation, markets);
  }

  private UnderlyingMarket underlying(JsonNode u, String path, MarketData clock) {
    requireObject(u, path);
    checkKeys(u, path + ".", UNDERLYING_KEYS);
    JsonNode spotNode = u.get("spot");
    if (spotNode == null || spotNode.isNull()) {
      throw error(path + ".spot", null, "missing (required)");
    }
    double spot = number(spotNode, path + ".spot");
    if (!(spot > 0)) {
      throw error(path + ".spot", spotNode.toString(), "must be > 0");
    }
    double rate = optionalNumber(u, "rate", path, 0.0);
    double carry = optionalNumber(u, "carry", path, 0.0);
    double funding = optionalNumber(u, "funding_rate_8h", path, 0.0);
    double vol = optionalNumber(u, "vol", path, Double.NaN);
    if (!Double.isNaN(vol) && !io.hedgekit.kernels.Conventions.isValidVol(vol)) {
      throw error(path + ".vol", u.get("vol").toString(), "must be > 0 and <= 10 (a decimal: 0.55 means 55%)");
    }
    List<ForwardPoint> forwards = forwards(u.get("forwards"), path + ".forwards", clock);
    VolSurface surface = surface(u.get("vol_surface"), path + ".vol_surface", clock);
    VolSmile smile = smile(u.get("smile"), path + ".smile", clock);
    try {
      return new UnderlyingMarket(spot, rate, carry, forwards, vol, surface, funding, smile);
    } catch (IllegalArgumentException e) {
      throw error(path, null, e.getMessage());
    }
  }

  private List<ForwardPoint> forwards(JsonNode node, String path, MarketData clock) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    requireArray(node, path);
    List<ForwardPoint> points = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String p = path + "[" + i + "]";
      JsonNode f = node.get(i);
      requireObject(f, p);
      checkKeys(f, p + ".", FORWARD_KEYS);
      double t = years(required(f, "expiry", p), p + ".expiry", clock);
      double price = number(required(f, "price", p), p + ".price");
      if (!(price > 0)) {
        throw error(p + ".price", f.get("price").toString(), "must be > 0");
      }
      points.add(new ForwardPoint(t, price));
      paths.add(p);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> points.get(i).timeYears()));
    List<ForwardPoint> sorted = new ArrayList<>();
    for (int k = 0; k < order.size(); k++) {
      ForwardPoint f = points.get(order.get(k));
      if (k > 0 && f.timeYears() == sorted.get(k - 1).timeYears()) {
        throw error(paths.get(order.get(k)) + ".expiry", node.get(order.get(k)).get("expiry").asText(),
            "two forwards at the same expiry (the other is " + paths.get(order.get(k - 1)) + ")");
      }
      sorted.add(f);
    }
    return sorted;
  }

  private VolSurface surface(JsonNode node, String path, MarketData clock) {
    if (node == null || node.isNull()) {
      return null;
    }
    requireObject(node, path);
    checkKeys(node, path + ".", SURFACE_KEYS);
    JsonNode ex = required(node, "expiries", path);
    JsonNode ks = required(node, "strikes", path);
    JsonNode vs = required(node, "vols", path);
    requireArray(ex, path + ".expiries");
    requireArray(ks, path + ".strikes");
    requireArray(vs, path + ".vols");
    if (ex.isEmpty() || ks.isEmpty()) {
      throw error(path, null, "needs at least one expiry and one strike");
    }
    double[] times = new double[ex.size()];
    for (int i = 0; i < times.length; i++) {
      String p = path + ".expiries[" + i + "]";
      times[i] = years(ex.get(i), p, clock);
      if (i > 0 && !(times[i] > times[i - 1])) {
        throw error(p, ex.get(i).asText(), "expiries must be strictly increasing");
      }
    }
    double[] strikes = new double[ks.size()];
    for (int j = 0; j < strikes.length; j++) {
      String p = path + ".strikes[" + j + "]";
      strikes[j] = number(ks.get(j), p);
      if (!(strikes[j] > 0)) {
        throw error(p, ks.get(j).toString(), "must be > 0");
      }
      if (j > 0 && !(strikes[j] > strikes[j - 1])) {
        throw error(p, ks.get(j).toString(), "strikes must be strictly increasing");
      }
    }
    if (vs.size() != times.length) {
      throw error(path + ".vols", null,
          "has " + vs.size() + " rows, need " + times.length + " (one per expiry)");
    }
    double[][] vols = new double[times.length][strikes.length];
    for (int i = 0; i < times.length; i++) {
      String p = path + ".vols[" + i + "]";
      JsonNode row = vs.get(i);
      requireArray(row, p);
      if (row.size() != strikes.length) {
        throw error(p, null, "has " + row.size() + " vols, need " + strikes.length + " (one per strike)");
      }
      for (int j = 0; j < strikes.length; j++) {
        String q = p + "[" + j + "]";
        vols[i][j] = number(row.get(j), q);
        if (!io.hedgekit.kernels.Conventions.isValidVol(vols[i][j])) {
          throw error(q, row.get(j).toString(), "must be > 0 and <= 10 (a decimal: 0.55 means 55%)");
        }
      }
    }
    try {
      return new VolSurface(times, strikes, vols);
    } catch (IllegalArgumentException e) {
      throw error(path, null, e.getMessage());
    }
  }

  private VolSmile smile(JsonNode node, String path, MarketData clock) {
    if (node == null || node.isNull()) {
      return null;
    }
    requireObject(node, path);
    checkKeys(node, path + ".", SMILE_KEYS);
    JsonNode model = required(node, "model", path);
    if (!model.isTextual() || !model.asText().equals("svi")) {
      throw error(path + ".model", model.toString(), "must be \"svi\" (raw SVI per expiry; the only model)");
    }
    JsonNode ss = required(node, "slices", path);
    requireArray(ss, path + ".slices");
    if (ss.isEmpty()) {
      throw error(path + ".slices", "[]", "needs at least one slice");
    }
    List<VolSmile.Slice> slices = new ArrayList<>();
    for (int i = 0; i < ss.size(); i++) {
      String p = path + ".slices[" + i + "]";
      JsonNode sn = ss.get(i);
      requireObject(sn, p);
      checkKeys(sn, p + ".", SLICE_KEYS);
      JsonNode ex = required(sn, "expiry", p);
      Instant expiry = instant(ex, p + ".expiry");
      double t = years(ex, p + ".expiry", clock);
      if (i > 0 && !(t > slices.get(i - 1).timeYears())) {
        throw error(p + ".expiry", ex.asText(), "slices must be in strictly increasing expiry order");
      }
      double a = number(required(sn, "a", p), p + ".a");
      double b = number(required(sn, "b", p), p + ".b");
      double rho = number(required(sn, "rho", p), p + ".rho");
      double m = number(required(sn, "m", p), p + ".m");
      double sigma = number(required(sn, "sigma", p), p + ".sigma");
      // Conditions without which w is not a function worth checking are errors whatever the flag.
      if (!(sigma > 0)) {
        throw error(p + ".sigma", sn.get("sigma").toString(), "must be > 0");
      }
      if (!(b >= 0)) {
        throw error(p + ".b", sn.get("b").toString(), "must be >= 0");
      }
      if (!(Math.abs(rho) < 1)) {
        throw error(p + ".rho", sn.get("rho").toString(), "must be in (-1, 1)");
      }
      slices.add(new VolSmile.Slice(expiry, t, new SviSlice(a, b, rho, m, sigma)));
    }
    VolSmile smile = new VolSmile(slices);
    for (VolSmile.Violation v : smile.check()) {
      String p = path + ".slices[" + v.slice() + "]";
      String what = v.condition() + " arbitrage at expiry " + v.expiry() + ": " + v.detail();
      if (!allowArbitrage) {
        throw error(p, null, what + " (--allow-arbitrage loads it with a warning)");
      }
      warnings.accept("warning: " + file + " " + p + ": " + what);
    }
    return smile;
  }

  private double years(JsonNode node, String path, MarketData clock) {
    Instant t = instant(node, path);
    double years = clock.yearsTo(t);
    if (!(years > 0)) {
      throw error(path, node.asText(), "must be after valuation_time " + clock.valuationTime());
    }
    return years;
  }

  private Instant instant(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw error(path, node.toString(), "must be an ISO-8601 instant or date in quotes");
    }
    try {
      return Expiries.parse(node.asText());
    } catch (IllegalArgumentException e) {
      throw error(path, node.asText(), e.getMessage());
    }
  }

  private double optionalNumber(JsonNode parent, String key, String path, double absent) {
    JsonNode n = parent.get(key);
    return n == null || n.isNull() ? absent : number(n, path + "." + key);
  }

  private double number(JsonNode n, String path) {
    if (!n.isNumber()) {
      throw error(path, n.toString(), "must be a number");
    }
    double v = n.doubleValue();
    if (!Double.isFinite(v)) {
      throw error(path, n.numberValue().toString(), "must be a finite number");
    }
    return v;
  }

  private JsonNode required(JsonNode parent, String key, String path) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      throw error(path + "." + key, null, "missing (required)");
    }
    return n;
  }

  private void requireObject(JsonNode n, String path) {
    if (!n.isObject()) {
      throw error(path, n.toString(), "must be a JSON object");
    }
  }

  private void requireArray(JsonNode n, String path) {
    if (!n.isArray()) {
      throw error(path, n.toString(), "must be a JSON array");
    }
  }

  private void checkKeys(JsonNode n, String prefix, Set<String> allowed) {
    Iterator<String> names = n.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!allowed.contains(k)) {
        throw error(prefix + k, null, "unknown key; expected one of " + new java.util.TreeSet<>(allowed));
      }
    }
  }

  private InputException error(String path, String value, String problem) {
    return new InputException(file, 0, path, value, problem);
  }

  /**
   * Writes {@code market} as JSON that {@link #read} turns back into an equal market (forward and
   * surface expiries are written as instants rounded to the millisecond; surface vols are read
   * back through {@link VolSurface#vol}, exact at the first and last expiry and within an ulp or
   * two between). The file appears atomically.
   *
   * @throws UncheckedIOException if the file cannot be written (the target is then untouched)
   */
  public static void write(MarketData market, Path path) {
    ObjectNode root = MAPPER.createObjectNode();
    Instant valuation = market.valuationTime();
    root.put("valuation_time", valuation.toString());
    ObjectNode us = root.putObject("underlyings");
    for (Map.Entry<String, UnderlyingMarket> e : market.underlyings().entrySet()) {
      UnderlyingMarket m = e.getValue();
      ObjectNode u = us.putObject(e.getKey());
      u.put("spot", m.spot());
      u.put("rate", m.rate());
      u.put("carry", m.carry());
      if (!m.forwards().isEmpty()) {
        ArrayNode fs = u.putArray("forwards");
        for (ForwardPoint f : m.forwards()) {
          ObjectNode fn = fs.addObject();
          fn.put("expiry", instantAt(valuation, f.timeYears()).toString());
          fn.put("price", f.price());
        }
      }
      if (!Double.isNaN(m.flatVol())) {
        u.put("vol", m.flatVol());
      }
      VolSurface s = m.surface();
      if (s != null) {
        ObjectNode sn = u.putObject("vol_surface");
        double[] times = s.times();
        double[] strikes = s.strikes();
        ArrayNode ex = sn.putArray("expiries");
        for (double t : times) {
          ex.add(instantAt(valuation, t).toString());
        }
        ArrayNode ks = sn.putArray("strikes");
        for (double k : strikes) {
          ks.add(k);
        }
        ArrayNode vs = sn.putArray("vols");
        for (double t : times) {
          ArrayNode row = vs.addArray();
          for (double k : strikes) {
            row.add(s.vol(t, k));
          }
        }
      }
      if (m.smile() != null) {
        u.set("smile", smileJson(m.smile()));
      }
      u.put("funding_rate_8h", m.fundingRate8h());
    }
    try {
      AtomicOutput.write(path, out -> MAPPER.writeValue(out, root));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** The {@code "smile"} object of a market file: {@code {"model": "svi", "slices": [...]}}. */
  public static ObjectNode smileJson(VolSmile smile) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("model", "svi");
    ArrayNode slices = node.putArray("slices");
    for (VolSmile.Slice s : smile.slices()) {
      ObjectNode sn = slices.addObject();
      sn.put("expiry", s.expiry().toString());
      sn.put("a", s.svi().a());
      sn.put("b", s.svi().b());
      sn.put("rho", s.svi().rho());
      sn.put("m", s.svi().m());
      sn.put("sigma", s.svi().sigma());
    }
    return node;
  }

  /** Pretty-printed JSON text of a node (for market fragments). */
  public static String toJson(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant instantAt(Instant valuation, double years) {
    return valuation.plusMillis(Math.round(years * MarketData.MILLIS_PER_YEAR));
  }
}

package io.hedgekit.risk.intraday;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgekit.kernels.InputException;
import io.hedgekit.risk.hedge.HedgeTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Risk mandates a desk writes by hand: data-quality settings, limits with re-hedge bands, and
 * volatility triggers.
 *
 * <pre>{@code
 * {"max_age_seconds": 60, "max_jump": 0.25, "cooldown_seconds": 300, "universe": "universe.csv",
 *  "limits": [
 *    {"underlying": "BTC", "greek": "delta", "unit": "coin", "max_abs": 500, "band": 50, "target": "delta"},
 *    {"underlying": "*", "greek": "vega", "unit": "usd_per_vol_point", "max_abs": 2000000, "target": "delta-gamma-vega"},
 *    {"scope": "book", "measure": "var", "confidence": 0.99, "max": 5000000, "target": "min-variance"}],
 *  "vol_trigger": {"underlying": "BTC", "window_seconds": 3600, "realised_vol_above": 1.2}}
 * }</pre>
 *
 * @param maxAgeSeconds an underlying with no accepted update for longer is stale (default 60)
 * @param maxJump largest relative spot move (and relative move of the reference implied vol) in one
 *     update before it is quarantined (default 0.25 = 25%)
 * @param cooldownSeconds least time between two re-hedge proposals of one scope (default 300)
 * @param universe the hedge universe file (a relative path resolved against the mandates file's
 *     folder), or null
 * @param limits the limits, in file order
 * @param volTriggers the volatility triggers ({@code vol_trigger}: one object or a list)
 */
public record Mandates(double maxAgeSeconds, double maxJump, double cooldownSeconds, Path universe, List<Limit> limits,
    List<VolTrigger> volTriggers) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP = Set.of("max_age_seconds", "max_jump", "cooldown_seconds", "universe",
      "limits", "vol_trigger", "description");
  private static final Set<String> LIMIT = Set.of("underlying", "scope", "greek", "measure", "unit", "max_abs", "max",
      "band", "target", "confidence");
  private static final Set<String> TRIGGER = Set.of("underlying", "window_seconds", "realised_vol_above",
      "implied_vol_move_above", "target");

  public Mandates {
    limits = List.copyOf(limits);
    volTriggers = List.copyOf(volTriggers);
  }

  /** What a limit measures. */
  public enum Measure {
    DELTA, GAMMA, VEGA, THETA, VAR, ES;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One limit.
   *
   * @param underlying the underlying it applies to, {@code *} for each underlying separately, or
   *     null for the whole book ({@code "scope": "book"})
   * @param measure delta, gamma, vega, theta (Greeks), var or es (book only)
   * @param unit delta: {@code coin} or {@code usd}; gamma: {@code coin_per_pct} (change of delta in
   *     coins for a 1% move) or {@code usd_per_pct}; vega {@code usd_per_vol_point}; theta
   *     {@code usd_per_day}; var/es {@code usd}. Book-scope Greeks are in USD units (coins of
   *     different underlyings do not add).
   * @param maxAbs the limit: |exposure| (Greeks) or VaR/ES must stay at or below it, &gt; 0
   * @param band re-hedging aims inside ±band (default a tenth of the limit); a breach clears once
   *     |exposure| is back at or below the midpoint of band and limit (hysteresis)
   * @param target the hedge run on a breach
   * @param confidence VaR/ES confidence (var/es only; default 0.99)
   */
  public record Limit(String underlying, Measure measure, String unit, double maxAbs, double band, HedgeTarget target,
      double confidence) {

    /** True for a book-scope limit. */
    public boolean isBook() {
      return underlying == null;
    }

    /** Where a breach clears: the midpoint of the band and the limit. */
    public double clearsAt() {
      return (band + maxAbs) / 2;
    }

    /** A short name for events: {@code BTC delta coin}, {@code book var 0.99}. */
    public String label() {
      String scope = underlying == null ? "book" : underlying;
      return measure == Measure.VAR || measure == Measure.ES ? scope + " " + measure.label() + " " + confidence
          : scope + " " + measure.label() + " " + unit;
    }
  }

  /**
   * A volatility trigger: a re-hedge of {@code underlying} when its realised vol over the window,
   * or the move of its implied vol since its last hedge, exceeds a threshold.
   *
   * @param underlying the underlying watched
   * @param windowSeconds realised-vol window, seconds (default 3600)
   * @param realisedVolAbove annualised realised vol (1.2 = 120%) above which it fires; NaN = off
   * @param impliedVolMoveAbove absolute move of the vol shift since the last hedge (0.05 = 5 vol
   *     points) above which it fires; NaN = off
   * @param target the hedge run when it fires (default delta)
   */
  public record VolTrigger(String underlying, double windowSeconds, double realisedVolAbove, double impliedVolMoveAbove,
      HedgeTarget target) {
  }

  /** No limits, no triggers, the defaults. */
  public static Mandates defaults() {
    return new Mandates(60, 0.25, 300, null, List.of(), List.of());
  }

  /**
   * Reads a mandates file.
   *
   * @throws InputException naming the file, the JSON path and the value of a bad entry
   */
  public static Mandates read(Path file) {
    String name = file.toString();
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new InputException(name, 0, null, null, "no such file");
    } catch (IOException e) {
      throw new InputException(name, 0, null, null, "not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InputException(name, 0, "$", String.valueOf(root), "the mandates file must be a JSON object");
    }
    unknown(name, "$", root, TOP);
    double maxAge = positive(name, root, "$.max_age_seconds", 60);
    double maxJump = positive(name, root, "$.max_jump", 0.25);
    double cooldown = nonNegative(name, root, "$.cooldown_seconds", 300);
    Path universe = null;
    JsonNode u = root.get("universe");
    if (u != null && !u.isNull()) {
      if (!u.isTextual() || u.asText().isBlank()) {
        throw new InputException(name, 0, "$.universe", u.toString(), "must be a file path");
      }
      Path p = Path.of(u.asText());
      Path folder = file.toAbsolutePath().getParent();
      universe = p.isAbsolute() || folder == null ? p : folder.resolve(p).normalize();
    }
    List<Limit> limits = new ArrayList<>();
    JsonNode ls = root.get("limits");
    if (ls != null && !ls.isNull()) {
      if (!ls.isArray()) {
        throw new InputException(name, 0, "$.limits", ls.toString(), "must be a list of limits");
      }
      for (int i = 0; i < ls.size(); i++) {
        limits.add(limit(name, "$.limits[" + i + "]", ls.get(i)));
      }
    }
    List<VolTrigger> triggers = new ArrayList<>();
    JsonNode vt = root.get("vol_trigger");
    if (vt != null && !vt.isNull()) {
      if (vt.isArray()) {
        for (int i = 0; i < vt.size(); i++) {
          triggers.add(trigger(name, "$.vol_trigger[" + i + "]", vt.get(i)));
        }
      } else {
        triggers.add(trigger(name, "$.vol_trigger", vt));
      }
    }
    return new Mandates(maxAge, maxJump, cooldown, universe, limits, triggers);
  }

  private static Limit limit(String file, String path, JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new InputException(file, 0, path, String.valueOf(n), "a limit must be an object");
    }
    unknown(file, path, n, LIMIT);
    String scope = text(n, "scope");
    String und = text(n, "underlying");
    boolean book = "book".equalsIgnoreCase(scope);
    if (scope != null && !book && !"underlying".equalsIgnoreCase(scope)) {
      throw new InputException(file, 0, path + ".scope", scope, "must be \"book\" or \"underlying\"");
    }
    if (!book && und == null) {
      throw new InputException(file, 0, path, n.toString(), "needs \"underlying\" (a name or \"*\") or \"scope\": \"book\"");
    }
    if (book && und != null) {
      throw new InputException(file, 0, path + ".underlying", und, "a book-scope limit has no underlying");
    }
    String what = text(n, "greek") != null ? text(n, "greek") : text(n, "measure");
    String whatPath = path + (n.has("greek") ? ".greek" : ".measure");
    if (what == null) {
      throw new InputException(file, 0, path, n.toString(), "needs \"greek\" (delta, gamma, vega, theta) or "
          + "\"measure\" (var, es)");
    }
    Measure m;
    try {
      m = Measure.valueOf(what.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException(file, 0, whatPath, what, "must be delta, gamma, vega, theta, var or es");
    }
    boolean tail = m == Measure.VAR || m == Measure.ES;
    if (tail && !book) {
      throw new InputException(file, 0, whatPath, what, "var and es limits are book-scope (\"scope\": \"book\")");
    }
    String unit = text(n, "unit");
    List<String> units = switch (m) {
      case DELTA -> book ? List.of("usd") : List.of("coin", "usd");
      case GAMMA -> book ? List.of("usd_per_pct") : List.of("coin_per_pct", "usd_per_pct");
      case VEGA -> List.of("usd_per_vol_point");
      case THETA -> List.of("usd_per_day");
      case VAR, ES -> List.of("usd");
    };
    if (unit == null) {
      unit = units.get(0);
    } else if (!units.contains(unit.strip().toLowerCase(Locale.ROOT))) {
      throw new InputException(file, 0, path + ".unit", unit, "must be one of " + units + " for a "
          + (book ? "book " : "") + m.label() + " limit");
    } else {
      unit = unit.strip().toLowerCase(Locale.ROOT);
    }
    String maxField = n.has("max_abs") ? "max_abs" : "max";
    if (!n.has(maxField)) {
      throw new InputException(file, 0, path, n.toString(), "needs \"max_abs\" (or \"max\"), the limit");
    }
    double max = positive(file, n, path + "." + maxField, Double.NaN);
    double band = n.has("band") ? nonNegative(file, n, path + ".band", 0) : max / 10;
    if (band >= max) {
      throw new InputException(file, 0, path + ".band", Double.toString(band), "must be below the limit " + max);
    }
    HedgeTarget target = target(file, path + ".target", n, switch (m) {
      case DELTA -> HedgeTarget.DELTA;
      case GAMMA -> HedgeTarget.DELTA_GAMMA;
      case VEGA, THETA -> HedgeTarget.DELTA_GAMMA_VEGA;
      case VAR, ES -> HedgeTarget.MIN_VARIANCE;
    });
    double confidence = Double.NaN;
    if (tail) {
      confidence = n.has("confidence") ? n.get("confidence").asDouble(Double.NaN) : 0.99;
      if (!(confidence > 0 && confidence < 1)) {
        throw new InputException(file, 0, path + ".confidence", String.valueOf(n.get("confidence")), "must be in (0, 1)");
      }
    } else if (n.has("confidence")) {
      throw new InputException(file, 0, path + ".confidence", n.get("confidence").toString(),
          "only var and es limits have a confidence");
    }
    return new Limit(book ? null : und.strip().toUpperCase(Locale.ROOT), m, unit, max, band, target, confidence);
  }

  private static VolTrigger trigger(String file, String path, JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new InputException(file, 0, path, String.valueOf(n), "a vol trigger must be an object");
    }
    unknown(file, path, n, TRIGGER);
    String und = text(n, "underlying");
    if (und == null) {
      throw new InputException(file, 0, path + ".underlying", null, "is required");
    }
    double window = positive(file, n, path + ".window_seconds", 3600);
    double rv = n.has("realised_vol_above") ? positive(file, n, path + ".realised_vol_above", Double.NaN) : Double.NaN;
    double iv = n.has("implied_vol_move_above") ? positive(file, n, path + ".implied_vol_move_above", Double.NaN)
        : Double.NaN;
    if (Double.isNaN(rv) && Double.isNaN(iv)) {
      throw new InputException(file, 0, path, n.toString(), "needs \"realised_vol_above\" or \"implied_vol_move_above\"");
    }
    return new VolTrigger(und.strip().toUpperCase(Locale.ROOT), window, rv, iv,
        target(file, path + ".target", n, HedgeTarget.DELTA));
  }

  private static HedgeTarget target(String file, String path, JsonNode n, HedgeTarget dflt) {
    String t = text(n, "target");
    if (t == null) {
      return dflt;
    }
    HedgeTarget target;
    try {
      target = HedgeTarget.parse(t);
    } catch (IllegalArgumentException e) {
      throw new InputException(file, 0, path, t, "must be one of " + HedgeTarget.labels());
    }
    if (target == HedgeTarget.MIN_MARGIN) {
      // min-margin sizes against collateral, which a mandates file does not carry.
      throw new InputException(file, 0, path, t, "min-margin is not a mandate target (it needs collateral); use "
          + "delta, delta-gamma, delta-gamma-vega, min-variance or min-es");
    }
    return target;
  }

  private static void unknown(String file, String path, JsonNode n, Set<String> known) {
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      String f = it.next().getKey();
      if (!known.contains(f)) {
        throw new InputException(file, 0, path + "." + f, n.get(f).toString(), "unknown field (known: "
            + known.stream().sorted().toList() + ")");
      }
    }
  }

  private static String text(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static double positive(String file, JsonNode n, String path, double dflt) {
    double v = number(file, n, path, dflt);
    if (!(v > 0)) {
      throw new InputException(file, 0, path, Double.toString(v), "must be > 0");
    }
    return v;
  }

  private static double nonNegative(String file, JsonNode n, String path, double dflt) {
    double v = number(file, n, path, dflt);
    if (!(v >= 0)) {
      throw new InputException(file, 0, path, Double.toString(v), "must be >= 0");
    }
    return v;
  }

  private static double number(String file, JsonNode n, String path, double dflt) {
    JsonNode v = n.get(path.substring(path.lastIndexOf('.') + 1));
    if (v == null || v.isNull()) {
      if (Double.isNaN(dflt)) {
        throw new InputException(file, 0, path, null, "is required");
      }
      return dflt;
    }
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new InputException(file, 0, path, v.toString(), "must be a finite number");
    }
    return v.asDouble();
  }
}

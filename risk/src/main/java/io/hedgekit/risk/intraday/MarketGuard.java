package io.hedgekit.risk.intraday;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether a market update may be priced through. Bad market data is never priced:
 *
 * <ul>
 *   <li><b>stale</b>: an update older than the last accepted one for its underlying (out of
 *       order); and an underlying with no accepted update for longer than {@code maxAge}
 *       ({@link #ageCheck}: its results are marked stale until it updates again);</li>
 *   <li><b>rejected</b>: a malformed line; an unknown underlying; a spot that is NaN, infinite or
 *       not positive; a vol shift that makes the reference implied vol non-positive; a spot (or the
 *       reference implied vol) that moves by more than {@code maxJump} (relative) from the last
 *       accepted value. A jump is <i>quarantined</i>: the next update of the underlying confirms it
 *       when it lies within {@code maxJump} of the quarantined value (from the same or, said in
 *       the reason, a second source), and the market moves there; an update back within the band
 *       of the last accepted value discards it.</li>
 * </ul>
 *
 * <p>The reference implied vol of an underlying is its market vol at 30 days and the
 * snapshot's spot (NaN when the market has no vols; then only finiteness is checked). Not
 * thread-safe.
 */
public final class MarketGuard {
  private final double maxAgeSeconds;
  private final double maxJump;
  private final Map<String, State> states = new LinkedHashMap<>();

  /** Accept, stale or rejected. */
  public enum Verdict {
    ACCEPT, STALE, REJECTED
  }

  /**
   * What to do with an update.
   *
   * @param verdict accept, stale or rejected
   * @param reason why (null for a plain accept; for an accept that confirms or discards a
   *     quarantined jump, what happened to it)
   */
  public record Decision(Verdict verdict, String reason) {
  }

  /** An underlying that became stale because nothing arrived for too long. */
  public record StaleNotice(String underlying, Instant lastUpdate, double ageSeconds) {
  }

  private static final class State {
    Instant lastTime;
    Instant lastSeen;
    double spot;
    double shift;
    final double refVol;
    boolean stale;
    MarketUpdate pending;

    State(double spot, double refVol) {
      this.spot = spot;
      this.refVol = refVol;
    }
  }

  /**
   * @param maxAgeSeconds no update for longer makes an underlying stale, &gt; 0
   * @param maxJump relative sanity band, &gt; 0 (0.25 = 25%)
   * @param spots snapshot spot per underlying watched, USD
   * @param refVols reference implied vol per underlying (NaN when unknown)
   */
  public MarketGuard(double maxAgeSeconds, double maxJump, Map<String, Double> spots, Map<String, Double> refVols) {
    if (!(maxAgeSeconds > 0)) {
      throw new IllegalArgumentException("max_age_seconds must be > 0, was " + maxAgeSeconds);
    }
    if (!(maxJump > 0)) {
      throw new IllegalArgumentException("max_jump must be > 0, was " + maxJump);
    }
    this.maxAgeSeconds = maxAgeSeconds;
    this.maxJump = maxJump;
    spots.forEach((u, s) -> states.put(u, new State(s, refVols.getOrDefault(u, Double.NaN))));
  }

  /** Judges a market update (not a trade) and, when accepted, records it as the last good value. */
  public Decision check(MarketUpdate u) {
    State s = u.underlying() == null ? null : states.get(u.underlying());
    if (u.malformed()) {
      return new Decision(Verdict.REJECTED, u.problem());
    }
    if (s == null) {
      return new Decision(Verdict.REJECTED, "underlying " + u.underlying() + " is not in the market (it has "
          + states.keySet() + ")");
    }
    if (s.lastTime != null && u.time().isBefore(s.lastTime)) {
      return new Decision(Verdict.STALE, "older than the last accepted update of " + u.underlying() + " ("
          + u.time() + " < " + s.lastTime + ")");
    }
    if (u.hasSpot() && !(u.spot() > 0 && Double.isFinite(u.spot()))) {
      return new Decision(Verdict.REJECTED, "spot must be finite and > 0, was " + u.spot());
    }
    boolean hasShift = !Double.isNaN(u.volShift());
    if (hasShift && !Double.isFinite(u.volShift())) {
      return new Decision(Verdict.REJECTED, "vol_shift must be finite, was " + u.volShift());
    }
    if (hasShift && !Double.isNaN(s.refVol) && !(s.refVol + u.volShift() > 0)) {
      return new Decision(Verdict.REJECTED, String.format(Locale.ROOT,
          "vol must be > 0: reference implied vol %.4f + vol_shift %.4f = %.4f", s.refVol, u.volShift(),
          s.refVol + u.volShift()));
    }
    String jump = jump(s, u, s.spot, s.shift);
    if (jump != null) {
      MarketUpdate p = s.pending;
      if (p != null && jump(s, u, p.hasSpot() ? p.spot() : s.spot, Double.isNaN(p.volShift()) ? s.shift : p.volShift())
          == null) {
        s.pending = null;
        accept(s, u);
        boolean second = !p.source().equals(u.source());
        return new Decision(Verdict.ACCEPT, "confirms the jump quarantined at line " + p.line() + " (source "
            + p.source() + ")" + (second ? " by a second source, " + u.source() : " by a following update"));
      }
      s.pending = u;
      return new Decision(Verdict.REJECTED, jump + " beyond the " + percent(maxJump)
          + " sanity band; quarantined until a following update or a second source confirms it");
    }
    MarketUpdate dropped = s.pending;
    s.pending = null;
    accept(s, u);
    return new Decision(Verdict.ACCEPT, dropped == null ? null : "discards the jump quarantined at line "
        + dropped.line() + " (source " + dropped.source() + "): back within the band of the last good value");
  }

  private void accept(State s, MarketUpdate u) {
    s.lastTime = u.time();
    s.lastSeen = u.time();
    s.stale = false;
    if (u.hasSpot()) {
      s.spot = u.spot();
    }
    if (!Double.isNaN(u.volShift())) {
      s.shift = u.volShift();
    }
  }

  /** The move of {@code u} from (spot, shift) when beyond the band, as words; null when within. */
  private String jump(State s, MarketUpdate u, double fromSpot, double fromShift) {
    if (u.hasSpot()) {
      double move = u.spot() / fromSpot - 1;
      if (Math.abs(move) > maxJump) {
        return String.format(Locale.ROOT, "spot jump of %+.1f%% (%.6g -> %.6g)", 100 * move, fromSpot, u.spot());
      }
    }
    if (!Double.isNaN(u.volShift()) && !Double.isNaN(s.refVol)) {
      double from = s.refVol + fromShift;
      double move = (s.refVol + u.volShift()) / from - 1;
      if (Math.abs(move) > maxJump) {
        return String.format(Locale.ROOT, "implied vol jump of %+.1f%% (%.4f -> %.4f)", 100 * move, from,
            s.refVol + u.volShift());
      }
    }
    return null;
  }

  /**
   * Underlyings that have had no accepted update for more than {@code maxAge} at {@code now}
   * (each reported once until it updates again). An underlying never updated counts from the
   * first time this is called.
   */
  public List<StaleNotice> ageCheck(Instant now) {
    List<StaleNotice> out = new ArrayList<>();
    for (Map.Entry<String, State> e : states.entrySet()) {
      State s = e.getValue();
      if (s.lastSeen == null) {
        s.lastSeen = now;
      }
      double age = Duration.between(s.lastSeen, now).toMillis() / 1000.0;
      if (!s.stale && age > maxAgeSeconds) {
        s.stale = true;
        out.add(new StaleNotice(e.getKey(), s.lastSeen, age));
      }
    }
    return out;
  }

  /** Whether {@code underlying}'s data is stale (no update for too long). */
  public boolean isStale(String underlying) {
    State s = states.get(underlying);
    return s != null && s.stale;
  }

  /** Whether {@code underlying} has a quarantined jump waiting for confirmation. */
  public boolean isQuarantined(String underlying) {
    State s = states.get(underlying);
    return s != null && s.pending != null;
  }

  /** Seconds without an update before an underlying is stale. */
  public double maxAgeSeconds() {
    return maxAgeSeconds;
  }

  private static String percent(double x) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * x);
  }
}

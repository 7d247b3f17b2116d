package io.hedgekit.risk.intraday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketGuardTest {
  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  private static MarketGuard guard() {
    return new MarketGuard(60, 0.25, Map.of("BTC", 95_000.0, "ETH", 3_000.0), Map.of("BTC", 0.55, "ETH", 0.70));
  }

  private static MarketUpdate spot(int line, long seconds, String u, double s, String source) {
    return MarketUpdate.spot(line, T0.plusSeconds(seconds), u, s, source);
  }

  private static MarketUpdate line(String json, long line) {
    return MarketUpdate.parse(json, line);
  }

  @Test
  void check_inBandUpdate_isAccepted() {
    MarketGuard g = guard();
    MarketGuard.Decision d = g.check(spot(1, 1, "BTC", 96_000, "a"));
    assertEquals(MarketGuard.Verdict.ACCEPT, d.verdict());
    assertEquals(null, d.reason());
  }

  @Test
  void check_olderThanTheLastUpdate_isStale() {
    MarketGuard g = guard();
    g.check(spot(1, 10, "BTC", 95_100, "a"));
    MarketGuard.Decision d = g.check(spot(2, 5, "BTC", 95_200, "a"));
    assertEquals(MarketGuard.Verdict.STALE, d.verdict());
    assertTrue(d.reason().contains("older than the last accepted update"), d.reason());
    // the same time again is not out of order
    assertEquals(MarketGuard.Verdict.ACCEPT, g.check(spot(3, 10, "BTC", 95_300, "b")).verdict());
  }

  @Test
  void check_nanZeroNegativeOrNullSpot_isRejected() {
    MarketGuard g = guard();
    assertEquals(MarketGuard.Verdict.REJECTED, g.check(spot(1, 1, "BTC", Double.NaN, "a")).verdict());
    assertEquals(MarketGuard.Verdict.REJECTED, g.check(spot(2, 1, "BTC", 0, "a")).verdict());
    assertEquals(MarketGuard.Verdict.REJECTED, g.check(spot(3, 1, "BTC", -5, "a")).verdict());
    MarketGuard.Decision d = g.check(line("{\"time\":\"2026-11-24T08:00:01Z\",\"underlying\":\"BTC\",\"spot\":null}", 4));
    assertEquals(MarketGuard.Verdict.REJECTED, d.verdict());
    assertTrue(d.reason().contains("spot must be finite and > 0, was NaN"), d.reason());
    assertEquals(MarketGuard.Verdict.REJECTED,
        g.check(line("{\"time\":\"2026-11-24T08:00:01Z\",\"underlying\":\"BTC\",\"spot\":\"NaN\"}", 5)).verdict());
    assertFalse(g.isQuarantined("BTC"), "invalid values are rejected, not quarantined");
  }

  @Test
  void check_malformedOrUnknownUnderlying_isRejectedWithTheLine() {
    MarketGuard g = guard();
    MarketGuard.Decision d = g.check(line("{\"time\": \"yesterday\", \"underlying\": \"BTC\", \"spot\": 1}", 7));
    assertEquals(MarketGuard.Verdict.REJECTED, d.verdict());
    assertTrue(d.reason().startsWith("line 7: \"time\" must be an ISO-8601 instant"), d.reason());
    d = g.check(spot(8, 1, "DOGE", 0.1, "a"));
    assertEquals(MarketGuard.Verdict.REJECTED, d.verdict());
    assertTrue(d.reason().contains("DOGE is not in the market"), d.reason());
  }

  @Test
  void check_jumpThenFollowingUpdateNearIt_isQuarantinedThenConfirmed() {
    MarketGuard g = guard();
    MarketGuard.Decision jump = g.check(spot(1, 1, "BTC", 125_000, "a")); // +31.6%
    assertEquals(MarketGuard.Verdict.REJECTED, jump.verdict());
    assertTrue(jump.reason().contains("spot jump of +31.6%"), jump.reason());
    assertTrue(g.isQuarantined("BTC"));
    MarketGuard.Decision confirm = g.check(spot(2, 2, "BTC", 124_000, "a"));
    assertEquals(MarketGuard.Verdict.ACCEPT, confirm.verdict());
    assertTrue(confirm.reason().contains("confirms the jump quarantined at line 1"), confirm.reason());
    assertTrue(confirm.reason().contains("by a following update"), confirm.reason());
    assertFalse(g.isQuarantined("BTC"));
    // the market is now at the confirmed level: 124,000 -> 126,000 is in band
    assertEquals(MarketGuard.Verdict.ACCEPT, g.check(spot(3, 3, "BTC", 126_000, "a")).verdict());
  }

  @Test
  void check_jumpConfirmedBySecondSource_saysSo() {
    MarketGuard g = guard();
    g.check(spot(1, 1, "BTC", 60_000, "venue-a")); // -36.8%
    MarketGuard.Decision d = g.check(spot(2, 1, "BTC", 60_500, "venue-b"));
    assertEquals(MarketGuard.Verdict.ACCEPT, d.verdict());
    assertTrue(d.reason().contains("by a second source, venue-b"), d.reason());
  }

  @Test
  void check_jumpThenBackInBand_discardsTheJump() {
    MarketGuard g = guard();
    g.check(spot(1, 1, "BTC", 1_000, "bad-feed"));
    MarketGuard.Decision d = g.check(spot(2, 2, "BTC", 95_050, "good-feed"));
    assertEquals(MarketGuard.Verdict.ACCEPT, d.verdict());
    assertTrue(d.reason().startsWith("discards the jump quarantined at line 1"), d.reason());
    // a later update near the bad value is a new jump, not a confirmation
    assertEquals(MarketGuard.Verdict.REJECTED, g.check(spot(3, 3, "BTC", 1_010, "bad-feed")).verdict());
  }

  @Test
  void check_jumpThenAnotherJump_replacesTheQuarantinedValue() {
    MarketGuard g = guard();
    g.check(spot(1, 1, "BTC", 200_000, "a"));
    assertEquals(MarketGuard.Verdict.REJECTED, g.check(spot(2, 2, "BTC", 20_000, "a")).verdict());
    assertEquals(MarketGuard.Verdict.ACCEPT, g.check(spot(3, 3, "BTC", 21_000, "a")).verdict());
  }

  @Test
  void check_volShift_negativeVolRejected_volJumpQuarantined() {
    MarketGuard g = guard();
    MarketGuard.Decision d = g.check(line(
        "{\"time\":\"2026-11-24T08:00:01Z\",\"underlying\":\"BTC\",\"vol_shift\":-0.6}", 1));
    assertEquals(MarketGuard.Verdict.REJECTED, d.verdict());
    assertTrue(d.reason().startsWith("vol must be > 0"), d.reason());
    // 0.55 -> 0.75 is +36%
    d = g.check(line("{\"time\":\"2026-11-24T08:00:02Z\",\"underlying\":\"BTC\",\"vol_shift\":0.2}", 2));
    assertEquals(MarketGuard.Verdict.REJECTED, d.verdict());
    assertTrue(d.reason().contains("implied vol jump of +36.4%"), d.reason());
    assertEquals(MarketGuard.Verdict.ACCEPT, g.check(line(
        "{\"time\":\"2026-11-24T08:00:03Z\",\"underlying\":\"BTC\",\"vol_shift\":0.05}", 3)).verdict());
  }

  @Test
  void ageCheck_noUpdateForMaxAge_isStaleOnceUntilItUpdates() {
    MarketGuard g = guard();
    assertEquals(List.of(), g.ageCheck(T0));
    g.check(spot(1, 30, "BTC", 95_000, "a"));
    List<MarketGuard.StaleNotice> n = g.ageCheck(T0.plusSeconds(61));
    assertEquals(1, n.size());
    assertEquals("ETH", n.get(0).underlying());
    assertEquals(61.0, n.get(0).ageSeconds());
    assertTrue(g.isStale("ETH"));
    assertFalse(g.isStale("BTC"));
    assertEquals(List.of(), g.ageCheck(T0.plusSeconds(62)), "reported once");
    g.check(spot(2, 63, "ETH", 3_001, "a"));
    assertFalse(g.isStale("ETH"));
    assertEquals("BTC", g.ageCheck(T0.plusSeconds(91)).get(0).underlying());
  }
}

package io.hedgekit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiriesTest {

  @Test
  void parse_instant() {
    assertEquals(Instant.ofEpochMilli(1_798_185_600_000L), Expiries.parse("2026-12-25T08:00:00Z"));
  }

  @Test
  void parse_dateMeansEightUtc() {
    assertEquals(Instant.parse("2026-12-25T08:00:00Z"), Expiries.parse("2026-12-25"));
  }

  @Test
  void parse_offsetIsConvertedToUtc() {
    assertEquals(Instant.parse("2026-12-25T08:00:00Z"), Expiries.parse(" 2026-12-25T09:00:00+01:00 "));
  }

  @Test
  void parse_zonelessDateTimeRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expiries.parse("2026-12-25T08:00:00"));
    assertTrue(e.getMessage().contains("needs a zone"), e.getMessage());
  }

  @Test
  void parse_garbageRejected() {
    assertThrows(IllegalArgumentException.class, () -> Expiries.parse("25DEC26"));
    assertThrows(IllegalArgumentException.class, () -> Expiries.parse("2026-02-30"));
  }
}

package io.hedgekit.io;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Expiry times as written in books and market files.
 *
 * <p>An expiry is either an ISO-8601 instant with a zone ({@code 2026-12-25T08:00:00Z},
 * {@code 2026-12-25T09:00:00+01:00}) or a date ({@code 2026-12-25}), which means 08:00 UTC on
 * that date, the time Deribit options and futures expire.
 */
public final class Expiries {
  /** The UTC time of day at which Deribit contracts expire. */
  public static final LocalTime DERIBIT_EXPIRY_TIME = LocalTime.of(8, 0);

  private Expiries() {
  }

  /**
   * Parses an expiry.
   *
   * @throws IllegalArgumentException if the text is neither an instant with a zone nor a date;
   *     a date-time without a zone is rejected because it would be ambiguous
   */
  public static Instant parse(String text) {
    String t = text.strip();
    try {
      if (t.length() == 10) {
        return atDeribitExpiry(LocalDate.parse(t));
      }
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      if (isZonelessDateTime(t)) {
        throw new IllegalArgumentException("a date-time needs a zone, e.g. 2026-12-25T08:00:00Z", e);
      }
      throw new IllegalArgumentException("not an ISO-8601 instant or date (2026-12-25T08:00:00Z or 2026-12-25)", e);
    }
  }

  private static boolean isZonelessDateTime(String t) {
    try {
      LocalDateTime.parse(t);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** 08:00 UTC on {@code date}. */
  public static Instant atDeribitExpiry(LocalDate date) {
    return date.atTime(DERIBIT_EXPIRY_TIME).toInstant(ZoneOffset.UTC);
  }
}

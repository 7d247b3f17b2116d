package io.hedgekit.report.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatsTest {

  @Test
  void usd_thousandsSeparatorsAndCentsOnlyBelow100() {
    assertEquals("$1,234,567", Formats.usd(1_234_567.4));
    assertEquals("-$1,234,568", Formats.usd(-1_234_567.5));
    assertEquals("$100", Formats.usd(99.996));
    assertEquals("-$12.50", Formats.usd(-12.5));
    assertEquals("$0.00", Formats.usd(-0.001), "no negative zero");
    assertEquals("n/a", Formats.usd(Double.NaN));
  }

  @Test
  void usdCompact_threeSignificantFigures() {
    assertEquals("$1.23M", Formats.usdCompact(1_234_567));
    assertEquals("-$457k", Formats.usdCompact(-456_789));
    assertEquals("$12.3k", Formats.usdCompact(12_345));
    assertEquals("$1k", Formats.usdCompact(999.6));
    assertEquals("$950", Formats.usdCompact(950));
    assertEquals("$2.5B", Formats.usdCompact(2.5e9));
    assertEquals("$0", Formats.usdCompact(0));
    assertEquals("0.012", Formats.compact(0.01234));
    assertEquals("-1.5", Formats.compact(-1.5));
  }

  @Test
  void number_count_price() {
    assertEquals("12,345.679", Formats.number(12_345.6789, 3));
    assertEquals("0.000", Formats.number(-0.0001, 3), "no negative zero");
    assertEquals("300,000", Formats.count(300_000));
    assertEquals("$95,123.45", Formats.price(95_123.449));
    assertEquals("$0.123457", Formats.price(0.1234567));
  }

  @Test
  void percentagesAndMoves() {
    assertEquals("99%", Formats.confidence(0.99));
    assertEquals("97.5%", Formats.confidence(0.975));
    assertEquals("12.3%", Formats.share(0.1234));
    assertEquals("n/a", Formats.share(Double.NaN));
    assertEquals("-20%", Formats.move(-0.2));
    assertEquals("+5%", Formats.move(0.05));
    assertEquals("+2.5%", Formats.move(0.025));
    assertEquals("0%", Formats.move(0));
    assertEquals("+5", Formats.volPoints(0.05));
    assertEquals("-10", Formats.volPoints(-0.1));
  }

  @Test
  void seconds_and_time() {
    assertEquals("45.6 ms", Formats.seconds(0.0456));
    assertEquals("1.23 s", Formats.seconds(1.234));
    assertEquals("2 min 3.4 s", Formats.seconds(123.4));
    assertEquals("2026-03-01 13:49:05 UTC", Formats.time(Instant.parse("2026-03-01T13:49:05.123Z")));
  }

  @Test
  void html_escapesMarkupAndQuotes() {
    assertEquals("&lt;b&gt; &amp; &quot;x&quot; &#39;y&#39;", Formats.html("<b> & \"x\" 'y'"));
  }

  @Test
  void axisFormat_formatsCompactWithUnit() {
    assertEquals("-$2M", Formats.axisFormat("$").format(-2_000_000.0));
    assertEquals("250k", Formats.axisFormat("").format(250_000L));
  }

  @Test
  void niceStep_roundsUpToOneTwoTwoHalfFive() {
    assertEquals(200_000, Charts.niceStep(183_000), 1e-9);
    assertEquals(250, Charts.niceStep(201), 1e-9);
    assertEquals(1_000_000, Charts.niceStep(600_000), 1e-9);
    assertEquals(0.05, Charts.niceStep(0.031), 1e-12);
  }
}

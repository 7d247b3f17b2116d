package io.hedgekit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.report.impl.Formats;
import io.hedgekit.report.impl.HtmlReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  private static String full;
  private static String greeksOnly;

  @BeforeAll
  static void render() {
    full = ReportWriter.render(SampleReports.full());
    greeksOnly = ReportWriter.render(SampleReports.greeksOnly());
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  /** A small report whose numbers are known, to check how they print. */
  private static ReportData handMade() {
    RunFacts facts = new RunFacts("book.csv", Instant.parse("2026-03-01T08:00:00Z"), Instant.parse("2026-03-01T08:01:02Z"),
        "0.1.0", "cpu (AVX2)", 300_000, List.of(new RunFacts.Fact("book", "examples/book.csv")),
        List.of(new RunFacts.Timing("greeks", 1.5), new RunFacts.Timing("VaR", 0.25)), List.of());
    UnderlyingSummary btc = new UnderlyingSummary("BTC", 299_999, 95_123.45, 1_234_567.89,
        new DeskGreeks(2_500_000, 12.3456, -45_678.9, -9_876.5));
    UnderlyingSummary eth = new UnderlyingSummary("ETH", 1, 3_100, -34_567.89, new DeskGreeks(-500_000, 0, 0, 0));
    List<GreekBuckets.Cell> expiry = new ArrayList<>();
    for (int i = 0; i < GreekBuckets.EXPIRY_LABELS.size(); i++) {
      expiry.add(i == 2 ? new GreekBuckets.Cell(299_999, btc.greeks()) : GreekBuckets.Cell.EMPTY);
    }
    List<GreekBuckets.Cell> ethExpiry = new ArrayList<>(List.of(new GreekBuckets.Cell(1, eth.greeks())));
    while (ethExpiry.size() < GreekBuckets.EXPIRY_LABELS.size()) {
      ethExpiry.add(GreekBuckets.Cell.EMPTY);
    }
    List<GreekBuckets.Cell> strike = List.of(GreekBuckets.Cell.EMPTY, GreekBuckets.Cell.EMPTY,
        new GreekBuckets.Cell(299_999, btc.greeks()), GreekBuckets.Cell.EMPTY, GreekBuckets.Cell.EMPTY);
    List<GreekBuckets.Cell> none = List.of(GreekBuckets.Cell.EMPTY, GreekBuckets.Cell.EMPTY, GreekBuckets.Cell.EMPTY,
        GreekBuckets.Cell.EMPTY, GreekBuckets.Cell.EMPTY);
    return ReportData.greeksOnly(facts, List.of(btc, eth),
        new GreekBuckets(GreekBuckets.Dimension.EXPIRY, GreekBuckets.EXPIRY_LABELS,
            List.of(new GreekBuckets.Row("BTC", expiry), new GreekBuckets.Row("ETH", ethExpiry))),
        new GreekBuckets(GreekBuckets.Dimension.STRIKE, GreekBuckets.STRIKE_LABELS,
            List.of(new GreekBuckets.Row("BTC", strike), new GreekBuckets.Row("ETH", none))));
  }

  @Test
  void render_fullReport_hasEverySectionAndTwelveCharts() {
    for (String id : List.of("summary", "greeks", "var", "stress", "margin", "contributors", "hedge", "run")) {
      assertTrue(full.contains("<section id=\"" + id + "\">"), id);
    }
    // 3 underlyings × (expiry + strike) + histogram + scatter + 3 stress grids + hedge.
    assertEquals(12, count(full, "<svg class=\"chart\""));
    assertFalse(full.contains("class=\"absent\""), "no section is missing");
    assertTrue(full.contains("BTC: Greeks by time to expiry"));
    assertTrue(full.contains("Stress P&amp;L: SOL"));
    assertTrue(full.contains("BTC-PERPETUAL"), "hedge ticket");
    assertTrue(full.contains("<td class=\"num\">1,250,000</td>") || full.contains("1,250,000"), "IM");
    assertTrue(full.contains("-38.5%, BTC 58,500"), "liquidation distance");
    assertTrue(full.contains("Carry and basis") && full.contains("10.95%"), "carry");
  }

  @Test
  void render_greeksOnly_saysHowToIncludeEachMissingSection() {
    assertEquals(6, count(greeksOnly, "<svg class=\"chart\""));
    for (String line : List.of(HtmlReport.NO_VAR, HtmlReport.NO_STRESS, HtmlReport.NO_CONTRIBUTORS, HtmlReport.NO_HEDGE,
        HtmlReport.NO_MARGIN)) {
      assertEquals(1, count(greeksOnly, "<p class=\"absent\">" + Formats.html(line) + "</p>"), line);
    }
    assertTrue(greeksOnly.contains("run with --scenarios to include VaR/ES"));
    assertFalse(greeksOnly.contains("Expected shortfall"), "no VaR cards without a VaR section");
  }

  @Test
  void render_isSelfContained() {
    for (String html : List.of(full, greeksOnly)) {
      Matcher ref = Pattern.compile("(?i)(?:src|href)\\s*=\\s*[\"']?\\s*(?:https?:|//)").matcher(html);
      assertFalse(ref.find(), () -> "external reference: " + html.substring(ref.start(), Math.min(html.length(), ref.start() + 80)));
      assertFalse(Pattern.compile("(?i)url\\(\\s*['\"]?(?:https?:|//)").matcher(html).find(), "external url() in CSS");
      assertFalse(html.contains("@import"), "CSS import");
      assertFalse(html.contains("@font-face"), "web font");
      assertFalse(html.contains("<script"), "script");
      assertFalse(html.contains("<img"), "image");
      assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"), "CSP forbids fetching");
    }
  }

  @Test
  void render_handMadeReport_printsNumbersWithSeparatorsAndUnits() {
    String html = ReportWriter.render(handMade());
    assertTrue(html.contains("<td class=\"num\">$1,234,568</td>"), "BTC value");
    assertTrue(html.contains("<td class=\"num\">-$34,568</td>"), "ETH value");
    assertTrue(html.contains("<td class=\"num\">$95,123.45</td>"), "BTC spot");
    assertTrue(html.contains("<td class=\"num\">299,999</td>"), "positions");
    assertTrue(html.contains("<td class=\"num\">26.282</td>"), "BTC delta coins = 2,500,000 / 95,123.45");
    assertTrue(html.contains("<td class=\"num\">12.346</td>"), "gamma per 1%");
    assertTrue(html.contains("<td class=\"num\">$1,174,356</td>"), "dollar gamma = 12.3456 × 95,123.45");
    assertTrue(html.contains("<td class=\"num\">-$45,679</td>"), "vega per vol point");
    assertTrue(html.contains("<td class=\"num\">-$9,877</td>"), "theta per day");
    assertTrue(html.contains("<div class=\"value\">$1,200,000</div>"), "total value card");
    assertTrue(html.contains("<div class=\"value\">$2,000,000</div>"), "total dollar delta card");
    assertTrue(html.contains("valued 2026-03-01 08:00:00 UTC · 300,000 positions · BTC, ETH · backend cpu (AVX2)"));
    assertTrue(html.contains("<td class=\"num\">1.75 s</td>"), "total time");
    assertTrue(html.contains("ETH: no options, so no Greeks by strike moneyness K/S."));
    // Charts: BTC expiry + strike, ETH expiry (ETH has no options).
    assertEquals(3, count(html, "<svg class=\"chart\""));
  }

  @Test
  void render_fullReport_varAndHedgeNumbersAppearFormatted() {
    ReportData data = SampleReports.full();
    VarSection.Estimate h = data.var().orElseThrow().headline();
    assertTrue(full.contains("<div class=\"value\">" + Formats.usd(h.var()) + "</div>"), "VaR card");
    assertTrue(Formats.usd(h.var()).matches("\\$\\d{1,3}(,\\d{3})+"), Formats.usd(h.var()));
    Matcher money = Pattern.compile("<td class=\"num\">-?\\$\\d{1,3}(,\\d{3})*(\\.\\d\\d)?</td>").matcher(full);
    int cells = 0;
    while (money.find()) {
      cells++;
    }
    assertTrue(cells > 50, "USD table cells with separators: " + cells);
    assertFalse(Pattern.compile("\\d{5,}\\.\\d{3,}").matcher(full.replaceAll("<svg.*?</svg>", "")).find(),
        "an unformatted double outside the charts");
  }

  @Test
  void render_escapesTextFromInputs() {
    assertTrue(full.contains("test data, not a real book &lt;&amp;&gt;"));
    assertFalse(full.contains("not a real book <&>"));
  }

  @Test
  void render_chartsHaveAccessibleNamesAndUniqueIds() {
    Matcher svg = Pattern.compile("<svg class=\"chart\" role=\"img\" aria-label=\"([^\"]+)\"[^>]*><title>([^<]+)</title>").matcher(full);
    int n = 0;
    while (svg.find()) {
      assertEquals(svg.group(1), svg.group(2));
      n++;
    }
    assertEquals(12, n);
    Matcher id = Pattern.compile("\\sid=['\"]([^'\"]+)['\"]").matcher(full);
    Set<String> ids = new HashSet<>();
    while (id.find()) {
      assertTrue(ids.add(id.group(1)), "duplicate id " + id.group(1));
    }
    assertTrue(ids.size() > 12, "clip paths and sections have ids");
  }

  @Test
  void render_isDeterministic() {
    assertEquals(full, ReportWriter.render(SampleReports.full()));
  }

  @Test
  void write_replacesTheTargetAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("report.html");
    Files.writeString(out, "old");
    ReportWriter.write(handMade(), out);
    String written = Files.readString(out, StandardCharsets.UTF_8);
    assertTrue(written.startsWith("<!DOCTYPE html>"));
    assertTrue(written.endsWith("</html>\n"));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(out), files.toList());
    }
  }

  @Test
  void write_missingDirectory_failsAndCreatesNothing(@TempDir Path dir) {
    Path out = dir.resolve("no-such-dir").resolve("report.html");
    io.hedgekit.kernels.InputException e = assertThrows(io.hedgekit.kernels.InputException.class, () -> ReportWriter.write(handMade(), out));
    assertTrue(e.getMessage().contains("directory " + out.getParent() + " does not exist"), e.getMessage());
    assertFalse(Files.exists(out.getParent()));
  }

  @Test
  void render_null_isRejected() {
    assertThrows(NullPointerException.class, () -> ReportWriter.render(null));
  }

  @Test
  void render_hedgeWithoutTailOrTickets_saysSo() {
    HedgeSection hedge = new HedgeSection("flatten delta", List.of(),
        List.of(new HedgeSection.Change("BTC", DeskGreeks.ZERO, DeskGreeks.ZERO)), 0, Optional.empty());
    String html = ReportWriter.render(handMade().withHedge(hedge));
    assertTrue(html.contains("No trades needed: the book already meets the objective."));
    assertFalse(html.contains("VaR 99% after"));
  }
}

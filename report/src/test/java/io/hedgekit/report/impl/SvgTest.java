package io.hedgekit.report.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.batik.svggen.SVGGraphics2D;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

class SvgTest {
  private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]+)\"");
  private static final Pattern REFERENCE = Pattern.compile("url\\(#([^)]+)\\)");

  private static JFreeChart chart() {
    XYSeries pnl = new XYSeries("P&L");
    for (int i = 0; i <= 20; i++) {
      pnl.add(i * 0.5, Math.sin(i / 3.0) * 1000);
    }
    JFreeChart chart = ChartFactory.createXYLineChart("Delta by expiry", "days to expiry", "vega (USD/pt)",
        new XYSeriesCollection(pnl));
    // JFreeChart's default theme is Tahoma; the report's theme uses Java's logical SansSerif.
    Font sans = new Font("SansSerif", Font.PLAIN, 12);
    chart.getTitle().setFont(sans.deriveFont(Font.BOLD, 15f));
    chart.getLegend().setItemFont(sans);
    for (ValueAxis axis : List.of(chart.getXYPlot().getDomainAxis(), chart.getXYPlot().getRangeAxis())) {
      axis.setLabelFont(sans);
      axis.setTickLabelFont(sans.deriveFont(11f));
    }
    return chart;
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void render_isAnInlineSvgElementWithAccessibleNameAndViewBox() {
    String svg = Svg.render(chart(), 640, 360, "t1-", "P&L <BTC>");
    assertTrue(svg.startsWith("<svg class=\"chart\" role=\"img\" aria-label=\"P&amp;L &lt;BTC&gt;\""), svg.substring(0, 80));
    // Batik breaks lines inside tags ("</svg\n>"), which HTML allows.
    assertTrue(Pattern.compile("</svg\\s*>$").matcher(svg).find(), "ends with the element");
    assertFalse(svg.contains("<?xml"), "XML prolog");
    assertFalse(svg.contains("<!DOCTYPE"), "doctype");
    assertFalse(svg.contains("<!--"), "generator comment");
    assertEquals(1, all(Pattern.compile("(<svg)"), svg).size(), "one svg element");
    assertTrue(Pattern.compile("^<svg [^>]*>\\s*<title>P&amp;L &lt;BTC&gt;</title>").matcher(svg).find(), "title first");
    assertTrue(svg.contains(" viewBox=\"0 0 640 360\""), "viewBox");
    assertTrue(svg.contains(" width=\"640\""), "width");
    assertTrue(svg.contains(" height=\"360\""), "height");
  }

  @Test
  void render_textStaysSvgTextInTheSansSerifList() {
    String svg = Svg.render(chart(), 640, 360, "t1-", "chart");
    assertTrue(Pattern.compile("<text [^>]*>Delta by expiry</text").matcher(svg).find(), "title as text");
    assertTrue(Pattern.compile("<text [^>]*>days to expiry</text").matcher(svg).find(), "domain axis label as text");
    // The range axis label is drawn rotated: still text, inside a rotated group.
    assertTrue(Pattern.compile("<text [^>]*>vega \\(USD/pt\\)</text").matcher(svg).find(), "rotated axis label as text");
    assertTrue(svg.contains("matrix(0,-1,1,0,"), "a quarter turn for the rotated label");
    assertTrue(svg.contains("font-family:" + Svg.SANS_SERIF + ";"), "font list");
    assertFalse(svg.contains("'Dialog'"), "Java's logical font name");
    assertFalse(svg.contains("font-family:sans-serif"), "bare generic family");
    assertFalse(svg.contains("<font"), "embedded SVG font");
  }

  @Test
  void render_idsCarryThePrefixAndReferencesStayInsideTheChart() {
    String first = Svg.render(chart(), 640, 360, "c1-", "chart");
    String second = Svg.render(chart(), 640, 360, "c2-", "chart");
    List<String> firstIds = all(ID, first);
    List<String> secondIds = all(ID, second);
    assertTrue(firstIds.contains("c1-clipPath1"), firstIds.toString());
    for (String id : firstIds) {
      assertTrue(id.startsWith("c1-"), id);
    }
    assertEquals(firstIds.size(), new HashSet<>(firstIds).size(), "unique within the chart");
    assertTrue(Collections.disjoint(firstIds, secondIds), "two charts in one page share no id");
    List<String> references = all(REFERENCE, first);
    assertFalse(references.isEmpty(), "clip paths are referenced");
    Set<String> defined = new HashSet<>(firstIds);
    for (String reference : references) {
      assertTrue(defined.contains(reference), reference);
    }
  }

  @Test
  void render_sameInputSameBytes() {
    assertEquals(Svg.render(chart(), 640, 360, "c1-", "chart"), Svg.render(chart(), 640, 360, "c1-", "chart"));
  }

  @Test
  void graphics_measuresTextWithFractionalAdvancesAsBrowsersDo() {
    Font font = new Font("SansSerif", Font.PLAIN, 12);
    String text = "1,000 scenarios · seeded fat-tailed daily moves, correlated across underlyings, with vol moves";
    double fractional = font.getStringBounds(text, new FontRenderContext(null, false, true)).getWidth();
    double integer = font.getStringBounds(text, new FontRenderContext(null, false, false)).getWidth();
    assertTrue(Math.abs(integer - fractional) > 5, "the two differ on this machine: " + integer + " vs " + fractional);
    SVGGraphics2D g2 = Svg.graphics("t-");
    assertEquals(fractional, g2.getFontMetrics(font).stringWidth(text), 1.0);
    Graphics2D child = (Graphics2D) g2.create();
    assertEquals(fractional, child.getFontMetrics(font).stringWidth(text), 1.0);
  }
}

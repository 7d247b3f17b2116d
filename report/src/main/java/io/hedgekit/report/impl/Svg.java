package io.hedgekit.report.impl;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.DefaultStyleHandler;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGGraphics2DIOException;
import org.apache.batik.svggen.SVGIDGenerator;
import org.apache.batik.util.SVGConstants;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Renders a chart to an inline SVG element, sized by CSS, with an accessible name. JFreeChart draws
 * on Apache Batik's {@code SVGGraphics2D} (Apache-2.0); text stays SVG {@code <text>}.
 */
public final class Svg {
  /** Browsers pick the font; a list keeps the look close to the metrics Java measured with. */
  static final String SANS_SERIF = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
  /** Two decimals of a user unit are finer than any screen and keep the numbers in the SVG short. */
  private static final int DECIMALS = 2;

  private Svg() {
  }

  static {
    // Rotated labels (vertical axis titles) as <text> with a transform rather than glyph outlines:
    // selectable, scalable and 100 times smaller.
    TextUtils.setUseDrawRotatedStringWorkaround(false);
  }

  /**
   * Draws {@code chart} into an {@code <svg class="chart">} element of {@code width × height}
   * user units (also its {@code viewBox}), with a {@code <title>} and {@code aria-label} of
   * {@code label}. {@code idPrefix} must be unique in the page: it prefixes every id the SVG
   * defines (clip paths), since ids are global to the HTML document. Same input, same string.
   *
   * @throws IllegalStateException if Batik produced no {@code <svg>} element or an id without the prefix
   */
  public static String render(JFreeChart chart, int width, int height, String idPrefix, String label) {
    SVGGraphics2D g2 = graphics(idPrefix);
    g2.setSVGCanvasSize(new Dimension(width, height));
    chart.draw(g2, new Rectangle(0, 0, width, height));
    Element root = g2.getRoot();
    g2.dispose();
    root.setAttributeNS(null, SVGConstants.SVG_VIEW_BOX_ATTRIBUTE, "0 0 " + width + " " + height);
    prefixFixedIds(root, idPrefix);

    StringWriter out = new StringWriter();
    try {
      g2.stream(root, out, true, false);
    } catch (SVGGraphics2DIOException e) {
      throw new IllegalStateException("Batik could not write the SVG of chart " + label, e);
    }
    String element = out.toString();
    String escaped = Formats.html(label);
    // Batik writes an XML prolog and doctype first: not allowed inside HTML, so cut them off.
    int open = element.indexOf("<svg");
    int end = element.indexOf('>', open);
    if (open < 0 || end < 0) {
      throw new IllegalStateException("Batik returned no <svg> element for chart " + label);
    }
    return "<svg class=\"chart\" role=\"img\" aria-label=\"" + escaped + "\"" + element.substring(open + 4, end + 1)
        + "<title>" + escaped + "</title>" + element.substring(end + 1).strip();
  }

  /**
   * A Batik graphics for one chart: text as {@code <text>} (no glyph outlines, no embedded
   * fonts), two decimals, no generator comment, ids prefixed by {@code idPrefix}, the sans-serif
   * font list, and text measured with fractional advances.
   */
  static SVGGraphics2D graphics(String idPrefix) {
    Document doc = GenericDOMImplementation.getDOMImplementation()
        .createDocument(SVGConstants.SVG_NAMESPACE_URI, SVGConstants.SVG_SVG_TAG, null);
    SVGGeneratorContext ctx = SVGGeneratorContext.createDefault(doc);
    ctx.setComment(null);
    ctx.setEmbeddedFontsOn(false);
    ctx.setPrecision(DECIMALS);
    // Deterministic, page-unique ids: Batik counts per kind ("clipPath1", ...) within one chart.
    ctx.setIDGenerator(new SVGIDGenerator() {
      @Override
      public String generateID(String prefix) {
        return idPrefix + super.generateID(prefix);
      }
    });
    ctx.setStyleHandler(new DefaultStyleHandler() {
      @Override
      public void setStyle(Element element, @SuppressWarnings("rawtypes") Map styleMap, SVGGeneratorContext context) {
        super.setStyle(element, withFontList(styleMap), context);
      }
    });
    return new ChartGraphics(ctx);
  }

  /**
   * Batik measures text ({@code getFontMetrics}) on an image graphics with integer glyph advances,
   * about 0.2 user units too wide per character at 12 px (589 instead of 569 for the 94 characters
   * of the histogram's subtitle): titles would wrap early and legends spread.
   * Browsers lay text out with fractional advances, so measure with those (as JFreeSVG did).
   */
  private static final class ChartGraphics extends SVGGraphics2D {
    ChartGraphics(SVGGeneratorContext ctx) {
      super(ctx, false); // false: text as <text>, not glyph outlines
      fmg.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    private ChartGraphics(ChartGraphics g) {
      super(g);
      fmg.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    @Override
    public Graphics create() {
      return new ChartGraphics(this);
    }
  }

  /**
   * {@code styleMap} with Java's logical sans-serif fonts replaced by {@link #SANS_SERIF}: Batik
   * writes "sans-serif" for a SansSerif font and "'Dialog'" for its default font on the root.
   */
  private static Map<Object, Object> withFontList(Map<?, ?> styleMap) {
    Map<Object, Object> styles = new HashMap<>(styleMap);
    styles.computeIfPresent(SVGConstants.SVG_FONT_FAMILY_ATTRIBUTE, (name, family) -> {
      String logical = family.toString().replace("'", "").toLowerCase(Locale.ROOT);
      return logical.equals("sans-serif") || logical.equals("sansserif") || logical.equals("dialog") ? SANS_SERIF : family;
    });
    return styles;
  }

  /**
   * Batik gives its generic {@code <defs>} the fixed id "genericDefs" (nothing refers to it):
   * prefix it, and fail on any other id that bypassed the generator, since a duplicate id would
   * make one chart clip by another chart's clip path.
   */
  private static void prefixFixedIds(Element element, String idPrefix) {
    String id = element.getAttributeNS(null, SVGConstants.SVG_ID_ATTRIBUTE);
    if (!id.isEmpty() && !id.startsWith(idPrefix)) {
      if (!SVGConstants.SVG_DEFS_TAG.equals(element.getLocalName()) || !"genericDefs".equals(id)) {
        throw new IllegalStateException("Batik wrote id \"" + id + "\" without the prefix \"" + idPrefix + "\"");
      }
      element.setAttributeNS(null, SVGConstants.SVG_ID_ATTRIBUTE, idPrefix + id);
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        prefixFixedIds(e, idPrefix);
      }
    }
  }
}

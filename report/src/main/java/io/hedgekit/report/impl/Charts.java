package io.hedgekit.report.impl;

import io.hedgekit.report.DeskGreeks;
import io.hedgekit.report.GreekBuckets;
import io.hedgekit.report.HedgeSection;
import io.hedgekit.report.StressSection;
import io.hedgekit.report.VarSection;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts, built with JFreeChart in one theme: one sans-serif family, a fixed palette
 * (each Greek has its colour everywhere; before/after and loss/gain too), titles and axis labels
 * with units, compact axis numbers ($1.2M).
 */
public final class Charts {
  /** Text. */
  private static final Color INK = new Color(0x1F2937);
  private static final Color MUTED = new Color(0x4B5563);
  private static final Color GRID = new Color(0xE5E7EB);
  /** Dollar delta, gamma, vega, theta. */
  private static final Color[] GREEK_COLORS = {new Color(0x2563EB), new Color(0x7C3AED), new Color(0x0D9488), new Color(0xD97706)};
  private static final Color BEFORE = new Color(0x94A3B8);
  private static final Color AFTER = new Color(0x2563EB);
  private static final Color PNL = new Color(0x3B82F6);
  private static final Color VAR = new Color(0xD97706);
  private static final Color ES = new Color(0xDC2626);
  private static final Color LOSS = new Color(0xB91C1C);
  private static final Color GAIN = new Color(0x15803D);
  private static final Color[] SERIES = {new Color(0xD97706), new Color(0x2563EB), new Color(0x7C3AED), new Color(0x0D9488)};

  private static final String FAMILY = "SansSerif";
  private static final Font TITLE = new Font(FAMILY, Font.BOLD, 15);
  private static final Font SUBTITLE = new Font(FAMILY, Font.PLAIN, 12);
  private static final Font SMALL = new Font(FAMILY, Font.PLAIN, 11);

  /** Short axis labels of the four desk Greeks; {@code {coin}} is the coin. */
  private static final String[] GREEK_AXIS = {"delta (USD)", "gamma 1% ({coin})", "vega (USD/pt)", "theta (USD/day)"};

  private static final StandardChartTheme THEME = theme();

  private Charts() {
  }

  private static StandardChartTheme theme() {
    StandardChartTheme t = new StandardChartTheme("hedgekit");
    t.setExtraLargeFont(TITLE);
    t.setLargeFont(new Font(FAMILY, Font.PLAIN, 13));
    t.setRegularFont(new Font(FAMILY, Font.PLAIN, 12));
    t.setSmallFont(SMALL);
    t.setTitlePaint(INK);
    t.setSubtitlePaint(MUTED);
    t.setChartBackgroundPaint(Color.WHITE);
    t.setLegendBackgroundPaint(Color.WHITE);
    t.setLegendItemPaint(INK);
    t.setPlotBackgroundPaint(Color.WHITE);
    t.setPlotOutlinePaint(GRID);
    t.setDomainGridlinePaint(GRID);
    t.setRangeGridlinePaint(GRID);
    t.setBaselinePaint(MUTED);
    t.setAxisLabelPaint(INK);
    t.setTickLabelPaint(MUTED);
    t.setItemLabelPaint(INK);
    t.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
    t.setShadowVisible(false);
    t.setBarPainter(new StandardBarPainter());
    t.setXYBarPainter(new StandardXYBarPainter());
    t.setDrawingSupplier(new DefaultDrawingSupplier(SERIES, DefaultDrawingSupplier.DEFAULT_FILL_PAINT_SEQUENCE,
        DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE, DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE,
        DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE, DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
    return t;
  }

  private static JFreeChart chart(String title, String subtitle, org.jfree.chart.plot.Plot plot, boolean legend) {
    JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
    THEME.apply(chart);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.getTitle().setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
    chart.getTitle().setMargin(2, 4, 0, 0);
    if (subtitle != null) {
      TextTitle sub = new TextTitle(subtitle, SUBTITLE);
      sub.setPaint(MUTED);
      sub.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
      sub.setMargin(2, 4, 6, 0);
      chart.addSubtitle(0, sub);
    }
    LegendTitle l = chart.getLegend();
    if (l != null) {
      l.setFrame(BlockBorder.NONE);
      l.setPosition(RectangleEdge.TOP);
      l.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.RIGHT);
    }
    chart.setPadding(new RectangleInsets(4, 4, 4, 8));
    return chart;
  }

  private static NumberAxis valueAxis(String label, String unit) {
    NumberAxis a = new NumberAxis(label);
    a.setNumberFormatOverride(Formats.axisFormat(unit));
    a.setAutoRangeIncludesZero(true);
    return a;
  }

  private static ValueMarker zeroLine() {
    ValueMarker m = new ValueMarker(0, MUTED, new BasicStroke(1f));
    return m;
  }

  /**
   * Greeks of one underlying by bucket: four stacked panels (dollar delta, gamma per 1%, vega per
   * vol point, theta per day) sharing the bucket axis.
   */
  public static JFreeChart greeksByBucket(GreekBuckets buckets, GreekBuckets.Row row) {
    String coin = row.underlying();
    CategoryAxis domain = new CategoryAxis(buckets.dimension() == GreekBuckets.Dimension.EXPIRY
        ? "time to expiry" : "strike / spot (options only)");
    domain.setCategoryMargin(0.25);
    // Let a label such as "perp/spot" be wider than its bar slot instead of being cut to "perp/...".
    domain.setMaximumCategoryLabelWidthRatio(1.6f);
    domain.setLowerMargin(0.03);
    domain.setUpperMargin(0.03);
    CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(domain);
    plot.setGap(10);
    List<BarRenderer> renderers = new ArrayList<>();
    for (int g = 0; g < 4; g++) {
      DefaultCategoryDataset ds = new DefaultCategoryDataset();
      for (int b = 0; b < buckets.labels().size(); b++) {
        ds.addValue(row.cells().get(b).greeks().get(g), DeskGreeks.LABELS.get(g), buckets.labels().get(b));
      }
      NumberAxis range = valueAxis(GREEK_AXIS[g].replace("{coin}", coin), g == 1 ? "" : "$");
      BarRenderer r = new BarRenderer();
      renderers.add(r);
      CategoryPlot sub = new CategoryPlot(ds, null, range, r);
      sub.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
      plot.add(sub, 1);
    }
    String title = coin + ": Greeks by " + buckets.dimension().title();
    JFreeChart chart = chart(title, "gamma: change of delta in " + coin + " for a 1% move; others USD", plot, false);
    int g = 0;
    for (BarRenderer r : renderers) {
      r.setSeriesPaint(0, GREEK_COLORS[g++]);
      r.setMaximumBarWidth(0.09);
      r.setDrawBarOutline(false);
    }
    for (Object o : plot.getSubplots()) {
      CategoryPlot sub = (CategoryPlot) o;
      sub.addRangeMarker(zeroLine(), Layer.BACKGROUND);
      sub.setDomainGridlinesVisible(false);
      sub.getRangeAxis().setLabelFont(SMALL);
    }
    return chart;
  }

  /** Histogram of full-revaluation P&amp;L with each full-revaluation VaR and ES as a vertical line. */
  public static JFreeChart pnlHistogram(VarSection var) {
    double[] pnl = var.full().values();
    int bins = Math.max(10, Math.min(60, (int) Math.ceil(Math.sqrt(pnl.length))));
    HistogramDataset ds = new HistogramDataset();
    ds.addSeries(var.full().method(), pnl, bins);
    NumberAxis x = valueAxis("P&L over " + horizon(var.horizonDays()) + " (USD)", "$");
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = new NumberAxis("scenarios per bin");
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    XYBarRenderer r = new XYBarRenderer(0.04);
    XYPlot plot = new XYPlot(ds, x, y, r);
    JFreeChart chart = chart("P&L distribution (" + var.full().method() + ")",
        Formats.count(pnl.length) + " scenarios · " + var.scenarios(), plot, true);
    r.setSeriesPaint(0, PNL);
    r.setDrawBarOutline(false);
    plot.setDomainGridlinesVisible(false);
    plot.addDomainMarker(zeroLine(), Layer.BACKGROUND);
    // Only the headline pair is drawn (the table lists the others): two labelled lines stay legible.
    VarSection.Estimate h = var.headline();
    String c = Formats.confidence(h.confidence());
    Stroke solid = new BasicStroke(1.8f);
    // VaR sits right of ES (smaller loss): its label goes right of its line, ES's left of its line.
    plot.addDomainMarker(marker(-h.var(), VAR, solid, "VaR " + c + ": " + Formats.usdCompact(h.var()), true));
    plot.addDomainMarker(marker(-h.es(), ES, solid, "ES " + c + ": " + Formats.usdCompact(h.es()), false));
    LegendItemCollection legend = new LegendItemCollection();
    legend.add(new LegendItem("scenarios", null, null, null, new Rectangle2D.Double(-5, -5, 10, 10), PNL));
    legend.add(lineItem("VaR (loss quantile)", VAR));
    legend.add(lineItem("ES (mean loss beyond VaR)", ES));
    plot.setFixedLegendItems(legend);
    return chart;
  }

  private static ValueMarker marker(double at, Color color, Stroke stroke, String label, boolean labelRight) {
    ValueMarker m = new ValueMarker(at, color, stroke);
    m.setLabel(label);
    m.setLabelFont(SMALL);
    m.setLabelPaint(color.darker());
    m.setLabelBackgroundColor(new Color(255, 255, 255, 220));
    m.setLabelAnchor(labelRight ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP_LEFT);
    m.setLabelTextAnchor(labelRight ? TextAnchor.TOP_LEFT : TextAnchor.TOP_RIGHT);
    m.setLabelOffset(new RectangleInsets(6, 4, 2, 4));
    return m;
  }

  private static LegendItem lineItem(String label, Color color) {
    return new LegendItem(label, null, null, null, new Line2D.Double(-8, 0, 8, 0), new BasicStroke(2f), color);
  }

  /**
   * Scatter of Greek-approximation P&amp;L against full-revaluation P&amp;L, one point per scenario
   * (at most {@code maxPoints} per method, evenly strided), with the line y = x.
   */
  public static JFreeChart approximationScatter(VarSection var, int maxPoints) {
    double[] full = var.full().values();
    int stride = Math.max(1, (int) Math.ceil(full.length / (double) maxPoints));
    XYSeriesCollection ds = new XYSeriesCollection();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (VarSection.Pnl a : var.approximations()) {
      XYSeries s = new XYSeries(a.method(), false, true);
      for (int i = 0; i < full.length; i += stride) {
        s.add(full[i], a.get(i), false);
        lo = Math.min(lo, Math.min(full[i], a.get(i)));
        hi = Math.max(hi, Math.max(full[i], a.get(i)));
      }
      ds.addSeries(s);
    }
    NumberAxis x = valueAxis("full revaluation P&L (USD)", "$");
    NumberAxis y = valueAxis("Greek approximation P&L (USD)", "$");
    x.setAutoRangeIncludesZero(false);
    y.setAutoRangeIncludesZero(false);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
    // Filled dots only: an outline per dot would double the SVG's size for no visible gain.
    r.setDrawOutlines(false);
    XYPlot plot = new XYPlot(ds, x, y, r);
    int shown = (full.length + stride - 1) / stride;
    String sub = stride == 1 ? Formats.count(full.length) + " scenarios; on the dashed line the approximation is exact"
        : Formats.count(shown) + " of " + Formats.count(full.length) + " scenarios shown (every " + stride
            + "th); on the dashed line the approximation is exact";
    JFreeChart chart = chart("Full revaluation vs Greek approximation", sub, plot, true);
    Shape dot = new Ellipse2D.Double(-2.5, -2.5, 5, 5);
    for (int s = 0; s < ds.getSeriesCount(); s++) {
      Color c = SERIES[s % SERIES.length];
      r.setSeriesPaint(s, new Color(c.getRed(), c.getGreen(), c.getBlue(), 150));
      r.setSeriesShape(s, dot);
    }
    if (Double.isFinite(lo)) {
      plot.addAnnotation(new XYLineAnnotation(lo, lo, hi, hi,
          new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f), MUTED));
    }
    plot.addDomainMarker(zeroLine(), Layer.BACKGROUND);
    plot.addRangeMarker(zeroLine(), Layer.BACKGROUND);
    return chart;
  }

  /**
   * One expiry of a fitted smile: implied vol (%) over log-moneyness k = ln(K/F); the fitted SVI
   * slice as a line over the quotes' k range (widened by a tenth on each side), the quotes fitted
   * to as dots, the quotes left out as grey dots.
   */
  public static JFreeChart smileSlice(String underlying, io.hedgekit.report.SmileSection.Slice slice) {
    XYSeriesCollection ds = new XYSeriesCollection();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double k : slice.usedK()) {
      lo = Math.min(lo, k);
      hi = Math.max(hi, k);
    }
    for (double k : slice.excludedK()) {
      lo = Math.min(lo, k);
      hi = Math.max(hi, k);
    }
    XYSeries fit = new XYSeries("SVI fit", false, true);
    if (slice.svi() != null && Double.isFinite(lo)) {
      double pad = Math.max(0.1 * (hi - lo), 0.01);
      for (int j = 0; j <= 120; j++) {
        double k = lo - pad + (hi - lo + 2 * pad) * j / 120;
        fit.add(k, 100 * Math.sqrt(Math.max(slice.svi().w(k), 0) / slice.timeYears()));
      }
    }
    XYSeries used = new XYSeries("marks fitted", false, true);
    for (int i = 0; i < slice.usedK().length; i++) {
      used.add(slice.usedK()[i], 100 * slice.usedVol()[i]);
    }
    XYSeries left = new XYSeries("marks left out", false, true);
    for (int i = 0; i < slice.excludedK().length; i++) {
      left.add(slice.excludedK()[i], 100 * slice.excludedVol()[i]);
    }
    ds.addSeries(fit);
    ds.addSeries(used);
    ds.addSeries(left);
    NumberAxis x = new NumberAxis("log-moneyness k = ln(K/F)");
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = new NumberAxis("implied vol (%)");
    y.setAutoRangeIncludesZero(false);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    XYPlot plot = new XYPlot(ds, x, y, r);
    plot.addDomainMarker(zeroLine(), Layer.BACKGROUND);
    JFreeChart chart = chart(underlying + " " + slice.expiry() + String.format(java.util.Locale.ROOT, " (%.1f days)",
        slice.timeYears() * io.hedgekit.kernels.Conventions.DAYS_PER_YEAR), slice.note(), plot, true);
    // after the theme, which would reset them
    r.setSeriesLinesVisible(0, true);
    r.setSeriesShapesVisible(0, false);
    r.setSeriesPaint(0, AFTER);
    r.setSeriesStroke(0, new BasicStroke(2f));
    Shape dot = new Ellipse2D.Double(-3, -3, 6, 6);
    r.setSeriesLinesVisible(1, false);
    r.setSeriesShape(1, dot);
    r.setSeriesPaint(1, VAR);
    r.setSeriesLinesVisible(2, false);
    r.setSeriesShape(2, dot);
    r.setSeriesPaint(2, BEFORE);
    r.setDrawOutlines(false);
    return chart;
  }

  /** Heat map of a stress grid: spot moves across, vol moves up, P&amp;L as colour and as text; worst cell outlined. */
  public static JFreeChart stressHeatMap(StressSection.Grid grid) {
    int ns = grid.spotMoves().size();
    int nv = grid.volMoves().size();
    double[][] xyz = new double[3][ns * nv];
    double maxAbs = 0;
    for (int v = 0; v < nv; v++) {
      for (int s = 0; s < ns; s++) {
        int k = v * ns + s;
        xyz[0][k] = s;
        xyz[1][k] = v;
        xyz[2][k] = grid.pnl(v, s);
        maxAbs = Math.max(maxAbs, Math.abs(grid.pnl(v, s)));
      }
    }
    double scaleMax = maxAbs > 0 ? maxAbs : 1;
    DefaultXYZDataset ds = new DefaultXYZDataset();
    ds.addSeries("P&L", xyz);
    SymbolAxis x = new SymbolAxis("spot move", grid.spotMoves().stream().map(Formats::move).toArray(String[]::new));
    SymbolAxis y = new SymbolAxis("vol move (vol points)", grid.volMoves().stream().map(Formats::volPoints).toArray(String[]::new));
    for (SymbolAxis a : List.of(x, y)) {
      a.setGridBandsVisible(false);
      a.setLowerMargin(0);
      a.setUpperMargin(0);
    }
    x.setRange(-0.5, ns - 0.5);
    y.setRange(-0.5, nv - 0.5);
    XYBlockRenderer r = new XYBlockRenderer();
    DivergingScale scale = new DivergingScale(scaleMax);
    r.setPaintScale(scale);
    XYPlot plot = new XYPlot(ds, x, y, r);
    StressSection.WorstCell worst = grid.worst();
    JFreeChart chart = chart("Stress P&L: " + grid.label(), "worst: " + Formats.usd(worst.pnl()) + " at spot "
        + Formats.move(worst.spotMove()) + ", vol " + Formats.volPoints(worst.volMove()) + " pts (outlined)", plot, false);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    Font cellFont = new Font(FAMILY, Font.PLAIN, ns > 11 ? 9 : 11);
    for (int v = 0; v < nv; v++) {
      for (int s = 0; s < ns; s++) {
        double p = grid.pnl(v, s);
        XYTextAnnotation t = new XYTextAnnotation(Formats.compact(p), s, v);
        t.setFont(cellFont);
        t.setPaint(Math.abs(p) > 0.55 * scaleMax ? Color.WHITE : INK);
        plot.addAnnotation(t);
      }
    }
    plot.addAnnotation(new XYShapeAnnotation(new Rectangle2D.Double(worst.spotIndex() - 0.5, worst.volIndex() - 0.5, 1, 1),
        new BasicStroke(2.5f), Color.BLACK));
    NumberAxis legendAxis = new NumberAxis("P&L (USD)");
    legendAxis.setNumberFormatOverride(Formats.axisFormat("$"));
    legendAxis.setRange(-scaleMax, scaleMax);
    legendAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(niceStep(scaleMax / 3)));
    PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
    legend.setStripWidth(12);
    legend.setSubdivisionCount(64);
    legend.setMargin(new RectangleInsets(4, 10, 4, 4));
    legend.setBackgroundPaint(Color.WHITE);
    legendAxis.setLabelFont(SMALL);
    legendAxis.setLabelPaint(INK);
    legendAxis.setTickLabelFont(SMALL);
    legendAxis.setTickLabelPaint(MUTED);
    chart.addSubtitle(legend);
    return chart;
  }

  /** Red for losses, white at 0, green for gains, linear in P&amp;L up to ±max. */
  private record DivergingScale(double max) implements PaintScale {
    @Override
    public double getLowerBound() {
      return -max;
    }

    @Override
    public double getUpperBound() {
      return max;
    }

    @Override
    public Paint getPaint(double value) {
      double t = Math.max(-1, Math.min(1, value / max));
      Color end = t < 0 ? LOSS : GAIN;
      double w = Math.abs(t);
      return new Color(mix(255, end.getRed(), w), mix(255, end.getGreen(), w), mix(255, end.getBlue(), w));
    }

    private static int mix(int from, int to, double w) {
      return (int) Math.round(from + (to - from) * w);
    }
  }

  /**
   * Greeks per underlying before and after the hedge: four panels (all USD: gamma as dollar gamma
   * per 1%, the change of dollar delta), two bars per underlying.
   *
   * @param spots spot per underlying of {@code hedge.underlyings()}, USD (for dollar gamma)
   */
  public static JFreeChart hedgeBeforeAfter(HedgeSection hedge, Map<String, Double> spots) {
    CategoryAxis domain = new CategoryAxis("underlying");
    domain.setCategoryMargin(0.3);
    CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(domain);
    plot.setGap(10);
    String[] axis = {"delta (USD)", "gamma 1% (USD)", "vega (USD/pt)", "theta (USD/day)"};
    List<BarRenderer> renderers = new ArrayList<>();
    for (int g = 0; g < 4; g++) {
      DefaultCategoryDataset ds = new DefaultCategoryDataset();
      for (HedgeSection.Change c : hedge.underlyings()) {
        double scale = g == 1 ? spots.getOrDefault(c.underlying(), Double.NaN) : 1;
        ds.addValue(c.before().get(g) * scale, "before", c.underlying());
        ds.addValue(c.after().get(g) * scale, "after", c.underlying());
      }
      BarRenderer r = new BarRenderer();
      renderers.add(r);
      CategoryPlot sub = new CategoryPlot(ds, null, valueAxis(axis[g], "$"), r);
      plot.add(sub, 1);
    }
    JFreeChart chart = chart("Hedge: Greeks before and after", "all USD; gamma as dollar gamma: change of dollar"
        + " delta for a 1% move", plot, true);
    for (BarRenderer r : renderers) {
      r.setSeriesPaint(0, BEFORE);
      r.setSeriesPaint(1, AFTER);
      r.setItemMargin(0.05);
      r.setMaximumBarWidth(0.12);
    }
    for (Object o : plot.getSubplots()) {
      CategoryPlot sub = (CategoryPlot) o;
      sub.addRangeMarker(zeroLine(), Layer.BACKGROUND);
      sub.setDomainGridlinesVisible(false);
      sub.getRangeAxis().setLabelFont(SMALL);
    }
    LegendItemCollection legend = new LegendItemCollection();
    legend.add(new LegendItem("before", null, null, null, new Rectangle2D.Double(-5, -5, 10, 10), BEFORE));
    legend.add(new LegendItem("after", null, null, null, new Rectangle2D.Double(-5, -5, 10, 10), AFTER));
    plot.setFixedLegendItems(legend);
    return chart;
  }

  /** The smallest of 1, 2, 2.5, 5 × 10^k that is at least {@code x}. */
  static double niceStep(double x) {
    double p = Math.pow(10, Math.floor(Math.log10(x)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= x) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String horizon(double days) {
    if (days == 1) {
      return "1 day";
    }
    return Formats.number(days, days == Math.rint(days) ? 0 : 2) + " days";
  }
}

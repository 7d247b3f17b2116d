package io.hedgekit.report;

import io.hedgekit.io.table.AtomicOutput;
import io.hedgekit.report.impl.Svg;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * The HTML page of {@code hedgekit hedge-backtest}: one self-contained file (inline CSS and SVG, no
 * script, a Content-Security-Policy that forbids every fetch) with the cumulative P&amp;L of the
 * unhedged book, the hedged book and the hedges as one chart, the summary, and the daily table.
 */
public final class HedgeBacktestReport {
  private static final String CSS = "body{font-family:" + "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
      + ";margin:24px;color:#1F2937}table{border-collapse:collapse;margin:12px 0}td,th{padding:3px 10px;"
      + "border-bottom:1px solid #E5E7EB;text-align:right;font-variant-numeric:tabular-nums}th{text-align:left}"
      + "td:first-child,th:first-child{text-align:left}svg.chart{max-width:100%;height:auto}.muted{color:#4B5563}";

  private HedgeBacktestReport() {
  }

  /**
   * What the page shows.
   *
   * @param title the heading
   * @param subtitle one line under it (inputs, policy, vol model)
   * @param dates one per day
   * @param unhedged cumulative P&amp;L of the book alone per day, USD
   * @param hedged cumulative P&amp;L of the hedged book (net of costs) per day, USD
   * @param hedges cumulative P&amp;L of the hedges (net of costs) per day, USD
   * @param summary label/value rows
   * @param dayHeader column names of the daily table
   * @param dayRows the daily table's cells, already formatted
   */
  public record Data(String title, String subtitle, List<LocalDate> dates, double[] unhedged, double[] hedged,
      double[] hedges, List<String[]> summary, String[] dayHeader, List<String[]> dayRows) {
    public Data {
      Objects.requireNonNull(title, "title");
      int n = dates.size();
      if (unhedged.length != n || hedged.length != n || hedges.length != n) {
        throw new IllegalArgumentException("every series needs one value per date (" + n + ")");
      }
      dates = List.copyOf(dates);
      summary = List.copyOf(summary);
      dayRows = List.copyOf(dayRows);
    }
  }

  /** Writes the page atomically. */
  public static void write(Data data, Path out) throws IOException {
    byte[] bytes = render(data).getBytes(StandardCharsets.UTF_8);
    AtomicOutput.write(out, stream -> stream.write(bytes));
  }

  /** The page as a string (same input, same string). */
  public static String render(Data d) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src data:\">\n")
        .append("<link rel=\"icon\" href=\"data:,\">\n<title>").append(html(d.title())).append("</title>\n<style>")
        .append(CSS).append("</style>\n</head>\n<body>\n<h1>").append(html(d.title())).append("</h1>\n<p class=\"muted\">")
        .append(html(d.subtitle())).append("</p>\n");
    b.append(Svg.render(chart(d), 960, 420, "pnl-paths", "Cumulative P&L: unhedged, hedged and hedges")).append('\n');
    b.append("<h2>Summary</h2>\n<table>\n");
    for (String[] row : d.summary()) {
      b.append("<tr><th>").append(html(row[0])).append("</th><td>").append(html(row[1])).append("</td></tr>\n");
    }
    b.append("</table>\n<h2>Days</h2>\n<table>\n<tr>");
    for (String h : d.dayHeader()) {
      b.append("<th>").append(html(h)).append("</th>");
    }
    b.append("</tr>\n");
    for (String[] row : d.dayRows()) {
      b.append("<tr>");
      for (String c : row) {
        b.append("<td>").append(html(c)).append("</td>");
      }
      b.append("</tr>\n");
    }
    return b.append("</table>\n</body>\n</html>\n").toString();
  }

  private static JFreeChart chart(Data d) {
    TimeSeriesCollection c = new TimeSeriesCollection(TimeZone.getTimeZone(ZoneOffset.UTC));
    c.addSeries(series("unhedged book", d.dates(), d.unhedged()));
    c.addSeries(series("hedged book (net of costs)", d.dates(), d.hedged()));
    c.addSeries(series("hedges (net of costs)", d.dates(), d.hedges()));
    DateAxis x = new DateAxis("date");
    x.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
    SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd");
    f.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
    x.setDateFormatOverride(f);
    NumberAxis y = new NumberAxis("cumulative P&L (USD)");
    y.setAutoRangeIncludesZero(true);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    Color[] colors = {new Color(0x94A3B8), new Color(0x2563EB), new Color(0xD97706)};
    for (int s = 0; s < colors.length; s++) {
      r.setSeriesPaint(s, colors[s]);
      r.setSeriesStroke(s, new BasicStroke(s == 1 ? 2.2f : 1.5f));
    }
    XYPlot plot = new XYPlot(c, x, y, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xE5E7EB));
    plot.setRangeGridlinePaint(new Color(0xE5E7EB));
    plot.addRangeMarker(new ValueMarker(0, new Color(0x4B5563), new BasicStroke(1f)));
    JFreeChart chart = new JFreeChart("P&L paths", new Font("SansSerif", Font.BOLD, 15), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(new TextTitle(d.subtitle(), new Font("SansSerif", Font.PLAIN, 11)));
    return chart;
  }

  private static TimeSeries series(String name, List<LocalDate> dates, double[] values) {
    TimeSeries s = new TimeSeries(name);
    for (int i = 0; i < values.length; i++) {
      LocalDate day = dates.get(i);
      s.add(new Day(day.getDayOfMonth(), day.getMonthValue(), day.getYear()), values[i]);
    }
    return s;
  }

  private static String html(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

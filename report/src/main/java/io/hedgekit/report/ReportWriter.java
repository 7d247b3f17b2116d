package io.hedgekit.report;

import io.hedgekit.io.table.AtomicOutput;
import io.hedgekit.report.impl.HtmlReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes the risk report: one self-contained HTML file (inline CSS, inline SVG charts, no script,
 * no web fonts, nothing fetched from the network) that opens in any browser.
 *
 * <p>Charts are drawn with JFreeChart into SVG (Apache Batik SVG generator) inside the JVM. Drawing needs no
 * display: unless {@code java.awt.headless} was set already, loading this class sets it to true.
 * AWT does need one system font to measure text (any fontconfig font, e.g. DejaVu or Liberation).
 */
public final class ReportWriter {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private ReportWriter() {
  }

  /**
   * The report as HTML text. Deterministic: the same data gives the same text.
   *
   * @throws NullPointerException if {@code data} is null
   */
  public static String render(ReportData data) {
    Objects.requireNonNull(data, "data");
    return HtmlReport.render(data);
  }

  /**
   * Renders {@code data} and writes it to {@code out} atomically: readers see the old file or the
   * complete new one, never part of one; on failure {@code out} is left as it was.
   *
   * @param out target file; its directory must exist
   * @throws io.hedgekit.kernels.InputException if {@code out} cannot be written for a reason the user can fix (missing or
   *     read-only directory, a directory as target, a name too long)
   * @throws IOException if the file cannot be written for another reason
   */
  public static void write(ReportData data, Path out) throws IOException {
    Objects.requireNonNull(out, "out");
    byte[] bytes = render(data).getBytes(StandardCharsets.UTF_8);
    AtomicOutput.write(out, stream -> stream.write(bytes));
  }
}

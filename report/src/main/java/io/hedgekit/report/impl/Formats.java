package io.hedgekit.report.impl;

import java.math.BigDecimal;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, times and text appear in the report (US style: 1,234,567.89). */
public final class Formats {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private Formats() {
  }

  /** USD with thousands separators: whole dollars from 100 up, cents below ("$1,234,567", "-$12.34"). */
  public static String usd(double x) {
    if (!Double.isFinite(x)) {
      return "n/a";
    }
    String digits = Math.abs(x) >= 99.995
        ? String.format(Locale.US, "%,.0f", Math.abs(x))
        : String.format(Locale.US, "%,.2f", Math.abs(x));
    return (isNegative(x, digits) ? "-$" : "$") + digits;
  }

  /** USD rounded to whole dollars ("$1,234,567"). */
  public static String usdWhole(double x) {
    if (!Double.isFinite(x)) {
      return "n/a";
    }
    String digits = String.format(Locale.US, "%,.0f", Math.abs(x));
    return (isNegative(x, digits) ? "-$" : "$") + digits;
  }

  /** USD in 3 significant figures with k/M/B ("$1.23M", "-$457k", "$950"). */
  public static String usdCompact(double x) {
    return compact(x, "$");
  }

  /** A plain number in 3 significant figures with k/M/B ("1.23M", "-457k", "0.012"). */
  public static String compact(double x) {
    return compact(x, "");
  }

  private static String compact(double x, String unit) {
    if (!Double.isFinite(x)) {
      return "n/a";
    }
    double a = Math.abs(x);
    String body;
    if (a >= 999.5e6) {
      body = sig3(a / 1e9) + "B";
    } else if (a >= 999.5e3) {
      body = sig3(a / 1e6) + "M";
    } else if (a >= 999.5) {
      body = sig3(a / 1e3) + "k";
    } else if (a >= 1 || a == 0) {
      body = sig3(a);
    } else {
      body = new BigDecimal(a).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }
    return (isNegative(x, body) ? "-" : "") + unit + body;
  }

  private static String sig3(double a) {
    // a in [0, 999.5): 3 significant figures, trailing zeros dropped.
    String s = a >= 99.95 ? String.format(Locale.US, "%.0f", a)
        : a >= 9.995 ? String.format(Locale.US, "%.1f", a) : String.format(Locale.US, "%.2f", a);
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }

  private static boolean isNegative(double x, String digits) {
    return x < 0 && !digits.chars().allMatch(c -> c == '0' || c == '.' || c == ',');
  }

  /** A number with thousands separators and {@code decimals} decimals ("12,345.678"). */
  public static String number(double x, int decimals) {
    if (!Double.isFinite(x)) {
      return "n/a";
    }
    String s = String.format(Locale.US, "%,." + decimals + "f", x);
    return s.matches("-[0.,]+") ? s.substring(1) : s;
  }

  /** A count with thousands separators ("300,000"). */
  public static String count(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  /** A spot price: 2 decimals with separators ("95,123.45"), more below 1 USD. */
  public static String price(double x) {
    return Math.abs(x) >= 1 ? "$" + number(x, 2) : "$" + number(x, 6);
  }

  /** A confidence level as a percentage without trailing zeros (0.99 → "99%", 0.975 → "97.5%"). */
  public static String confidence(double c) {
    return new BigDecimal(Double.toString(c * 100)).stripTrailingZeros().toPlainString() + "%";
  }

  /** A share as a percentage with one decimal ("12.3%"); "n/a" when not finite. */
  public static String share(double x) {
    return Double.isFinite(x) ? String.format(Locale.US, "%.1f%%", x * 100) : "n/a";
  }

  /** A relative move as a signed percentage (−0.2 → "-20%", 0.05 → "+5%", 0 → "0%"). */
  public static String move(double m) {
    String s = new BigDecimal(Double.toString(m * 100)).setScale(2, java.math.RoundingMode.HALF_EVEN)
        .stripTrailingZeros().toPlainString();
    return (m > 0 ? "+" : "") + s + "%";
  }

  /** An absolute vol move in vol points (0.05 → "+5", −0.1 → "-10", 0 → "0"). */
  public static String volPoints(double m) {
    String s = new BigDecimal(Double.toString(m * 100)).setScale(2, java.math.RoundingMode.HALF_EVEN)
        .stripTrailingZeros().toPlainString();
    return (m > 0 ? "+" : "") + s;
  }

  /** Seconds for people ("1.23 s", "45.6 ms", "2 min 3.4 s"). */
  public static String seconds(double s) {
    if (s < 1) {
      return String.format(Locale.US, "%.1f ms", s * 1000);
    }
    if (s < 120) {
      return String.format(Locale.US, "%.2f s", s);
    }
    return String.format(Locale.US, "%d min %.1f s", (long) (s / 60), s % 60);
  }

  /** An instant as "2026-03-01 13:49:00 UTC". */
  public static String time(Instant t) {
    return TIME.format(t);
  }

  /** Escapes text for HTML element content and attribute values. */
  public static String html(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A {@link NumberFormat} for chart axes: {@link #compact} with an optional unit prefix. */
  public static NumberFormat axisFormat(String unit) {
    return new CompactFormat(unit);
  }

  private static final class CompactFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private final String unit;

    CompactFormat(String unit) {
      this.unit = unit;
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
      return toAppendTo.append(Formats.compact(number, unit));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
      return format((double) number, toAppendTo, pos);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
      throw new UnsupportedOperationException("axis labels are not parsed");
    }
  }
}

package io.hedgekit.io.impl;

import java.util.Locale;

/** Strict parsing of decimal numbers from text files. */
public final class Numbers {
  private Numbers() {
  }

  /**
   * Parses a plain decimal number: optional sign, digits with an optional decimal point, optional
   * exponent ({@code -12}, {@code 0.5}, {@code .5}, {@code 1e-4}, {@code 95000.0}). {@code NaN},
   * {@code Infinity}, {@code inf} (any case, signed) are returned as NaN and ±infinity so the
   * caller can say "must be finite"; so is an overflow such as {@code 1e400}.
   *
   * @throws NumberFormatException for anything else (Java's {@code 1d}, hex, thousands separators, ...)
   */
  public static double parse(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "nan", "+nan", "-nan" -> {
        return Double.NaN;
      }
      case "inf", "+inf", "infinity", "+infinity" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-inf", "-infinity" -> {
        return Double.NEGATIVE_INFINITY;
      }
      default -> {
        // fall through to the strict check below
      }
    }
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      throw new NumberFormatException("not a number");
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        throw new NumberFormatException("not a number");
      }
    }
    if (i != n) {
      throw new NumberFormatException("not a number");
    }
    return Double.parseDouble(s);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}

package io.hedgekit.io.book;

import io.hedgekit.io.Expiries;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.ContractKind.Instrument;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A Deribit instrument name.
 *
 * <ul>
 *   <li>{@code BTC-25DEC26-100000-C}: option (C call, P put) expiring 08:00 UTC on 25 Dec 2026;
 *       strikes may use Deribit's decimal notation, {@code 1d5} = 1.5</li>
 *   <li>{@code BTC-27MAR26}: dated future</li>
 *   <li>{@code BTC-PERPETUAL}: perpetual swap</li>
 *   <li>{@code BTC_USDC}: spot pair (always linear)</li>
 * </ul>
 * Without a quote-currency suffix the contract is inverse (coin settled); a suffix such as
 * {@code _USDC} ({@code BTC_USDC-PERPETUAL}, {@code SOL_USDC-25DEC26-200-C}) makes it linear.
 * The day may have one or two digits ({@code 5JAN27} or {@code 05JAN27}), the year two (20YY).
 * Parsing ignores case; {@link #format()} writes Deribit's spelling (upper case, day without a
 * leading zero).
 *
 * @param underlying base currency, upper case (BTC)
 * @param quote quote (settlement) currency of linear contracts (USDC), or null for inverse ones
 * @param instrument option, future, perpetual or spot
 * @param expiryDate expiry date of options and futures (08:00 UTC), else null
 * @param strike option strike in USD, > 0; NaN for non-options
 * @param call true for calls; false for puts and non-options
 */
public record DeribitSymbol(String underlying, String quote, Instrument instrument, LocalDate expiryDate,
    double strike, boolean call) {

  private static final String[] MONTHS = {
      "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  private static final String SHAPES =
      "expected UNDERLYING-PERPETUAL, UNDERLYING-DDMMMYY, UNDERLYING-DDMMMYY-STRIKE-C|P or BASE_QUOTE";

  public DeribitSymbol {
    Objects.requireNonNull(instrument, "instrument");
    if (underlying == null || !isAlphanumeric(underlying)) {
      throw new IllegalArgumentException("underlying must be letters and digits, was " + underlying);
    }
    if (quote != null && !isAlphanumeric(quote)) {
      throw new IllegalArgumentException("quote must be letters and digits, was " + quote);
    }
    underlying = underlying.toUpperCase(Locale.ROOT);
    quote = quote == null ? null : quote.toUpperCase(Locale.ROOT);
    if (instrument == Instrument.SPOT && quote == null) {
      throw new IllegalArgumentException("spot needs a quote currency (BTC_USDC)");
    }
    boolean dated = instrument == Instrument.OPTION || instrument == Instrument.FUTURE;
    if (dated != (expiryDate != null)) {
      throw new IllegalArgumentException(instrument.fileName() + (dated ? " needs" : " has no") + " an expiry date, was " + expiryDate);
    }
    if (instrument == Instrument.OPTION) {
      if (!(strike > 0) || Double.isInfinite(strike)) {
        throw new IllegalArgumentException("strike must be > 0, was " + strike);
      }
    } else if (!Double.isNaN(strike) || call) {
      throw new IllegalArgumentException(instrument.fileName() + " has no strike or option type");
    }
  }

  /**
   * Parses a Deribit instrument name.
   *
   * @throws IllegalArgumentException naming the symbol and what is wrong with it
   */
  public static DeribitSymbol parse(String symbol) {
    Objects.requireNonNull(symbol, "symbol");
    String s = symbol.strip().toUpperCase(Locale.ROOT);
    String[] parts = s.split("-", -1);
    String base = parts[0];
    String quote = null;
    int underscore = base.indexOf('_');
    if (underscore >= 0) {
      quote = base.substring(underscore + 1);
      base = base.substring(0, underscore);
      if (base.isEmpty() || quote.isEmpty() || !isAlphanumeric(base) || !isAlphanumeric(quote)) {
        throw bad(symbol, "base and quote currency must be letters/digits around one '_'");
      }
    } else if (base.isEmpty() || !isAlphanumeric(base)) {
      throw bad(symbol, "underlying must be letters and digits");
    }
    switch (parts.length) {
      case 1 -> {
        if (quote == null) {
          throw bad(symbol, SHAPES);
        }
        return new DeribitSymbol(base, quote, Instrument.SPOT, null, Double.NaN, false);
      }
      case 2 -> {
        if (parts[1].equals("PERPETUAL")) {
          return new DeribitSymbol(base, quote, Instrument.PERPETUAL, null, Double.NaN, false);
        }
        return new DeribitSymbol(base, quote, Instrument.FUTURE, parseDate(symbol, parts[1]), Double.NaN, false);
      }
      case 4 -> {
        LocalDate date = parseDate(symbol, parts[1]);
        double strike = parseStrike(symbol, parts[2]);
        boolean call = switch (parts[3]) {
          case "C" -> true;
          case "P" -> false;
          default -> throw bad(symbol, "option type must be C or P, was " + parts[3]);
        };
        return new DeribitSymbol(base, quote, Instrument.OPTION, date, strike, call);
      }
      default -> throw bad(symbol, SHAPES);
    }
  }

  private static IllegalArgumentException bad(String symbol, String why) {
    return new IllegalArgumentException("malformed Deribit symbol " + symbol + ": " + why);
  }

  private static LocalDate parseDate(String symbol, String text) {
    int n = text.length();
    if (n < 6 || n > 7) {
      throw bad(symbol, "expiry must be DDMMMYY like 25DEC26, was " + text);
    }
    String day = text.substring(0, n - 5);
    String month = text.substring(n - 5, n - 2);
    String year = text.substring(n - 2);
    if (!isDigits(day) || !isDigits(year)) {
      throw bad(symbol, "expiry must be DDMMMYY like 25DEC26, was " + text);
    }
    int m = -1;
    for (int i = 0; i < MONTHS.length; i++) {
      if (MONTHS[i].equals(month)) {
        m = i + 1;
      }
    }
    if (m < 0) {
      throw bad(symbol, "unknown month " + month + " in expiry " + text);
    }
    try {
      return LocalDate.of(2000 + Integer.parseInt(year), m, Integer.parseInt(day));
    } catch (DateTimeException e) {
      throw bad(symbol, "no such date " + text);
    }
  }

  private static double parseStrike(String symbol, String text) {
    int d = text.indexOf('D');
    String plain = d < 0 ? text : text.substring(0, d) + "." + text.substring(d + 1);
    String[] digits = plain.split("\\.", -1);
    if (digits.length > 2 || !isDigits(digits[0]) || (digits.length == 2 && !isDigits(digits[1]))) {
      throw bad(symbol, "strike must be digits, with 'd' for a decimal point (1d5 = 1.5), was " + text);
    }
    double strike = Double.parseDouble(plain);
    if (!(strike > 0)) {
      throw bad(symbol, "strike must be > 0, was " + text);
    }
    return strike;
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlphanumeric(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  /** True when the contract settles in coin (no quote-currency suffix). */
  public boolean inverse() {
    return quote == null;
  }

  /** The contract kind (instrument, option type and settlement). */
  public ContractKind kind() {
    return ContractKind.of(instrument, call, inverse());
  }

  /** Expiry instant, 08:00 UTC on {@link #expiryDate()}, or null for perpetuals and spot. */
  public Instant expiry() {
    return expiryDate == null ? null : Expiries.atDeribitExpiry(expiryDate);
  }

  /**
   * Deribit's spelling of this instrument, e.g. {@code BTC-5JAN27-1d5-P}.
   *
   * @throws IllegalArgumentException if the expiry year is outside 2000..2099
   */
  public String format() {
    StringBuilder sb = new StringBuilder(underlying);
    if (quote != null) {
      sb.append('_').append(quote);
    }
    switch (instrument) {
      case SPOT -> {
        return sb.toString();
      }
      case PERPETUAL -> {
        return sb.append("-PERPETUAL").toString();
      }
      default -> {
        int year = expiryDate.getYear();
        if (year < 2000 || year > 2099) {
          throw new IllegalArgumentException("Deribit symbols have two-digit years 2000..2099, was " + year);
        }
        sb.append('-').append(expiryDate.getDayOfMonth()).append(MONTHS[expiryDate.getMonthValue() - 1])
            .append(String.format(Locale.ROOT, "%02d", year % 100));
        if (instrument == Instrument.OPTION) {
          String k = new BigDecimal(Double.toString(strike)).stripTrailingZeros().toPlainString().replace('.', 'd');
          sb.append('-').append(k).append(call ? "-C" : "-P");
        }
        return sb.toString();
      }
    }
  }

  @Override
  public String toString() {
    return format();
  }
}

package io.hedgekit.kernels;

/**
 * The market conventions every layer shares, written once: the ACT/365 year, the forward implied
 * by a carry, and the range an implied vol may take. The reference pricer, the market model, the
 * file readers and the resolver call these; the OpenCL backend receives the same numbers as
 * {@code -D} build options, so no kernel source holds a copy.
 */
public final class Conventions {

  /** Days in the ACT/365 year (crypto trades every calendar day). */
  public static final double DAYS_PER_YEAR = 365.0;

  /** Milliseconds in an ACT/365 year. */
  public static final double MILLIS_PER_YEAR = DAYS_PER_YEAR * 86_400_000.0;

  /** The largest implied vol accepted as input, decimal (10 = 1000%); anything above is a typo. */
  public static final double MAX_VOL = 10.0;

  /** What {@link #checkVol} says a vol must be (for error messages elsewhere). */
  public static final String VOL_RANGE = "must be > 0 and <= 10 (a decimal: 0.65 means 65%)";

  private Conventions() {
  }

  /** F/S = exp((r − q)·T): the growth of spot to the forward, dimensionless. */
  public static double growth(double rate, double carry, double timeYears) {
    return Math.exp((rate - carry) * timeYears);
  }

  /**
   * The forward price implied by continuous carry: F = S·exp((r − q)·T), in the units of
   * {@code spot}.
   *
   * @param rate r, continuously compounded
   * @param carry q, continuous yield
   * @param timeYears T, ACT/365 years
   */
  public static double forward(double spot, double rate, double carry, double timeYears) {
    return spot * growth(rate, carry, timeYears);
  }

  /** True when {@code vol} is an acceptable implied vol: {@code 0 < vol <= MAX_VOL} (NaN is not). */
  public static boolean isValidVol(double vol) {
    return vol > 0 && vol <= MAX_VOL;
  }

  /**
   * Returns {@code vol} if {@link #isValidVol}, else throws.
   *
   * @param where what the vol belongs to, appended to the message (e.g. {@code "(id p1)"}); may be empty
   * @throws IllegalArgumentException "vol must be > 0 and <= 10 ..., was X where"
   */
  public static double checkVol(double vol, String where) {
    if (!isValidVol(vol)) {
      throw new IllegalArgumentException("vol " + VOL_RANGE + ", was " + vol + (where.isEmpty() ? "" : " " + where));
    }
    return vol;
  }
}

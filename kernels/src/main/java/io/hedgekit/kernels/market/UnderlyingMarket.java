package io.hedgekit.kernels.market;

import java.util.List;
import java.util.Objects;

/**
 * Market data of one underlying.
 *
 * <p>Forward to time T: listed forwards imply a carry q_i = r − ln(F_i/S)/T_i at their expiries;
 * between them q is interpolated linearly in T and it is flat outside. With no listed forwards
 * q = {@code carry}, so F = S·exp((r − q)·T).
 *
 * <p>Vol for (T, K): the position's own vol if it has one, else the SVI smile at
 * k = ln(K/F_T), else the surface, else {@code flatVol}.
 *
 * @param spot spot price, USD, > 0
 * @param rate continuously compounded USD rate
 * @param carry continuous carry (yield) q used when no forwards are listed
 * @param forwards listed forwards, sorted by time, each at T > 0 (may be empty)
 * @param flatVol flat implied vol (decimal), NaN if none
 * @param surface implied vol surface, or null
 * @param fundingRate8h perpetual funding rate per 8 hours (decimal)
 * @param smile SVI smile per expiry, or null
 */
public record UnderlyingMarket(double spot, double rate, double carry, List<ForwardPoint> forwards,
    double flatVol, VolSurface surface, double fundingRate8h, VolSmile smile) {

  /** A market without a smile. */
  public UnderlyingMarket(double spot, double rate, double carry, List<ForwardPoint> forwards,
      double flatVol, VolSurface surface, double fundingRate8h) {
    this(spot, rate, carry, forwards, flatVol, surface, fundingRate8h, null);
  }

  /** This market with {@code smile} (null: none) in place of its smile. */
  public UnderlyingMarket withSmile(VolSmile smile) {
    return new UnderlyingMarket(spot, rate, carry, forwards, flatVol, surface, fundingRate8h, smile);
  }

  /**
   * A listed forward.
   *
   * @param timeYears ACT/365 years from valuation to the forward's expiry, > 0
   * @param price forward price, USD, > 0
   */
  public record ForwardPoint(double timeYears, double price) {
  }

  public UnderlyingMarket {
    if (!(spot > 0) || Double.isInfinite(spot)) {
      throw new IllegalArgumentException("spot must be finite and > 0, was " + spot);
    }
    requireFinite("rate", rate);
    requireFinite("carry", carry);
    requireFinite("funding_rate_8h", fundingRate8h);
    forwards = List.copyOf(Objects.requireNonNull(forwards, "forwards"));
    for (int i = 0; i < forwards.size(); i++) {
      ForwardPoint f = forwards.get(i);
      if (!(f.timeYears() > 0) || !(f.price() > 0) || Double.isInfinite(f.price())) {
        throw new IllegalArgumentException("forward " + i + " must have expiry after valuation and a price > 0, was " + f);
      }
      if (i > 0 && !(f.timeYears() > forwards.get(i - 1).timeYears())) {
        throw new IllegalArgumentException("forwards must be sorted by expiry with no repeats (forward " + i + ")");
      }
    }
    if (!Double.isNaN(flatVol) && !io.hedgekit.kernels.Conventions.isValidVol(flatVol)) {
      throw new IllegalArgumentException("vol must be > 0 and <= 10, was " + flatVol);
    }
  }

  private static void requireFinite(String name, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number, was " + v);
    }
  }

  /** The carry q to use for time T (years): implied by listed forwards, else {@code carry}. */
  public double carryFor(double timeYears) {
    if (forwards.isEmpty()) {
      return carry;
    }
    int n = forwards.size();
    if (timeYears <= forwards.get(0).timeYears()) {
      return impliedCarry(0);
    }
    if (timeYears >= forwards.get(n - 1).timeYears()) {
      return impliedCarry(n - 1);
    }
    int hi = 1;
    while (forwards.get(hi).timeYears() < timeYears) {
      hi++;
    }
    double t0 = forwards.get(hi - 1).timeYears();
    double t1 = forwards.get(hi).timeYears();
    double w = (timeYears - t0) / (t1 - t0);
    return (1 - w) * impliedCarry(hi - 1) + w * impliedCarry(hi);
  }

  private double impliedCarry(int i) {
    ForwardPoint f = forwards.get(i);
    return rate - Math.log(f.price() / spot) / f.timeYears();
  }

  /** Forward price for time T, USD: S·exp((r − q(T))·T). */
  public double forward(double timeYears) {
    return io.hedgekit.kernels.Conventions.forward(spot, rate, carryFor(timeYears), timeYears);
  }

  /**
   * Market vol for (T, K): the smile at k = ln(K/F_T) if there is one, else the surface, else
   * the flat vol.
   *
   * @return NaN when the market has none of them
   */
  public double volFor(double timeYears, double strike) {
    if (smile != null) {
      return smile.vol(Math.log(strike / forward(timeYears)), timeYears);
    }
    if (surface != null) {
      return surface.vol(timeYears, strike);
    }
    return flatVol;
  }
}

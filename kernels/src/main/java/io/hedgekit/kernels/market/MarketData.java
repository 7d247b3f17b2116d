package io.hedgekit.kernels.market;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Market data at one valuation time: per underlying, spot, rates, forwards, vols and funding.
 *
 * <p>Time is calendar time (crypto trades 24/7): {@link #yearsTo(Instant)} is ACT/365 to the
 * millisecond.
 *
 * @param valuationTime the instant positions are valued at
 * @param underlyings market per underlying name (e.g. BTC), iterated in name order
 */
public record MarketData(Instant valuationTime, Map<String, UnderlyingMarket> underlyings) {

  /** Milliseconds in an ACT/365 year. */
  public static final double MILLIS_PER_YEAR = io.hedgekit.kernels.Conventions.MILLIS_PER_YEAR;

  public MarketData {
    Objects.requireNonNull(valuationTime, "valuation_time");
    underlyings = java.util.Collections.unmodifiableMap(new TreeMap<>(underlyings));
    if (underlyings.isEmpty()) {
      throw new IllegalArgumentException("market has no underlyings");
    }
  }

  /** ACT/365 years from the valuation time to {@code t} (negative if before). */
  public double yearsTo(Instant t) {
    return Duration.between(valuationTime, t).toMillis() / MILLIS_PER_YEAR;
  }

  /** Underlying names in the order used for underlying indices. */
  public List<String> underlyingNames() {
    return List.copyOf(underlyings.keySet());
  }

  /** The index of an underlying in {@link #underlyingNames()}, or −1. */
  public int indexOf(String underlying) {
    return underlyingNames().indexOf(underlying);
  }

  /** The market of one underlying, or null. */
  public UnderlyingMarket underlying(String name) {
    return underlyings.get(name);
  }
}

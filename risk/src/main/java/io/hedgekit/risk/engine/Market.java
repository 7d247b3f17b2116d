package io.hedgekit.risk.engine;

import io.hedgekit.io.market.MarketJson;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.market.UnderlyingMarket;
import io.hedgekit.kernels.Conventions;
import io.hedgekit.kernels.market.SviSlice;
import io.hedgekit.kernels.market.VolSmile;
import io.hedgekit.kernels.market.VolSurface;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An immutable market snapshot: {@link MarketData} (valuation time; per underlying spot, rate,
 * carry or listed forwards, flat vol or surface, perpetual funding) plus an optional absolute vol
 * shift per underlying. Thread-safe. Intraday updates make new snapshots cheaply
 * ({@link #withSpot}, {@link #withVolShift}); nothing is ever mutated, so a request running on
 * one snapshot is never disturbed by the next.
 *
 * <p>{@link #withSpot} is sticky-strike and keeps the basis: listed forwards move with spot (their
 * implied carry stays), vol surfaces stay in strike, and an SVI smile stays in strike too (each
 * slice's m moves by ln(S′/S), so every strike keeps its vol). A vol shift is added to every option's
 * resolved vol (its own, or the market's) and floored at
 * {@link io.hedgekit.kernels.ScenarioColumns#VOL_FLOOR}.
 */
public final class Market {
  private final String name;
  private final MarketData data;
  private final double[] volShifts;

  private Market(String name, MarketData data, double[] volShifts) {
    this.name = Objects.requireNonNull(name, "name");
    this.data = Objects.requireNonNull(data, "data");
    this.volShifts = volShifts;
  }

  /** The snapshot of {@code data}, named {@code market} in messages. */
  public static Market of(MarketData data) {
    return of("market", data);
  }

  /** The snapshot of {@code data}; {@code name} appears in messages (e.g. the file name). */
  public static Market of(String name, MarketData data) {
    return new Market(name, data, new double[data.underlyings().size()]);
  }

  /**
   * Reads a market JSON file ({@link MarketJson}).
   *
   * @throws io.hedgekit.kernels.InputException naming the file, JSON path and value of a bad entry
   */
  public static Market read(Path file) {
    return of(file.getFileName().toString(), MarketJson.read(file));
  }

  /**
   * Reads a market JSON file; an SVI smile that fails a no-arbitrage check is an error unless
   * {@code allowArbitrage}, when each failure goes to {@code warnings} instead.
   *
   * @throws io.hedgekit.kernels.InputException naming the file, JSON path and value of a bad entry,
   *     or the underlying, expiry, condition and k range of an arbitrageable smile
   */
  public static Market read(Path file, boolean allowArbitrage, Consumer<String> warnings) {
    return of(file.getFileName().toString(), MarketJson.read(file, allowArbitrage, warnings));
  }

  /** A builder for a market at {@code valuationTime}. */
  public static Builder builder(Instant valuationTime) {
    return new Builder(valuationTime);
  }

  /** What messages call this market. */
  public String name() {
    return name;
  }

  /** The market data (without the vol shifts, which resolution applies). */
  public MarketData data() {
    return data;
  }

  /** The valuation time. */
  public Instant valuationTime() {
    return data.valuationTime();
  }

  /** Underlying names in index order (sorted). */
  public List<String> underlyings() {
    return data.underlyingNames();
  }

  /**
   * The market of one underlying.
   *
   * @throws IllegalArgumentException if the market has no such underlying
   */
  public UnderlyingMarket underlying(String underlying) {
    UnderlyingMarket m = data.underlying(underlying);
    if (m == null) {
      throw new IllegalArgumentException("market " + name + " has no underlying " + underlying + " (it has "
          + underlyings() + ")");
    }
    return m;
  }

  /** Spot of {@code underlying}, USD. */
  public double spot(String underlying) {
    return underlying(underlying).spot();
  }

  /** The absolute vol shift of {@code underlying} (0 unless set). */
  public double volShift(String underlying) {
    return volShifts[index(underlying)];
  }

  /** Vol shifts per underlying in {@link #underlyings()} order (a copy). */
  public double[] volShifts() {
    return volShifts.clone();
  }

  /**
   * This market with {@code underlying}'s spot moved to {@code spot} USD (listed forwards scaled
   * by the same ratio, everything else kept).
   */
  public Market withSpot(String underlying, double spot) {
    UnderlyingMarket m = underlying(underlying);
    double ratio = spot / m.spot();
    List<UnderlyingMarket.ForwardPoint> forwards = new ArrayList<>();
    for (UnderlyingMarket.ForwardPoint f : m.forwards()) {
      forwards.add(new UnderlyingMarket.ForwardPoint(f.timeYears(), f.price() * ratio));
    }
    UnderlyingMarket moved = new UnderlyingMarket(spot, m.rate(), m.carry(), forwards, m.flatVol(), m.surface(),
        m.fundingRate8h(), m.smile() == null ? null : m.smile().shiftedInMoneyness(Math.log(ratio)));
    Map<String, UnderlyingMarket> all = new LinkedHashMap<>(data.underlyings());
    all.put(underlying, moved);
    return new Market(name, new MarketData(data.valuationTime(), all), volShifts);
  }

  /** This market with every spot in {@code spots} moved (as {@link #withSpot}). */
  public Market withSpots(Map<String, Double> spots) {
    Market m = this;
    for (Map.Entry<String, Double> e : spots.entrySet()) {
      m = m.withSpot(e.getKey(), e.getValue());
    }
    return m;
  }

  /** This market with {@code shift} (absolute, 0.05 = +5 vol points) added to {@code underlying}'s vols. */
  public Market withVolShift(String underlying, double shift) {
    requireFinite(shift);
    double[] s = volShifts.clone();
    s[index(underlying)] += shift;
    return new Market(name, data, s);
  }

  /** This market with {@code shift} added to every underlying's vols. */
  public Market withVolShift(double shift) {
    requireFinite(shift);
    double[] s = volShifts.clone();
    for (int u = 0; u < s.length; u++) {
      s[u] += shift;
    }
    return new Market(name, data, s);
  }

  /** Whether any vol shift is set. */
  boolean hasVolShift() {
    for (double s : volShifts) {
      if (s != 0.0) {
        return true;
      }
    }
    return false;
  }

  private int index(String underlying) {
    int u = data.indexOf(underlying);
    if (u < 0) {
      underlying(underlying); // throws, naming what the market has
    }
    return u;
  }

  private static void requireFinite(double shift) {
    if (!Double.isFinite(shift)) {
      throw new IllegalArgumentException("vol shift must be finite, was " + shift);
    }
  }

  @Override
  public String toString() {
    return "Market[" + name + " at " + data.valuationTime() + ", " + underlyings() + "]";
  }

  /** Builds a {@link Market}. Not thread-safe. */
  public static final class Builder {
    private final Instant valuationTime;
    private final Map<String, UnderlyingMarket> underlyings = new LinkedHashMap<>();
    private String name = "market";

    private Builder(Instant valuationTime) {
      this.valuationTime = Objects.requireNonNull(valuationTime, "valuationTime");
    }

    /** What messages call the market. */
    public Builder name(String marketName) {
      this.name = Objects.requireNonNull(marketName, "name");
      return this;
    }

    /**
     * Adds (or replaces) an underlying, described by {@code spec} on an {@link Underlying} builder.
     *
     * @throws IllegalArgumentException naming the underlying and field of a bad value
     */
    public Builder underlying(String underlying, Consumer<Underlying> spec) {
      Underlying u = new Underlying(valuationTime);
      spec.accept(u);
      try {
        underlyings.put(underlying, u.toMarket());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("underlying " + underlying + ": " + e.getMessage(), e);
      }
      return this;
    }

    /** Adds (or replaces) an underlying given as {@link UnderlyingMarket}. */
    public Builder underlying(String underlying, UnderlyingMarket market) {
      underlyings.put(underlying, Objects.requireNonNull(market, "market"));
      return this;
    }

    /** The market. */
    public Market build() {
      return of(name, new MarketData(valuationTime, underlyings));
    }
  }

  /**
   * The market of one underlying being built: spot (required), rate, carry or listed forwards,
   * flat vol, a surface or an SVI smile, perpetual funding. {@link #toMarket()} is the one place these become a
   * {@link UnderlyingMarket}, so a new vol model (a smile) plugs in here.
   */
  public static final class Underlying {
    private final Instant valuationTime;
    private double spot = Double.NaN;
    private double rate;
    private double carry;
    private final List<UnderlyingMarket.ForwardPoint> forwards = new ArrayList<>();
    private double flatVol = Double.NaN;
    private VolSurface surface;
    private VolSmile smile;
    private double fundingRate8h;

    private Underlying(Instant valuationTime) {
      this.valuationTime = valuationTime;
    }

    /** Spot price, USD, > 0. */
    public Underlying spot(double usd) {
      this.spot = usd;
      return this;
    }

    /** Continuously compounded USD rate (default 0). */
    public Underlying rate(double r) {
      this.rate = r;
      return this;
    }

    /** Continuous carry q used when no forwards are listed (default 0). */
    public Underlying carry(double q) {
      this.carry = q;
      return this;
    }

    /** A listed forward: {@code price} USD for {@code expiry} (after the valuation time). */
    public Underlying forward(Instant expiry, double price) {
      double t = java.time.Duration.between(valuationTime, expiry).toMillis() / MarketData.MILLIS_PER_YEAR;
      forwards.add(new UnderlyingMarket.ForwardPoint(t, price));
      forwards.sort(java.util.Comparator.comparingDouble(UnderlyingMarket.ForwardPoint::timeYears));
      return this;
    }

    /** One implied vol for every expiry and strike (decimal, 0.55). */
    public Underlying flatVol(double vol) {
      this.flatVol = vol;
      return this;
    }

    /** An implied vol surface (takes precedence over the flat vol). */
    public Underlying surface(VolSurface volSurface) {
      this.surface = volSurface;
      return this;
    }

    /**
     * An SVI smile per expiry (takes precedence over the surface and the flat vol; a position's
     * own vol still comes first). Check it with {@link VolSmile#check()}: the builder does not
     * refuse an arbitrageable smile.
     */
    public Underlying smile(VolSmile volSmile) {
      this.smile = volSmile;
      return this;
    }

    /**
     * An SVI smile from raw slices (expiry → a, b, ρ, m, σ in total variance over
     * k = ln(K/F_T)), times in ACT/365 years from the valuation time.
     *
     * @throws IllegalArgumentException if an expiry is not after the valuation time or a slice is invalid
     */
    public Underlying smile(Map<Instant, SviSlice> slices) {
      List<VolSmile.Slice> list = new ArrayList<>();
      for (Map.Entry<Instant, SviSlice> e : slices.entrySet()) {
        double t = java.time.Duration.between(valuationTime, e.getKey()).toMillis() / Conventions.MILLIS_PER_YEAR;
        list.add(new VolSmile.Slice(e.getKey(), t, e.getValue()));
      }
      list.sort(java.util.Comparator.comparingDouble(VolSmile.Slice::timeYears));
      return smile(new VolSmile(list));
    }

    /** Perpetual funding rate per 8 hours (decimal, default 0). */
    public Underlying fundingRate8h(double rate8h) {
      this.fundingRate8h = rate8h;
      return this;
    }

    UnderlyingMarket toMarket() {
      if (Double.isNaN(spot)) {
        throw new IllegalArgumentException("spot is required");
      }
      return new UnderlyingMarket(spot, rate, carry, forwards, flatVol, surface, fundingRate8h, smile);
    }
  }
}

package io.hedgekit.io.book;

import io.hedgekit.kernels.ContractKind;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One position of a book as written in a book file (not yet resolved against a market). For
 * tests, example books and small hedge universes; large books travel as {@link BookBatch}es.
 *
 * @param id unique position id, not blank
 * @param underlying underlying name, upper-cased (BTC)
 * @param kind instrument, option type and settlement
 * @param strike option strike, USD, > 0; NaN for non-options
 * @param expiry expiry of options and futures (truncated to milliseconds), null for the rest
 * @param quantity signed number of contracts, finite
 * @param contractSize contract size, > 0 (coins, or USD face for inverse futures and perpetuals)
 * @param vol implied vol (decimal) in (0, 10], or NaN for "use the market's"
 * @param entryPrice entry price of futures/perpetuals, USD, > 0, or NaN for none
 * @param extras values of extra numeric columns by name (NaN = missing); iteration in insertion order
 */
public record BookPosition(String id, String underlying, ContractKind kind, double strike, Instant expiry,
    double quantity, double contractSize, double vol, double entryPrice, Map<String, Double> extras) {

  public BookPosition {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank, was " + (id == null ? null : "\"" + id + "\""));
    }
    if (underlying == null || underlying.isBlank()) {
      throw new IllegalArgumentException("underlying must not be blank (id " + id + ")");
    }
    underlying = underlying.strip().toUpperCase(Locale.ROOT);
    Objects.requireNonNull(kind, "kind");
    if (kind.isOption()) {
      if (!(strike > 0) || Double.isInfinite(strike)) {
        throw new IllegalArgumentException("strike must be finite and > 0, was " + strike + " (id " + id + ")");
      }
    } else if (!Double.isNaN(strike)) {
      throw new IllegalArgumentException("strike must be NaN for a " + kind + ", was " + strike + " (id " + id + ")");
    }
    if (kind.hasExpiry() != (expiry != null)) {
      throw new IllegalArgumentException(kind + (kind.hasExpiry() ? " needs" : " has no") + " an expiry, was " + expiry + " (id " + id + ")");
    }
    if (expiry != null) {
      expiry = Instant.ofEpochMilli(expiry.toEpochMilli());
    }
    if (!Double.isFinite(quantity)) {
      throw new IllegalArgumentException("quantity must be finite, was " + quantity + " (id " + id + ")");
    }
    if (!(contractSize > 0) || Double.isInfinite(contractSize)) {
      throw new IllegalArgumentException("contract_size must be finite and > 0, was " + contractSize + " (id " + id + ")");
    }
    if (!Double.isNaN(vol) && !io.hedgekit.kernels.Conventions.isValidVol(vol)) {
      throw new IllegalArgumentException("vol must be > 0 and <= 10 or NaN, was " + vol + " (id " + id + ")");
    }
    if (!Double.isNaN(entryPrice) && !(entryPrice > 0 && Double.isFinite(entryPrice))) {
      throw new IllegalArgumentException("entry_price must be finite and > 0 or NaN, was " + entryPrice + " (id " + id + ")");
    }
    LinkedHashMap<String, Double> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : (extras == null ? Map.<String, Double>of() : extras).entrySet()) {
      copy.put(Objects.requireNonNull(e.getKey(), "extra column name"), Objects.requireNonNull(e.getValue(), e.getKey()));
    }
    extras = Collections.unmodifiableMap(copy);
  }

  /**
   * A position in the contract a Deribit symbol names, contract size 1, no vol, entry price or
   * extras.
   */
  public static BookPosition of(String id, DeribitSymbol symbol, double quantity) {
    return new BookPosition(id, symbol.underlying(), symbol.kind(), symbol.strike(), symbol.expiry(), quantity,
        1.0, Double.NaN, Double.NaN, Map.of());
  }

  /** A copy with another vol. */
  public BookPosition withVol(double newVol) {
    return new BookPosition(id, underlying, kind, strike, expiry, quantity, contractSize, newVol, entryPrice, extras);
  }

  /** A copy with another entry price. */
  public BookPosition withEntryPrice(double newEntryPrice) {
    return new BookPosition(id, underlying, kind, strike, expiry, quantity, contractSize, vol, newEntryPrice, extras);
  }

  /** A copy with another contract size. */
  public BookPosition withContractSize(double newContractSize) {
    return new BookPosition(id, underlying, kind, strike, expiry, quantity, newContractSize, vol, entryPrice, extras);
  }

  /** A copy with these extra column values. */
  public BookPosition withExtras(Map<String, Double> newExtras) {
    return new BookPosition(id, underlying, kind, strike, expiry, quantity, contractSize, vol, entryPrice, newExtras);
  }

  /** Value of extra column {@code name}, NaN if this position has none. */
  public double extra(String name) {
    Double v = extras.get(name);
    return v == null ? Double.NaN : v;
  }
}

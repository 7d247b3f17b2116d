package io.hedgekit.risk.engine;

import io.hedgekit.io.book.BookPosition;
import io.hedgekit.kernels.ContractKind;
import java.time.Instant;
import java.util.Map;

/**
 * One position of an in-memory {@link Book}, as a trading system holds it (not yet resolved
 * against a market). Build it with the factory of its instrument kind; validated when built, with
 * messages naming the field, the value and the id.
 *
 * <p>Units: strike and entry price USD; {@code quantity} a signed number of contracts;
 * {@code contractSize} coins per contract, or USD face per contract for inverse futures and
 * perpetuals; {@code vol} decimal (0.55), NaN to take the market's.
 *
 * @param id unique position id, not blank
 * @param underlying underlying name, upper-cased (BTC)
 * @param kind instrument, option type and settlement
 * @param strike option strike, USD, > 0; NaN for non-options
 * @param expiry expiry of options and futures (truncated to milliseconds), null for the rest
 * @param quantity signed number of contracts, finite
 * @param contractSize > 0
 * @param vol the position's own implied vol in (0, 10], or NaN for the market's
 * @param entryPrice entry price of futures/perpetuals, USD, > 0, or NaN for today's price
 */
public record Position(String id, String underlying, ContractKind kind, double strike, Instant expiry, double quantity,
    double contractSize, double vol, double entryPrice) {

  /** Call or put. */
  public enum OptionType {
    CALL, PUT
  }

  /** Shorthand for {@link OptionType#CALL}. */
  public static final OptionType CALL = OptionType.CALL;
  /** Shorthand for {@link OptionType#PUT}. */
  public static final OptionType PUT = OptionType.PUT;

  public Position {
    // The book's row rules live in one place, io's BookPosition (the same checks and messages as
    // a position read from a file); it also normalises the underlying and the expiry.
    BookPosition checked = new BookPosition(id, underlying, kind, strike, expiry, quantity, contractSize, vol,
        entryPrice, Map.of());
    underlying = checked.underlying();
    expiry = checked.expiry();
  }

  /** A USD-settled (linear) option on {@code quantity} coins, vol from the market. */
  public static Position option(String id, String underlying, OptionType type, double strike, Instant expiry,
      double quantity) {
    return new Position(id, underlying, ContractKind.of(ContractKind.Instrument.OPTION, type == OptionType.CALL, false),
        strike, expiry, quantity, 1.0, Double.NaN, Double.NaN);
  }

  /** A coin-settled (inverse, Deribit style) option on {@code quantity} coins, vol from the market. */
  public static Position inverseOption(String id, String underlying, OptionType type, double strike, Instant expiry,
      double quantity) {
    return new Position(id, underlying, ContractKind.of(ContractKind.Instrument.OPTION, type == OptionType.CALL, true),
        strike, expiry, quantity, 1.0, Double.NaN, Double.NaN);
  }

  /** A USD-settled dated future on {@code quantity} coins entered at {@code entryPrice} (NaN: today's forward). */
  public static Position future(String id, String underlying, Instant expiry, double quantity, double entryPrice) {
    return new Position(id, underlying, ContractKind.LINEAR_FUTURE, Double.NaN, expiry, quantity, 1.0, Double.NaN,
        entryPrice);
  }

  /** A coin-settled dated future of {@code quantity} contracts of {@code faceUsd} USD each. */
  public static Position inverseFuture(String id, String underlying, Instant expiry, double quantity, double faceUsd,
      double entryPrice) {
    return new Position(id, underlying, ContractKind.INVERSE_FUTURE, Double.NaN, expiry, quantity, faceUsd, Double.NaN,
        entryPrice);
  }

  /** A USD-settled perpetual on {@code quantity} coins entered at {@code entryPrice} (NaN: today's spot). */
  public static Position perpetual(String id, String underlying, double quantity, double entryPrice) {
    return new Position(id, underlying, ContractKind.LINEAR_PERPETUAL, Double.NaN, null, quantity, 1.0, Double.NaN,
        entryPrice);
  }

  /** A coin-settled perpetual of {@code quantity} contracts of {@code faceUsd} USD each. */
  public static Position inversePerpetual(String id, String underlying, double quantity, double faceUsd,
      double entryPrice) {
    return new Position(id, underlying, ContractKind.INVERSE_PERPETUAL, Double.NaN, null, quantity, faceUsd, Double.NaN,
        entryPrice);
  }

  /** {@code quantity} coins held. */
  public static Position spot(String id, String underlying, double quantity) {
    return new Position(id, underlying, ContractKind.SPOT, Double.NaN, null, quantity, 1.0, Double.NaN, Double.NaN);
  }

  /** The same position with its own implied vol (decimal; NaN = the market's). */
  public Position withVol(double newVol) {
    return new Position(id, underlying, kind, strike, expiry, quantity, contractSize, newVol, entryPrice);
  }

  /** The same position with another contract size. */
  public Position withContractSize(double newContractSize) {
    return new Position(id, underlying, kind, strike, expiry, quantity, newContractSize, vol, entryPrice);
  }

  /** The same position with another quantity (contracts). */
  public Position withQuantity(double newQuantity) {
    return new Position(id, underlying, kind, strike, expiry, newQuantity, contractSize, vol, entryPrice);
  }
}

package io.hedgekit.risk.hedge;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.Position;
import java.util.Objects;

/**
 * One instrument the desk is willing to trade, as one resolved contract.
 *
 * <p>{@code contract} is the position of ONE contract (quantity 1): its {@code size} is the
 * contract size (coins, or USD face for inverse futures and perpetuals). Traded quantities are in
 * contracts, signed (positive = buy), and are multiples of {@code lot} within
 * [{@code minQuantity}, {@code maxQuantity}].
 *
 * <p>A hedge trade is a new trade: futures and perpetuals are entered at today's price whatever
 * {@code contract.entryPrice()} says (the constructor replaces it by the forward
 * {@code S·exp((r − q)·T)} for futures and the spot for perpetuals), so their value is 0 and an
 * inverse contract's delta is {@code face / today's price}.
 *
 * @param id instrument id as written in the universe file (e.g. {@code BTC-PERPETUAL})
 * @param contract the resolved position of one contract; {@code contract.underlying()} indexes the
 *     universe's underlyings
 * @param cost USD per contract traded (half spread plus fee), finite, &gt;= 0
 * @param lot smallest tradable increment in contracts, finite, &gt; 0
 * @param minQuantity lowest signed quantity a hedge may trade, contracts, &lt;= 0 (e.g. -500 = sell at
 *     most 500); NaN = unbounded
 * @param maxQuantity highest signed quantity a hedge may trade, contracts, &gt;= 0; NaN = unbounded
 */
public record HedgeInstrument(String id, Position contract, double cost, double lot, double minQuantity, double maxQuantity) {

  /**
   * @throws IllegalArgumentException naming the id, the field and the value, when the id is blank,
   *     a contract field the kernels read is not finite (spot, time, rate, carry, size; strike and
   *     vol of options; funding of perpetuals), the contract size is not &gt; 0, cost is negative or NaN,
   *     lot is not &gt; 0, a bound is infinite, min &gt; max, or the bounds exclude 0
   */
  public HedgeInstrument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(contract, "contract");
    if (id.isBlank()) {
      throw new IllegalArgumentException("hedge instrument id must not be blank");
    }
    finite(id, "spot", contract.spot());
    if (!(contract.spot() > 0)) {
      throw new IllegalArgumentException("spot must be > 0 USD, was " + contract.spot() + " (id " + id + ")");
    }
    finite(id, "timeYears", contract.timeYears());
    finite(id, "rate", contract.rate());
    finite(id, "carry", contract.carry());
    finite(id, "size", contract.size());
    if (contract.kind().isOption()) {
      if (!(contract.strike() > 0) || Double.isInfinite(contract.strike())) {
        throw new IllegalArgumentException("strike must be finite and > 0 USD, was " + contract.strike() + " (id " + id + ")");
      }
      if (!(contract.vol() > 0) || Double.isInfinite(contract.vol())) {
        throw new IllegalArgumentException("vol must be finite and > 0, was " + contract.vol() + " (id " + id + ")");
      }
    }
    if (contract.kind().instrument() == ContractKind.Instrument.PERPETUAL) {
      finite(id, "funding8h", contract.funding8h());
    }
    contract = enteredToday(contract);
    if (!(contract.size() > 0)) {
      throw new IllegalArgumentException("size (contract size, quantity 1) must be > 0, was " + contract.size() + " (id " + id + ")");
    }
    if (!(cost >= 0) || Double.isInfinite(cost)) {
      throw new IllegalArgumentException("cost must be finite and >= 0 USD per contract, was " + cost + " (id " + id + ")");
    }
    if (!(lot > 0) || Double.isInfinite(lot)) {
      throw new IllegalArgumentException("lot must be finite and > 0 contracts, was " + lot + " (id " + id + ")");
    }
    if (Double.isInfinite(minQuantity) || Double.isInfinite(maxQuantity)) {
      throw new IllegalArgumentException("min_quantity/max_quantity must be finite or empty (NaN = unbounded), were "
          + minQuantity + "/" + maxQuantity + " (id " + id + ")");
    }
    if (minQuantity > maxQuantity) {
      throw new IllegalArgumentException("min_quantity " + minQuantity + " is above max_quantity " + maxQuantity + " (id " + id + ")");
    }
    if (minQuantity > 0 || maxQuantity < 0) {
      throw new IllegalArgumentException("min_quantity/max_quantity bound the signed traded quantity and must allow no trade"
          + " (min <= 0 <= max), were " + minQuantity + "/" + maxQuantity + " (id " + id + ")");
    }
  }

  /** Index of the instrument's underlying (same as {@code contract().underlying()}). */
  public int underlying() {
    return contract.underlying();
  }

  /** Lowest tradable quantity: the smallest lot multiple &gt;= minQuantity, or -infinity. */
  public double lowestQuantity() {
    return Lots.lowestMultiple(minQuantity, lot);
  }

  /** Highest tradable quantity: the largest lot multiple &lt;= maxQuantity, or +infinity. */
  public double highestQuantity() {
    return Lots.highestMultiple(maxQuantity, lot);
  }

  /** The same instrument with its contract on another underlying index (for re-indexing). */
  HedgeInstrument withUnderlying(int u) {
    Position c = contract;
    return new HedgeInstrument(id, new Position(c.kind(), u, c.spot(), c.strike(), c.timeYears(), c.vol(), c.rate(),
        c.carry(), c.size(), c.entryPrice(), c.funding8h()), cost, lot, minQuantity, maxQuantity);
  }

  private static Position enteredToday(Position c) {
    double entry = switch (c.kind().instrument()) {
      case FUTURE -> io.hedgekit.kernels.Conventions.forward(c.spot(), c.rate(), c.carry(), Math.max(c.timeYears(), 0.0));
      case PERPETUAL -> c.spot();
      case OPTION, SPOT -> c.entryPrice();
    };
    return entry == c.entryPrice() ? c : new Position(c.kind(), c.underlying(), c.spot(), c.strike(), c.timeYears(), c.vol(),
        c.rate(), c.carry(), c.size(), entry, c.funding8h());
  }

  private static void finite(String id, String field, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(field + " must be finite, was " + v + " (id " + id + ")");
    }
  }
}

package io.hedgekit.risk.margin;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Collateral balances. USD and USDC are worth 1 USD per unit; any other currency (BTC, ETH, ...)
 * is worth its underlying's spot, and moves with it in the liquidation search.
 *
 * @param balances one per currency
 */
public record Collateral(List<Balance> balances) {

  /**
   * @param currency upper-case currency code (BTC, ETH, USDC, USD, ...)
   * @param amount units held, ≥ 0
   * @param haircut fraction of the value not counted as equity, in [0, 1)
   */
  public record Balance(String currency, double amount, double haircut) {
    public Balance {
      Objects.requireNonNull(currency, "currency");
      currency = currency.trim().toUpperCase(Locale.ROOT);
      if (currency.isEmpty()) {
        throw new IllegalArgumentException("currency must not be blank");
      }
      if (!(amount >= 0) || Double.isInfinite(amount)) {
        throw new IllegalArgumentException("balance of " + currency + " must be finite and >= 0, was " + amount);
      }
      if (!(haircut >= 0 && haircut < 1)) {
        throw new IllegalArgumentException("haircut of " + currency + " must be >= 0 and < 1, was " + haircut);
      }
    }

    /** True for currencies worth 1 USD per unit (USD, USDC, USDT). */
    public boolean isCash() {
      return isCash(currency);
    }

    static boolean isCash(String currency) {
      return currency.equals("USD") || currency.equals("USDC") || currency.equals("USDT");
    }
  }

  public Collateral {
    balances = List.copyOf(balances);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Balance b : balances) {
      if (!seen.add(b.currency())) {
        throw new IllegalArgumentException("currency " + b.currency() + " is listed twice in the collateral");
      }
    }
  }

  /** No collateral. */
  public static Collateral none() {
    return new Collateral(List.of());
  }

  /** USD cash only. */
  public static Collateral usd(double amount) {
    return new Collateral(List.of(new Balance("USD", amount, 0)));
  }

  /** Units of {@code currency} after haircut (0 when not held). */
  public double effectiveUnits(String currency) {
    for (Balance b : balances) {
      if (b.currency().equals(currency)) {
        return b.amount() * (1 - b.haircut());
      }
    }
    return 0;
  }
}

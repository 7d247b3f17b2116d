package io.hedgekit.risk.margin;

import java.util.List;
import java.util.Map;

/**
 * Margin of a book and its collateral at today's market. All amounts USD.
 *
 * @param model the model's name
 * @param im initial margin: risk matrix + extended + contingency, summed over underlyings
 * @param mm maintenance margin: IM × the model's maintenance ratio
 * @param riskMatrix the risk-matrix component (worst core-cell loss per underlying, summed)
 * @param extended the extended-table component
 * @param contingency the contingency add-ons
 * @param underlyings per underlying, in book order then collateral-only currencies
 * @param equity collateral value after haircuts + book value
 * @param collateral per collateral currency
 * @param bookValue book value per book underlying (options at model value, futures and perpetuals
 *     at their unrealised P&amp;L against entry, spot at spot)
 * @param worstCell the risk-matrix cell with the largest loss over all underlyings, or null when
 *     no cell loses
 * @param liquidation distance to liquidation per underlying and for all together ({@link #ALL})
 */
public record MarginResult(String model, double im, double mm, double riskMatrix, double extended, double contingency,
    List<UnderlyingMargin> underlyings, double equity, List<CollateralValue> collateral, Map<String, Double> bookValue,
    Cell worstCell, List<Liquidation> liquidation) {

  /** Name of the all-underlyings-together liquidation entry. */
  public static final String ALL = "ALL";

  public MarginResult {
    underlyings = List.copyOf(underlyings);
    collateral = List.copyOf(collateral);
    bookValue = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bookValue));
    liquidation = List.copyOf(liquidation);
  }

  /** MM / equity: 1 or more means liquidation (infinite when equity ≤ 0 and MM &gt; 0). */
  public double marginRatio() {
    if (equity <= 0) {
      return mm > 0 ? Double.POSITIVE_INFINITY : 0.0;
    }
    return mm / equity;
  }

  /** Equity above maintenance margin, USD (negative: liquidation). */
  public double excessOverMm() {
    return equity - mm;
  }

  /** The liquidation entry of {@code name} (an underlying or {@link #ALL}). */
  public Liquidation liquidation(String name) {
    return liquidation.stream().filter(l -> l.underlying().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no liquidation entry " + name));
  }

  /** The margin of underlying {@code name}. */
  public UnderlyingMargin underlying(String name) {
    return underlyings.stream().filter(l -> l.underlying().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no underlying " + name));
  }

  /**
   * One underlying's margin.
   *
   * @param underlying name
   * @param spot spot, USD
   * @param riskMatrix worst core-cell loss, ≥ 0
   * @param extended extended-table add-on, ≥ 0
   * @param contingency contingency add-ons, ≥ 0
   * @param worstCell its worst core cell, or null when none loses
   */
  public record UnderlyingMargin(String underlying, double spot, double riskMatrix, double extended,
      double contingency, Cell worstCell) {
    /** The underlying's IM contribution. */
    public double im() {
      return riskMatrix + extended + contingency;
    }
  }

  /**
   * A risk-matrix cell.
   *
   * @param underlying name
   * @param spotMove relative spot move (−0.16 = −16%)
   * @param vol "down", "unchanged" or "up"
   * @param loss loss in the cell, USD (positive = a loss)
   */
  public record Cell(String underlying, double spotMove, String vol, double loss) {
  }

  /**
   * One collateral balance valued.
   *
   * @param currency code
   * @param amount units held
   * @param haircut fraction not counted
   * @param price USD per unit
   * @param valueUsd amount × price × (1 − haircut)
   */
  public record CollateralValue(String currency, double amount, double haircut, double price, double valueUsd) {
  }

  /**
   * How far the market may move before equity falls to maintenance margin.
   *
   * @param underlying the underlying moved alone, or {@link #ALL} for every underlying (and coin
   *     collateral) moved by the same relative amount
   * @param belowNow true when equity is already at or below MM
   * @param down the first falling move at which equity = MM, or null for none within −90%
   * @param up the first rising move, or null for none within +90%
   */
  public record Liquidation(String underlying, boolean belowNow, Point down, Point up) {
    /** The nearer of down and up, or null. */
    public Point nearest() {
      if (down == null) {
        return up;
      }
      if (up == null) {
        return down;
      }
      return Math.abs(down.move()) <= Math.abs(up.move()) ? down : up;
    }
  }

  /**
   * A liquidation point.
   *
   * @param move relative spot move (−0.3 = −30%)
   * @param prices spot of each moved underlying at that move, USD
   */
  public record Point(double move, Map<String, Double> prices) {
    public Point {
      prices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(prices));
    }
  }
}

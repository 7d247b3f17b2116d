package io.hedgekit.report;

import java.util.List;

/**
 * Portfolio margin, distance to liquidation and carry, as display values (USD unless stated).
 *
 * @param model what margin model was used
 * @param im initial margin, >= 0
 * @param mm maintenance margin, >= 0
 * @param riskMatrix risk-matrix component of IM, >= 0
 * @param extended extended-move component, >= 0
 * @param contingency contingency add-ons, >= 0
 * @param equity collateral after haircuts plus book value
 * @param underlyings margin per underlying
 * @param liquidation distance to liquidation per underlying and all together
 * @param carry basis, funding and cash-and-carry lines (may be empty)
 */
public record MarginSection(String model, double im, double mm, double riskMatrix, double extended, double contingency,
    double equity, List<Row> underlyings, List<Liquidation> liquidation, List<CarryLine> carry) {

  /**
   * One underlying's margin.
   *
   * @param worstCell the worst risk-matrix cell in words, e.g. "spot −16%, vol up: loss 1,234"
   */
  public record Row(String underlying, double riskMatrix, double extended, double contingency, String worstCell) {
    public Row {
      Checks.text("underlying", underlying);
      Checks.nonNegative("riskMatrix of " + underlying, riskMatrix);
      Checks.nonNegative("extended of " + underlying, extended);
      Checks.nonNegative("contingency of " + underlying, contingency);
      Checks.text("worstCell of " + underlying, worstCell);
    }
  }

  /**
   * Where equity falls to MM.
   *
   * @param scope "BTC alone", "all together", ...
   * @param down the falling move and price in words, or "none within ±90%"
   * @param up the rising move and price in words
   * @param nearestMove the nearer move (relative), or NaN for none
   */
  public record Liquidation(String scope, String down, String up, double nearestMove) {
    public Liquidation {
      Checks.text("scope", scope);
      Checks.text("down of " + scope, down);
      Checks.text("up of " + scope, up);
    }
  }

  /**
   * One carry line.
   *
   * @param item e.g. "BTC future 0.320 y"
   * @param kind "basis", "funding" or "cash-and-carry"
   * @param apr annualised rate (0.05 = 5%)
   * @param detail further numbers in words (may be empty)
   */
  public record CarryLine(String item, String kind, double apr, String detail) {
    public CarryLine {
      Checks.text("item", item);
      Checks.text("kind of " + item, kind);
      Checks.finite("apr of " + item, apr);
    }
  }

  public MarginSection {
    Checks.text("model", model);
    Checks.nonNegative("im", im);
    Checks.nonNegative("mm", mm);
    Checks.nonNegative("riskMatrix", riskMatrix);
    Checks.nonNegative("extended", extended);
    Checks.nonNegative("contingency", contingency);
    Checks.finite("equity", equity);
    underlyings = Checks.list("underlyings", underlyings);
    liquidation = Checks.list("liquidation", liquidation);
    carry = Checks.list("carry", carry);
  }

  /** MM / equity (infinite when equity <= 0). */
  public double marginRatio() {
    return equity > 0 ? mm / equity : Double.POSITIVE_INFINITY;
  }
}

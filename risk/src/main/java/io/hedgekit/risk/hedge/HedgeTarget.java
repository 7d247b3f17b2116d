package io.hedgekit.risk.hedge;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a hedge aims at. */
public enum HedgeTarget {
  /** Zero delta per underlying, trading only perpetuals, futures and spot; least cost. */
  DELTA("delta", true),
  /** Zero delta and gamma per underlying with options and linear instruments; least cost (LP). */
  DELTA_GAMMA("delta-gamma", true),
  /** Zero delta, gamma and vega per underlying with options and linear instruments; least cost (LP). */
  DELTA_GAMMA_VEGA("delta-gamma-vega", true),
  /** Least variance of the hedged book's scenario P&amp;L (least squares); needs scenarios. */
  MIN_VARIANCE("min-variance", false),
  /** Least Expected Shortfall of the scenario P&amp;L plus trading cost (linear program); needs scenarios. */
  MIN_ES("min-es", false),
  /**
   * Least initial margin plus trading cost under a portfolio-margin model (needs collateral and a
   * model, not scenarios): sized by {@code io.hedgekit.risk.margin.MarginHedger}.
   */
  MIN_MARGIN("min-margin", false);

  private final String label;
  private final boolean greeks;

  HedgeTarget(String label, boolean greeks) {
    this.label = label;
    this.greeks = greeks;
  }

  /** The name used on the command line and in reports ({@code delta-gamma-vega}, {@code min-es}, ...). */
  public String label() {
    return label;
  }

  /** True for the Greek-neutralising targets, false for the scenario-based ones. */
  public boolean neutralisesGreeks() {
    return greeks;
  }

  /** True when the target needs a scenario set. */
  public boolean needsScenarios() {
    return !greeks && this != MIN_MARGIN;
  }

  /**
   * The target for a command-line name (case-insensitive; underscores accepted for dashes).
   *
   * @throws IllegalArgumentException naming the value and the known targets
   */
  public static HedgeTarget parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (HedgeTarget t : values()) {
      if (t.label.equals(n)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown hedge target '" + name + "'; known: " + labels());
  }

  /** All labels, in declaration order. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(HedgeTarget::label).toList();
  }
}

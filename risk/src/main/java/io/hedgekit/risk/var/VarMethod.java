package io.hedgekit.risk.var;

/** How scenario P&amp;L is computed. */
public enum VarMethod {
  /** Full revaluation of every position with the backend's {@link io.hedgekit.kernels.RevaluationKernel}. */
  FULL("full"),
  /** Per underlying ΔdS + ½ΓdS² (+ perpetual funding), dS = S·(exp(return) − 1). */
  DELTA_GAMMA("delta-gamma"),
  /** Delta-gamma + ν·dσ + θ·h + vanna·dS·dσ + ½·volga·dσ² (+ perpetual funding). */
  DELTA_GAMMA_VEGA_THETA("delta-gamma-vega-theta");

  private final String label;

  VarMethod(String label) {
    this.label = label;
  }

  /** The name used in results and JSON ({@code full}, {@code delta-gamma}, {@code delta-gamma-vega-theta}). */
  @com.fasterxml.jackson.annotation.JsonValue
  public String label() {
    return label;
  }
}

package io.hedgekit.risk.var;

/**
 * VaR and ES of one method at one confidence, USD (losses positive).
 *
 * @param method {@link VarMethod#label()}
 * @param confidence e.g. 0.99
 * @param var value at risk
 * @param es expected shortfall
 */
public record RiskFigure(String method, double confidence, double var, double es) {
}

package io.hedgekit.risk.var;

/**
 * VaR and ES of one method at one confidence, USD (losses positive).
 *
 * @param method how the P&amp;L was computed (written as its {@link VarMethod#label()} in JSON)
 * @param confidence e.g. 0.99
 * @param var value at risk
 * @param es expected shortfall
 */
public record RiskFigure(VarMethod method, double confidence, double var, double es) {
}

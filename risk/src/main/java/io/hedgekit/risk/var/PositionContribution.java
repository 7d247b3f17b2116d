package io.hedgekit.risk.var;

/**
 * A position's Euler contribution to ES: minus its mean P&amp;L over the portfolio's tail
 * scenarios, USD. Contributions of all positions sum to the portfolio ES.
 *
 * @param id position id
 * @param underlying underlying name
 * @param contribution USD; positive = the position loses in the tail
 */
public record PositionContribution(String id, String underlying, double contribution) {
}

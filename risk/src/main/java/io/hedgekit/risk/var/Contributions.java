package io.hedgekit.risk.var;

import java.util.List;
import java.util.Map;

/**
 * Euler ES contributions at one confidence.
 *
 * @param confidence the confidence whose tail scenarios were used (the highest requested)
 * @param es the full-revaluation ES at that confidence, USD
 * @param byUnderlying sum of the contributions of each underlying's positions, USD (sums to ES)
 * @param top the largest contributors by absolute value, largest first (ties in book order)
 */
public record Contributions(double confidence, double es, Map<String, Double> byUnderlying,
    List<PositionContribution> top) {
}

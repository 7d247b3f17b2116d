package io.hedgekit.risk.hedge;

/**
 * Greeks of one underlying's positions, summed, in the units of
 * {@link io.hedgekit.kernels.GreeksColumns}.
 *
 * @param underlying underlying name
 * @param spot spot, USD
 * @param delta ∂value/∂spot, coins
 * @param gamma ∂²value/∂spot², coins per USD
 * @param vega ∂value/∂vol, USD per 1.00 of vol
 * @param theta ∂value/∂t, USD per year
 * @param dollarDelta delta × spot, USD per 1.00 (100%) relative move of spot
 */
public record UnderlyingRisk(String underlying, double spot, double delta, double gamma, double vega, double theta,
    double dollarDelta) {
}

package io.hedgekit.kernels;

/**
 * One resolved position: the row form of {@link PositionColumns}, with the same units.
 *
 * @param kind what the contract is
 * @param underlying index of the underlying
 * @param spot spot price, USD
 * @param strike strike, USD (options)
 * @param timeYears time to expiry in ACT/365 years (≤ 0: expired)
 * @param vol implied vol, decimal
 * @param rate continuously compounded USD rate
 * @param carry continuous carry q
 * @param size signed quantity × contract size (coins, or USD face for inverse futures/perpetuals)
 * @param entryPrice entry price of futures/perpetuals, USD
 * @param funding8h perpetual funding rate per 8 hours
 */
public record Position(
    ContractKind kind, int underlying, double spot, double strike, double timeYears, double vol,
    double rate, double carry, double size, double entryPrice, double funding8h) {
}

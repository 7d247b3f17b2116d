package io.hedgekit.risk.hedge;

/**
 * One trade to execute.
 *
 * @param id instrument id from the universe
 * @param quantity signed contracts (positive = buy), a multiple of the instrument's lot
 * @param cost |quantity| × cost per contract, USD
 */
public record HedgeTicket(String id, double quantity, double cost) {
}

/**
 * VaR backtesting on a price history: rolling historical-simulation VaR of today's book against
 * the book's P&amp;L on each next day's actual move, with Kupiec's proportion-of-failures test,
 * Christoffersen's independence test and the Basel traffic light.
 */
package io.hedgekit.risk.backtest;

/**
 * The intraday loop: a warm book ({@link io.hedgekit.risk.intraday.LiveBook}) repriced on every
 * market update, a guard that keeps bad market data out
 * ({@link io.hedgekit.risk.intraday.MarketGuard}), risk mandates
 * ({@link io.hedgekit.risk.intraday.Mandates}) and re-hedge proposals
 * ({@link io.hedgekit.risk.intraday.IntradayLoop}); and the hedge backtest that replays daily
 * closes through the same policy. Built on {@link io.hedgekit.risk.engine.RiskEngine}.
 */
package io.hedgekit.risk.intraday;

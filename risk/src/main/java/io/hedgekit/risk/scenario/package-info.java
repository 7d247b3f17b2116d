/**
 * Scenario generators: historical (overlapping N-day log returns of a daily price history,
 * optionally volatility-filtered with EWMA) and Monte Carlo (correlated GBM, Student-t or Merton
 * jump returns, optional implied-vol shifts, paths of several steps). Both produce an
 * {@link io.hedgekit.kernels.scenario.ScenarioSet}; files are written with
 * {@link io.hedgekit.io.scenario.ScenarioFiles}.
 */
package io.hedgekit.risk.scenario;

/**
 * Portfolio margin of a book and its collateral (issue 18): a Deribit-style risk matrix of spot
 * moves × vol shocks per underlying, an extended table of large moves, contingency add-ons,
 * initial and maintenance margin, equity, the distance to liquidation, margin-aware hedging and
 * carry. Every matrix cell is a full revaluation through the backend's revaluation kernel.
 * Inputs are values built in memory ({@link io.hedgekit.risk.ResolvedBook}, {@link MarginModel},
 * {@link Collateral}); {@link MarginJson} parses JSON text the caller has read. See docs/margin.md.
 */
package io.hedgekit.risk.margin;

/**
 * Hedge sizing (issue 6): which trades in a universe of tradable instruments neutralise a book's
 * Greeks per underlying or minimise its scenario risk, rounded to lots, with the before/after
 * risk and the trading cost; and the same before/after for trades a person proposes.
 *
 * <p>Entry points: {@link io.hedgekit.risk.hedge.Hedger} (targets in
 * {@link io.hedgekit.risk.hedge.HedgeTarget}), {@link io.hedgekit.risk.hedge.WhatIf},
 * {@link io.hedgekit.risk.hedge.HedgeReports} (CSV, JSON, text). Inputs are already resolved:
 * a {@link io.hedgekit.risk.ResolvedBook} and a {@link io.hedgekit.risk.hedge.HedgeUniverse}
 * of per-contract positions. Optimisation uses Apache Commons Math ({@code SimplexSolver},
 * {@code QRDecomposition}); this package has no solver of its own.
 */
package io.hedgekit.risk.hedge;

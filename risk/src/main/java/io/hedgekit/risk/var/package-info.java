/**
 * Value at risk and expected shortfall of a book over a scenario set: full revaluation with a
 * {@link io.hedgekit.kernels.RevaluationKernel}, Greek approximations over the same scenarios,
 * per-underlying figures, Euler ES contributions of positions, and the result as JSON.
 *
 * <p>Definitions: with M scenario P&amp;Ls sorted ascending L(1) ≤ ... ≤ L(M) and
 * k = ⌈M·(1 − confidence)⌉, VaR = −L(k) and ES = −mean(L(1..k)); both are losses, positive when
 * the tail loses money. See {@link io.hedgekit.risk.var.RiskMeasures}.
 */
package io.hedgekit.risk.var;

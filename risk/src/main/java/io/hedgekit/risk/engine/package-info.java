/**
 * The embeddable engine: {@link io.hedgekit.risk.engine.RiskEngine} (one per process or service;
 * owns the allocator, backend and threads), in-memory inputs ({@link io.hedgekit.risk.engine.Book},
 * {@link io.hedgekit.risk.engine.Market}, {@link io.hedgekit.kernels.scenario.ScenarioSet}), resolution
 * as a public step ({@link io.hedgekit.risk.engine.ResolvedPositions}, strict or lenient with
 * {@link io.hedgekit.risk.engine.Rejection}s) and typed requests and results. The CLI is a client
 * of this package; see {@code docs/embedding.md}.
 */
package io.hedgekit.risk.engine;

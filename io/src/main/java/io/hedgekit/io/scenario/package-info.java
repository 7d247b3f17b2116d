/**
 * Scenario sets and the files that hold them, plus the daily price histories they are generated
 * from.
 *
 * <p>A scenario file is a table with one row per scenario (and per step when the set holds paths
 * of several horizons): {@code scenario} (int32), optional {@code step} (int32) and
 * {@code horizon_days} (float64), then for every underlying U a {@code U_return} column (float64,
 * log return of spot from now to the row's horizon) and optionally {@code U_vol_shift} (float64,
 * absolute change of implied vol, 0.05 = +5 vol points). Files are Arrow IPC (the file format,
 * record batches of {@link io.hedgekit.io.scenario.ScenarioFiles#BATCH_ROWS} rows, generator,
 * parameters, seed and source in the schema metadata) or CSV (same columns, no metadata).
 *
 * <p>{@link io.hedgekit.kernels.scenario.ScenarioSet} (in {@code kernels}) is the in-memory form; it
 * hands kernels a {@link io.hedgekit.kernels.ScenarioColumns} of one step without copying when the
 * step's rows are contiguous. {@link io.hedgekit.io.scenario.PriceHistoryFiles} reads
 * {@code date,BTC,ETH,...} daily close files into {@link io.hedgekit.kernels.scenario.PriceHistory}.
 */
package io.hedgekit.io.scenario;


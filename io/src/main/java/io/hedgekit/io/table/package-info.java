/**
 * Writing result tables: {@link io.hedgekit.io.table.TableWriter} streams Arrow batches to CSV or
 * Arrow IPC files through {@link io.hedgekit.io.table.AtomicOutput} (nothing half-written ever
 * appears); {@link io.hedgekit.io.table.ArrowSegments} gives kernels zero-copy views of vectors.
 */
package io.hedgekit.io.table;

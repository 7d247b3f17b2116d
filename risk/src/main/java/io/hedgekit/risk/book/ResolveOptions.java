package io.hedgekit.risk.book;

/**
 * How a book is resolved against market data.
 *
 * @param batchRows positions per Arrow record batch (default 65,536)
 * @param allowExpired value positions whose expiry is at or before the valuation time at
 *     intrinsic instead of rejecting them
 * @param extraNumericColumns optional extra float64 columns to carry (hedge universes: cost, lot, ...)
 * @param instrumentList the file lists instruments, not positions: {@code quantity} may be absent
 *     (then 1 contract), as in hedge universes and proposed trades
 */
public record ResolveOptions(int batchRows, boolean allowExpired, java.util.List<String> extraNumericColumns,
    boolean instrumentList) {

  /** Default rows per batch. */
  public static final int DEFAULT_BATCH_ROWS = 65_536;

  public ResolveOptions {
    if (batchRows <= 0) {
      throw new IllegalArgumentException("batch rows must be > 0, was " + batchRows);
    }
    extraNumericColumns = java.util.List.copyOf(extraNumericColumns);
  }

  /** 65,536 rows per batch, expired positions rejected, no extra columns. */
  public static ResolveOptions defaults() {
    return new ResolveOptions(DEFAULT_BATCH_ROWS, false, java.util.List.of(), false);
  }

  /** The same options with expired positions allowed or not. */
  public ResolveOptions withAllowExpired(boolean allow) {
    return new ResolveOptions(batchRows, allow, extraNumericColumns, instrumentList);
  }

  /** The same options with another batch size. */
  public ResolveOptions withBatchRows(int rows) {
    return new ResolveOptions(rows, allowExpired, extraNumericColumns, instrumentList);
  }

  /** The same options carrying extra numeric columns. */
  public ResolveOptions withExtraNumericColumns(java.util.List<String> names) {
    return new ResolveOptions(batchRows, allowExpired, names, instrumentList);
  }

  /** The same options for a list of instruments (quantity optional, default 1). */
  public ResolveOptions asInstrumentList() {
    return new ResolveOptions(batchRows, allowExpired, extraNumericColumns, true);
  }
}

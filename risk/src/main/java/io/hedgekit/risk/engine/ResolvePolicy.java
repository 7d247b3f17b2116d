package io.hedgekit.risk.engine;

/**
 * How {@link RiskEngine#resolve} treats positions it cannot price.
 *
 * @param mode {@link Mode#LENIENT}: leave bad positions out and list them
 *     ({@link ResolvedPositions#rejected()}); {@link Mode#STRICT} (the CLI's default): fail with an
 *     {@link io.hedgekit.kernels.InputException} naming the first one
 * @param allowExpired value positions expiring at or before the valuation time at intrinsic
 *     instead of rejecting them
 * @param batchRows positions per kernel batch (default 65,536)
 */
public record ResolvePolicy(Mode mode, boolean allowExpired, int batchRows) {

  /** Strict (fail fast) or lenient (collect rejections). */
  public enum Mode {
    STRICT, LENIENT
  }

  /** Default positions per batch. */
  public static final int DEFAULT_BATCH_ROWS = 65_536;

  public ResolvePolicy {
    java.util.Objects.requireNonNull(mode, "mode");
    if (batchRows <= 0) {
      throw new IllegalArgumentException("batchRows must be > 0, was " + batchRows);
    }
  }

  /** Fail on the first bad position; expired positions are bad. */
  public static ResolvePolicy strict() {
    return new ResolvePolicy(Mode.STRICT, false, DEFAULT_BATCH_ROWS);
  }

  /** Collect bad positions instead of failing; expired positions are bad. */
  public static ResolvePolicy lenient() {
    return new ResolvePolicy(Mode.LENIENT, false, DEFAULT_BATCH_ROWS);
  }

  /** Whether bad positions are collected instead of fatal. */
  public boolean isLenient() {
    return mode == Mode.LENIENT;
  }

  /** The same policy, valuing expired positions at intrinsic or not. */
  public ResolvePolicy withAllowExpired(boolean allow) {
    return new ResolvePolicy(mode, allow, batchRows);
  }

  /** The same policy with another batch size. */
  public ResolvePolicy withBatchRows(int rows) {
    return new ResolvePolicy(mode, allowExpired, rows);
  }
}

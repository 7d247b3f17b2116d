package io.hedgekit.kernels;

/**
 * What a position is, as one small integer code that kernels can branch or mask on.
 *
 * <p>The code combines instrument (option, future, perpetual, spot), option type (call, put) and
 * settlement (linear = USD/USDC settled, inverse = coin settled). Codes are stable: they are
 * written into Arrow columns and read by the SIMD and OpenCL kernels, so never renumber them.
 *
 * <p>Units of the position size ({@code quantity × contract_size}) depend on the kind: coins for
 * options, linear futures, linear perpetuals and spot; USD face value for inverse futures and
 * inverse perpetuals.
 */
public enum ContractKind {
  /** USD-settled call option; pays max(S_T − K, 0) USD per coin. */
  LINEAR_CALL(0, Instrument.OPTION, true, false),
  /** USD-settled put option; pays max(K − S_T, 0) USD per coin. */
  LINEAR_PUT(1, Instrument.OPTION, false, false),
  /** Coin-settled call (Deribit style); pays max(S_T − K, 0) / S_T coins per coin. */
  INVERSE_CALL(2, Instrument.OPTION, true, true),
  /** Coin-settled put; pays max(K − S_T, 0) / S_T coins per coin. */
  INVERSE_PUT(3, Instrument.OPTION, false, true),
  /** USD-settled dated future, marked to market: value = size·(F − F_entry) USD. */
  LINEAR_FUTURE(4, Instrument.FUTURE, false, false),
  /** Coin-settled dated future: value in coin = face·(1/F_entry − 1/F). */
  INVERSE_FUTURE(5, Instrument.FUTURE, false, true),
  /** USD-settled perpetual swap: value = size·(S − entry) USD. */
  LINEAR_PERPETUAL(6, Instrument.PERPETUAL, false, false),
  /** Coin-settled perpetual swap: value in coin = face·(1/entry − 1/S). */
  INVERSE_PERPETUAL(7, Instrument.PERPETUAL, false, true),
  /** Coins held: value = size·S USD. */
  SPOT(8, Instrument.SPOT, false, false);

  /** The instrument families of the book's {@code instrument} column. */
  public enum Instrument {
    OPTION, FUTURE, PERPETUAL, SPOT;

    /** The lower-case name used in files ({@code option}, {@code future}, ...). */
    public String fileName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Number of kinds; codes are {@code 0 .. COUNT-1}. */
  public static final int COUNT = 9;

  private static final ContractKind[] BY_CODE = values();

  private final int code;
  private final Instrument instrument;
  private final boolean call;
  private final boolean inverse;

  ContractKind(int code, Instrument instrument, boolean call, boolean inverse) {
    this.code = code;
    this.instrument = instrument;
    this.call = call;
    this.inverse = inverse;
  }

  /** The stable integer code stored in Arrow columns. */
  public int code() {
    return code;
  }

  public Instrument instrument() {
    return instrument;
  }

  public boolean isOption() {
    return instrument == Instrument.OPTION;
  }

  /** True for call options; false for puts and for every non-option. */
  public boolean isCall() {
    return call;
  }

  /** True when the contract settles in coin. */
  public boolean isInverse() {
    return inverse;
  }

  /** True when the contract has an expiry (options and dated futures). */
  public boolean hasExpiry() {
    return instrument == Instrument.OPTION || instrument == Instrument.FUTURE;
  }

  /**
   * The kind for a code.
   *
   * @throws IllegalArgumentException if the code is not {@code 0 .. COUNT-1}
   */
  public static ContractKind ofCode(int code) {
    if (code < 0 || code >= COUNT) {
      throw new IllegalArgumentException("contract kind code must be 0.." + (COUNT - 1) + ", was " + code);
    }
    return BY_CODE[code];
  }

  /**
   * The error every kernel raises for a bad code in a position batch:
   * "contract kind code must be 0..8, was 9 (row 300)".
   *
   * @param row the row of the batch, 0-based
   */
  public static IllegalArgumentException badCode(int code, long row) {
    return new IllegalArgumentException("contract kind code must be 0.." + (COUNT - 1) + ", was " + code
        + " (row " + row + ")");
  }

  /**
   * Checks every code of an int32 kind column.
   *
   * @throws IllegalArgumentException {@link #badCode} for the first row whose code is not {@code 0 .. COUNT-1}
   */
  public static void checkCodes(java.lang.foreign.MemorySegment kinds, int rows) {
    for (int i = 0; i < rows; i++) {
      int code = kinds.getAtIndex(PositionColumns.INT, i);
      if (code < 0 || code >= COUNT) {
        throw badCode(code, i);
      }
    }
  }

  /**
   * The kind for an instrument, option type and settlement.
   *
   * @param call ignored unless {@code instrument} is OPTION
   * @throws IllegalArgumentException for inverse spot, which does not exist
   */
  public static ContractKind of(Instrument instrument, boolean call, boolean inverse) {
    return switch (instrument) {
      case OPTION -> inverse ? (call ? INVERSE_CALL : INVERSE_PUT) : (call ? LINEAR_CALL : LINEAR_PUT);
      case FUTURE -> inverse ? INVERSE_FUTURE : LINEAR_FUTURE;
      case PERPETUAL -> inverse ? INVERSE_PERPETUAL : LINEAR_PERPETUAL;
      case SPOT -> {
        if (inverse) {
          throw new IllegalArgumentException("spot cannot be inverse (coin) settled");
        }
        yield SPOT;
      }
    };
  }
}

package io.hedgekit.risk.book;

import static io.hedgekit.kernels.PositionColumns.DOUBLE;
import static io.hedgekit.kernels.PositionColumns.INT;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.PositionColumns;

/**
 * Everything that prices one unit of a resolved position: the columns of {@link PositionColumns}
 * except {@code size}, compared bit for bit (so -0.0 and 0.0 differ, and equal keys always price
 * identically). Options ignore the entry price and funding columns, which the kernels never read
 * for them, so option positions entered at different prices still share a key.
 *
 * <p>Every kernel's value, P&amp;L and Greeks are linear in {@code size}; positions with equal keys
 * can therefore be priced once with their summed size ({@link NettedPositions}), or once with size
 * 1 and scaled.
 */
public record InstrumentKey(int kind, int underlying, long spot, long strike, long timeYears, long vol, long rate,
    long carry, long entryPrice, long funding8h) {

  /** The key of row {@code i} of {@code p}. */
  public static InstrumentKey of(PositionColumns p, int i) {
    int kind = p.kind().getAtIndex(INT, i);
    // Not ContractKind.ofCode: an invalid code is for the kernel to reject, naming the row.
    boolean option = kind >= 0 && kind < ContractKind.COUNT && ContractKind.ofCode(kind).isOption();
    return new InstrumentKey(kind, p.underlying().getAtIndex(INT, i),
        bits(p.spot(), i), bits(p.strike(), i), bits(p.timeYears(), i), bits(p.vol(), i), bits(p.rate(), i),
        bits(p.carry(), i), option ? 0L : bits(p.entryPrice(), i), option ? 0L : bits(p.funding8h(), i));
  }

  private static long bits(java.lang.foreign.MemorySegment column, int i) {
    return Double.doubleToRawLongBits(column.getAtIndex(DOUBLE, i));
  }
}

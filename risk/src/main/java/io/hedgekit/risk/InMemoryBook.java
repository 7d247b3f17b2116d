package io.hedgekit.risk;

import io.hedgekit.kernels.PositionColumns;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A {@link ResolvedBook} held in Java memory and served in batches of {@code batchRows}: for
 * tests, hedge universes and small books.
 */
public final class InMemoryBook implements ResolvedBook {
  private final PositionColumns columns;
  private final List<String> ids;
  private final List<String> underlyings;
  private final double[] spots;
  private final int batchRows;

  /**
   * @param columns all positions
   * @param ids one id per row
   * @param underlyings underlying names indexed by the columns' {@code underlying}
   * @param spots spot per underlying, USD
   * @param batchRows rows per batch, > 0
   */
  public InMemoryBook(PositionColumns columns, List<String> ids, List<String> underlyings, double[] spots, int batchRows) {
    this.columns = Objects.requireNonNull(columns);
    if (ids.size() != columns.rows()) {
      throw new IllegalArgumentException("ids has " + ids.size() + " entries, columns " + columns.rows() + " rows");
    }
    if (spots.length != underlyings.size()) {
      throw new IllegalArgumentException("spots has " + spots.length + " entries, underlyings " + underlyings.size());
    }
    if (batchRows <= 0) {
      throw new IllegalArgumentException("batchRows must be > 0, was " + batchRows);
    }
    this.ids = List.copyOf(ids);
    this.underlyings = List.copyOf(underlyings);
    this.spots = spots.clone();
    this.batchRows = batchRows;
  }

  /** All positions as one column set. */
  public PositionColumns columns() {
    return columns;
  }

  /** Position ids in row order. */
  public List<String> ids() {
    return ids;
  }

  @Override
  public List<String> underlyings() {
    return underlyings;
  }

  @Override
  public double[] spots() {
    return spots.clone();
  }

  @Override
  public Iterator<ResolvedBatch> batches() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < columns.rows();
      }

      @Override
      public ResolvedBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int from = next;
        int count = Math.min(batchRows, columns.rows() - from);
        next += count;
        PositionColumns slice = columns.slice(from, count);
        return new ResolvedBatch() {
          @Override
          public PositionColumns columns() {
            return slice;
          }

          @Override
          public String id(int row) {
            return ids.get(from + row);
          }

          @Override
          public String underlyingName(int row) {
            return underlyings.get(slice.underlying().getAtIndex(PositionColumns.INT, row));
          }

          @Override
          public long firstRow() {
            return from;
          }

          @Override
          public void close() {
            // heap memory: nothing to release
          }
        };
      }
    };
  }
}

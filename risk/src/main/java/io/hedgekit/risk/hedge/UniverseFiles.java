package io.hedgekit.risk.hedge;

import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.book.ArrowResolvedBook;
import io.hedgekit.risk.book.ResolveOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Reads a hedge universe or a list of proposed trades: a book file (CSV or Arrow IPC, same
 * columns) with {@code quantity} optional and the extra columns {@code cost} (USD per contract
 * traded), {@code lot} (smallest increment, contracts), {@code min_quantity} and
 * {@code max_quantity} (signed bounds on the traded quantity).
 */
public final class UniverseFiles {
  /** The extra columns of a universe file. */
  public static final List<String> COLUMNS = List.of("cost", "lot", "min_quantity", "max_quantity");

  private UniverseFiles() {
  }

  /**
   * What a universe file holds: the instruments and, per row, the file's quantity (1 where the
   * file has none) for trade lists.
   */
  public record Loaded(HedgeUniverse universe, List<ProposedTrade> quantities) {
  }

  /**
   * Loads a universe; every instrument needs {@code cost} and {@code lot}.
   *
   * @throws InputException naming the file, row, column and value of a bad row
   */
  public static HedgeUniverse readUniverse(Path file, MarketData market, String marketFile, BufferAllocator allocator) {
    return read(file, market, marketFile, allocator, true).universe();
  }

  /**
   * Loads proposed trades: each row's {@code quantity} is the trade; {@code cost} defaults to 0
   * and {@code lot} to 1e-6 contracts (trades are evaluated as given).
   */
  public static Loaded readTrades(Path file, MarketData market, String marketFile, BufferAllocator allocator) {
    return read(file, market, marketFile, allocator, false);
  }

  private static Loaded read(Path file, MarketData market, String marketFile, BufferAllocator allocator,
      boolean universe) {
    ArrowResolvedBook book = new ArrowResolvedBook(file, market, marketFile, allocator,
        ResolveOptions.defaults().withExtraNumericColumns(COLUMNS).asInstrumentList());
    List<String> ids = new ArrayList<>();
    List<ProposedTrade> quantities = new ArrayList<>();
    Columns c = new Columns();
    try (ArrowResolvedBook.Pass pass = book.batches()) {
      while (pass.hasNext()) {
        try (ResolvedBatch resolved = pass.next()) {
          ArrowResolvedBook.Batch b = (ArrowResolvedBook.Batch) resolved;
          PositionColumns p = b.columns();
          for (int i = 0; i < p.rows(); i++) {
            long row = b.source().sourceRow(i);
            double cost = b.source().extra("cost", i);
            double lot = b.source().extra("lot", i);
            if (universe) {
              require(file, row, "cost", cost);
              require(file, row, "lot", lot);
            } else {
              cost = Double.isNaN(cost) ? 0.0 : cost;
              lot = Double.isNaN(lot) ? 1e-6 : lot;
            }
            ids.add(b.id(i));
            quantities.add(new ProposedTrade(b.id(i), b.source().quantity(i)));
            c.add(p, i, b.source().contractSize(i), cost, lot, b.source().extra("min_quantity", i),
                b.source().extra("max_quantity", i));
          }
        }
      }
    }
    double[] spots = book.spots();
    HedgeUniverse u;
    try {
      u = HedgeUniverse.of(c.toColumns(), ids, book.underlyings(), spots, c.cost(), c.lot(), c.min(), c.max());
    } catch (IllegalArgumentException e) {
      throw new InputException(file.toString(), 0, null, null, e.getMessage(), e);
    }
    return new Loaded(u, quantities);
  }

  private static void require(Path file, long row, String column, double v) {
    if (Double.isNaN(v)) {
      throw new InputException(file.toString(), row, column, "",
          "missing value (a hedge universe needs cost and lot for every instrument)");
    }
  }

  /** Growable copies of one contract of each instrument (size = contract size). */
  private static final class Columns {
    private final List<double[]> rows = new ArrayList<>();
    private final List<int[]> ints = new ArrayList<>();

    void add(PositionColumns p, int i, double contractSize, double cost, double lot, double min, double max) {
      ints.add(new int[] {p.kind().getAtIndex(PositionColumns.INT, i), p.underlying().getAtIndex(PositionColumns.INT, i)});
      rows.add(new double[] {
          p.spot().getAtIndex(PositionColumns.DOUBLE, i), p.strike().getAtIndex(PositionColumns.DOUBLE, i),
          p.timeYears().getAtIndex(PositionColumns.DOUBLE, i), p.vol().getAtIndex(PositionColumns.DOUBLE, i),
          p.rate().getAtIndex(PositionColumns.DOUBLE, i), p.carry().getAtIndex(PositionColumns.DOUBLE, i),
          contractSize, p.entryPrice().getAtIndex(PositionColumns.DOUBLE, i),
          p.funding8h().getAtIndex(PositionColumns.DOUBLE, i), cost, lot, min, max});
    }

    PositionColumns toColumns() {
      int n = rows.size();
      int[] kind = new int[n];
      int[] und = new int[n];
      double[][] d = new double[9][n];
      for (int i = 0; i < n; i++) {
        kind[i] = ints.get(i)[0];
        und[i] = ints.get(i)[1];
        for (int c = 0; c < 9; c++) {
          d[c][i] = rows.get(i)[c];
        }
      }
      return PositionColumns.ofArrays(kind, und, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
    }

    private double[] col(int c) {
      return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    double[] cost() {
      return col(9);
    }

    double[] lot() {
      return col(10);
    }

    double[] min() {
      return col(11);
    }

    double[] max() {
      return col(12);
    }
  }
}

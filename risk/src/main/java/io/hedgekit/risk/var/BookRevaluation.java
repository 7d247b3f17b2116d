package io.hedgekit.risk.var;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.RevaluationKernel;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.book.NettedPositions;
import java.lang.foreign.Arena;
import java.util.Iterator;

/** Full revaluation of a whole book, batch by batch, over one scenario set built once. */
public final class BookRevaluation {
  private BookRevaluation() {
  }

  /** Most instruments netted before they are priced; bounds the netting memory to about 10 MB. */
  public static final int NETTING_CAPACITY = 65_536;

  /**
   * Per-scenario P&amp;L of the book, portfolio and per underlying (the book's underlying order),
   * USD, with positions netted by instrument. See
   * {@link #revalue(ResolvedBook, ScenarioColumns, RevaluationKernel, GreeksKernel, Sensitivities, Progress, boolean)}.
   */
  public static PnlAccumulator revalue(ResolvedBook book, ScenarioColumns scenarios, RevaluationKernel kernel,
      GreeksKernel greeks, Sensitivities sensitivities, Progress progress) {
    return revalue(book, scenarios, kernel, greeks, sensitivities, progress, true).pnl();
  }

  /**
   * What {@link #revalue} produced.
   *
   * @param pnl per-scenario P&amp;L, portfolio and per underlying
   * @param positions positions in the book
   * @param priced rows the kernel priced in every scenario: distinct instruments with netting,
   *     else the positions
   */
  public record Result(PnlAccumulator pnl, long positions, long priced) {
  }

  /**
   * Per-scenario P&amp;L of the book, portfolio and per underlying (the book's underlying order),
   * USD. The scenario columns must be in the book's underlying order
   * ({@link io.hedgekit.kernels.scenario.ScenarioSet#columns}). Optionally sums Greeks in the same pass.
   *
   * <p>With {@code netting}, positions are first netted by instrument ({@link NettedPositions},
   * up to {@link #NETTING_CAPACITY} instruments at a time, in book order) and each instrument is
   * priced once with the summed size: the same P&amp;L up to rounding (a few ulps of the gross
   * amounts), and as many repricings as the book has distinct instruments instead of positions.
   * Without it every position is priced, batch by batch.
   *
   * @param greeks if not null, the kernel whose Greeks are added to {@code sensitivities}
   * @param sensitivities receives the Greeks when {@code greeks} is not null
   * @param progress told (positions done, −1 = total unknown) after each batch: priced, or netted
   *     (the netted set is priced when full and at the end)
   * @param netting price each distinct instrument once (true) or every position (false)
   * @throws IllegalStateException if the kernel produced a NaN or infinite P&amp;L (naming the
   *     scenario), which no valid input should
   */
  public static Result revalue(ResolvedBook book, ScenarioColumns scenarios, RevaluationKernel kernel,
      GreeksKernel greeks, Sensitivities sensitivities, Progress progress, boolean netting) {
    return revalue(book, scenarios, kernel, greeks, sensitivities, progress, netting ? NETTING_CAPACITY : 0);
  }

  /** As above; {@code nettingCapacity} instruments netted at a time, 0 for no netting (tests use small sets). */
  static Result revalue(ResolvedBook book, ScenarioColumns scenarios, RevaluationKernel kernel,
      GreeksKernel greeks, Sensitivities sensitivities, Progress progress, int nettingCapacity) {
    boolean netting = nettingCapacity > 0;
    int nu = book.underlyings().size();
    if (scenarios.underlyings() != nu) {
      throw new IllegalArgumentException("scenario columns move " + scenarios.underlyings()
          + " underlyings, the book has " + nu);
    }
    PnlAccumulator acc = PnlAccumulator.zeros(scenarios.scenarios(), nu);
    Pricing pricing = new Pricing(scenarios, kernel, greeks, sensitivities, acc, nu);
    Iterator<ResolvedBatch> it = book.batches();
    long done = 0;
    if (!netting) {
      while (it.hasNext()) {
        try (ResolvedBatch batch = it.next()) {
          PositionColumns p = batch.columns();
          for (int i = 0; i < p.rows(); i++) {
            pricing.positions[p.underlying().getAtIndex(PositionColumns.INT, i)]++;
          }
          pricing.price(p);
          done += p.rows();
          progress.update(done, -1);
        }
      }
    } else {
      try (NettedPositions net = new NettedPositions(nettingCapacity)) {
        while (it.hasNext()) {
          try (ResolvedBatch batch = it.next()) {
            PositionColumns p = batch.columns();
            for (int i = 0; i < p.rows(); i++) {
              if (net.add(p, i) < 0) {
                pricing.price(net.columns());
                net.clear();
                net.add(p, i);
              }
              pricing.positions[p.underlying().getAtIndex(PositionColumns.INT, i)]++;
            }
            // Positions netted or priced so far; what remains is pricing the last netted set.
            done += p.rows();
            progress.update(done, -1);
          }
        }
        pricing.price(net.columns());
      }
    }
    double[] pnl = acc.portfolio();
    for (int s = 0; s < pnl.length; s++) {
      if (!Double.isFinite(pnl[s])) {
        throw new IllegalStateException("revaluation gave P&L " + pnl[s] + " in scenario index " + s
            + "; check the book's inputs and the scenario moves");
      }
    }
    return new Result(acc, done, pricing.priced);
  }

  /** Prices sets of positions into one accumulator, counting the positions they stand for. */
  private static final class Pricing {
    private final ScenarioColumns scenarios;
    private final RevaluationKernel kernel;
    private final GreeksKernel greeks;
    private final Sensitivities sensitivities;
    private final PnlAccumulator acc;
    /** Positions per underlying added since the last {@link #price}. */
    final long[] positions;
    /** Rows priced so far. */
    long priced;

    Pricing(ScenarioColumns scenarios, RevaluationKernel kernel, GreeksKernel greeks, Sensitivities sensitivities,
        PnlAccumulator acc, int underlyings) {
      this.scenarios = scenarios;
      this.kernel = kernel;
      this.greeks = greeks;
      this.sensitivities = sensitivities;
      this.acc = acc;
      this.positions = new long[underlyings];
    }

    void price(PositionColumns p) {
      priced += p.rows();
      if (p.rows() > 0) {
        kernel.revalue(p, scenarios, acc);
        if (greeks != null) {
          try (Arena arena = Arena.ofShared()) {
            GreeksColumns g = GreeksColumns.allocate(p.rows(), arena);
            greeks.compute(p, g);
            sensitivities.add(p, g, positions);
          }
        }
      }
      java.util.Arrays.fill(positions, 0);
    }
  }
}

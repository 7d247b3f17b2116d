package io.hedgekit.risk.var;

import io.hedgekit.io.Progress;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.RevaluationKernel;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.ResolvedBook;
import java.util.Iterator;

/** Full revaluation of a whole book, batch by batch, over one scenario set built once. */
public final class BookRevaluation {
  private BookRevaluation() {
  }

  /**
   * Per-scenario P&amp;L of the book, portfolio and per underlying (the book's underlying order),
   * USD. The scenario columns must be in the book's underlying order
   * ({@link io.hedgekit.io.scenario.ScenarioSet#columns}). Optionally sums Greeks in the same pass.
   *
   * @param greeks if not null, the kernel whose Greeks are added to {@code sensitivities}
   * @param sensitivities receives the Greeks when {@code greeks} is not null
   * @param progress told (positions done, −1 = total unknown) after each batch
   * @throws IllegalStateException if the kernel produced a NaN or infinite P&amp;L (naming the
   *     scenario), which no valid input should
   */
  public static PnlAccumulator revalue(ResolvedBook book, ScenarioColumns scenarios, RevaluationKernel kernel,
      GreeksKernel greeks, Sensitivities sensitivities, Progress progress) {
    int nu = book.underlyings().size();
    if (scenarios.underlyings() != nu) {
      throw new IllegalArgumentException("scenario columns move " + scenarios.underlyings()
          + " underlyings, the book has " + nu);
    }
    PnlAccumulator acc = PnlAccumulator.zeros(scenarios.scenarios(), nu);
    long done = 0;
    Iterator<ResolvedBatch> it = book.batches();
    while (it.hasNext()) {
      try (ResolvedBatch batch = it.next()) {
        PositionColumns p = batch.columns();
        kernel.revalue(p, scenarios, acc);
        if (greeks != null) {
          GreeksColumns g = GreeksColumns.allocateOnHeap(p.rows());
          greeks.compute(p, g);
          sensitivities.add(p, g);
        }
        done += p.rows();
        progress.update(done, -1);
      }
    }
    double[] pnl = acc.portfolio();
    for (int s = 0; s < pnl.length; s++) {
      if (!Double.isFinite(pnl[s])) {
        throw new IllegalStateException("revaluation gave P&L " + pnl[s] + " in scenario index " + s
            + "; check the book's inputs and the scenario moves");
      }
    }
    return acc;
  }
}

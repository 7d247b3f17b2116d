package io.hedgekit.risk.var;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.reference.ReferenceGreeksKernel;
import io.hedgekit.risk.InMemoryBook;
import java.util.List;
import org.junit.jupiter.api.Test;

class SensitivitiesTest {

  @Test
  void add_excludesPerpetualThetaAndAddsFunding() {
    // a linear perpetual with r − q = 0.03: the kernel's theta is −0.03·S·size, revaluation never ages it
    InMemoryBook book = new TestBooks(List.of("BTC"), 100_000)
        .add(ContractKind.LINEAR_PERPETUAL, "BTC", 0, 0, 0, 0.04, 0.01, 2.0, 99_000, 0.0001)
        .future("BTC", false, 1.0, 0.5, 0.04, 0.01, 100_000)
        .build(10);
    GreeksColumns g = GreeksColumns.allocateOnHeap(2);
    new ReferenceGreeksKernel().compute(book.columns(), g);
    Sensitivities s = new Sensitivities(1);
    s.add(book.columns(), g);
    UnderlyingSensitivities u = s.of(0, "BTC");
    assertEquals(g.theta().getAtIndex(io.hedgekit.kernels.PositionColumns.DOUBLE, 1), u.theta(), 1e-9); // the future's only
    assertEquals(-2.0 * 100_000 * 0.0001 * 365 * 3, u.fundingPerYear(), 1e-9); // long pays 3 × 365 periods
    double futureDelta = Math.exp(0.03 * 0.5);
    assertEquals((2.0 + futureDelta) * 100_000, u.dollarDelta(), 1e-6);
    assertEquals(0.0, u.dollarGamma());
  }

  @Test
  void pnl_handComputed() {
    // dollar delta 1000, dollar gamma 5000, vega 200, theta −3650, dollar vanna 100, volga 50, funding 365
    UnderlyingSensitivities u = new UnderlyingSensitivities("X", 1000, 5000, 200, -3650, 100, 50, 365);
    double r = Math.log(1.02); // x = 0.02
    double h = 1.0 / 365;
    double dg = 1000 * 0.02 + 0.5 * 5000 * 0.0004 + 1.0; // 20 + 1 + 1
    assertEquals(22.0, u.pnl(VarMethod.DELTA_GAMMA, r, 0.01, h), 1e-12);
    double dgvt = dg + 200 * 0.01 - 10.0 + 100 * 0.02 * 0.01 + 0.5 * 50 * 1e-4; // + 2 − 10 + 0.02 + 0.0025
    assertEquals(dgvt, u.pnl(VarMethod.DELTA_GAMMA_VEGA_THETA, r, 0.01, h), 1e-12);
  }
}

package io.hedgekit.risk.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.risk.InMemoryBook;
import io.hedgekit.risk.var.TestBooks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MarginParametersTest {
  private static final MarginParameters P = MarginParameters.DERIBIT_BTC;

  @Test
  void shockFactor_switchesPowerAt30DaysAndFloorsAtOneDay() {
    assertEquals(1.0, P.shockFactor(30 / 365.0), 1e-15);
    assertEquals(Math.pow(2.0, 0.3), P.shockFactor(15 / 365.0), 1e-14); // Deribit's 15-day example: (30/15)^0.30
    assertEquals(Math.pow(30.0 / 60, 0.13), P.shockFactor(60 / 365.0), 1e-14);
    assertEquals(Math.pow(30.0, 0.3), P.shockFactor(0.0), 1e-13, "expired or same-day options use the 1-day floor");
    assertEquals(P.shockFactor(0.5 / 365), P.shockFactor(-1), 1e-15);
  }

  @Test
  void volShifts_upUsesTheMinimumVolAndDownIsFloored() {
    assertEquals(0.5 * 0.5, P.volUpShift(0.3, 30 / 365.0), 1e-15, "a 30% vol is shocked as if it were 50%");
    assertEquals(0.8 * 0.5, P.volUpShift(0.8, 30 / 365.0), 1e-15);
    assertEquals(-0.25 * 0.8, P.volDownShift(0.8, 30 / 365.0), 1e-15);
    double f = Math.pow(30.0, 0.3);
    assertEquals(Math.max(0.06 * (1 - 0.25 * f), 0.05) - 0.06, P.volDownShift(0.06, 0), 1e-15);
    assertEquals(0.0, P.volDownShift(0.04, 0), 0.0, "a vol below the floor is not raised in the down scenario");
  }

  @Test
  void spotMoves_equallySpacedThroughZero() {
    double[] m = P.spotMoves();
    assertEquals(9, m.length);
    assertEquals(0.0, m[4], 0.0);
    assertEquals(-0.16, m[0], 1e-15);
    assertEquals(0.16, m[8], 1e-15);
  }

  @Test
  void constructor_rejectsWithFieldAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MarginParameters(0.16, 8, 0.5,
        0.25, 0.3, 0.13, 30, 1, 0.5, 0.05, new double[] {-0.5}, 1, 0, 0, 0));
    assertTrue(e.getMessage().contains("price_steps") && e.getMessage().contains("8"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new MarginParameters(0.16, 9, 0.5, 1.0, 0.3, 0.13, 30, 1,
        0.5, 0.05, new double[] {-0.5}, 1, 0, 0, 0));
    assertTrue(e.getMessage().contains("vol_range_down"), e.getMessage());
  }

  @Test
  void engine_concurrentCallsGiveTheSameResult() throws Exception {
    InMemoryBook book = new TestBooks(List.of("BTC"), 95_000).option("BTC", false, false, 80_000, 0.2, 0.6, -25)
        .inversePerp("BTC", 800_000, 95_000, 0).build(1);
    Collateral c = new Collateral(List.of(new Collateral.Balance("BTC", 10, 0.02)));
    try (ComputeBackend backend = TestBooks.scalar()) {
      MarginEngine engine = new MarginEngine(backend, MarginModel.defaults());
      MarginResult one = engine.compute(book, c, Map.of());
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<MarginResult>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
          all.add(pool.submit(() -> engine.compute(book, c, Map.of())));
        }
        for (Future<MarginResult> f : all) {
          MarginResult r = f.get();
          assertEquals(one.im(), r.im(), 0.0);
          assertEquals(one.liquidation("BTC").down().move(), r.liquidation("BTC").down().move(), 0.0);
        }
      } finally {
        pool.shutdown();
      }
    }
  }
}

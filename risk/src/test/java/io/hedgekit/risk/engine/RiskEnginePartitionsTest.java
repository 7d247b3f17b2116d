package io.hedgekit.risk.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.risk.var.BookRevaluation;
import io.hedgekit.risk.var.PositionContribution;
import io.hedgekit.risk.var.RiskMeasures;
import io.hedgekit.risk.var.VarMethod;
import io.hedgekit.risk.var.VarResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link RiskEngine#scenarioPnl} and {@link RiskEngine#tailPnl}: a book cut into parts gives, summed
 * over the parts, the VaR/ES and Euler contributions of {@link RiskEngine#var} on the whole book (the
 * distributed job's contract).
 */
class RiskEnginePartitionsTest {
  private static final double REL = 1e-9;

  @Test
  void scenarioPnl_wholeBook_isTheVarPnlVector() {
    Book book = Book.of(EngineFixtures.positions(400, 11));
    ScenarioSet set = EngineFixtures.scenarios(300, 11);
    try (RiskEngine engine = RiskEngine.builder().backend("scalar").build();
        ResolvedPositions r = engine.resolve(book, EngineFixtures.market())) {
      VarResult v = engine.var(r, set, VarRequest.fullRevaluation(0.99)).result();
      BookRevaluation.Result p = engine.scenarioPnl(r, set, null, true).result();
      assertArrayEquals(v.pnl().full(), p.pnl().portfolio());
      assertEquals(v.instrumentsPriced(), p.priced());
      assertEquals(400, p.positions());
    }
  }

  @Test
  void scenarioPnlAndTailPnl_overThreeParts_equalVarOfTheWholeBook() {
    List<Position> positions = EngineFixtures.positions(900, 12);
    ScenarioSet set = EngineFixtures.scenarios(500, 12);
    Market market = EngineFixtures.market();
    try (RiskEngine engine = RiskEngine.builder().backend("scalar").build()) {
      VarResult whole = engine.var(Book.of(positions), market, set, VarRequest.fullRevaluation(0.99)
          .withContributions(900)).result();
      List<Book> parts = List.of(Book.of("a", positions.subList(0, 100)), Book.of("b", positions.subList(100, 650)),
          Book.of("c", positions.subList(650, 900)));
      double[] pnl = new double[500];
      for (Book part : parts) {
        try (ResolvedPositions r = engine.resolve(part, market)) {
          double[] p = engine.scenarioPnl(r, set, null, true).result().pnl().portfolio();
          for (int s = 0; s < pnl.length; s++) {
            pnl[s] += p[s];
          }
        }
      }
      RiskMeasures.VarEs summed = RiskMeasures.of(pnl, 0.99);
      assertEquals(whole.figure(VarMethod.FULL, 0.99).var(), summed.var(), REL * Math.abs(summed.var()));
      assertEquals(whole.figure(VarMethod.FULL, 0.99).es(), summed.es(), REL * Math.abs(summed.es()));

      int k = RiskMeasures.tailCount(500, 0.99);
      int[] tail = RiskMeasures.tailScenarios(pnl, k);
      Map<String, Double> contribution = new HashMap<>();
      double[] total = new double[1];
      for (Book part : parts) {
        try (ResolvedPositions r = engine.resolve(part, market)) {
          engine.tailPnl(r, set, null, tail, true, (batch, i, sum) -> {
            contribution.put(batch.id(i), -sum / k);
            total[0] += -sum / k;
            assertEquals(r.underlyings().get(batch.columns().underlying().getAtIndex(PositionColumns.INT, i)),
                batch.underlyingName(i));
          });
        }
      }
      assertEquals(900, contribution.size());
      assertEquals(summed.es(), total[0], REL * Math.abs(summed.es()));
      for (PositionContribution c : whole.contributions().top()) {
        assertEquals(c.contribution(), contribution.get(c.id()), REL * Math.abs(summed.es()), c.id());
      }
      try (ResolvedPositions r = engine.resolve(parts.get(0), market)) {
        assertThrows(IllegalArgumentException.class, () -> engine.tailPnl(r, set, null, new int[0], true,
            (batch, i, sum) -> { }));
      }
    }
  }
}

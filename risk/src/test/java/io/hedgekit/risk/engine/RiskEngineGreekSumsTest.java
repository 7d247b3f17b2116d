package io.hedgekit.risk.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.risk.greeks.GreeksSums;
import io.hedgekit.risk.greeks.PortfolioGreeks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sums-only Greek requests ({@link GreeksRequest#sums()}) go through the backend's sums kernel and
 * write no per-position output; they must agree with the per-position sums of the same book on
 * every backend, keep the coin value of inverse contracts only, count every position, and fall
 * back to the per-position path where the kernel cannot give the answer (a smile's delta).
 */
class RiskEngineGreekSumsTest {

  @ParameterizedTest(name = "{0} backend")
  @ValueSource(strings = {"scalar", "cpu", "gpu"})
  void sumsOnly_agreeWithThePerPositionSums_andRepeatBitForBit(String backend) {
    RiskEngineConcurrencyTest.requireUsable(backend);
    // 70,001 positions: several kernel chunks and a ragged last batch of the 65,536-row batches.
    Book book = Book.of(EngineFixtures.positions(70_001, 5));
    Market market = EngineFixtures.market();
    try (RiskEngine engine = RiskEngine.builder().backend(backend).threads(2).build();
        ResolvedPositions resolved = engine.resolve(book, market)) {
      PortfolioGreeks kernel = engine.greeks(resolved, GreeksRequest.sums()).portfolio();
      GreeksResult bucketsFromKernel = engine.greeks(resolved, GreeksRequest.withBuckets());
      GreeksResult fromPositions = engine.greeks(resolved, GreeksRequest.withBuckets().andPerPosition());
      PortfolioGreeks perPosition = fromPositions.portfolio();
      assertClose(perPosition.sums(), bucketsFromKernel.portfolio().sums(), "per underlying, with buckets");
      for (GreeksSums.Buckets[] pair : new GreeksSums.Buckets[][] {
          {fromPositions.byExpiry(), bucketsFromKernel.byExpiry()}, {fromPositions.byStrike(), bucketsFromKernel.byStrike()}}) {
        assertEquals(java.util.Arrays.deepToString(pair[0].positions()), java.util.Arrays.deepToString(pair[1].positions()),
            pair[0].dimension() + " positions");
        for (int u = 0; u < 2; u++) {
          assertClose(pair[0].sums()[u], pair[1].sums()[u], pair[0].dimension() + " underlying " + u);
        }
      }
      assertArrayEquals(perPosition.positions(), kernel.positions(), "positions per underlying");
      assertEquals(70_001, kernel.totalPositions());
      for (int u = 0; u < 2; u++) {
        assertEquals(GreeksColumns.COUNT, kernel.sums()[u].length, "no smile: no delta_smile column");
        for (int c = 0; c < GreeksColumns.COUNT; c++) {
          double want = perPosition.sums()[u][c];
          double got = kernel.sums()[u][c];
          assertTrue(Double.isFinite(got), "underlying " + u + " column " + GreeksColumns.NAMES.get(c) + ": " + got);
          assertEquals(want, got, 1e-11 * Math.max(1, Math.abs(want)),
              "underlying " + u + " column " + GreeksColumns.NAMES.get(c));
        }
      }
      for (int u = 0; u < 2; u++) {
        assertArrayEquals(kernel.sums()[u], engine.greeks(resolved, GreeksRequest.sums()).portfolio().sums()[u],
            "the same request twice, bit for bit");
      }
    }
  }

  private static void assertClose(double[][] want, double[][] got, String what) {
    assertEquals(want.length, got.length, what);
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i].length, got[i].length, what);
      for (int c = 0; c < want[i].length; c++) {
        assertTrue(Double.isFinite(got[i][c]), what + " [" + i + "][" + c + "]: " + got[i][c]);
        assertEquals(want[i][c], got[i][c], 1e-11 * Math.max(1, Math.abs(want[i][c])), what + " [" + i + "][" + c + "]");
      }
    }
  }

  @ParameterizedTest(name = "{0} backend")
  @ValueSource(strings = {"scalar", "cpu"})
  void sumsOnly_onASmileMarket_keepTheSmileDelta(String backend) {
    RiskEngineConcurrencyTest.requireUsable(backend);
    Book book = Book.of(EngineFixtures.positions(3_000, 6));
    Market flat = EngineFixtures.market();
    Market smile = Market.builder(EngineFixtures.NOW)
        .underlying("BTC", u -> u.spot(95_000).rate(0.04).flatVol(0.55).fundingRate8h(0.0001)
            .smile(new java.util.TreeMap<>(java.util.Map.of(EngineFixtures.NOW.plusSeconds(30 * 86_400),
                new io.hedgekit.kernels.market.SviSlice(0.01, 0.08, -0.35, 0.02, 0.12)))))
        .underlying("ETH", u -> u.spot(3_000).rate(0.04).carry(0.01).flatVol(0.70))
        .build();
    try (RiskEngine engine = RiskEngine.builder().backend(backend).threads(2).build();
        ResolvedPositions resolved = engine.resolve(book, smile);
        ResolvedPositions resolvedFlat = engine.resolve(book, flat)) {
      PortfolioGreeks sums = engine.greeks(resolved, GreeksRequest.sums()).portfolio();
      PortfolioGreeks withBuckets = engine.greeks(resolved, GreeksRequest.withBuckets()).portfolio();
      assertEquals(GreeksColumns.COUNT + 1, sums.sums()[0].length, "delta_smile summed");
      assertArrayEquals(withBuckets.sums()[0], sums.sums()[0], "the per-position path, bit for bit");
      assertTrue(sums.sums()[0][GreeksColumns.COUNT] != sums.sums()[0][2], "the smile moves the delta");
      assertEquals(GreeksColumns.COUNT, engine.greeks(resolvedFlat, GreeksRequest.sums()).portfolio().sums()[0].length);
    }
  }
}

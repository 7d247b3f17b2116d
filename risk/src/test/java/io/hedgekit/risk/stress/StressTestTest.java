package io.hedgekit.risk.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hedgekit.io.scenario.PriceHistoryFiles;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.reference.ReferencePricer;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.risk.InMemoryBook;
import io.hedgekit.risk.var.RiskJson;
import io.hedgekit.risk.var.TestBooks;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class StressTestTest {
  private static final double BTC = 95_000;
  private static final double ETH = 3_400;

  @Test
  void run_linearBookMatrixIsSizeTimesMove() {
    InMemoryBook book = new TestBooks(List.of("BTC", "ETH"), BTC, ETH).spot("BTC", 2.0).spot("ETH", -10.0).build(1);
    try (ComputeBackend backend = TestBooks.scalar()) {
      StressResult res = StressTest.run(book, backend, StressOptions.defaults());
      assertEquals(11, res.spotMoves().size());
      assertEquals(7, res.volShifts().size());
      assertEquals(3, res.matrices().size());
      for (int i = 0; i < 11; i++) {
        double m = res.spotMoves().get(i);
        for (int j = 0; j < 7; j++) {
          assertEquals(2.0 * BTC * m, res.matrix("BTC").pnl().get(i).get(j), 1e-9);
          assertEquals(-10.0 * ETH * m, res.matrix("ETH").pnl().get(i).get(j), 1e-9);
          assertEquals((2.0 * BTC - 10.0 * ETH) * m, res.matrix(StressResult.ALL).pnl().get(i).get(j), 1e-9);
        }
      }
      assertEquals("BTC", res.worst().underlying());
      assertEquals(-0.5, res.worst().spotMove());
      assertEquals(-BTC, res.worst().pnl(), 1e-9);
      assertEquals(0.5, res.matrix("ETH").worst().spotMove());
    }
  }

  @Test
  void run_optionMatrixIsFullRevaluation() {
    InMemoryBook book = new TestBooks(List.of("BTC"), BTC).option("BTC", true, false, 100_000, 0.25, 0.6, 3.0).build(1);
    double[] spot = {-0.2, 0.0, 0.25};
    double[] vol = {-0.1, 0.0, 0.2};
    try (ComputeBackend backend = TestBooks.scalar()) {
      StressResult res = StressTest.run(book, backend, StressOptions.defaults().withGrid(spot, vol));
      double base = ReferencePricer.optionValue(true, BTC, 100_000, 0.25, 0.6, 0.03, 0.0);
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          double moved = ReferencePricer.optionValue(true, BTC * (1 + spot[i]), 100_000, 0.25, 0.6 + vol[j], 0.03, 0.0);
          assertEquals(3.0 * (moved - base), res.matrix("BTC").pnl().get(i).get(j), 1e-6);
        }
      }
      assertEquals(0.0, res.matrix("BTC").pnl().get(1).get(1), 1e-9);
      assertTrue(res.matrix("BTC").pnl().get(1).get(2) > 0, "a long call gains when vol rises");
      assertEquals(-0.2, res.worst().spotMove());
      assertEquals(-0.1, res.worst().volShift());
    }
  }

  @Test
  void run_largestHistoricalDaysAreAppliedJointly() throws Exception {
    PriceHistory h = PriceHistoryFiles.read(TestBooks.resource("crypto_daily_close.csv"));
    InMemoryBook book = new TestBooks(List.of("BTC", "ETH"), BTC, ETH).spot("BTC", 1.0).spot("ETH", 10.0).build(1);
    List<String> lines = Files.readAllLines(TestBooks.resource("crypto_daily_close.csv"));
    String[] d11 = lines.stream().filter(l -> l.startsWith("2020-03-11")).findFirst().orElseThrow().split(",");
    String[] d12 = lines.stream().filter(l -> l.startsWith("2020-03-12")).findFirst().orElseThrow().split(",");
    double rb = Math.log(Double.parseDouble(d12[1]) / Double.parseDouble(d11[1]));
    double re = Math.log(Double.parseDouble(d12[2]) / Double.parseDouble(d11[2]));
    try (ComputeBackend backend = TestBooks.scalar()) {
      StressResult one = StressTest.run(book, backend, StressOptions.defaults().withHistory(h, 1));
      assertEquals(1, one.historical().size()); // 2020-03-12 is the largest day of both
      StressResult.HistoricalDay day = one.historical().getFirst();
      assertEquals("2020-03-12", day.date());
      assertEquals(List.of("BTC", "ETH"), day.largestMoveOf());
      assertEquals(rb, day.returns().get("BTC"), 1e-15);
      assertEquals(re, day.returns().get("ETH"), 1e-15);
      assertEquals(BTC * Math.expm1(rb) + 10 * ETH * Math.expm1(re), day.pnl(), 1e-6);
      assertEquals(BTC * Math.expm1(rb), day.byUnderlying().get("BTC"), 1e-6);

      StressResult three = StressTest.run(book, backend, StressOptions.defaults().withHistory(h, 3));
      assertEquals(List.of("2017-03-18", "2017-07-20", "2017-12-07", "2020-03-12", "2021-05-19"),
          three.historical().stream().map(StressResult.HistoricalDay::date).toList());
    }
  }

  @Test
  void run_solHistoryNamesTheFtxCrashForBtcAndSol() throws Exception {
    PriceHistory h = PriceHistoryFiles.read(TestBooks.resource("crypto_daily_close_with_sol.csv"));
    InMemoryBook book = new TestBooks(List.of("BTC", "ETH", "SOL"), BTC, ETH, 180).spot("SOL", 100).build(1);
    try (ComputeBackend backend = TestBooks.scalar()) {
      StressResult res = StressTest.run(book, backend, StressOptions.defaults().withHistory(h, 3));
      StressResult.HistoricalDay ftx = res.historical().stream().filter(d -> d.date().equals("2022-11-09")).findFirst().orElseThrow();
      assertEquals(List.of("BTC", "SOL"), ftx.largestMoveOf());
      assertEquals(-0.55, ftx.returns().get("SOL"), 0.005);
      assertTrue(ftx.missing().isEmpty());
      assertEquals(100 * 180 * Math.expm1(ftx.returns().get("SOL")), ftx.pnl(), 1e-6);
    }
  }

  @Test
  void run_bookUnderlyingMissingFromHistoryIsNamed() throws Exception {
    PriceHistory h = PriceHistoryFiles.read(TestBooks.resource("crypto_daily_close.csv"));
    InMemoryBook book = new TestBooks(List.of("BTC", "SOL"), BTC, 180).spot("SOL", 1).build(1);
    try (ComputeBackend backend = TestBooks.scalar()) {
      InputException e = assertThrows(InputException.class,
          () -> StressTest.run(book, backend, StressOptions.defaults().withHistory(h, 2)));
      assertEquals("SOL", e.column());
    }
  }

  @Test
  void toJson_hasMatricesWorstAndDays() throws Exception {
    PriceHistory h = PriceHistoryFiles.read(TestBooks.resource("crypto_daily_close.csv"));
    InMemoryBook book = new TestBooks(List.of("BTC", "ETH"), BTC, ETH).spot("BTC", 1.0).build(1);
    try (ComputeBackend backend = TestBooks.scalar()) {
      JsonNode json = RiskJson.MAPPER.readTree(StressTest.run(book, backend, StressOptions.defaults().withHistory(h, 1)).toJson());
      assertEquals(-0.5, json.get("spot_moves").get(0).asDouble());
      assertEquals("ALL", json.get("matrices").get(2).get("underlying").asText());
      assertEquals(11, json.get("matrices").get(0).get("pnl").size());
      assertEquals(7, json.get("matrices").get(0).get("pnl").get(0).size());
      assertEquals(-0.5, json.get("worst").get("spot_move").asDouble());
      assertEquals("2020-03-12", json.get("historical").get(0).get("date").asText());
      assertTrue(json.get("historical").get(0).has("largest_move_of"));
      assertTrue(json.get("historical").get(0).get("by_underlying").has("ETH"));
    }
  }
}

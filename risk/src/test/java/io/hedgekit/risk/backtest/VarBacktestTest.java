package io.hedgekit.risk.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hedgekit.io.scenario.PriceHistoryFiles;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.risk.InMemoryBook;
import io.hedgekit.risk.var.RiskJson;
import io.hedgekit.risk.var.TestBooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VarBacktestTest {
  private static final double BTC = 95_000;
  private static final double ETH = 3_400;

  @TempDir
  Path dir;

  @Test
  void run_realHistoryMatchesADirectComputation() throws Exception {
    Path file = TestBooks.resource("crypto_daily_close.csv");
    PriceHistory h = PriceHistoryFiles.read(file);
    InMemoryBook book = new TestBooks(List.of("BTC", "ETH"), BTC, ETH).spot("BTC", 1.0).spot("ETH", 10.0).build(1);
    // independent: parse the file with split, P&L of every daily return on today's book
    List<String> lines = Files.readAllLines(file);
    int n = lines.size() - 1;
    double[] pnl = new double[n - 1];
    String[] prev = lines.get(1).split(",");
    for (int t = 1; t < n; t++) {
      String[] cur = lines.get(t + 1).split(",");
      double rb = Math.log(Double.parseDouble(cur[1]) / Double.parseDouble(prev[1]));
      double re = Math.log(Double.parseDouble(cur[2]) / Double.parseDouble(prev[2]));
      pnl[t - 1] = BTC * Math.expm1(rb) + 10 * ETH * Math.expm1(re);
      prev = cur;
    }
    int breaches = 0;
    double[] var = new double[pnl.length - 365];
    for (int i = 0; i < var.length; i++) {
      double[] w = Arrays.copyOfRange(pnl, i, i + 365);
      Arrays.sort(w);
      var[i] = -w[3]; // k = ⌈365 × 0.01⌉ = 4
      if (pnl[i + 365] < -var[i]) {
        breaches++;
      }
    }
    try (ComputeBackend backend = TestBooks.scalar()) {
      BacktestResult res = VarBacktest.run(book, h, backend, BacktestOptions.defaults());
      assertEquals(3244 - 365, res.observations());
      assertEquals(breaches, res.breaches());
      assertEquals("2018-01-02", res.firstDate());
      assertEquals("2025-11-19", res.lastDate());
      assertEquals(0, res.droppedDays());
      for (int i = 0; i < var.length; i += 97) {
        assertEquals(var[i], res.days().get(i).var(), 1e-9 * var[i], "day " + i);
        assertEquals(pnl[i + 365], res.days().get(i).pnl(), 1e-9 * Math.abs(pnl[i + 365]) + 1e-9);
      }
      assertEquals(BacktestStatistics.kupiec(res.observations(), breaches, 0.01), res.kupiec());
      assertEquals(250, res.trafficLight().days());
      int last = 0;
      for (int i = res.observations() - 250; i < res.observations(); i++) {
        last += res.days().get(i).breach() ? 1 : 0;
      }
      assertEquals(last, res.trafficLight().breaches());
      assertTrue(res.days().stream().allMatch(d -> d.es() >= d.var()));
    }
  }

  @Test
  void run_optionBookOnSolHistoryWritesDaysAndJson() throws Exception {
    PriceHistory h = PriceHistoryFiles.read(TestBooks.resource("crypto_daily_close_with_sol.csv"));
    InMemoryBook book = new TestBooks(List.of("BTC", "SOL"), BTC, 180)
        .option("BTC", false, true, 90_000, 0.2, 0.55, 5.0)
        .option("SOL", true, false, 200, 0.1, 0.9, -300)
        .linearPerp("SOL", 100, 0.0001)
        .build(2);
    try (ComputeBackend backend = TestBooks.scalar(); BufferAllocator alloc = new RootAllocator()) {
      BacktestResult res = VarBacktest.run(book, h, backend, BacktestOptions.defaults().withWindow(250).withConfidence(0.975));
      assertEquals(2049 - 250, res.observations());
      assertEquals(0.975, res.confidence());
      JsonNode json = RiskJson.MAPPER.readTree(res.toJson());
      assertEquals(res.breaches(), json.get("breaches").asInt());
      assertTrue(json.get("kupiec").has("p_value"));
      assertTrue(json.get("traffic_light").get("zone").asText().matches("green|yellow|red"));
      assertFalse(json.has("days"));
      Path out = dir.resolve("days.csv");
      res.writeDays(out, TableFormat.CSV, alloc);
      List<String> lines = Files.readAllLines(out);
      assertEquals("date,var,es,pnl,breach", lines.getFirst());
      assertEquals(res.observations() + 1, lines.size());
    }
  }

  @Test
  void run_dropsDaysWithMissingPrices() {
    int n = 12;
    List<LocalDate> dates = java.util.stream.IntStream.range(0, n).mapToObj(i -> LocalDate.of(2020, 1, 1).plusDays(i)).toList();
    double[] btc = new double[n];
    double[] sol = new double[n];
    for (int t = 0; t < n; t++) {
      btc[t] = 100 * Math.exp(0.01 * Math.sin(t));
      sol[t] = t < 3 ? Double.NaN : 2 * Math.exp(0.02 * Math.cos(t));
    }
    PriceHistory h = new PriceHistory("p", dates, List.of("BTC", "SOL"), new double[][] {btc, sol});
    InMemoryBook book = new TestBooks(List.of("BTC", "SOL"), 100, 2).spot("BTC", 1).spot("SOL", 1).build(1);
    try (ComputeBackend backend = TestBooks.scalar()) {
      BacktestResult res = VarBacktest.run(book, h, backend, BacktestOptions.defaults().withWindow(4));
      assertEquals(3, res.droppedDays()); // returns ending on days 1, 2 and 3 lack SOL
      assertEquals(8 - 4, res.observations());
      assertThrows(IllegalArgumentException.class,
          () -> VarBacktest.run(book, h, backend, BacktestOptions.defaults().withWindow(8)));
    }
  }
}

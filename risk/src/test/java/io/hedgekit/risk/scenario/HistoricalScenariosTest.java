package io.hedgekit.risk.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hedgekit.io.scenario.PriceHistoryFiles;
import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.var.TestBooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoricalScenariosTest {
  private static final Path PRICES = TestBooks.resource("crypto_daily_close.csv");

  /** Closes parsed with String.split, independently of PriceHistory: date -> {BTC, ETH}. */
  private static Map<String, double[]> rawCloses() throws IOException {
    Map<String, double[]> m = new HashMap<>();
    List<String> lines = Files.readAllLines(PRICES);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      m.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
    }
    return m;
  }

  @Test
  void generate_oneDayReturnsMatchTheFile() throws IOException {
    PriceHistory h = PriceHistoryFiles.read(PRICES);
    HistoricalScenarios.Result res = HistoricalScenarios.generate(h, HistoricalSpec.of(1));
    ScenarioSet set = res.scenarios();
    assertEquals(3244, set.rows());
    assertEquals(0, res.dropped());
    assertEquals(List.of("BTC", "ETH"), set.underlyings());
    int i = res.endDates().indexOf(LocalDate.of(2020, 3, 12));
    Map<String, double[]> raw = rawCloses();
    double expectedBtc = Math.log(raw.get("2020-03-12")[0] / raw.get("2020-03-11")[0]);
    assertEquals(expectedBtc, set.returnAt(0, i), 1e-15);
    assertEquals(-0.465, set.returnAt(0, i), 0.0005); // the data README's largest BTC day
    assertEquals(-0.551, set.returnAt(1, i), 0.0005);
    assertEquals(1.0, set.lastStep().horizonDays());
    assertEquals("historical", set.metadata().generator());
  }

  @Test
  void generate_overlappingTenDayReturns() throws IOException {
    PriceHistory h = PriceHistoryFiles.read(PRICES);
    HistoricalScenarios.Result res = HistoricalScenarios.generate(h, HistoricalSpec.of(10));
    assertEquals(3245 - 10, res.scenarios().rows());
    assertEquals(LocalDate.of(2017, 1, 11), res.endDates().getFirst());
    int i = res.endDates().indexOf(LocalDate.of(2022, 11, 9));
    Map<String, double[]> raw = rawCloses();
    assertEquals(Math.log(raw.get("2022-11-09")[1] / raw.get("2022-10-30")[1]), res.scenarios().returnAt(1, i), 1e-15);
    assertEquals(10.0 / 365, res.scenarios().columns(List.of("ETH"), 1).horizonYears(), 1e-15);
  }

  @Test
  void generate_windowKeepsTheLastDays() throws IOException {
    PriceHistory h = PriceHistoryFiles.read(PRICES);
    HistoricalScenarios.Result res = HistoricalScenarios.generate(h, HistoricalSpec.of(1).withWindow(365)
        .withUnderlyings(List.of("ETH")));
    assertEquals(365, res.scenarios().rows());
    assertEquals(LocalDate.of(2025, 11, 19), res.endDates().getLast());
    assertEquals(LocalDate.of(2024, 11, 20), res.endDates().getFirst());
    assertEquals(List.of("ETH"), res.scenarios().underlyings());
  }

  @Test
  void generate_dropsRowsWhereAnUnderlyingHasNoPrice() {
    // SOL listed on the third day: returns ending on days 1 and 2 lack SOL
    PriceHistory h = new PriceHistory("p", List.of(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 2),
        LocalDate.of(2020, 1, 3), LocalDate.of(2020, 1, 4), LocalDate.of(2020, 1, 5)),
        List.of("BTC", "SOL"), new double[][] {{100, 110, 99, 120, 121}, {Double.NaN, Double.NaN, 2.0, 2.2, 1.8}});
    HistoricalScenarios.Result both = HistoricalScenarios.generate(h, HistoricalSpec.of(1));
    assertEquals(2, both.dropped());
    assertEquals(2, both.scenarios().rows());
    assertEquals(Math.log(2.2 / 2.0), both.scenarios().returnAt(1, 0), 1e-15);
    assertEquals(Math.log(120.0 / 99.0), both.scenarios().returnAt(0, 0), 1e-15);
    assertEquals("2", both.scenarios().metadata().parameters().get("dropped_rows"));
    HistoricalScenarios.Result btc = HistoricalScenarios.generate(h, HistoricalSpec.of(1).withUnderlyings(List.of("BTC")));
    assertEquals(0, btc.dropped());
    assertEquals(4, btc.scenarios().rows());
  }

  @Test
  void generate_filteredRescalesEachReturnToTodaysVol() {
    double[] prices = {100, 103, 99, 101, 108, 104, 104.5, 97, 98, 100};
    PriceHistory h = new PriceHistory("p", dates(prices.length), List.of("X"), new double[][] {prices});
    double lambda = 0.9;
    // independent EWMA: seed = mean of all 9 squared returns (fewer than 30), then the recursion
    double[] r = new double[prices.length];
    double seed = 0;
    for (int t = 1; t < prices.length; t++) {
      r[t] = Math.log(prices[t] / prices[t - 1]);
      seed += r[t] * r[t];
    }
    seed /= prices.length - 1;
    double[] var = new double[prices.length + 1];
    var[1] = seed;
    for (int t = 2; t <= prices.length; t++) {
      var[t] = lambda * var[t - 1] + (1 - lambda) * r[t - 1] * r[t - 1];
    }
    double today = Math.sqrt(var[prices.length]);
    ScenarioSet one = HistoricalScenarios.generate(h, HistoricalSpec.of(1).withEwma(lambda)).scenarios();
    assertEquals(9, one.rows());
    for (int t = 1; t < prices.length; t++) {
      assertEquals(r[t] * today / Math.sqrt(var[t]), one.returnAt(0, t - 1), 1e-15, "day " + t);
    }
    ScenarioSet three = HistoricalScenarios.generate(h, HistoricalSpec.of(3).withEwma(lambda)).scenarios();
    double expected = 0;
    for (int t = 7; t <= 9; t++) {
      expected += r[t] * today / Math.sqrt(var[t]);
    }
    assertEquals(expected, three.returnAt(0, three.rows() - 1), 1e-15);
    assertEquals("historical-filtered", three.metadata().generator());
  }

  @Test
  void generate_solFileKeepsAllThreeUnderlyings() throws IOException {
    PriceHistory h = PriceHistoryFiles.read(TestBooks.resource("crypto_daily_close_with_sol.csv"));
    HistoricalScenarios.Result res = HistoricalScenarios.generate(h, HistoricalSpec.of(1));
    assertEquals(2049, res.scenarios().rows());
    int i = res.endDates().indexOf(LocalDate.of(2022, 11, 9));
    assertEquals(-0.55, res.scenarios().returnAt(2, i), 0.01); // the README's largest SOL day
  }

  @Test
  void generate_unknownUnderlyingIsNamed() throws IOException {
    PriceHistory h = PriceHistoryFiles.read(PRICES);
    InputException e = assertThrows(InputException.class,
        () -> HistoricalScenarios.generate(h, HistoricalSpec.of(1).withUnderlyings(List.of("BTC", "DOGE"))));
    assertEquals("DOGE", e.column());
  }

  private static List<LocalDate> dates(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> LocalDate.of(2021, 1, 1).plusDays(i)).toList();
  }
}

package io.hedgekit.risk.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hedgekit.io.scenario.PriceHistoryFiles;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.risk.var.TestBooks;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.junit.jupiter.api.Test;

class ReturnStatisticsTest {

  @Test
  void estimate_matchesCommonsMathOnTheLastYear() throws IOException {
    var path = TestBooks.resource("crypto_daily_close.csv");
    List<String> lines = Files.readAllLines(path);
    int n = lines.size() - 1;
    double[] btc = new double[n];
    double[] eth = new double[n];
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      btc[i] = Double.parseDouble(f[1]);
      eth[i] = Double.parseDouble(f[2]);
    }
    int w = 365;
    double[] rb = new double[w];
    double[] re = new double[w];
    for (int i = 0; i < w; i++) {
      int t = n - w + i;
      rb[i] = Math.log(btc[t] / btc[t - 1]);
      re[i] = Math.log(eth[t] / eth[t - 1]);
    }
    ReturnStatistics s = ReturnStatistics.estimate(PriceHistoryFiles.read(path), List.of("BTC", "ETH"), w);
    assertEquals(w, s.observations());
    assertEquals(LocalDate.of(2025, 11, 19), s.lastDate());
    assertEquals(new StandardDeviation().evaluate(rb) * Math.sqrt(365), s.annualVols()[0], 1e-12);
    assertEquals(new StandardDeviation().evaluate(re) * Math.sqrt(365), s.annualVols()[1], 1e-12);
    assertEquals(new PearsonsCorrelation().correlation(rb, re), s.correlation()[0][1], 1e-12);
    assertEquals(s.correlation()[0][1], s.correlation()[1][0]);
    assertEquals(1.0, s.correlation()[1][1]);
  }

  @Test
  void estimate_historyTooShortForTheCorrelations_saysHowManyRowsAreNeeded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    var path = dir.resolve("short.csv");
    Files.writeString(path, "date,BTC,ETH,SOL\n2025-01-01,100,10,1\n2025-01-02,101,11,1.1\n2025-01-03,99,10.5,1.2\n");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ReturnStatistics.estimate(io.hedgekit.io.scenario.PriceHistoryFiles.read(path), List.of("BTC", "ETH", "SOL"), 0));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("is too short")
        && e.getMessage().contains("needs at least 4 daily returns, i.e. 5 rows of prices")
        && e.getMessage().contains("it has 2 such return(s)"), e.getMessage());
    // with 4 returns of 3 underlyings the estimate is positive definite and Monte Carlo runs
    Files.writeString(path, "date,BTC,ETH,SOL\n2025-01-01,100,10,1\n2025-01-02,101,11,1.1\n2025-01-03,99,10.5,1.2\n"
        + "2025-01-04,102,10.1,1.15\n2025-01-05,98,10.9,1.3\n");
    ReturnStatistics ok = ReturnStatistics.estimate(io.hedgekit.io.scenario.PriceHistoryFiles.read(path), List.of("BTC", "ETH", "SOL"), 0);
    assertEquals(4, ok.observations());
    assertEquals(3, Cholesky.lower(ok.correlation()).length);
  }
}

package io.hedgekit.cli;

import static io.hedgekit.cli.Examples.BOOK;
import static io.hedgekit.cli.Examples.MARKET;
import static io.hedgekit.cli.Examples.HISTORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HedgeBacktestCommandTest {
  private static final Path ROOT = ReadmeExampleTest.repoRoot();
  private static final String MANDATES = ROOT.resolve("examples/mandates.json").toString();
  private static final String UNIVERSE = ROOT.resolve("examples/universe.csv").toString();

  @TempDir
  Path dir;

  @Test
  void hedgeBacktest_november2022_writesThePageAndTheJson() throws IOException {
    Path html = dir.resolve("nov.html");
    Path json = dir.resolve("nov.json");
    CliRun r = CliRun.of("hedge-backtest", "--book", BOOK, "--market", MARKET, "--mandates", MANDATES, "--universe",
        UNIVERSE, "--history", HISTORY, "--from", "2022-11-01", "--to", "2022-11-15", "--rebalance", "threshold",
        "--out", html.toString(), "--json", json.toString(), "--backend", "scalar", "-q");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("re-hedges"), r.out());
    String page = Files.readString(html);
    assertTrue(page.contains("<svg class=\"chart\""), "a chart");
    assertTrue(page.contains("hedged book (net of costs)"));
    assertTrue(page.contains("default-src 'none'"));
    JsonNode j = new ObjectMapper().readTree(json.toFile());
    assertEquals(14, j.get("days").size(), "2022-11-02 .. 2022-11-15");
    double sum = 0;
    for (JsonNode d : j.get("days")) {
      sum += d.get("unhedged_pnl_usd").asDouble();
      assertEquals(d.get("hedged_pnl_usd").asDouble() - d.get("unhedged_pnl_usd").asDouble(),
          d.get("hedges_pnl_usd").asDouble(), 1e-6);
    }
    assertEquals(j.get("unhedged_total_usd").asDouble(), sum, 1e-6);
    assertTrue(j.get("breach_days_unhedged").asInt() >= j.get("breach_days_hedged").asInt());
  }

  @Test
  void hedgeBacktest_badOptions_exit2() {
    CliRun r = CliRun.of("hedge-backtest", "--book", BOOK, "--market", MARKET, "--mandates", MANDATES, "--history",
        HISTORY, "--rebalance", "weekly");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("must be daily or threshold, was weekly"), r.err());
    r = CliRun.of("hedge-backtest", "--book", BOOK, "--market", MARKET, "--mandates", MANDATES, "--history", HISTORY,
        "--from", "2030-01-01");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("needs at least two"), r.err());
  }
}

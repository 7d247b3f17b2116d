package io.hedgekit.cli;

import static io.hedgekit.cli.Examples.BOOK;
import static io.hedgekit.cli.Examples.MARKET;
import static io.hedgekit.cli.Examples.HISTORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scenarios -> var -> stress -> backtest -> report on the shipped examples, through the command line. */
class RiskCommandsTest {
  private static final Path ROOT = ReadmeExampleTest.repoRoot();

  @TempDir
  static Path dir;
  static Path mc;

  @BeforeAll
  static void makeScenarios() {
    mc = dir.resolve("mc.arrow");
    CliRun r = Examples.monteCarlo(mc, 2000, 11);
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("2,000 scenarios x 3 underlying(s) [BTC, ETH, SOL]"), r.out());
  }

  @Test
  void scenarios_historicalCsv_matchesPriceFile() throws IOException {
    Path out = dir.resolve("hist.csv");
    CliRun r = CliRun.of("scenarios", "--method", "historical", "--history", HISTORY, "--out", out.toString(), "-q");
    assertEquals(0, r.exitCode(), r.err());
    var lines = Files.readAllLines(out);
    assertTrue(lines.get(0).startsWith("scenario"), lines.get(0));
    assertEquals(2049 + 1, lines.size(), "one 1-day return per consecutive pair of the 2,050 dates, plus the header");
  }

  @Test
  void scenarios_unknownMethod_exit2() {
    CliRun r = CliRun.of("scenarios", "--method", "guess", "--history", HISTORY, "--out", dir.resolve("x.arrow").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--method"), r.err());
    assertFalse(Files.exists(dir.resolve("x.arrow")));
  }

  @Test
  void var_writesJsonWithEveryMethodAndContributionsSummingToEs() throws IOException {
    Path json = dir.resolve("var.json");
    Path pnl = dir.resolve("pnl.arrow");
    CliRun r = CliRun.of("var", "--book", BOOK, "--market", MARKET, "--scenarios", mc.toString(), "--out",
        json.toString(), "--pnl-out", pnl.toString(), "-q", "--backend", "scalar");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals(2000, root.get("scenarios").asInt());
    assertEquals(6, root.get("results").size(), "full, delta-gamma, delta-gamma-vega-theta at 99% and 97.5%");
    double es = root.get("contributions").get("es").asDouble();
    double sum = 0;
    for (JsonNode v : root.get("contributions").get("by_underlying")) {
      sum += v.asDouble();
    }
    assertEquals(es, sum, 1e-6 * Math.abs(es));
    for (JsonNode f : root.get("results")) {
      assertTrue(f.get("es").asDouble() >= f.get("var").asDouble(), f.toString());
    }
    assertTrue(Files.size(pnl) > 2000 * 8);
  }

  @Test
  void var_missingUnderlyingInScenarios_exit2() throws IOException {
    Path btcOnly = dir.resolve("btc.csv");
    Files.writeString(btcOnly, "scenario,BTC_return\n0,0.01\n1,-0.02\n");
    CliRun r = CliRun.of("var", "--book", BOOK, "--market", MARKET, "--scenarios", btcOnly.toString(), "-q");
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("btc.csv") && r.err().contains("ETH"), r.err());
  }

  @Test
  void stress_printsMatricesWorstCellAndHistoricalDays() {
    CliRun r = CliRun.of("stress", "--book", BOOK, "--market", MARKET, "--history", HISTORY, "-q", "--backend", "scalar");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("worst cell"), r.out());
    assertTrue(r.out().contains("2022-11-09"), "SOL's largest daily move is among the historical days:\n" + r.out());
  }

  @Test
  void backtest_onRealHistory_reportsTestsAndZone() throws IOException {
    Path json = dir.resolve("bt.json");
    CliRun r = CliRun.of("backtest", "--book", BOOK, "--market", MARKET, "--history", HISTORY, "--out", json.toString(), "-q");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Kupiec") && r.out().contains("traffic light"), r.out());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertTrue(root.get("observations").asInt() > 1500, root.toString());
  }

  @Test
  void report_withEverySection_isSelfContainedHtml() throws IOException {
    Path html = dir.resolve("report.html");
    CliRun r = CliRun.of("report", "--book", BOOK, "--market", MARKET, "--scenarios", mc.toString(), "--universe",
        ROOT.resolve("examples/universe.csv").toString(), "--history", HISTORY, "--out", html.toString(), "-q");
    assertEquals(0, r.exitCode(), r.err());
    String text = Files.readString(html);
    assertTrue(text.startsWith("<!DOCTYPE html>") || text.startsWith("<!doctype html>"), text.substring(0, 40));
    assertTrue(text.contains("<svg"), "inline SVG charts");
    assertFalse(text.matches("(?s).*(src|href)=\"https?://.*"), "no network references");
    assertTrue(text.contains("BTC-PERPETUAL") || text.contains("BTC-27MAR26"), "hedge tickets are in the report");
  }
}

package io.hedgekit.cli;

import static io.hedgekit.cli.Examples.BOOK;
import static io.hedgekit.cli.Examples.MARKET;
import static io.hedgekit.cli.Examples.HISTORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --vol-dynamics and --vol-shift-term through var, stress, backtest, hedge and whatif on the shipped examples (BTC smile). */
class VolDynamicsCommandsTest {
  private static final Path ROOT = ReadmeExampleTest.repoRoot();

  @TempDir
  static Path dir;
  static Path mc;

  @BeforeAll
  static void makeScenarios() {
    mc = dir.resolve("mc.arrow");
    CliRun r = Examples.monteCarlo(mc, 500, 5);
    assertEquals(0, r.exitCode(), r.err());
  }

  private static JsonNode var(String backend, String... dynamics) throws IOException {
    Path json = dir.resolve("var-" + backend + "-" + String.join("", dynamics) + ".json");
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("var", "--book", BOOK, "--market", MARKET,
        "--scenarios", mc.toString(), "--out", json.toString(), "-q", "--backend", backend, "--method", "full"));
    args.addAll(java.util.List.of(dynamics));
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    return new ObjectMapper().readTree(json.toFile());
  }

  private static double es(JsonNode var) {
    return var.get("results").get(0).get("es").asDouble();
  }

  @Test
  void var_stickyMoneynessDiffersAndBackendsAgree() throws IOException {
    double strike = es(var("scalar"));
    double moneyness = es(var("scalar", "--vol-dynamics", "sticky-moneyness"));
    double sqrt = es(var("scalar", "--vol-dynamics", "sticky-moneyness", "--vol-shift-term", "sqrt"));
    assertNotEquals(strike, moneyness, 1e-6 * Math.abs(strike));
    assertNotEquals(moneyness, sqrt, 1e-6 * Math.abs(strike));
    double cpu = es(var("cpu", "--vol-dynamics", "sticky-moneyness", "--vol-shift-term", "sqrt"));
    assertEquals(sqrt, cpu, 1e-9 * Math.abs(sqrt));
  }

  private static JsonNode whatIf(String... dynamics) throws IOException {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("whatif", "--book", BOOK, "--market",
        MARKET, "--add", ROOT.resolve("examples/trades.csv").toString(), "--scenarios", mc.toString(), "--json", "-q",
        "--backend", "cpu"));
    args.addAll(java.util.List.of(dynamics));
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void whatIf_stickyMoneynessMovesTheVarBeforeAsVarDoes() throws IOException {
    JsonNode strike = whatIf();
    JsonNode moneyness = whatIf("--vol-dynamics", "sticky-moneyness");
    assertNotEquals(strike.toString(), moneyness.toString());
    // the book before the trades: what var reports for it under the same dynamics (ES at 99%)
    double varEs = es(var("cpu", "--vol-dynamics", "sticky-moneyness"));
    assertEquals(varEs, moneyness.get("comparison").get("es_before").asDouble(), 1e-9 * Math.abs(varEs));
    assertNotEquals(moneyness.get("comparison").get("es_after").asDouble(),
        strike.get("comparison").get("es_after").asDouble(), 1e-6 * Math.abs(varEs));
  }

  @Test
  void stressBacktestHedge_acceptTheOptions() {
    CliRun s = CliRun.of("stress", "--book", BOOK, "--market", MARKET, "-q", "--backend", "scalar",
        "--vol-dynamics", "sticky-moneyness", "--vol-shift-term", "sqrt");
    assertEquals(0, s.exitCode(), s.err());
    CliRun b = CliRun.of("backtest", "--book", BOOK, "--market", MARKET, "--history", HISTORY, "-q", "--backend", "cpu",
        "--vol-dynamics", "sticky-moneyness");
    assertEquals(0, b.exitCode(), b.err());
    CliRun h = CliRun.of("hedge", "--book", BOOK, "--market", MARKET, "--universe",
        ROOT.resolve("examples/universe.csv").toString(), "--target", "min-variance", "--scenarios", mc.toString(),
        "-q", "--backend", "cpu", "--vol-dynamics", "sticky-moneyness", "--out", dir.resolve("t.csv").toString());
    assertEquals(0, h.exitCode(), h.err());
    CliRun bad = CliRun.of("stress", "--book", BOOK, "--market", MARKET, "-q", "--vol-dynamics", "sticky-delta");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("--vol-dynamics"), bad.err());
  }
}

package io.hedgekit.cli;

import static io.hedgekit.cli.Examples.BOOK;
import static io.hedgekit.cli.Examples.MARKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HedgeCommandTest {
  private static final Path ROOT = ReadmeExampleTest.repoRoot();
  private static final String UNIVERSE = ROOT.resolve("examples/universe.csv").toString();

  @TempDir
  Path dir;

  @Test
  void hedge_delta_writesTicketsAndLeavesHalfALot() throws IOException {
    Path out = dir.resolve("tickets.csv");
    CliRun r = CliRun.of("hedge", "--book", BOOK, "--market", MARKET, "--universe", UNIVERSE, "--target", "delta",
        "--out", out.toString(), "--backend", "scalar", "-q");
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals("id,quantity,cost_usd", lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("BTC-PERPETUAL,")), lines.toString());
    assertTrue(r.out().contains("after"), r.out());
  }

  @Test
  void hedge_gammaWithOnlyPerpetuals_isInfeasibleExit2() throws IOException {
    Path universe = dir.resolve("perps.csv");
    Files.writeString(universe, "id,symbol,contract_size,cost,lot\nBTC-PERPETUAL,BTC-PERPETUAL,10,0.005,1\n"
        + "ETH-PERPETUAL,ETH-PERPETUAL,1,0.0005,1\nSOL_USDC-PERPETUAL,SOL_USDC-PERPETUAL,1,0.02,0.1\n");
    CliRun r = CliRun.of("hedge", "--book", BOOK, "--market", MARKET, "--universe", universe.toString(),
        "--target", "delta-gamma", "--out", dir.resolve("t.csv").toString(), "-q");
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("gamma"), r.err());
    assertFalse(Files.exists(dir.resolve("t.csv")));
  }

  @Test
  void hedge_badLot_exit2NamesRow() throws IOException {
    Path universe = dir.resolve("bad.csv");
    Files.writeString(universe, "id,symbol,contract_size,cost,lot\nBTC-PERPETUAL,BTC-PERPETUAL,10,0.005,1\n"
        + "BTC-26JUN26,BTC-26JUN26,10,0.005,\n");
    CliRun r = CliRun.of("hedge", "--book", BOOK, "--market", MARKET, "--universe", universe.toString(),
        "--target", "delta", "-q");
    assertEquals(2, r.exitCode(), r.out());
    assertTrue(r.err().contains("bad.csv row 2, column lot"), r.err());
  }

  @Test
  void hedge_minVarianceWithoutScenarios_exit2() {
    CliRun r = CliRun.of("hedge", "--book", BOOK, "--market", MARKET, "--universe", UNIVERSE, "--target",
        "min-variance", "-q");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--scenarios"), r.err());
  }

  @Test
  void whatif_collarAndPerpShort_changesDelta() {
    CliRun r = CliRun.of("whatif", "--book", BOOK, "--market", MARKET, "--add",
        ROOT.resolve("examples/trades.csv").toString(), "--backend", "scalar", "-q", "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("protective-put-btc") && r.out().contains("perp-short-eth"), r.out());
  }
}

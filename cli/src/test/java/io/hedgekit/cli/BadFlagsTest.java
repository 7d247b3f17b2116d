package io.hedgekit.cli;

import static io.hedgekit.cli.Examples.BOOK;
import static io.hedgekit.cli.Examples.MARKET;
import static io.hedgekit.cli.Examples.HISTORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags with values that parse but make no sense: exit 2 naming the flag and what it accepts, never "internal error". */
class BadFlagsTest {

  @TempDir
  Path dir;

  private static void assertRefused(CliRun r, String... expected) {
    assertEquals(2, r.exitCode(), r.err());
    assertFalse(r.err().contains("internal error"), r.err());
    for (String x : expected) {
      assertTrue(r.err().contains(x), "'" + x + "' in: " + r.err());
    }
  }

  private CliRun scenarios(String... extra) {
    List<String> args = new ArrayList<>(List.of("scenarios", "--history", HISTORY, "--out", dir.resolve("s.arrow").toString(), "-q"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  private Path scenarioFile(String csv) throws IOException {
    Path p = dir.resolve("s.csv");
    Files.writeString(p, csv);
    return p;
  }

  @Test
  void var_confidenceOutsideZeroOne_exit2WithTheRange() throws IOException {
    Path s = scenarioFile("scenario,BTC_return,ETH_return,SOL_return\n0,0.01,0.02,0.03\n1,-0.01,0,0\n");
    for (String c : List.of("1.5", "0", "0.99,1")) {
      assertRefused(CliRun.of("var", "--book", BOOK, "--market", MARKET, "--scenarios", s.toString(), "--confidence", c, "-q"),
          "--confidence must be strictly between 0 and 1");
    }
  }

  @Test
  void threadsZero_refusedEverywhere() throws IOException {
    assertRefused(CliRun.of("greeks", "--book", BOOK, "--market", MARKET, "--threads", "0", "-q"), "--threads must be >= 1");
    assertRefused(scenarios("--method", "mc", "--threads", "0"), "--threads must be >= 1");
  }

  @Test
  void scenarioFlags_nameTheFlagNotAJavaField() {
    assertRefused(scenarios("--method", "mc", "--model", "student-t", "--dof", "1"), "--dof must be > 2", "was 1.0");
    assertRefused(scenarios("--method", "historical", "--horizon-days", "0"), "--horizon-days must be a whole number of days >= 1");
    assertRefused(scenarios("--method", "historical", "--ewma-lambda", "1.5"), "--ewma-lambda must be in (0, 1)");
    assertRefused(scenarios("--method", "mc", "--count", "0"), "--count must be >= 1");
    for (String field : List.of("degreesOfFreedom", "horizonDays", "ewmaLambda")) {
      assertFalse(scenarios("--method", "mc", "--model", "student-t", "--dof", "1").err().contains(field));
    }
  }

  @Test
  void scenarios_shortHistory_saysTooShortAndHowManyRows() throws IOException {
    Path h = dir.resolve("h.csv");
    Files.writeString(h, "date,BTC,ETH,SOL\n2025-01-01,100,10,1\n2025-01-02,101,11,1.1\n2025-01-03,99,10.5,1.2\n");
    CliRun r = CliRun.of("scenarios", "--method", "mc", "--history", h.toString(), "--out", dir.resolve("s.arrow").toString(), "-q");
    assertRefused(r, "is too short", "5 rows of prices");
    assertFalse(r.err().contains("positive definite"), r.err());
  }

  @Test
  void var_absurdReturnOrDuplicateScenario_exit2NamingTheRow() throws IOException {
    Path s = scenarioFile("scenario,BTC_return,ETH_return,SOL_return\n0,0.01,0.02,0.03\n1,50,0,0\n");
    assertRefused(CliRun.of("var", "--book", BOOK, "--market", MARKET, "--scenarios", s.toString(), "-q"),
        "row 2, column BTC_return", "--max-abs-return");
    assertEquals(0, CliRun.of("var", "--book", BOOK, "--market", MARKET, "--scenarios", s.toString(), "--max-abs-return", "60",
        "-q", "--backend", "scalar").exitCode());
    Path d = scenarioFile("scenario,BTC_return,ETH_return,SOL_return\n0,0.01,0.02,0.03\n0,0.02,0,0\n");
    assertRefused(CliRun.of("var", "--book", BOOK, "--market", MARKET, "--scenarios", d.toString(), "-q"),
        "row 2, column scenario: duplicate scenario id, first used in row 1");
  }

  @Test
  void var_garbageScenarioFile_notAScenarioFile() throws IOException {
    Path s = dir.resolve("s.csv");
    Files.write(s, new byte[] {'P', 'K', 3, 4, 20, 0, 8, 0, 'x', ',', 'y', '\n', '1', ',', '2', '\n'});
    assertRefused(CliRun.of("var", "--book", BOOK, "--market", MARKET, "--scenarios", s.toString(), "-q"), "not a scenario file");
  }
}

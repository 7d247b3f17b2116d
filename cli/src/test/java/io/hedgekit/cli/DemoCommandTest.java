package io.hedgekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @Test
  void demo_smallBook_runsEveryStepAndWritesEveryOutput(@TempDir Path dir) throws java.io.IOException {
    CliRun r = CliRun.of("demo", "--positions", "3000", "--scenarios", "300", "--out", dir.toString(), "-q",
        "--examples", ReadmeExampleTest.repoRoot().resolve("examples").toString());
    assertEquals(0, r.exitCode(), r.err());
    for (String step : new String[] {"1. book", "2. greeks", "3. scenarios", "4. VaR/ES", "5. stress", "6. hedge", "7. margin", "8. report"}) {
      assertTrue(r.out().contains(step), step + " missing:\n" + r.out());
    }
    for (String file : new String[] {"book.arrow", "market.json", "greeks.arrow", "greeks-by-underlying.csv", "scenarios.arrow",
        "var.json", "stress.json", "hedge.json", "tickets.csv", "hedge-before-after.csv", "report.html"}) {
      assertTrue(Files.isRegularFile(dir.resolve(file)), file);
      assertTrue(r.out().contains(file), file + " is listed");
    }
    String tickets = Files.readString(dir.resolve("tickets.csv"));
    assertTrue(tickets.startsWith("id,quantity,cost_usd\n"), tickets);
    assertTrue(!tickets.matches("(?s).*\\d\\.\\d*0000000\\d.*") && !tickets.contains("E-"), "numbers for people: " + tickets);
    List<String> greeks = Files.readAllLines(dir.resolve("greeks-by-underlying.csv"));
    assertEquals(4, greeks.size(), "header and BTC, ETH, SOL: " + greeks);
    assertTrue(greeks.stream().noneMatch(l -> l.contains("-0.0,") || l.endsWith("-0.0")), greeks.toString());
  }

  @Test
  void demo_parquetWithoutTheSparkModule_exit2NamingWhatIsMissing(@TempDir Path dir) {
    Path out = dir.resolve("demo");
    CliRun r = CliRun.of("demo", "--inputs-only", "--book-format", "parquet", "--positions", "100", "--out", out.toString(),
        "-q", "--examples", ReadmeExampleTest.repoRoot().resolve("examples").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("Parquet writer of the spark module") && r.err().contains("parquet-hadoop")
        && r.err().contains("./hedgekit"), r.err());
    assertTrue(!Files.exists(out), "checked before any work");
  }

  @Test
  void demo_unknownBookFormat_exit2(@TempDir Path dir) {
    CliRun r = CliRun.of("demo", "--inputs-only", "--book-format", "xlsx", "--out", dir.resolve("d").toString(), "-q");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--book-format must be csv, arrow or parquet, was xlsx"), r.err());
  }
}

package io.hedgekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @Test
  void demo_smallBook_runsEveryStepAndWritesEveryOutput(@TempDir Path dir) {
    CliRun r = CliRun.of("demo", "--positions", "3000", "--scenarios", "300", "--out", dir.toString(), "-q",
        "--examples", ReadmeExampleTest.repoRoot().resolve("examples").toString());
    assertEquals(0, r.exitCode(), r.err());
    for (String step : new String[] {"1. book", "2. greeks", "3. scenarios", "4. VaR/ES", "5. stress", "6. hedge", "7. margin", "8. report"}) {
      assertTrue(r.out().contains(step), step + " missing:\n" + r.out());
    }
    for (String file : new String[] {"book.arrow", "market.json", "greeks.arrow", "scenarios.arrow", "report.html"}) {
      assertTrue(Files.isRegularFile(dir.resolve(file)), file);
    }
  }
}

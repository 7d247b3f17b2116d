package io.hedgekit.cli;

import java.nio.file.Path;

/** The shipped examples the command-line tests run on, and the Monte Carlo scenario file several of them need. */
final class Examples {
  /** {@code examples/book.csv}. */
  static final String BOOK = file("book.csv");
  /** {@code examples/market.json} (with the fitted BTC smile). */
  static final String MARKET = file("market.json");
  /** {@code examples/crypto_daily_close_with_sol.csv}: daily BTC, ETH and SOL closes. */
  static final String HISTORY = file("crypto_daily_close_with_sol.csv");

  private Examples() {
  }

  private static String file(String name) {
    return ReadmeExampleTest.repoRoot().resolve("examples").resolve(name).toString();
  }

  /**
   * {@code hedgekit scenarios --method mc --model student-t --vol-shifts} over {@link #HISTORY}:
   * {@code count} scenarios from {@code seed} into {@code out}.
   */
  static CliRun monteCarlo(Path out, int count, long seed) {
    return CliRun.of("scenarios", "--method", "mc", "--model", "student-t", "--history", HISTORY, "--count",
        Integer.toString(count), "--seed", Long.toString(seed), "--vol-shifts", "--out", out.toString(), "-q");
  }
}

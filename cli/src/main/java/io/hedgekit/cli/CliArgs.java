package io.hedgekit.cli;

import io.hedgekit.io.table.AtomicOutput;
import io.hedgekit.risk.hedge.HedgeTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Checks and small outputs shared by the commands; a bad value is a {@link UsageException} (exit 2). */
final class CliArgs {
  private CliArgs() {
  }

  /** A confidence level strictly between 0 and 1. */
  static double confidence(double c) {
    if (!(c > 0 && c < 1)) {
      throw new UsageException("--confidence must be strictly between 0 and 1 (e.g. 0.99), was " + c);
    }
    return c;
  }

  /**
   * A worker thread count: null (not given) is 0, meaning one per core; a given value must be >= 1.
   */
  static int threads(Integer threads) {
    require(threads == null || threads >= 1, "--threads", "must be >= 1 (leave it out for one per core)", threads);
    return threads == null ? 0 : threads;
  }

  /** Throws a {@link UsageException} "{@code flag} {@code rule}, was {@code value}" unless {@code ok}. */
  static void require(boolean ok, String flag, String rule, Object value) {
    if (!ok) {
      throw new UsageException(flag + " " + rule + ", was " + value);
    }
  }

  /** A hedge target by its command-line label. */
  static HedgeTarget hedgeTarget(String label) {
    try {
      return HedgeTarget.parse(label);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** Writes {@code text} (UTF-8) to {@code file} atomically: the file appears whole or not at all. */
  static void writeText(Path file, String text) throws IOException {
    AtomicOutput.write(file, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
  }
}

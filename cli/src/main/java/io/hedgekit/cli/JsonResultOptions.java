package io.hedgekit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --out FILE}, {@code --json}, {@code -q}: shared by the commands whose result is one JSON
 * object (stress, backtest, margin, carry), which print a table unless {@code --json} is given.
 */
public final class JsonResultOptions {

  @Option(names = "--out", paramLabel = "FILE", description = "Result as JSON.")
  Path out;

  @Option(names = "--json", description = "Print the result JSON.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No backend line.")
  boolean quiet;
}

package io.hedgekit.cli;

import io.hedgekit.risk.engine.FileBook;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.ResolvePolicy;
import io.hedgekit.risk.engine.RiskEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --book}, {@code --market}, {@code --allow-expired}, {@code --batch-rows}: a book and its market. */
public final class BookInputs {

  @Option(names = "--book", required = true, paramLabel = "FILE",
      description = "Positions: CSV with a header, or Arrow IPC (.arrow) with the same columns.")
  Path book;

  @Option(names = "--market", required = true, paramLabel = "FILE",
      description = "Market data JSON: valuation time, spot, rates, forwards, vols, funding.")
  Path market;

  @Option(names = "--allow-expired",
      description = "Value positions expiring at or before the valuation time at intrinsic instead of rejecting them.")
  boolean allowExpired;

  @Option(names = "--allow-arbitrage",
      description = "Load a market whose SVI smile fails a no-arbitrage check (a warning instead of an error).")
  boolean allowArbitrage;

  @Option(names = "--batch-rows", paramLabel = "N", defaultValue = "65536",
      description = "Positions per Arrow record batch (default: ${DEFAULT-VALUE}).")
  int batchRows;

  @Option(names = "--cache-rows", paramLabel = "N", defaultValue = "1000000",
      description = "Commands that read the book more than once keep it in memory after the first read when it has "
          + "at most N rows (about 200 bytes per row); 0 reads the file on every pass (default: ${DEFAULT-VALUE}).")
  long cacheRows;

  /** Reads the market and opens the book for streaming through {@code engine}, resolved against it (for one pass). */
  FileBook open(RiskEngine engine) {
    return open(engine, 0);
  }

  /**
   * As {@link #open}, for commands that pass over the book several times: the first complete pass
   * is kept in memory up to {@code --cache-rows} rows. Close the book.
   */
  FileBook openForPasses(RiskEngine engine) {
    if (cacheRows < 0) {
      throw new UsageException("--cache-rows must be >= 0, was " + cacheRows);
    }
    return open(engine, cacheRows);
  }

  private FileBook open(RiskEngine engine, long keepRows) {
    requireFile(book, "--book");
    requireFile(market, "--market");
    if (batchRows <= 0) {
      throw new UsageException("--batch-rows must be > 0, was " + batchRows);
    }
    return engine.openBook(book, Market.read(market, allowArbitrage, w -> System.err.println("hedgekit: " + w)),
        ResolvePolicy.strict().withAllowExpired(allowExpired).withBatchRows(batchRows), keepRows);
  }

  static void requireFile(Path p, String option) {
    if (!Files.isRegularFile(p)) {
      throw new UsageException(option + " " + p + ": no such file");
    }
  }
}

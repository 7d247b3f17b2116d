package io.hedgekit.cli;

import io.hedgekit.io.market.MarketJson;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.risk.book.ArrowResolvedBook;
import io.hedgekit.risk.book.ResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
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

  @Option(names = "--batch-rows", paramLabel = "N", defaultValue = "65536",
      description = "Positions per Arrow record batch (default: ${DEFAULT-VALUE}).")
  int batchRows;

  /** Reads the market and opens the book for streaming, resolved against it. */
  ArrowResolvedBook open(BufferAllocator allocator) {
    requireFile(book, "--book");
    requireFile(market, "--market");
    if (batchRows <= 0) {
      throw new UsageException("--batch-rows must be > 0, was " + batchRows);
    }
    MarketData marketData = MarketJson.read(market);
    return new ArrowResolvedBook(book, marketData, market.getFileName().toString(), allocator,
        ResolveOptions.defaults().withAllowExpired(allowExpired).withBatchRows(batchRows));
  }

  static void requireFile(Path p, String option) {
    if (!Files.isRegularFile(p)) {
      throw new UsageException(option + " " + p + ": no such file");
    }
  }
}

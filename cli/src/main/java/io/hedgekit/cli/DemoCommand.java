package io.hedgekit.cli;

import io.hedgekit.io.market.MarketJson;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.risk.backend.Backends;
import io.hedgekit.risk.book.ArrowResolvedBook;
import io.hedgekit.risk.book.ResolveOptions;
import io.hedgekit.risk.demo.DemoData;
import io.hedgekit.risk.greeks.GreeksJob;
import io.hedgekit.risk.greeks.PortfolioGreeks;
import io.hedgekit.io.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hedgekit demo}: builds a realistic multi-asset book and its market from the real option
 * chain shipped in {@code examples/}, and runs the engine on it end to end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the engine end to end on a realistic book built from the real Deribit chain in examples/.",
    footer = {"", "Examples:", "  hedgekit demo", "  hedgekit demo --positions 1000000 --out /tmp/demo --backend cpu"})
public final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  BackendOptionsMixin backend;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "hedgekit-demo-output",
      description = "Folder for the demo's inputs and outputs (default: ${DEFAULT-VALUE}).")
  Path outDir;

  @Option(names = "--positions", paramLabel = "N", defaultValue = "300000",
      description = "Positions in the generated book (default: ${DEFAULT-VALUE}).")
  int positions;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "20260301", description = "Seed of the book generator.")
  long seed;

  @Option(names = "--book-format", paramLabel = "csv|arrow", defaultValue = "arrow",
      description = "Format of the generated book (default: ${DEFAULT-VALUE}).")
  TableFormat bookFormat;

  @Option(names = "--examples", paramLabel = "DIR",
      description = "Folder holding the shipped chain (default: examples/ of the hedgekit checkout).")
  Path examples;

  @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (positions <= 0) {
      throw new UsageException("--positions must be > 0, was " + positions);
    }
    Path chain = examplesDir().resolve("deribit_options_snapshot_2026_tessicin.csv");
    BookInputs.requireFile(chain, "--examples");
    Files.createDirectories(outDir);
    long start = System.nanoTime();
    DemoData demo = DemoData.fromChain(chain);
    MarketData market = demo.market();
    Path marketFile = outDir.resolve("market.json");
    MarketJson.write(market, marketFile);
    Path bookFile = outDir.resolve(bookFormat == TableFormat.CSV ? "book.csv" : "book.arrow");
    out.printf(Locale.ROOT, "hedgekit demo: real Deribit BTC chain of %s (examples/%s)%n", demo.valuationTime(),
        chain.getFileName());
    try (BufferAllocator allocator = new RootAllocator();
        Backends.Selection selection = backend.open(quiet ? null : spec.commandLine().getErr())) {
      demo.writeBook(bookFile, bookFormat, positions, seed, allocator);
      out.printf(Locale.ROOT, "1. book: %,d positions (BTC, ETH, SOL; inverse and USDC options, futures, perpetuals, spot) -> %s%n",
          positions, bookFile);
      out.printf(Locale.ROOT, "   market: spot, forwards and vol surface per underlying -> %s%n", marketFile);

      ArrowResolvedBook book = new ArrowResolvedBook(bookFile, market, marketFile.getFileName().toString(), allocator,
          ResolveOptions.defaults());
      Path greeksFile = outDir.resolve("greeks.arrow");
      Progress progress = TerminalProgress.create("greeks", "positions", quiet);
      long t0 = System.nanoTime();
      PortfolioGreeks greeks;
      try {
        greeks = GreeksJob.run(book, selection.backend().greeks(), greeksFile, TableFormat.ARROW, allocator, progress);
      } finally {
        TerminalProgress.finish(progress);
      }
      double greeksSeconds = (System.nanoTime() - t0) / 1e9;
      out.printf(Locale.ROOT, "2. greeks: %,d positions in %.2f s on %s -> %s%n%n", greeks.totalPositions(), greeksSeconds,
          selection.backend().name(), greeksFile);
      out.print(Summaries.greeksTable(greeks, market.valuationTime().toString()));
    }
    out.printf(Locale.ROOT, "%ndemo finished in %.1f s; outputs in %s%n", (System.nanoTime() - start) / 1e9,
        outDir.toAbsolutePath());
    out.flush();
    return 0;
  }

  private Path examplesDir() {
    if (examples != null) {
      return examples;
    }
    String home = System.getProperty("hedgekit.home");
    Path base = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
    return base.resolve("examples");
  }
}

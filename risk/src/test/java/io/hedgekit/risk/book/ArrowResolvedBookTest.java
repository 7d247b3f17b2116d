package io.hedgekit.risk.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.Position;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.market.UnderlyingMarket;
import io.hedgekit.kernels.market.VolSurface;
import io.hedgekit.kernels.reference.ReferenceGreeksKernel;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.greeks.PortfolioGreeks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowResolvedBookTest {
  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

  @TempDir
  Path dir;

  private static MarketData market() {
    VolSurface surface = new VolSurface(new double[] {0.1, 1.0}, new double[] {80_000, 100_000},
        new double[][] {{0.7, 0.5}, {0.6, 0.4}});
    return new MarketData(NOW, Map.of(
        "BTC", new UnderlyingMarket(95_000, 0.04, 0.0,
            List.of(new UnderlyingMarket.ForwardPoint(31.0 / 365, 95_400)), Double.NaN, surface, 0.0001),
        "ETH", new UnderlyingMarket(3_000, 0.03, 0.01, List.of(), 0.7, null, 0.0)));
  }

  private Path book(String rows) throws IOException {
    Path p = dir.resolve("book.csv");
    Files.writeString(p, "id,underlying,instrument,type,settlement,strike,expiry,quantity,contract_size,vol,entry_price\n" + rows);
    return p;
  }

  @Test
  void resolve_appliesMarketRules() throws IOException {
    Path file = book("""
        o1,BTC,option,call,inverse,90000,2026-12-25,2,,,
        o2,BTC,option,put,,90000,2026-12-25,2,,0.9,
        f1,BTC,future,,inverse,,2026-12-25T08:00:00Z,100,10,,
        p1,ETH,perpetual,,,,,3,,,2900
        """);
    try (BufferAllocator allocator = new RootAllocator();
        ArrowResolvedBook.Pass pass = new ArrowResolvedBook(file, market(), "m.json", allocator, ResolveOptions.defaults()).batches()) {
      try (ResolvedBatch b = pass.next()) {
        double t = 31.0 / 365;
        Position o1 = b.columns().row(0);
        assertEquals(ContractKind.INVERSE_CALL, o1.kind());
        assertEquals(t, o1.timeYears(), 1e-15);
        assertEquals(0.04 - Math.log(95_400.0 / 95_000) / t, o1.carry(), 1e-14, "carry implied by the listed forward");
        // surface: strike 90000 between 80000 (0.7) and 100000 (0.5) at T = 0.1 > t: flat before first expiry
        assertEquals(0.6, o1.vol(), 1e-14);
        assertEquals(2.0, o1.size());
        assertEquals(0.9, b.columns().row(1).vol(), "the position's own vol wins");
        Position f1 = b.columns().row(2);
        assertEquals(1000.0, f1.size(), "quantity × contract size (USD face)");
        assertEquals(95_400.0, f1.entryPrice(), 1e-9, "no entry price: entered at today's forward");
        Position p1 = b.columns().row(3);
        assertEquals(2900.0, p1.entryPrice());
        assertEquals(1, p1.underlying());
        assertEquals("p1", b.id(3));
        assertEquals("ETH", b.underlyingName(3));
      }
      assertTrue(!pass.hasNext());
    }
  }

  @Test
  void resolve_optionWithoutAnyVol_isRejectedWithRow() throws IOException {
    MarketData noVol = new MarketData(NOW, Map.of("BTC", new UnderlyingMarket(95_000, 0, 0, List.of(), Double.NaN, null, 0)));
    Path file = book("a,BTC,option,call,,90000,2026-12-25,1,,,\n");
    try (BufferAllocator allocator = new RootAllocator()) {
      ArrowResolvedBook b = new ArrowResolvedBook(file, noVol, "m.json", allocator, ResolveOptions.defaults());
      InputException e = assertThrows(InputException.class, () -> {
        try (ArrowResolvedBook.Pass pass = b.batches()) {
          pass.next().close();
        }
      });
      assertTrue(e.getMessage().contains("row 1, column vol"), e.getMessage());
    }
  }

  @Test
  void severalBatches_giveSameTotalsAsOne() throws IOException {
    SplittableRandom rnd = new SplittableRandom(7);
    StringBuilder rows = new StringBuilder();
    String[] expiries = {"2026-12-04", "2027-03-26", "2027-12-31"};
    for (int i = 0; i < 2_345; i++) {
      boolean btc = rnd.nextBoolean();
      double spot = btc ? 95_000 : 3_000;
      String u = btc ? "BTC" : "ETH";
      switch (rnd.nextInt(4)) {
        case 0 -> rows.append(String.format(java.util.Locale.ROOT, "x%d,%s,option,%s,%s,%.0f,%s,%.1f,,,%n", i, u,
            rnd.nextBoolean() ? "call" : "put", rnd.nextBoolean() ? "inverse" : "linear",
            spot * Math.exp(rnd.nextDouble(-0.5, 0.5)), expiries[rnd.nextInt(3)], rnd.nextDouble(-50, 50)));
        case 1 -> rows.append(String.format(java.util.Locale.ROOT, "x%d,%s,future,,inverse,,%s,%d,10,,%n", i, u,
            expiries[rnd.nextInt(3)], rnd.nextInt(-500, 500)));
        case 2 -> rows.append(String.format(java.util.Locale.ROOT, "x%d,%s,perpetual,,linear,,,%.2f,,,%.1f%n", i, u,
            rnd.nextDouble(-5, 5), spot * 0.97));
        default -> rows.append(String.format(java.util.Locale.ROOT, "x%d,%s,spot,,,,,%.3f,,,%n", i, u, rnd.nextDouble(0, 3)));
      }
    }
    Path file = book(rows.toString());
    try (BufferAllocator allocator = new RootAllocator()) {
      PortfolioGreeks one = PortfolioGreeks.compute(
          new ArrowResolvedBook(file, market(), "m.json", allocator, ResolveOptions.defaults()), new ReferenceGreeksKernel());
      PortfolioGreeks many = PortfolioGreeks.compute(
          new ArrowResolvedBook(file, market(), "m.json", allocator, ResolveOptions.defaults().withBatchRows(100)),
          new ReferenceGreeksKernel());
      assertEquals(2_345, one.totalPositions());
      assertEquals(2_345, many.totalPositions());
      for (int u = 0; u < 2; u++) {
        for (String c : GreeksColumns.NAMES) {
          double a = one.get(u, c);
          double b = many.get(u, c);
          assertEquals(a, b, 1e-12 * Math.max(1, Math.abs(a)), c + " of underlying " + u);
        }
      }
      assertEquals(0, allocator.getAllocatedMemory(), "every batch released its memory");
    }
  }

  /** 10 spot rows x0..x9 over BTC and ETH, sizes 1..10. */
  private Path tenRows() throws IOException {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      rows.append("x").append(i).append(i % 2 == 0 ? ",BTC" : ",ETH").append(",spot,,,,,").append(i + 1).append(",,,\n");
    }
    return book(rows.toString());
  }

  /** Ids and sizes of one whole pass, closing every batch. */
  private static List<String> pass(ArrowResolvedBook book) {
    List<String> seen = new java.util.ArrayList<>();
    try (ArrowResolvedBook.Pass pass = book.batches()) {
      while (pass.hasNext()) {
        try (ResolvedBatch b = pass.next()) {
          for (int i = 0; i < b.columns().rows(); i++) {
            seen.add(b.id(i) + "=" + b.columns().size().getAtIndex(io.hedgekit.kernels.PositionColumns.DOUBLE, i)
                + "@" + (b.firstRow() + i));
          }
        }
      }
    }
    return seen;
  }

  @Test
  void cache_laterPassesComeFromMemoryUntilClose() throws IOException {
    Path file = tenRows();
    try (BufferAllocator allocator = new RootAllocator()) {
      List<String> first;
      try (ArrowResolvedBook book = new ArrowResolvedBook(file, market(), "m.json", allocator,
          ResolveOptions.defaults().withBatchRows(3), 10)) {
        first = pass(book);
        assertEquals(10, first.size());
        assertEquals("x9=10.0@9", first.get(9));
        assertTrue(book.cached());
        assertTrue(allocator.getAllocatedMemory() > 0, "the batches are kept");
        Files.delete(file); // later passes must not read the file
        assertEquals(first, pass(book));
        assertEquals(first, pass(book));
      }
      assertEquals(0, allocator.getAllocatedMemory(), "close freed the kept batches");
    }
  }

  @Test
  void cache_bookLargerThanTheLimitIsStreamedEveryPass() throws IOException {
    Path file = tenRows();
    try (BufferAllocator allocator = new RootAllocator();
        ArrowResolvedBook book = new ArrowResolvedBook(file, market(), "m.json", allocator,
            ResolveOptions.defaults().withBatchRows(3), 9)) {
      List<String> first = pass(book);
      assertEquals(10, first.size());
      assertEquals(false, book.cached());
      assertEquals(0, allocator.getAllocatedMemory(), "nothing kept once the limit was passed");
      assertEquals(first, pass(book));
      Files.delete(file);
      assertThrows(RuntimeException.class, () -> pass(book)); // it really reads the file again
    }
  }

  @Test
  void cache_passStoppedEarlyKeepsNothing() throws IOException {
    Path file = tenRows();
    try (BufferAllocator allocator = new RootAllocator();
        ArrowResolvedBook book = new ArrowResolvedBook(file, market(), "m.json", allocator,
            ResolveOptions.defaults().withBatchRows(3), 100)) {
      try (ArrowResolvedBook.Pass pass = book.batches()) {
        pass.next().close(); // 3 of 10 rows, then stop
      }
      assertEquals(false, book.cached());
      assertEquals(0, allocator.getAllocatedMemory());
      assertEquals(10, pass(book).size());
      assertTrue(book.cached());
    }
  }
}

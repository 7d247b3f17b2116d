package io.hedgekit.io.book;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hedgekit.kernels.ContractKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.RootAllocator;

/** Books for the io tests, and a reader that checks for leaks. */
final class BookTestData {
  static final Instant DEC26 = Instant.parse("2026-12-25T08:00:00Z");
  static final Instant MAR27 = Instant.parse("2027-03-26T08:00:00Z");

  private BookTestData() {
  }

  /** One position of every kind, with and without the optional values. */
  static List<BookPosition> everyKind() {
    return List.of(
        new BookPosition("lc", "BTC", ContractKind.LINEAR_CALL, 100_000, DEC26, 2.5, 1, 0.55, Double.NaN, Map.of()),
        new BookPosition("lp", "ETH", ContractKind.LINEAR_PUT, 3_200.5, MAR27, -10, 0.1, Double.NaN, Double.NaN, Map.of()),
        new BookPosition("ic", "BTC", ContractKind.INVERSE_CALL, 120_000, DEC26, -1.25, 1, Double.NaN, Double.NaN, Map.of()),
        new BookPosition("ip", "BTC", ContractKind.INVERSE_PUT, 80_000, MAR27, 3, 1, 0.7, Double.NaN, Map.of()),
        new BookPosition("lf", "SOL", ContractKind.LINEAR_FUTURE, Double.NaN, MAR27, 40, 1, Double.NaN, 182.25, Map.of()),
        new BookPosition("if", "BTC", ContractKind.INVERSE_FUTURE, Double.NaN, DEC26, -50, 10, Double.NaN, 96_100.5, Map.of()),
        new BookPosition("lperp", "ETH", ContractKind.LINEAR_PERPETUAL, Double.NaN, null, 7, 1, Double.NaN, Double.NaN, Map.of()),
        new BookPosition("iperp", "BTC", ContractKind.INVERSE_PERPETUAL, Double.NaN, null, 1000, 10, Double.NaN, 94_000, Map.of()),
        new BookPosition("spot, \"cold\" wallet", "BTC", ContractKind.SPOT, Double.NaN, null, 0.001, 1, Double.NaN, Double.NaN, Map.of()));
  }

  /** {@code n} random positions (arbitrary doubles, to test exact number round trips). */
  static List<BookPosition> random(int n, long seed, List<String> extras) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String[] unders = {"BTC", "ETH", "SOL"};
    List<BookPosition> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ContractKind k = ContractKind.ofCode(rnd.nextInt(ContractKind.COUNT));
      double strike = k.isOption() ? 1000 * rnd.nextDouble(1, 150) : Double.NaN;
      Instant expiry = k.hasExpiry() ? DEC26.plusMillis(rnd.nextLong(0, 86_400_000L * 700)) : null;
      double vol = rnd.nextBoolean() ? rnd.nextDouble(0.05, 3) : Double.NaN;
      double entry = !k.isOption() && rnd.nextBoolean() ? rnd.nextDouble(50, 150_000) : Double.NaN;
      Map<String, Double> ex = new LinkedHashMap<>();
      for (String e : extras) {
        ex.put(e, rnd.nextInt(4) == 0 ? Double.NaN : rnd.nextDouble(-1e6, 1e6));
      }
      out.add(new BookPosition("P" + i, unders[rnd.nextInt(3)], k, strike, expiry, rnd.nextDouble(-1000, 1000),
          rnd.nextBoolean() ? 1 : rnd.nextDouble(0.001, 100), vol, entry, ex));
    }
    return out;
  }

  /** Reads every position and the batch sizes; fails if any memory is left allocated. */
  static List<BookPosition> readAll(Path p, int batchRows, List<String> extras, List<Integer> batchSizes) {
    List<BookPosition> out = new ArrayList<>();
    try (RootAllocator a = new RootAllocator()) {
      try (BookReader r = BookReader.open(p, a, batchRows, extras)) {
        while (r.hasNext()) {
          try (BookBatch b = r.next()) {
            batchSizes.add(b.rows());
            out.addAll(b.positions());
          }
        }
      }
      assertEquals(0, a.getAllocatedMemory());
    }
    return out;
  }

  static List<BookPosition> readAll(Path p) {
    return readAll(p, BookReader.DEFAULT_BATCH_ROWS, List.of(), new ArrayList<>());
  }
}

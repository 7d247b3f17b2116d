package io.hedgekit.io.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.scenario.PriceHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceHistoryTest {
  @TempDir
  Path dir;

  private Path file(String text) throws IOException {
    Path p = dir.resolve("prices.csv");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void read_emptyCellsAreMissingPrices() throws IOException {
    PriceHistory h = PriceHistoryFiles.read(file("date,BTC,SOL\n2020-03-11,7911.43,\n2020-03-12,4970.79,1.5\n"));
    assertEquals(List.of("BTC", "SOL"), h.underlyings());
    assertEquals(List.of(LocalDate.of(2020, 3, 11), LocalDate.of(2020, 3, 12)), h.dates());
    assertTrue(Double.isNaN(h.close(1, 0)));
    assertEquals(4970.79, h.close(0, 1));
    assertEquals(1, h.indexOf("SOL"));
  }

  @Test
  void read_badCellsAreLocated() throws IOException {
    InputException neg = assertThrows(InputException.class,
        () -> PriceHistoryFiles.read(file("date,BTC\n2020-03-11,1\n2020-03-12,-4\n")));
    assertEquals(2, neg.row());
    assertEquals("BTC", neg.column());
    InputException date = assertThrows(InputException.class,
        () -> PriceHistoryFiles.read(file("date,BTC\n2020/03/11,1\n")));
    assertEquals("date", date.column());
    InputException order = assertThrows(InputException.class,
        () -> PriceHistoryFiles.read(file("date,BTC\n2020-03-12,1\n2020-03-11,2\n")));
    assertEquals(2, order.row());
    InputException first = assertThrows(InputException.class, () -> PriceHistoryFiles.read(file("day,BTC\n2020-03-12,1\n")));
    assertEquals("day", first.column());
    assertTrue(assertThrows(InputException.class, () -> PriceHistoryFiles.read(file("date,BTC\n"))).problem().contains("no price rows"));
  }

  @Test
  void columnIndices_namesTheMissingUnderlying() throws IOException {
    PriceHistory h = PriceHistoryFiles.read(file("date,BTC\n2020-03-11,1\n"));
    InputException e = assertThrows(InputException.class, () -> h.columnIndices(List.of("BTC", "ETH")));
    assertEquals("ETH", e.column());
  }

  @Test
  void constructor_rejectsNonPositivePrices() {
    assertThrows(IllegalArgumentException.class, () -> new PriceHistory("x", List.of(LocalDate.of(2020, 1, 1)),
        List.of("BTC"), new double[][] {{0.0}}));
  }
}

package io.hedgekit.io.book;

import static io.hedgekit.io.book.BookTestData.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hedgekit.io.table.TableFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookWriterTest {
  @TempDir
  Path dir;

  private List<BookPosition> roundTrip(String name, List<BookPosition> book, List<String> extras) {
    Path p = dir.resolve(name);
    try (RootAllocator a = new RootAllocator()) {
      BookWriter.write(p, TableFormat.fromPath(p, null), a, book);
    }
    return readAll(p, 3, extras, new ArrayList<>());
  }

  @Test
  void write_csvRoundTripEveryKind() {
    assertEquals(BookTestData.everyKind(), roundTrip("book.csv", BookTestData.everyKind(), List.of()));
  }

  @Test
  void write_arrowRoundTripEveryKind() {
    assertEquals(BookTestData.everyKind(), roundTrip("book.arrow", BookTestData.everyKind(), List.of()));
    assertEquals(BookTestData.everyKind(), roundTrip("book.feather", BookTestData.everyKind(), List.of()));
  }

  @Test
  void write_roundTripsArbitraryDoublesAndExtras() {
    List<String> extras = List.of("cost", "lot");
    List<BookPosition> book = BookTestData.random(5000, 11, extras);
    assertEquals(book, roundTrip("r.csv", book, extras));
    assertEquals(book, roundTrip("r.ipc", book, extras));
  }

  @Test
  void write_csvTextIsReadable() throws IOException {
    Path p = dir.resolve("book.csv");
    try (RootAllocator a = new RootAllocator()) {
      BookWriter.write(p, TableFormat.CSV, a, BookTestData.everyKind().subList(0, 1));
    }
    assertEquals(List.of(
        "id,underlying,instrument,type,settlement,strike,expiry,quantity,contract_size,vol,entry_price",
        "lc,BTC,option,call,linear,100000.0,2026-12-25T08:00:00Z,2.5,1.0,0.55,"), Files.readAllLines(p));
  }

  @Test
  void write_batchesCopyRowsAndExtras() {
    Path first = dir.resolve("first.csv");
    Path second = dir.resolve("second.arrow");
    List<BookPosition> book = BookTestData.random(100, 5, List.of("cost"));
    try (RootAllocator a = new RootAllocator()) {
      BookWriter.write(first, TableFormat.CSV, a, book);
      try (BookReader r = BookReader.open(first, a, 30, List.of("cost"));
           BookWriter w = BookWriter.open(second, TableFormat.ARROW, a, List.of("cost"))) {
        while (r.hasNext()) {
          try (BookBatch b = r.next()) {
            w.write(b);
          }
        }
        w.commit();
      }
    }
    assertEquals(book, readAll(second, 1000, List.of("cost"), new ArrayList<>()));
  }

  @Test
  void close_withoutCommitWritesNothing() {
    Path p = dir.resolve("none.csv");
    try (RootAllocator a = new RootAllocator(); BookWriter w = BookWriter.open(p, TableFormat.CSV, a, List.of())) {
      w.write(BookTestData.everyKind().get(0));
    }
    assertFalse(Files.exists(p));
  }

  @Test
  void write_rejectsUnknownExtraAndBadNames() {
    Path p = dir.resolve("x.csv");
    try (RootAllocator a = new RootAllocator()) {
      try (BookWriter w = BookWriter.open(p, TableFormat.CSV, a, List.of("cost"))) {
        BookPosition withLot = BookTestData.everyKind().get(0).withExtras(Map.of("lot", 1.0));
        assertThrows(IllegalArgumentException.class, () -> w.write(withLot));
      }
      assertThrows(IllegalArgumentException.class, () -> BookWriter.open(p, TableFormat.CSV, a, List.of("strike")));
      assertThrows(IllegalArgumentException.class, () -> BookWriter.open(p, TableFormat.CSV, a, List.of("Cost")));
      assertEquals(0, a.getAllocatedMemory());
    }
  }
}

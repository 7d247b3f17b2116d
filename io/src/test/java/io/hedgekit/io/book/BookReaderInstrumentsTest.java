package io.hedgekit.io.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookReaderInstrumentsTest {

  @Test
  void openInstruments_quantityOptionalAndExtrasCarried(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("universe.csv");
    Files.writeString(f, "id,symbol,cost,lot\nperp,BTC-PERPETUAL,0.5,10\nfut,BTC-27MAR26,0.6,10\n");
    try (BufferAllocator allocator = new RootAllocator();
        BookReader r = BookReader.openInstruments(f, allocator, 100, List.of("cost", "lot"))) {
      try (BookBatch b = r.next()) {
        assertEquals(2, b.rows());
        assertEquals(1.0, b.quantity(0));
        assertEquals(0.5, b.extra("cost", 0));
        assertEquals(10.0, b.extra("lot", 1));
      }
    }
  }

  @Test
  void open_quantityStillRequiredForBooks(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("book.csv");
    Files.writeString(f, "id,symbol\nperp,BTC-PERPETUAL\n");
    try (BufferAllocator allocator = new RootAllocator()) {
      InputException e = assertThrows(InputException.class, () -> BookReader.open(f, allocator, 100, List.of()).close());
      assertTrue(e.getMessage().contains("column quantity: required column is missing"), e.getMessage());
    }
  }
}

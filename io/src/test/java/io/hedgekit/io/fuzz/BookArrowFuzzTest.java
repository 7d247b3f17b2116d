package io.hedgekit.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hedgekit.kernels.InputException;
import io.hedgekit.io.book.BookBatch;
import io.hedgekit.io.book.BookReader;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** Fuzzes the Arrow IPC book reader: every batch read and validated, or an input error naming the file, never a leak. */
class BookArrowFuzzTest {

  @FuzzTest(maxExecutions = 200, maxDuration = "2m")
  void read(byte[] bytes) {
    Path p = FuzzFiles.write("book.arrow", bytes);
    try (BufferAllocator allocator = new RootAllocator()) {
      try (BookReader reader = BookReader.open(p, allocator, 16)) {
        while (reader.hasNext()) {
          try (BookBatch batch = reader.next()) {
            if (batch.rows() <= 0 || batch.rows() > 16) {
              throw new AssertionError("batch of " + batch.rows() + " rows");
            }
          }
        }
      } catch (InputException e) {
        FuzzFiles.namesTheInput(e, p);
      }
    }
  }
}

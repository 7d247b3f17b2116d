package io.hedgekit.io.fuzz;

import io.hedgekit.io.book.BookBatch;
import io.hedgekit.io.book.BookReader;
import io.hedgekit.kernels.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * What every fuzz target checks: a reader given any bytes returns a valid result or throws an
 * {@link InputException} whose message starts with the file's name; anything else (another
 * exception, an assertion here, a leak of off-heap memory reported by the allocator's close) is a
 * finding, which Jazzer saves beside the seed corpus so that it runs as a regression test from
 * then on. Inputs are written to one file per target in a temporary directory of this JVM.
 */
final class FuzzFiles {
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("hedgekit-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DIR.toFile().deleteOnExit();
  }

  private FuzzFiles() {
  }

  /** Writes {@code bytes} to the file {@code name} (the extension chooses the reader's format). */
  static Path write(String name, byte[] bytes) {
    Path p = DIR.resolve(name);
    try {
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    p.toFile().deleteOnExit();
    return p;
  }

  /** The property for a rejected input: its message names the file. */
  static void namesTheInput(InputException e, Path file) {
    if (!e.getMessage().startsWith(file.toString())) {
      throw new AssertionError("an input error must name the file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code bytes} as a book file named {@code name} (the extension picks the reader) in
   * batches of at most 16 rows: every batch read and validated, or an input error naming the file;
   * the allocator fails the run on a leak.
   */
  static void readBook(String name, byte[] bytes) {
    Path p = write(name, bytes);
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
        namesTheInput(e, p);
      }
    }
  }
}

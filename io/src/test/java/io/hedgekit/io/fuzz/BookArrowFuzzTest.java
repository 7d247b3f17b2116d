package io.hedgekit.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the Arrow IPC book reader: every batch read and validated, or an input error naming the file, never a leak. */
class BookArrowFuzzTest {

  @FuzzTest(maxExecutions = 200, maxDuration = "2m")
  void read(byte[] bytes) {
    FuzzFiles.readBook("book.arrow", bytes);
  }
}

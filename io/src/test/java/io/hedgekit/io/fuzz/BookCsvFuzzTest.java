package io.hedgekit.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the CSV book reader: every batch read and validated, or an input error naming the file, never a leak. */
class BookCsvFuzzTest {

  @FuzzTest(maxExecutions = 10000, maxDuration = "2m")
  void read(byte[] bytes) {
    FuzzFiles.readBook("book.csv", bytes);
  }
}

package io.hedgekit.io.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hedgekit.kernels.InputException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

  private static List<List<String>> all(String text) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (CsvRecordReader r = new CsvRecordReader(new StringReader(text), "t.csv")) {
      List<String> rec;
      while ((rec = r.next()) != null) {
        out.add(List.copyOf(rec));
      }
    }
    return out;
  }

  @Test
  void next_quotingAsRfc4180() throws IOException {
    assertEquals(List.of(List.of("a", "b,c", "say \"hi\"", "")),
        all("a,\"b,c\",\"say \"\"hi\"\"\",\n"));
  }

  @Test
  void next_quotedFieldSpansLines() throws IOException {
    assertEquals(List.of(List.of("x", "line1\r\nline2"), List.of("y", "z")),
        all("x,\"line1\r\nline2\"\r\ny,z\r\n"));
  }

  @Test
  void next_trimsOutsideQuotesKeepsInside() throws IOException {
    assertEquals(List.of(List.of("a", " b ", "c")), all("  a ,  \" b \"  ,c\t"));
  }

  @Test
  void next_blankLinesAreEmptyRecordsAndCounted() throws IOException {
    try (CsvRecordReader r = new CsvRecordReader(new StringReader("h\n\n  \nv\n"), "t.csv")) {
      assertEquals(List.of("h"), r.next());
      assertEquals(List.of(), r.next());
      assertEquals(List.of(), r.next());
      assertEquals(List.of("v"), r.next());
      assertEquals(3, r.recordNumber());
      assertNull(r.next());
    }
  }

  @Test
  void next_byteOrderMarkSkipped() throws IOException {
    assertEquals(List.of(List.of("id", "q")), all("\uFEFFid,q"));
  }

  @Test
  void next_longFieldsAcrossBufferRefills() throws IOException {
    String big = "x".repeat(200_000);
    assertEquals(List.of(List.of(big, "q\"" + big)), all(big + ",\"q\"\"" + big + "\"\n"));
  }

  @Test
  void next_unterminatedQuoteIsInputError() {
    InputException e = assertThrows(InputException.class, () -> all("h\nok\n\"open,\n"));
    assertEquals(2, e.row());
    assertEquals("t.csv row 2: CSV syntax: quoted field is not closed before the end of the file", e.getMessage());
  }

  @Test
  void next_textAfterClosingQuoteIsInputError() {
    InputException e = assertThrows(InputException.class, () -> all("h\n\"a\"b\n"));
    assertEquals("t.csv row 1: CSV syntax: unexpected character 'b' after a closing quote", e.getMessage());
  }
}

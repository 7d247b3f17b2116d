package io.hedgekit.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InputExceptionTest {

  @Test
  void message_allParts() {
    InputException e = new InputException("book.csv", 17, "strike", "-5", "must be > 0");
    assertEquals("book.csv row 17, column strike: must be > 0, was \"-5\"", e.getMessage());
    assertEquals("book.csv", e.file());
    assertEquals(17, e.row());
    assertEquals("strike", e.column());
    assertEquals("-5", e.value());
    assertEquals("must be > 0", e.problem());
  }

  @Test
  void message_onlyFile() {
    assertEquals("market.json: malformed JSON at line 3 column 5: x",
        new InputException("market.json", 0, null, null, "malformed JSON at line 3 column 5: x").getMessage());
  }

  @Test
  void message_columnWithoutRow() {
    assertEquals("book.csv, column quantity: required column is missing",
        new InputException("book.csv", 0, "quantity", null, "required column is missing").getMessage());
  }

  @Test
  void message_rowWithoutColumn() {
    assertEquals("book.csv row 4: has 3 fields, the header has 5",
        new InputException("book.csv", 4, null, null, "has 3 fields, the header has 5").getMessage());
  }

  @Test
  void message_longValueIsCut() {
    String v = "x".repeat(200);
    InputException e = new InputException("f", 1, "id", v, "bad");
    assertEquals("f row 1, column id: bad, was \"" + "x".repeat(80) + "...\"", e.getMessage());
    assertEquals(v, e.value());
  }
}

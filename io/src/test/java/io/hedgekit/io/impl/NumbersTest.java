package io.hedgekit.io.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NumbersTest {

  @Test
  void parse_plainDecimals() {
    assertEquals(-12.0, Numbers.parse("-12"));
    assertEquals(0.5, Numbers.parse(".5"));
    assertEquals(5.0, Numbers.parse("5."));
    assertEquals(1e-4, Numbers.parse("1e-4"));
    assertEquals(95000.0, Numbers.parse("+95000.0"));
    assertEquals(2.5e10, Numbers.parse("2.5E+10"));
  }

  @Test
  void parse_nonFiniteSpellingsReturnedForTheCallerToReject() {
    assertTrue(Double.isNaN(Numbers.parse("NaN")));
    assertEquals(Double.POSITIVE_INFINITY, Numbers.parse("Infinity"));
    assertEquals(Double.NEGATIVE_INFINITY, Numbers.parse("-inf"));
    assertEquals(Double.POSITIVE_INFINITY, Numbers.parse("1e400"));
  }

  @Test
  void parse_javaAndOtherSyntaxRejected() {
    for (String s : new String[] {"1d", "2f", "0x1p3", "1,000", "", "-", ".", "e5", "1e", "1 000", "abc"}) {
      assertThrows(NumberFormatException.class, () -> Numbers.parse(s), s);
    }
  }
}

package io.hedgekit.io.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvTextTest {

  @Test
  void quote_onlyWhenNeeded() {
    assertEquals("plain", CsvText.quote("plain"));
    assertEquals("", CsvText.quote(""));
    assertEquals("\"a,b\"", CsvText.quote("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", CsvText.quote("say \"hi\""));
    assertEquals("\" padded\"", CsvText.quote(" padded"));
    assertEquals("\"two\nlines\"", CsvText.quote("two\nlines"));
  }
}

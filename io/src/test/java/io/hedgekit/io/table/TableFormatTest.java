package io.hedgekit.io.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TableFormatTest {

  @Test
  void fromPath_byExtension() {
    assertEquals(TableFormat.CSV, TableFormat.fromPath(Path.of("a/b.csv"), null));
    assertEquals(TableFormat.CSV, TableFormat.fromPath(Path.of("B.CSV"), TableFormat.ARROW));
    for (String ext : new String[] {"arrow", "arrows", "ipc", "feather", "Feather"}) {
      assertEquals(TableFormat.ARROW, TableFormat.fromPath(Path.of("x." + ext), TableFormat.CSV));
    }
  }

  @Test
  void fromPath_unknownUsesFallbackOrFails() {
    assertEquals(TableFormat.ARROW, TableFormat.fromPath(Path.of("x.parquet"), TableFormat.ARROW));
    assertEquals(TableFormat.CSV, TableFormat.fromPath(Path.of("noext"), TableFormat.CSV));
    assertThrows(IllegalArgumentException.class, () -> TableFormat.fromPath(Path.of("x.txt"), null));
  }

  @Test
  void forOutput_unknownExtensionIsRefusedListingTheFormats() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TableFormat.forOutput(Path.of("x.parquet"), null));
    assertEquals("x.parquet: unsupported table format .parquet; supported: .csv, .arrow, .arrows, .ipc or .feather"
        + " (CSV or Arrow IPC)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TableFormat.forOutput(Path.of("x.xlsx"), TableFormat.CSV));
  }

  @Test
  void forOutput_extensionWinsAndMustAgreeWithTheExplicitFormat() {
    assertEquals(TableFormat.ARROW, TableFormat.forOutput(Path.of("x.feather"), null));
    assertEquals(TableFormat.ARROW, TableFormat.forOutput(Path.of("noext"), TableFormat.ARROW));
    assertEquals(TableFormat.CSV, TableFormat.forOutput(Path.of("noext"), null));
    assertThrows(IllegalArgumentException.class, () -> TableFormat.forOutput(Path.of("x.csv"), TableFormat.ARROW));
  }
}

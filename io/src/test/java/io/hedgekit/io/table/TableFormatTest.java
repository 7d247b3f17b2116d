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
}

package io.hedgekit.io.book;

import static io.hedgekit.io.book.BookTestData.DEC26;
import static io.hedgekit.io.book.BookTestData.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.io.table.TableFormat;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.InputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arrow inputs written by other tools: other column types, the stream format, dictionaries. */
class ArrowBookReaderTest {
  @TempDir
  Path dir;

  private static void setText(VarCharVector v, int i, String s) {
    if (s == null) {
      v.setNull(i);
    } else {
      v.setSafe(i, s.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void next_streamFormatWithOtherTypesAndDictionary() throws IOException {
    Path p = dir.resolve("book.arrows");
    try (BufferAllocator a = new RootAllocator()) {
      try (LargeVarCharVector id = new LargeVarCharVector("ID", a);
           VarCharVector dictValues = new VarCharVector("underlying-dict", a);
           VarCharVector underlyingPlain = new VarCharVector("underlying", a);
           VarCharVector instrument = new VarCharVector("instrument", a);
           VarCharVector type = new VarCharVector("type", a);
           Float4Vector strike = new Float4Vector("strike", a);
           TimeStampMicroTZVector expiry = new TimeStampMicroTZVector("expiry", a, "UTC");
           IntVector quantity = new IntVector("quantity", a);
           Float8Vector vol = new Float8Vector("vol", a)) {
        dictValues.allocateNew();
        setText(dictValues, 0, "BTC");
        setText(dictValues, 1, "eth");
        dictValues.setValueCount(2);
        Dictionary dict = new Dictionary(dictValues, new DictionaryEncoding(1L, false, new ArrowType.Int(32, true)));
        String[] unders = {"BTC", "eth", "BTC"};
        String[] instruments = {"option", "future", "perpetual"};
        String[] types = {"put", null, null};
        id.allocateNew();
        underlyingPlain.allocateNew();
        instrument.allocateNew();
        type.allocateNew();
        strike.allocateNew(3);
        expiry.allocateNew(3);
        quantity.allocateNew(3);
        vol.allocateNew(3);
        for (int i = 0; i < 3; i++) {
          id.setSafe(i, ("id" + i).getBytes(StandardCharsets.UTF_8));
          setText(underlyingPlain, i, unders[i]);
          setText(instrument, i, instruments[i]);
          setText(type, i, types[i]);
          quantity.set(i, 10 * (i + 1));
        }
        strike.set(0, 90_000.5f);
        strike.setNull(1);
        strike.setNull(2);
        expiry.set(0, DEC26.toEpochMilli() * 1000 + 999);
        expiry.set(1, Instant.parse("2027-03-26T08:00:00Z").toEpochMilli() * 1000);
        expiry.setNull(2);
        vol.set(0, Double.NaN);
        vol.set(1, 0.5);
        vol.setNull(2);
        for (FieldVector v : List.<FieldVector>of(id, underlyingPlain, instrument, type, strike, expiry, quantity, vol)) {
          v.setValueCount(3);
        }
        try (FieldVector underlying = (FieldVector) DictionaryEncoder.encode(underlyingPlain, dict)) {
          DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider();
          provider.put(dict);
          try (VectorSchemaRoot root = new VectorSchemaRoot(
                  List.<FieldVector>of(id, underlying, instrument, type, strike, expiry, quantity, vol));
               FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
               ArrowStreamWriter w = new ArrowStreamWriter(root, provider, ch)) {
            w.start();
            w.writeBatch();
            w.end();
          }
        }
      }
    }
    List<BookPosition> got = readAll(p);
    assertEquals(List.of(
        new BookPosition("id0", "BTC", ContractKind.LINEAR_PUT, 90_000.5, DEC26, 10, 1, Double.NaN, Double.NaN, Map.of()),
        new BookPosition("id1", "ETH", ContractKind.LINEAR_FUTURE, Double.NaN, Instant.parse("2027-03-26T08:00:00Z"), 20, 1,
            0.5, Double.NaN, Map.of()),
        new BookPosition("id2", "BTC", ContractKind.LINEAR_PERPETUAL, Double.NaN, null, 30, 1, Double.NaN, Double.NaN,
            Map.of())), got);
  }

  @Test
  void next_fileFormatWithDateExpiryAndSeveralRecordBatches() throws IOException {
    Path p = dir.resolve("dates.feather");
    try (BufferAllocator a = new RootAllocator()) {
      try (VarCharVector id = new VarCharVector("id", a);
           VarCharVector symbol = new VarCharVector("symbol", a);
           DateDayVector expiry = new DateDayVector("expiry", a);
           Float8Vector quantity = new Float8Vector("quantity", a);
           VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(id, symbol, expiry, quantity));
           FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           ArrowFileWriter w = new ArrowFileWriter(root, null, ch)) {
        w.start();
        for (int batch = 0; batch < 3; batch++) {
          root.allocateNew();
          for (int i = 0; i < 2; i++) {
            int n = batch * 2 + i;
            setText(id, i, "f" + n);
            setText(symbol, i, "BTC-25DEC26");
            expiry.set(i, (int) java.time.LocalDate.of(2026, 12, 25).toEpochDay());
            quantity.set(i, n);
          }
          root.setRowCount(batch == 1 ? 0 : 2);
          w.writeBatch();
        }
        w.end();
      }
    }
    List<Integer> sizes = new ArrayList<>();
    List<BookPosition> got = readAll(p, 3, List.of(), sizes);
    assertEquals(List.of(3, 1), sizes, "4 rows in record batches of 2, 0, 2 come out as 3 + 1");
    assertEquals(List.of("f0", "f1", "f4", "f5"), got.stream().map(BookPosition::id).toList());
    for (BookPosition pos : got) {
      assertEquals(ContractKind.INVERSE_FUTURE, pos.kind());
      assertEquals(DEC26, pos.expiry(), "date column agrees with the symbol's 08:00 UTC");
    }
  }

  @Test
  void next_arrowErrorsNameRowAndColumn() throws IOException {
    Path p = dir.resolve("bad.arrow");
    try (BufferAllocator a = new RootAllocator()) {
      try (VarCharVector id = new VarCharVector("id", a);
           VarCharVector symbol = new VarCharVector("symbol", a);
           Float8Vector quantity = new Float8Vector("quantity", a);
           Float8Vector vol = new Float8Vector("vol", a);
           VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(id, symbol, quantity, vol));
           FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           ArrowFileWriter w = new ArrowFileWriter(root, null, ch)) {
        root.allocateNew();
        setText(id, 0, "a");
        setText(symbol, 0, "BTC-PERPETUAL");
        quantity.set(0, 1);
        vol.set(0, 0.5);
        setText(id, 1, "b");
        setText(symbol, 1, "BTC-PERPETUAL");
        quantity.set(1, Double.POSITIVE_INFINITY);
        vol.set(1, 0.5);
        root.setRowCount(2);
        w.start();
        w.writeBatch();
        w.end();
      }
    }
    try (BufferAllocator a = new RootAllocator()) {
      InputException e = assertThrows(InputException.class, () -> {
        try (BookReader r = BookReader.open(p, a)) {
          r.next().close();
        }
      });
      assertEquals(p + " row 2, column quantity: must be a finite number, was \"Infinity\"", e.getMessage());
      assertEquals(0, a.getAllocatedMemory());
    }
  }

  @Test
  void open_notArrowIsAnInputError() throws IOException {
    Path p = dir.resolve("fake.arrow");
    Files.writeString(p, "id,quantity\na,1\n");
    try (BufferAllocator a = new RootAllocator()) {
      InputException e = assertThrows(InputException.class, () -> BookReader.open(p, a).close());
      assertEquals(p + ": truncated or not an Arrow IPC file or stream (no ARROW1 magic and no IPC message at the start)",
          e.getMessage());
      assertEquals(0, a.getAllocatedMemory());
    }
  }

  @Test
  void open_truncatedArrowFileIsAnInputError() throws IOException {
    Path p = dir.resolve("cut.arrow");
    try (BufferAllocator a = new RootAllocator()) {
      BookWriter.write(p, TableFormat.ARROW, a, BookTestData.everyKind());
      byte[] bytes = Files.readAllBytes(p);
      Files.write(p, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      InputException e = assertThrows(InputException.class, () -> {
        try (BookReader r = BookReader.open(p, a)) {
          r.next().close();
        }
      });
      assertTrue(e.getMessage().startsWith(p + ": truncated or not an Arrow IPC file or stream ("), e.getMessage());
      assertEquals(0, a.getAllocatedMemory());
    }
  }

  @Test
  void open_arrowWithoutRowsIsEmptyBook() {
    Path p = dir.resolve("empty.arrow");
    try (BufferAllocator a = new RootAllocator()) {
      BookWriter.write(p, TableFormat.ARROW, a, List.of());
      InputException e = assertThrows(InputException.class, () -> BookReader.open(p, a).close());
      assertEquals(p + ": book has no data rows", e.getMessage());
      assertEquals(0, a.getAllocatedMemory());
    }
  }

  /**
   * Fuzzing found these: one byte changed in a valid book made Arrow's reader leak a buffer (field
   * node count out of range), and a damaged string offsets buffer made a getter throw
   * NegativeArraySizeException. Both are input errors naming the file now, with nothing leaked.
   */
  @Test
  void open_fuzzFindings_areInputErrorsWithoutLeaks() throws IOException {
    for (String finding : List.of("crash-d194d5b5139dc4a890008cba4a424c73f3305544", "crash-3ee627900723508538540276c746799d15c07ec3",
        "crash-10dd8af1739e01ea9f04010937f254c81c007694")) {
      Path p = dir.resolve(finding + ".arrow");
      try (java.io.InputStream in = getClass().getResourceAsStream("/io/hedgekit/io/fuzz/BookArrowFuzzTestInputs/read/" + finding)) {
        Files.write(p, in.readAllBytes());
      }
      try (BufferAllocator a = new RootAllocator()) {
        InputException e = assertThrows(InputException.class, () -> {
          try (BookReader r = BookReader.open(p, a, 16)) {
            while (r.hasNext()) {
              r.next().close();
            }
          }
        });
        assertTrue(e.getMessage().startsWith(p + ": truncated or") || e.getMessage().startsWith(p + ", column"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated or"), e.getMessage());
        assertEquals(0, a.getAllocatedMemory(), a.toVerboseString());
      }
    }
  }
}

package io.hedgekit.io.book;

import static io.hedgekit.io.book.BookTestData.DEC26;
import static io.hedgekit.io.book.BookTestData.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.io.table.TableFormat;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookReaderTest {
  private static final String H = "id,underlying,instrument,type,settlement,strike,expiry,quantity,contract_size,vol,entry_price";

  @TempDir
  Path dir;

  private Path csv(String... lines) throws IOException {
    Path p = dir.resolve("book.csv");
    Files.writeString(p, String.join("\n", lines) + "\n");
    return p;
  }

  /** Reads to the end expecting an InputException; fails on a leak. */
  private static InputException error(Path p, List<String> extras) {
    RootAllocator a = new RootAllocator();
    InputException e = assertThrows(InputException.class, () -> {
      try (BookReader r = BookReader.open(p, a, 2, extras)) {
        while (r.hasNext()) {
          r.next().close();
        }
      }
    });
    assertEquals(0, a.getAllocatedMemory(), "memory left after: " + e.getMessage());
    a.close();
    return e;
  }

  private static void expect(Path p, List<String> extras, long row, String column, String value, String tail) {
    InputException e = error(p, extras);
    assertEquals(p + tail, e.getMessage());
    assertEquals(p.toString(), e.file());
    assertEquals(row, e.row());
    assertEquals(column, e.column());
    assertEquals(value, e.value());
  }

  private static void expect(Path p, long row, String column, String value, String tail) {
    expect(p, List.of(), row, column, value, tail);
  }

  // ---- valid books

  @Test
  void next_readsEveryColumn() throws IOException {
    Path p = csv(H,
        "a,btc,option,call,linear,100000,2026-12-25T08:00:00Z,2.5,1,0.55,",
        "b,ETH,Option,PUT,inverse,3200.5,2027-03-26,-10,0.1,,",
        "c,SOL,future,,,,2027-03-26T09:00:00+01:00,40,,,182.25",
        "d,BTC,perpetual,,inverse,,,1000,10,,94000",
        "e,BTC,spot,,,,,0.001,,,");
    assertEquals(List.of(
        new BookPosition("a", "BTC", ContractKind.LINEAR_CALL, 100_000, DEC26, 2.5, 1, 0.55, Double.NaN, Map.of()),
        new BookPosition("b", "ETH", ContractKind.INVERSE_PUT, 3200.5, Instant.parse("2027-03-26T08:00:00Z"), -10, 0.1,
            Double.NaN, Double.NaN, Map.of()),
        new BookPosition("c", "SOL", ContractKind.LINEAR_FUTURE, Double.NaN, Instant.parse("2027-03-26T08:00:00Z"), 40, 1,
            Double.NaN, 182.25, Map.of()),
        new BookPosition("d", "BTC", ContractKind.INVERSE_PERPETUAL, Double.NaN, null, 1000, 10, Double.NaN, 94_000, Map.of()),
        new BookPosition("e", "BTC", ContractKind.SPOT, Double.NaN, null, 0.001, 1, Double.NaN, Double.NaN, Map.of())),
        readAll(p));
  }

  @Test
  void next_primitiveAccessorsAndSourceRows() throws IOException {
    Path p = csv(H, "a,BTC,option,call,,100000,2026-12-25,2.5,,,", "", "b,BTC,perpetual,,,,,-3,,,");
    try (RootAllocator a = new RootAllocator(); BookReader r = BookReader.open(p, a); BookBatch b = r.next()) {
      assertFalse(r.hasNext());
      assertEquals(2, b.rows());
      assertEquals(p.toString(), b.file());
      assertEquals("a", b.id(0));
      assertEquals(ContractKind.LINEAR_CALL.code(), b.kind(0));
      assertEquals(1_798_185_600_000L, b.expiryMillis(0));
      assertEquals(Long.MIN_VALUE, b.expiryMillis(1));
      assertTrue(b.root().getVector(BookBatch.EXPIRY_MS).isNull(1));
      assertTrue(Double.isNaN(b.strike(1)));
      assertEquals(1.0, b.contractSize(0));
      assertEquals(-3.0, b.quantity(1));
      assertEquals(1, b.sourceRow(0));
      assertEquals(3, b.sourceRow(1), "the blank line counts as row 2");
      assertEquals(BookBatch.CANONICAL, b.root().getSchema().getFields().stream().map(f -> f.getName()).toList());
    }
  }

  @Test
  void next_symbolFillsColumns() throws IOException {
    Path p = csv("id,symbol,quantity",
        "1,BTC-25DEC26-100000-C,1", "2,BTC-27MAR26,-100", "3,BTC-PERPETUAL,10", "4,BTC_USDC-PERPETUAL,0.5",
        "5,SOL_USDC-25DEC26-200-C,3", "6,XRP_USDC-25DEC26-1d5-P,100", "7,BTC_USDC,0.1");
    List<BookPosition> got = readAll(p);
    assertEquals(List.of(ContractKind.INVERSE_CALL, ContractKind.INVERSE_FUTURE, ContractKind.INVERSE_PERPETUAL,
        ContractKind.LINEAR_PERPETUAL, ContractKind.LINEAR_CALL, ContractKind.LINEAR_PUT, ContractKind.SPOT),
        got.stream().map(BookPosition::kind).toList());
    assertEquals(List.of("BTC", "BTC", "BTC", "BTC", "SOL", "XRP", "BTC"), got.stream().map(BookPosition::underlying).toList());
    assertEquals(100_000.0, got.get(0).strike());
    assertEquals(DEC26, got.get(0).expiry());
    assertEquals(Instant.parse("2026-03-27T08:00:00Z"), got.get(1).expiry());
    assertEquals(1.5, got.get(5).strike());
  }

  @Test
  void next_symbolWithAgreeingColumnsAccepted() throws IOException {
    Path p = csv("id,symbol,underlying,instrument,type,settlement,strike,expiry,quantity",
        "1,BTC-25DEC26-100000-C,btc,OPTION,Call,Inverse,100000.0,2026-12-25,1",
        "2,,ETH,perpetual,,,,,2");
    List<BookPosition> got = readAll(p);
    assertEquals(BookPosition.of("1", DeribitSymbol.parse("BTC-25DEC26-100000-C"), 1), got.get(0));
    assertEquals(ContractKind.LINEAR_PERPETUAL, got.get(1).kind(), "no symbol: settlement defaults to linear");
  }

  @Test
  void next_unknownColumnsIgnoredAndNamesMatchIgnoringCase() throws IOException {
    Path p = csv("Notes,ID,Symbol,QUANTITY,", "\"anything, really\",x,BTC-PERPETUAL,5,junk");
    assertEquals(List.of(BookPosition.of("x", DeribitSymbol.parse("BTC-PERPETUAL"), 5)), readAll(p));
  }

  @Test
  void next_quotedAndPaddedCells() throws IOException {
    Path p = csv("id , symbol,quantity", "\" a,b \" ,  BTC-PERPETUAL  , \"-1.5\"");
    assertEquals(" a,b ", readAll(p).get(0).id());
    assertEquals(-1.5, readAll(p).get(0).quantity());
  }

  @Test
  void next_extraColumns() throws IOException {
    Path p = csv("id,symbol,quantity,Cost,lot", "a,BTC-PERPETUAL,0,12.5,", "b,ETH-PERPETUAL,0,,1");
    List<BookPosition> got = readAll(p, 10, List.of("cost", "LOT", "max_quantity"), new ArrayList<>());
    assertEquals(12.5, got.get(0).extra("cost"));
    assertTrue(Double.isNaN(got.get(0).extra("lot")));
    assertEquals(1.0, got.get(1).extra("lot"));
    assertTrue(Double.isNaN(got.get(1).extra("max_quantity")), "absent column reads as NaN");
    try (RootAllocator a = new RootAllocator(); BookReader r = BookReader.open(p, a, 10, List.of("cost")); BookBatch b = r.next()) {
      assertEquals(12.5, b.extra("cost", 0));
      assertEquals(12.5, b.extra(0, 0));
      assertEquals(List.of("cost"), b.extraColumns());
      assertThrows(IllegalArgumentException.class, () -> b.extra("lot", 0));
    }
  }

  @Test
  void open_rejectsExtraNamedLikeABookColumn() throws IOException {
    Path p = csv("id,symbol,quantity", "a,BTC-PERPETUAL,1");
    try (RootAllocator a = new RootAllocator()) {
      assertThrows(IllegalArgumentException.class, () -> BookReader.open(p, a, 10, List.of("strike")));
      assertThrows(IllegalArgumentException.class, () -> BookReader.open(p, a, 10, List.of("cost", "COST")));
      assertThrows(IllegalArgumentException.class, () -> BookReader.open(p, a, 0, List.of()));
    }
  }

  // ---- file-level errors

  @Test
  void open_missingRequiredColumns() throws IOException {
    expect(csv("id,underlying,instrument", "a,BTC,spot"), 0, "quantity", null,
        ", column quantity: required column is missing");
    expect(csv("underlying,instrument,quantity", "BTC,spot,1"), 0, "id", null, ", column id: required column is missing");
    expect(csv("id,instrument,quantity", "a,spot,1"), 0, "underlying", null,
        ", column underlying: required column is missing (needed when there is no symbol column)");
    expect(csv("id,underlying,quantity", "a,BTC,1"), 0, "instrument", null,
        ", column instrument: required column is missing (needed when there is no symbol column)");
  }

  @Test
  void open_emptyBook() throws IOException {
    expect(csv(H), 0, null, null, ": book has no data rows");
    expect(csv(H, "", ""), 0, null, null, ": book has no data rows");
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    expect(empty, 0, null, null, ": no header row (the first line must name the columns)");
  }

  @Test
  void open_unknownExtensionAndMissingFile() throws IOException {
    Path txt = dir.resolve("book.txt");
    Files.writeString(txt, H + "\n");
    expect(txt, 0, null, null, ": unknown book format; the file name must end in .csv, .arrow, .arrows, .ipc or .feather");
    expect(dir.resolve("nope.csv"), 0, null, null, ": no such file");
  }

  @Test
  void open_duplicateHeaderColumn() throws IOException {
    expect(csv("id,quantity,ID", "a,1,b"), 0, "id", null, ", column id: column appears twice in the header");
  }

  @Test
  void next_wrongFieldCount() throws IOException {
    expect(csv("id,symbol,quantity", "a,BTC-PERPETUAL,1", "b,BTC-PERPETUAL"), 2, null, null,
        " row 2: has 2 fields, the header has 3");
  }

  @Test
  void next_notUtf8() throws IOException {
    Path p = dir.resolve("latin1.csv");
    Files.write(p, "id,symbol,quantity\n\u00e9,BTC-PERPETUAL,1\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    InputException e = error(p, List.of());
    assertEquals(p + ": not UTF-8 text", e.getMessage());
  }

  // ---- row errors

  @Test
  void next_numbers() throws IOException {
    expect(csv(H, "a,BTC,spot,,,,,abc,,,"), 1, "quantity", "abc", " row 1, column quantity: not a number, was \"abc\"");
    expect(csv(H, "a,BTC,spot,,,,,1d,,,"), 1, "quantity", "1d", " row 1, column quantity: not a number, was \"1d\"");
    expect(csv(H, "a,BTC,spot,,,,,1,,,", "b,BTC,spot,,,,,NaN,,,"), 2, "quantity", "NaN",
        " row 2, column quantity: must be a finite number, was \"NaN\"");
    expect(csv(H, "a,BTC,option,call,,Infinity,2026-12-25,1,,,"), 1, "strike", "Infinity",
        " row 1, column strike: must be a finite number, was \"Infinity\"");
    expect(csv(H, "a,BTC,spot,,,,,1e400,,,"), 1, "quantity", "1e400",
        " row 1, column quantity: must be a finite number, was \"1e400\"");
    expect(csv(H, "a,BTC,spot,,,,,,,,"), 1, "quantity", null, " row 1, column quantity: missing value (required)");
  }

  @Test
  void next_strikeMustBePositive() throws IOException {
    expect(csv(H, "ok,BTC,spot,,,,,1,,,", "a,BTC,option,call,,-5,2026-12-25,1,,,"), 2, "strike", "-5",
        " row 2, column strike: must be > 0, was \"-5\"");
    expect(csv(H, "a,BTC,option,put,,0,2026-12-25,1,,,"), 1, "strike", "0", " row 1, column strike: must be > 0, was \"0\"");
  }

  @Test
  void next_volRange() throws IOException {
    expect(csv(H, "a,BTC,option,call,,1,2026-12-25,1,,0,"), 1, "vol", "0",
        " row 1, column vol: must be > 0 and <= 10 (a decimal: 0.65 means 65%), was \"0\"");
    expect(csv(H, "a,BTC,option,call,,1,2026-12-25,1,,65,"), 1, "vol", "65",
        " row 1, column vol: must be > 0 and <= 10 (a decimal: 0.65 means 65%), was \"65\"");
    assertEquals(10.0, readAll(csv(H, "a,BTC,option,call,,1,2026-12-25,1,,10,")).get(0).vol());
  }

  @Test
  void next_contractSizeAndEntryPrice() throws IOException {
    expect(csv(H, "a,BTC,spot,,,,,1,0,,"), 1, "contract_size", "0", " row 1, column contract_size: must be > 0, was \"0\"");
    expect(csv(H, "a,BTC,perpetual,,,,,1,,,-1"), 1, "entry_price", "-1", " row 1, column entry_price: must be > 0, was \"-1\"");
  }

  @Test
  void next_unknownEnumerations() throws IOException {
    expect(csv(H, "a,BTC,swap,,,,,1,,,"), 1, "instrument", "swap",
        " row 1, column instrument: unknown instrument; expected option, future, perpetual or spot, was \"swap\"");
    expect(csv(H, "a,BTC,option,straddle,,1,2026-12-25,1,,,"), 1, "type", "straddle",
        " row 1, column type: unknown option type; expected call or put, was \"straddle\"");
    expect(csv(H, "a,BTC,future,,quanto,,2026-12-25,1,,,"), 1, "settlement", "quanto",
        " row 1, column settlement: unknown settlement; expected linear or inverse, was \"quanto\"");
  }

  @Test
  void next_inverseSpot() throws IOException {
    expect(csv(H, "a,BTC,spot,,inverse,,,1,,,"), 1, "settlement", "inverse",
        " row 1, column settlement: spot cannot be inverse (coin) settled, was \"inverse\"");
  }

  @Test
  void next_missingPerRowValues() throws IOException {
    expect(csv(H, "a,BTC,option,,,1,2026-12-25,1,,,"), 1, "type", null, " row 1, column type: an option needs a type (call or put)");
    expect(csv(H, "a,BTC,option,put,,,2026-12-25,1,,,"), 1, "strike", null, " row 1, column strike: an option needs a strike");
    expect(csv(H, "a,BTC,option,put,,1,,1,,,"), 1, "expiry", null, " row 1, column expiry: an option needs an expiry");
    expect(csv(H, "a,BTC,future,,,,,1,,,"), 1, "expiry", null, " row 1, column expiry: a future needs an expiry");
    expect(csv(H, ",BTC,spot,,,,,1,,,"), 1, "id", null, " row 1, column id: missing value (required)");
    expect(csv("id,symbol,underlying,instrument,quantity", "a,,BTC,,1"), 1, "instrument", null,
        " row 1, column instrument: missing value (required when there is no symbol)");
    expect(csv(H, "a,,spot,,,,,1,,,"), 1, "underlying", null,
        " row 1, column underlying: missing value (required when there is no symbol)");
  }

  @Test
  void next_contractFieldsOnTheWrongInstrument() throws IOException {
    expect(csv(H, "a,BTC,future,call,,,2026-12-25,1,,,"), 1, "type", "call",
        " row 1, column type: only options have a type; this row is a future, was \"call\"");
    expect(csv(H, "a,BTC,perpetual,,,100,,1,,,"), 1, "strike", "100",
        " row 1, column strike: only options have a strike; this row is a perpetual, was \"100\"");
    expect(csv(H, "a,BTC,perpetual,,,,2026-12-25,1,,,"), 1, "expiry", "2026-12-25",
        " row 1, column expiry: a perpetual has no expiry, was \"2026-12-25\"");
  }

  @Test
  void next_badExpiry() throws IOException {
    expect(csv(H, "a,BTC,future,,,,2026-13-01,1,,,"), 1, "expiry", "2026-13-01",
        " row 1, column expiry: not an ISO-8601 instant or date (2026-12-25T08:00:00Z or 2026-12-25), was \"2026-13-01\"");
    expect(csv(H, "a,BTC,future,,,,2026-12-25T08:00:00,1,,,"), 1, "expiry", "2026-12-25T08:00:00",
        " row 1, column expiry: a date-time needs a zone, e.g. 2026-12-25T08:00:00Z, was \"2026-12-25T08:00:00\"");
  }

  @Test
  void next_malformedSymbol() throws IOException {
    expect(csv("id,symbol,quantity", "a,BTC-25XYZ26-100-C,1"), 1, "symbol", "BTC-25XYZ26-100-C",
        " row 1, column symbol: malformed Deribit symbol BTC-25XYZ26-100-C: unknown month XYZ in expiry 25XYZ26, was \"BTC-25XYZ26-100-C\"");
  }

  @Test
  void next_symbolDisagreesWithColumns() throws IOException {
    String h = "id,symbol,underlying,instrument,type,settlement,strike,expiry,quantity";
    String s = "BTC-25DEC26-100000-C";
    expect(csv(h, "a," + s + ",,,,,90000,,1"), 1, "strike", "90000",
        " row 1, column strike: disagrees with symbol " + s + ", which gives 100000, was \"90000\"");
    expect(csv(h, "a," + s + ",ETH,,,,,,1"), 1, "underlying", "ETH",
        " row 1, column underlying: disagrees with symbol " + s + ", which gives BTC, was \"ETH\"");
    expect(csv(h, "a," + s + ",,future,,,,,1"), 1, "instrument", "future",
        " row 1, column instrument: disagrees with symbol " + s + ", which gives option, was \"future\"");
    expect(csv(h, "a," + s + ",,,put,,,,1"), 1, "type", "put",
        " row 1, column type: disagrees with symbol " + s + ", which gives call, was \"put\"");
    expect(csv(h, "a," + s + ",,,,linear,,,1"), 1, "settlement", "linear",
        " row 1, column settlement: disagrees with symbol " + s + ", which gives inverse, was \"linear\"");
    expect(csv(h, "a," + s + ",,,,,,2026-12-26,1"), 1, "expiry", "2026-12-26",
        " row 1, column expiry: disagrees with symbol " + s + ", which gives 2026-12-25T08:00:00Z, was \"2026-12-26\"");
    expect(csv(h, "a,SOL_USDC-25DEC26-1d5-P,,,,,1.25,,1"), 1, "strike", "1.25",
        " row 1, column strike: disagrees with symbol SOL_USDC-25DEC26-1d5-P, which gives 1.5, was \"1.25\"");
  }

  @Test
  void next_duplicateIdNamesBothRows() throws IOException {
    expect(csv(H, "P1,BTC,spot,,,,,1,,,", "P2,BTC,spot,,,,,1,,,", "P3,BTC,spot,,,,,1,,,", "P1,BTC,spot,,,,,1,,,"), 4, "id", "P1",
        " row 4, column id: duplicate id, first used in row 1, was \"P1\"");
  }

  @Test
  void next_everyIdCollidingByHash_onlyTrueDuplicatesAreRejected_acrossBatches() throws IOException {
    List<String> lines = new java.util.ArrayList<>(List.of(H));
    for (int i = 0; i < 300; i++) {
      lines.add("P" + i + ",BTC,spot,,,,,1,,,");
    }
    Path distinct = csv(lines.toArray(String[]::new));
    try (org.apache.arrow.memory.BufferAllocator a = new org.apache.arrow.memory.RootAllocator()) {
      long rows = 0;
      try (BookReader r = BookReader.open(distinct, a, 64)) {
        r.useIdHash(id -> 42L);
        while (r.hasNext()) {
          try (BookBatch b = r.next()) {
            rows += b.rows();
          }
        }
      }
      assertEquals(300, rows, "300 distinct ids that share one hash are all accepted");
      lines.add("P17,BTC,spot,,,,,1,,,");
      Path dup = csv(lines.toArray(String[]::new));
      InputException e = assertThrows(InputException.class, () -> {
        try (BookReader r = BookReader.open(dup, a, 64)) {
          r.useIdHash(id -> 42L);
          while (r.hasNext()) {
            r.next().close();
          }
        }
      });
      assertEquals(dup + " row 301, column id: duplicate id, first used in row 18, was \"P17\"", e.getMessage());
      assertEquals(0, a.getAllocatedMemory(), "the id set is freed");
    }
  }

  @Test
  void next_idSetIsOffHeapAndFreedAfterTheLastBatch() throws IOException {
    Path p = csv(H, "P1,BTC,spot,,,,,1,,,", "P2,BTC,spot,,,,,1,,,");
    try (org.apache.arrow.memory.BufferAllocator a = new org.apache.arrow.memory.RootAllocator();
        BookReader r = BookReader.open(p, a)) {
      try (BookBatch b = r.next()) {
        long batchOnly = b.rows() > 0 ? a.getAllocatedMemory() : -1;
        assertFalse(r.hasNext());
        assertTrue(batchOnly > 0);
      }
      assertEquals(0, a.getAllocatedMemory(), "nothing but the batch was held once the book was read");
    }
  }

  @Test
  void next_badExtraColumn() throws IOException {
    expect(csv("id,symbol,quantity,cost", "a,BTC-PERPETUAL,1,cheap"), List.of("cost"), 1, "cost", "cheap",
        " row 1, column cost: not a number, was \"cheap\"");
  }

  // ---- batching and memory

  @Test
  void next_manyBatchesGiveTheSameRowsAsOne() {
    List<BookPosition> book = BookTestData.random(10_001, 42, List.of("cost"));
    Path p = dir.resolve("big.csv");
    try (RootAllocator a = new RootAllocator()) {
      BookWriter.write(p, TableFormat.CSV, a, book);
    }
    List<Integer> sizes = new ArrayList<>();
    List<BookPosition> batched = readAll(p, 1000, List.of("cost"), sizes);
    List<Integer> expected = new ArrayList<>(java.util.Collections.nCopies(10, 1000));
    expected.add(1);
    assertEquals(expected, sizes);
    List<Integer> one = new ArrayList<>();
    assertEquals(readAll(p, BookReader.DEFAULT_BATCH_ROWS, List.of("cost"), one), batched);
    assertEquals(List.of(10_001), one);
    assertEquals(book, batched);
  }

  @Test
  void next_sourceRowsRunAcrossBatches() throws IOException {
    Path p = dir.resolve("rows.csv");
    List<BookPosition> book = BookTestData.random(25, 7, List.of());
    try (RootAllocator a = new RootAllocator()) {
      BookWriter.write(p, TableFormat.CSV, a, book);
      try (BookReader r = BookReader.open(p, a, 10)) {
        long expected = 1;
        while (r.hasNext()) {
          try (BookBatch b = r.next()) {
            for (int i = 0; i < b.rows(); i++) {
              assertEquals(expected++, b.sourceRow(i));
            }
          }
        }
        assertEquals(26, expected);
      }
    }
  }

  @Test
  void next_badRowInTheMiddleOfABatchFreesTheBatch() throws IOException {
    List<String> lines = new ArrayList<>(List.of(H));
    for (int i = 1; i <= 3000; i++) {
      lines.add("p" + i + ",BTC,spot,,,,," + (i == 2500 ? "x" : "1") + ",,,");
    }
    Path p = csv(lines.toArray(String[]::new));
    try (RootAllocator a = new RootAllocator()) {
      try (BookReader r = BookReader.open(p, a, 2000)) {
        r.next().close();
        InputException e = assertThrows(InputException.class, r::next);
        assertEquals(2500, e.row());
        assertFalse(r.hasNext(), "a failed reader is finished");
        assertEquals(0, a.getAllocatedMemory());
      }
    }
  }

  @Test
  void next_allocationFailureFreesWhatWasAllocated() throws IOException {
    Path p = dir.resolve("alloc.csv");
    try (RootAllocator a = new RootAllocator()) {
      BookWriter.write(p, TableFormat.CSV, a, BookTestData.random(5000, 3, List.of("cost", "lot")));
    }
    int failures = 0;
    for (long limit = 16 << 10; limit <= 4 << 20; limit *= 2) {
      try (RootAllocator a = new RootAllocator(limit)) {
        try (BookReader r = BookReader.open(p, a, 5000, List.of("cost", "lot"))) {
          r.next().close();
        } catch (OutOfMemoryException e) {
          failures++;
        }
        assertEquals(0, a.getAllocatedMemory(), "limit " + limit);
      }
    }
    assertTrue(failures >= 3, "the smaller limits must fail while the batch grows, failures: " + failures);
  }

  @Test
  void close_leavesReturnedBatchesUsable() throws IOException {
    Path p = csv("id,symbol,quantity", "a,BTC-PERPETUAL,1");
    try (BufferAllocator a = new RootAllocator()) {
      BookBatch b;
      try (BookReader r = BookReader.open(p, a)) {
        b = r.next();
      }
      try (b) {
        assertEquals("a", b.id(0));
      }
    }
  }

  // ---- a real chain

  @Test
  void next_realDeribitChainFromInstrumentNames() throws IOException {
    Path chain = Path.of("src/test/resources/deribit_options_snapshot_2026_tessicin.csv");
    List<String> lines = Files.readAllLines(chain);
    List<String> header = List.of(lines.get(0).split(","));
    int name = header.indexOf("instrument_name");
    int strike = header.indexOf("strike");
    int expiry = header.indexOf("expiration_timestamp_ms");
    int type = header.indexOf("option_type");
    List<String> book = new ArrayList<>(List.of("id,symbol,quantity"));
    for (int i = 1; i < lines.size(); i++) {
      book.add("pos-" + i + "," + lines.get(i).split(",", -1)[name] + "," + (i % 2 == 0 ? "-" : "") + (i % 7 + 1));
    }
    Path p = csv(book.toArray(String[]::new));
    List<BookPosition> got = readAll(p, 50, List.of(), new ArrayList<>());
    assertEquals(166, got.size());
    for (int i = 1; i < lines.size(); i++) {
      String[] row = lines.get(i).split(",", -1);
      BookPosition pos = got.get(i - 1);
      assertEquals("BTC", pos.underlying());
      assertEquals(Double.parseDouble(row[strike]), pos.strike(), row[name]);
      assertEquals(Long.parseLong(row[expiry]), pos.expiry().toEpochMilli(), row[name]);
      assertEquals(row[type].equals("call") ? ContractKind.INVERSE_CALL : ContractKind.INVERSE_PUT, pos.kind(), row[name]);
      assertEquals((i % 2 == 0 ? -1 : 1) * (i % 7 + 1), pos.quantity());
    }
  }
}

package io.hedgekit.cli;

import static io.hedgekit.cli.Examples.MARKET;
import static io.hedgekit.cli.Examples.HISTORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs are checked before any work: never an input, never a directory, never lost half-way. */
class OutputGuardTest {
  private static final Path ROOT = ReadmeExampleTest.repoRoot();

  @TempDir
  Path dir;

  private Path book() throws IOException {
    Path book = dir.resolve("book.csv");
    Files.copy(ROOT.resolve("examples/book.csv"), book);
    return book;
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void greeks_outIsTheBookThroughADotPath_exit2AndTheBookIsKept() throws IOException {
    Path book = book();
    byte[] before = Files.readAllBytes(book);
    Path sameByAnotherName = dir.resolve("sub").resolve("..").resolve(".").resolve("book.csv");
    Files.createDirectory(dir.resolve("sub"));
    CliRun r = CliRun.of("greeks", "--book", book.toString(), "--market", MARKET, "--out", sameByAnotherName.toString(), "-q");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("is the input file"), r.err());
    assertEquals(new String(before), Files.readString(book));
  }

  @Test
  void greeks_outIsASymlinkToTheBook_exit2() throws IOException {
    Path book = book();
    Path link = dir.resolve("link.csv");
    Files.createSymbolicLink(link, book);
    CliRun r = CliRun.of("greeks", "--book", book.toString(), "--market", MARKET, "--out", link.toString(), "-q");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--out " + link + " is the input file"), r.err());
  }

  @Test
  void greeks_outIsAHardLinkToTheMarket_exit2() throws IOException {
    Path market = dir.resolve("m.json");
    Files.copy(Path.of(MARKET), market);
    Path hard = dir.resolve("hard.csv");
    Files.createLink(hard, market);
    CliRun r = CliRun.of("greeks", "--book", book().toString(), "--market", market.toString(), "--out", hard.toString(), "-q");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("is the input file " + market), r.err());
  }

  @Test
  void greeks_outIsADirectory_exit2NamingIt() throws IOException {
    CliRun r = CliRun.of("greeks", "--book", book().toString(), "--market", MARKET, "--out", dir.toString(), "-q");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--out " + dir + ": cannot write: it is a directory"), r.err());
  }

  @Test
  void greeks_missingDirectory_namesTheDirectoryNotATempFile() throws IOException {
    Path out = dir.resolve("missing").resolve("g.csv");
    CliRun r = CliRun.of("greeks", "--book", book().toString(), "--market", MARKET, "--out", out.toString(), "-q");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("directory " + dir.resolve("missing") + " does not exist"), r.err());
    assertFalse(r.err().contains(".tmp"), r.err());
  }

  @Test
  void greeks_nameTooLong_exit2WithTheReason() throws IOException {
    Path out = dir.resolve("g".repeat(300) + ".csv");
    CliRun r = CliRun.of("greeks", "--book", book().toString(), "--market", MARKET, "--out", out.toString(), "-q");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("the file name is 304 bytes long"), r.err());
    assertFalse(r.err().contains("internal error"), r.err());
  }

  @Test
  void greeks_nameJustTooLongForTheTempFile_stillWrites() throws IOException {
    Path out = dir.resolve("g".repeat(250) + ".csv");
    CliRun r = CliRun.of("greeks", "--book", book().toString(), "--market", MARKET, "--out", out.toString(), "-q");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.size(out) > 0);
  }

  @Test
  void greeks_unknownExtension_exit2ListingTheFormats() throws IOException {
    for (String name : List.of("g.parquet", "g.xlsx")) {
      CliRun r = CliRun.of("greeks", "--book", book().toString(), "--market", MARKET, "--out", dir.resolve(name).toString(), "-q");
      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().contains("supported: .csv, .arrow"), r.err());
      assertFalse(Files.exists(dir.resolve(name)));
      Files.delete(dir.resolve("book.csv"));
    }
  }

  @Test
  void greeks_formatClashesWithExtension_exit2() throws IOException {
    CliRun r = CliRun.of("greeks", "--book", book().toString(), "--market", MARKET, "--out", dir.resolve("g.csv").toString(),
        "--format", "arrow", "-q");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("not the arrow asked for"), r.err());
  }

  @Test
  void var_pnlOutInAMissingDirectory_leavesNoJsonBehind() throws IOException {
    Path scenarios = dir.resolve("s.arrow");
    assertEquals(0, CliRun.of("scenarios", "--method", "historical", "--history", HISTORY, "--out", scenarios.toString(), "-q")
        .exitCode());
    Path json = dir.resolve("v.json");
    CliRun r = CliRun.of("var", "--book", book().toString(), "--market", MARKET, "--scenarios", scenarios.toString(),
        "--out", json.toString(), "--pnl-out", dir.resolve("missing").resolve("p.arrow").toString(), "-q");
    assertEquals(2, r.exitCode(), r.err());
    assertFalse(Files.exists(json), "no output when one of them cannot be written");
    assertEquals(List.of("book.csv", "s.arrow"), files());
  }

  @Test
  void var_jsonOutWithATableExtension_exit2() throws IOException {
    Path scenarios = dir.resolve("s.csv");
    Files.writeString(scenarios, "scenario,BTC_return,ETH_return,SOL_return\n0,0.01,0.02,0.03\n");
    CliRun r = CliRun.of("var", "--book", book().toString(), "--market", MARKET, "--scenarios", scenarios.toString(),
        "--out", dir.resolve("v.csv").toString(), "-q");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("supported: .json"), r.err());
  }

  @Test
  void margin_outIsTheCollateral_exit2AndTheCollateralIsKept() throws IOException {
    Path collateral = dir.resolve("collateral.json");
    Files.copy(ROOT.resolve("examples/collateral.json"), collateral);
    byte[] before = Files.readAllBytes(collateral);
    CliRun r = CliRun.of("margin", "--book", book().toString(), "--market", MARKET, "--collateral", collateral.toString(),
        "--out", collateral.toString(), "--backend", "scalar", "-q");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--out " + collateral + " is the input file"), r.err());
    assertEquals(new String(before), Files.readString(collateral));
  }

  @Test
  void hedgeBacktest_pageInAMissingDirectory_leavesNoJsonBehind() throws IOException {
    Path json = dir.resolve("bt.json");
    CliRun r = CliRun.of("hedge-backtest", "--book", book().toString(), "--market", MARKET,
        "--mandates", ROOT.resolve("examples/mandates.json").toString(), "--universe", ROOT.resolve("examples/universe.csv").toString(),
        "--history", HISTORY, "--from", "2022-11-01", "--to", "2022-11-05",
        "--out", dir.resolve("missing").resolve("bt.html").toString(), "--json", json.toString(), "--backend", "scalar", "-q");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("missing"), r.err());
    assertEquals(List.of("book.csv"), files(), "neither output written");
  }

  @Test
  void watch_eventsIsTheUpdatesFile_exit2AndTheUpdatesAreKept() throws IOException {
    Path updates = dir.resolve("updates.jsonl");
    Files.copy(ROOT.resolve("examples/updates.jsonl"), updates);
    byte[] before = Files.readAllBytes(updates);
    CliRun r = CliRun.of("watch", "--book", book().toString(), "--market", MARKET,
        "--mandates", ROOT.resolve("examples/mandates.json").toString(), "--updates", updates.toString(),
        "--events", updates.toString(), "--backend", "scalar", "-q");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--events " + updates + " is the input file"), r.err());
    assertEquals(new String(before), Files.readString(updates));
  }

  @Test
  void twoOutputsOneFile_refused() {
    Path same = dir.resolve("x.json");
    UsageException e = assertThrows(UsageException.class, () -> OutputGuard.inputs()
        .output("--out", same, OutputGuard.JSON).output("--days-out", dir.resolve("x.json"), OutputGuard.JSON)
        .check(new PrintWriter(new StringWriter())));
    assertTrue(e.getMessage().contains("is the same file as --out"), e.getMessage());
  }

  @Test
  void writeTextWith_failingOtherOutput_discardsTheText() throws IOException {
    Path json = dir.resolve("v.json");
    IOException boom = new IOException("disk full");
    IOException e = assertThrows(IOException.class, () -> OutputGuard.writeTextWith(json, "{}", () -> {
      throw boom;
    }));
    assertEquals(boom, e);
    assertEquals(List.of(), files(), "neither the JSON nor its temporary file");
    OutputGuard.writeTextWith(json, "{}", () -> { });
    assertEquals("{}", Files.readString(json));
  }

  @Test
  void check_removesStaleTempFilesOfTheSameOutputAndSaysSo() throws IOException {
    Path out = dir.resolve("g.csv");
    Path stale = dir.resolve(".g.csv.3k2j1h0x9z.tmp");
    Path otherTarget = dir.resolve(".h.csv.3k2j1h0x9z.tmp");
    Path notOurs = dir.resolve(".g.csv.my-copy.tmp");
    for (Path p : List.of(stale, otherTarget, notOurs)) {
      Files.writeString(p, "half a file");
    }
    StringWriter err = new StringWriter();
    OutputGuard.inputs().output("--out", out, OutputGuard.TABLE).check(new PrintWriter(err));
    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(otherTarget) && Files.exists(notOurs), "only this output's own naming pattern");
    assertTrue(err.toString().contains("removed " + stale + ", a temporary file left by an interrupted run"), err.toString());
  }
}

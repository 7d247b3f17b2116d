package io.hedgekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GreeksCommandTest {
  private static final String MARKET = """
      {"valuation_time": "2026-11-24T08:00:00Z",
       "underlyings": {"BTC": {"spot": 95000.0, "rate": 0.04, "vol": 0.55, "funding_rate_8h": 0.0001},
                       "ETH": {"spot": 3000.0, "rate": 0.04, "vol": 0.7}}}
      """;
  private static final String HEADER = "id,symbol,underlying,instrument,type,strike,expiry,quantity,contract_size,entry_price\n";

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private CliRun greeks(String book, String... extra) throws IOException {
    Path b = write("book.csv", book);
    Path m = write("market.json", MARKET);
    List<String> args = new java.util.ArrayList<>(List.of("greeks", "--book", b.toString(), "--market", m.toString(),
        "--out", dir.resolve("out.csv").toString(), "--backend", "scalar", "--quiet"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  private boolean onlyInputsLeft() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).allMatch(n -> n.equals("book.csv") || n.equals("market.json"));
    }
  }

  @Test
  void greeks_writesOneRowPerPositionAndSummary() throws IOException {
    CliRun r = greeks(HEADER
        + "a,BTC-25DEC26-100000-C,,,,,,2,,\n"
        + "b,,ETH,option,put,2800,2027-03-26,-10,,\n"
        + "c,BTC-PERPETUAL,,,,,,100,10,90000\n"
        + "d,,ETH,spot,,,,5,,\n");
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = Files.readAllLines(dir.resolve("out.csv"));
    assertEquals("id,underlying,instrument,value,value_coin,delta,delta_adjusted,gamma,vega,theta,rho,vanna,volga,delta_smile",
        lines.get(0));
    assertEquals(5, lines.size());
    assertTrue(lines.get(4).startsWith("d,ETH,spot,15000.0,,5.0,5.0,"), lines.get(4));
    assertTrue(r.out().contains("BTC") && r.out().contains("ETH") && r.out().contains("theta USD/day"), r.out());
  }

  @Test
  void greeks_inversePerpetualValueIsCoinPnlAtSpot() throws IOException {
    CliRun r = greeks(HEADER + "c,BTC-PERPETUAL,,,,,,100,10,90000\n");
    assertEquals(0, r.exitCode(), r.err());
    String[] f = Files.readAllLines(dir.resolve("out.csv")).get(1).split(",");
    double face = 1000.0;
    assertEquals(face * (95000.0 / 90000.0 - 1), Double.parseDouble(f[3]), 1e-9);
    assertEquals(face * (1 / 90000.0 - 1 / 95000.0), Double.parseDouble(f[4]), 1e-15);
    assertEquals(face / 90000.0, Double.parseDouble(f[5]), 1e-15);
  }

  @Test
  void greeks_unknownUnderlying_exit2NamesRowColumnValue() throws IOException {
    CliRun r = greeks(HEADER + "a,,BTC,spot,,,,1,,\nb,,DOGE,spot,,,,1,,\n");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("book.csv row 2, column underlying") && r.err().contains("DOGE"), r.err());
    assertTrue(onlyInputsLeft(), "no output file may be left behind");
  }

  @Test
  void greeks_expiredPosition_exit2UnlessAllowed() throws IOException {
    String book = HEADER + "a,,BTC,option,call,90000,2026-11-01,1,,\n";
    CliRun r = greeks(book);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("row 1, column expiry") && r.err().contains("--allow-expired"), r.err());
    assertTrue(onlyInputsLeft());
    CliRun allowed = greeks(book, "--allow-expired");
    assertEquals(0, allowed.exitCode(), allowed.err());
    String[] f = Files.readAllLines(dir.resolve("out.csv")).get(1).split(",");
    assertEquals(5000.0, Double.parseDouble(f[3]), 1e-9, "expired call is worth its intrinsic value");
  }

  @Test
  void greeks_badNumber_exit2() throws IOException {
    CliRun r = greeks(HEADER + "a,,BTC,spot,,,,abc,,\n");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("row 1, column quantity") && r.err().contains("abc"), r.err());
    assertTrue(onlyInputsLeft());
  }

  @Test
  void greeks_negativeSpotInMarket_exit2() throws IOException {
    Path b = write("book.csv", HEADER + "a,,BTC,spot,,,,1,,\n");
    Path m = write("market.json", MARKET.replace("95000.0", "-5"));
    CliRun r = CliRun.of("greeks", "--book", b.toString(), "--market", m.toString(), "--quiet");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("market.json") && r.err().contains("spot"), r.err());
  }

  @Test
  void greeks_missingFile_exit2() {
    CliRun r = CliRun.of("greeks", "--book", dir.resolve("nope.csv").toString(), "--market",
        dir.resolve("m.json").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("nope.csv"), r.err());
  }

  @Test
  void greeks_unknownBackend_exit2() throws IOException {
    Path b = write("book.csv", HEADER + "a,,BTC,spot,,,,1,,\n");
    Path m = write("market.json", MARKET);
    CliRun r = CliRun.of("greeks", "--book", b.toString(), "--market", m.toString(), "--out",
        dir.resolve("out.csv").toString(), "--backend", "quantum");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("unknown backend 'quantum'"), r.err());
    assertFalse(Files.exists(dir.resolve("out.csv")));
  }

  @Test
  void greeks_arrowOutputByExtension() throws IOException {
    Path b = write("book.csv", HEADER + "a,,BTC,spot,,,,1,,\n");
    Path m = write("market.json", MARKET);
    Path out = dir.resolve("g.arrow");
    CliRun r = CliRun.of("greeks", "--book", b.toString(), "--market", m.toString(), "--out", out.toString(),
        "--quiet", "--backend", "scalar");
    assertEquals(0, r.exitCode(), r.err());
    byte[] head = Files.readAllBytes(out);
    assertEquals("ARROW1", new String(head, 0, 6, java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void everyCommand_hasHelpWithExample() {
    for (String cmd : HedgekitMain.commandLine().getSubcommands().keySet()) {
      if (cmd.equals("help")) {
        continue;
      }
      CliRun r = CliRun.of(cmd, "--help");
      assertEquals(0, r.exitCode(), cmd);
      assertTrue(r.out().contains("Example"), cmd + " --help has no example:\n" + r.out());
    }
  }

  @Test
  void shown_valuesThatRoundToZeroPrintAsZeroNotMinusZero() {
    assertEquals("0", String.format(java.util.Locale.ROOT, "%,.0f", Summaries.shown(-0.3, 0)));
    assertEquals("0.000", String.format(java.util.Locale.ROOT, "%,.3f", Summaries.shown(-0.0004, 3)));
    assertEquals("-0.001", String.format(java.util.Locale.ROOT, "%,.3f", Summaries.shown(-0.0006, 3)));
    assertEquals("-1", String.format(java.util.Locale.ROOT, "%,.0f", Summaries.shown(-0.6, 0)));
  }
}

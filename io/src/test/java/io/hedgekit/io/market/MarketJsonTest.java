package io.hedgekit.io.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.market.UnderlyingMarket;
import io.hedgekit.kernels.market.UnderlyingMarket.ForwardPoint;
import io.hedgekit.kernels.market.VolSurface;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarketJsonTest {
  private static final String FULL = """
      {"valuation_time": "2026-11-24T08:00:00Z",
       "underlyings": {
         "BTC": {"spot": 95000.0, "rate": 0.04, "carry": 0.01,
           "forwards": [{"expiry": "2027-03-26T08:00:00Z", "price": 96500.0},
                        {"expiry": "2026-12-25", "price": 95400.0}],
           "vol": 0.55,
           "vol_surface": {"expiries": ["2026-12-25T08:00:00Z", "2027-03-26"],
                           "strikes": [80000, 100000, 120000],
                           "vols": [[0.62, 0.55, 0.58], [0.60, 0.54, 0.56]]},
           "funding_rate_8h": 0.0001},
         "eth": {"spot": 3400}
       }}
      """;

  @TempDir
  Path dir;

  private Path json(String text) throws IOException {
    Path p = dir.resolve("market.json");
    Files.writeString(p, text);
    return p;
  }

  private static double days(double d) {
    return d * 86_400_000.0 / MarketData.MILLIS_PER_YEAR;
  }

  @Test
  void read_fullFile() throws IOException {
    MarketData m = MarketJson.read(json(FULL));
    assertEquals(Instant.parse("2026-11-24T08:00:00Z"), m.valuationTime());
    assertEquals(List.of("BTC", "ETH"), m.underlyingNames());
    UnderlyingMarket btc = m.underlying("BTC");
    assertEquals(95000.0, btc.spot());
    assertEquals(0.04, btc.rate());
    assertEquals(0.01, btc.carry());
    assertEquals(0.55, btc.flatVol());
    assertEquals(0.0001, btc.fundingRate8h());
    // 31 days to 25 Dec, 122 days to 26 Mar 2027; the file lists them out of order.
    assertEquals(List.of(new ForwardPoint(days(31), 95400.0), new ForwardPoint(days(122), 96500.0)), btc.forwards());
    VolSurface s = btc.surface();
    assertEquals(days(31), s.times()[0]);
    assertEquals(days(122), s.times()[1]);
    assertEquals(0.58, s.vol(days(31), 120000));
    assertEquals(0.54, s.vol(days(122), 100000));
    assertEquals(0.565, s.vol(days(31), 110000), 1e-15, "halfway between 0.55 and 0.58");
  }

  @Test
  void read_defaults() throws IOException {
    UnderlyingMarket eth = MarketJson.read(json(FULL)).underlying("ETH");
    assertEquals(3400.0, eth.spot());
    assertEquals(0.0, eth.rate());
    assertEquals(0.0, eth.carry());
    assertEquals(0.0, eth.fundingRate8h());
    assertTrue(Double.isNaN(eth.flatVol()));
    assertTrue(eth.forwards().isEmpty());
    assertNull(eth.surface());
  }

  private void expect(String text, String column, String value, String tail) throws IOException {
    Path p = json(text);
    InputException e = assertThrows(InputException.class, () -> MarketJson.read(p));
    assertEquals(p + tail, e.getMessage());
    assertEquals(p.toString(), e.file());
    assertEquals(0, e.row());
    assertEquals(column, e.column());
    assertEquals(value, e.value());
  }

  private static String btc(String body) {
    return "{\"valuation_time\": \"2026-11-24T08:00:00Z\", \"underlyings\": {\"BTC\": {" + body + "}}}";
  }

  @Test
  void read_malformedJsonGivesLineAndColumn() throws IOException {
    String text = "{\n  \"valuation_time\": \"2026-11-24T08:00:00Z\",\n  \"underlyings\": {\n    \"BTC\": {\"spot\": }\n}}\n";
    Path p = json(text);
    InputException e = assertThrows(InputException.class, () -> MarketJson.read(p));
    int column = "    \"BTC\": {\"spot\": }".indexOf('}') + 1;
    assertTrue(e.getMessage().startsWith(p + ": malformed JSON at line 4 column " + column + ": "), e.getMessage());
    assertNull(e.column());
  }

  @Test
  void read_nonStandardJsonRejected() throws IOException {
    Path p = json(btc("\"spot\": NaN"));
    assertTrue(assertThrows(InputException.class, () -> MarketJson.read(p)).getMessage().contains("malformed JSON at line 1"));
    Path dup = json(btc("\"spot\": 1, \"spot\": 2"));
    assertTrue(assertThrows(InputException.class, () -> MarketJson.read(dup)).getMessage().contains("Duplicate field 'spot'"));
    Path empty = json("");
    assertEquals(empty + ": malformed JSON: the file is empty",
        assertThrows(InputException.class, () -> MarketJson.read(empty)).getMessage());
  }

  @Test
  void read_missingValuationTimeAndUnderlyings() throws IOException {
    expect("{\"underlyings\": {\"BTC\": {\"spot\": 1}}}", "valuation_time", null, ", column valuation_time: missing (required)");
    expect("{\"valuation_time\": \"2026-11-24T08:00:00Z\"}", "underlyings", null, ", column underlyings: missing (required)");
    expect("{\"valuation_time\": \"2026-11-24T08:00:00Z\", \"underlyings\": {}}", "underlyings", null,
        ", column underlyings: must name at least one underlying");
    expect("{\"valuation_time\": \"yesterday\", \"underlyings\": {}}", "valuation_time", "yesterday",
        ", column valuation_time: not an ISO-8601 instant or date (2026-12-25T08:00:00Z or 2026-12-25), was \"yesterday\"");
  }

  @Test
  void read_badSpot() throws IOException {
    expect(btc("\"spot\": -5"), "underlyings.BTC.spot", "-5", ", column underlyings.BTC.spot: must be > 0, was \"-5\"");
    expect(btc("\"spot\": 0"), "underlyings.BTC.spot", "0", ", column underlyings.BTC.spot: must be > 0, was \"0\"");
    expect(btc("\"rate\": 0.01"), "underlyings.BTC.spot", null, ", column underlyings.BTC.spot: missing (required)");
    expect(btc("\"spot\": \"95000\""), "underlyings.BTC.spot", "\"95000\"",
        ", column underlyings.BTC.spot: must be a number, was \"\"95000\"\"");
    expect(btc("\"spot\": 1e400"), "underlyings.BTC.spot", "Infinity",
        ", column underlyings.BTC.spot: must be a finite number, was \"Infinity\"");
  }

  @Test
  void read_badVolAndUnknownKey() throws IOException {
    expect(btc("\"spot\": 1, \"vol\": 0"), "underlyings.BTC.vol", "0",
        ", column underlyings.BTC.vol: must be > 0 and <= 10 (a decimal: 0.55 means 55%), was \"0\"");
    expect(btc("\"spot\": 1, \"vol\": 55"), "underlyings.BTC.vol", "55",
        ", column underlyings.BTC.vol: must be > 0 and <= 10 (a decimal: 0.55 means 55%), was \"55\"");
    expect(btc("\"spot\": 1, \"volsurface\": {}"), "underlyings.BTC.volsurface", null,
        ", column underlyings.BTC.volsurface: unknown key; expected one of [carry, forwards, funding_rate_8h, rate, smile, spot, vol, vol_surface]");
  }

  @Test
  void read_badForwards() throws IOException {
    expect(btc("\"spot\": 1, \"forwards\": [{\"expiry\": \"2026-12-25\", \"price\": 2}, {\"expiry\": \"2026-12-25T08:00:00Z\", \"price\": 3}]"),
        "underlyings.BTC.forwards[1].expiry", "2026-12-25T08:00:00Z",
        ", column underlyings.BTC.forwards[1].expiry: two forwards at the same expiry (the other is underlyings.BTC.forwards[0]),"
            + " was \"2026-12-25T08:00:00Z\"");
    expect(btc("\"spot\": 1, \"forwards\": [{\"expiry\": \"2026-11-01\", \"price\": 2}]"),
        "underlyings.BTC.forwards[0].expiry", "2026-11-01",
        ", column underlyings.BTC.forwards[0].expiry: must be after valuation_time 2026-11-24T08:00:00Z, was \"2026-11-01\"");
    expect(btc("\"spot\": 1, \"forwards\": [{\"expiry\": \"2026-12-25\", \"price\": -2}]"),
        "underlyings.BTC.forwards[0].price", "-2", ", column underlyings.BTC.forwards[0].price: must be > 0, was \"-2\"");
    expect(btc("\"spot\": 1, \"forwards\": [{\"expiry\": \"2026-12-25\"}]"),
        "underlyings.BTC.forwards[0].price", null, ", column underlyings.BTC.forwards[0].price: missing (required)");
    expect(btc("\"spot\": 1, \"forwards\": {}"), "underlyings.BTC.forwards", "{}",
        ", column underlyings.BTC.forwards: must be a JSON array, was \"{}\"");
  }

  @Test
  void read_badSurfaceShape() throws IOException {
    String ex = "\"expiries\": [\"2026-12-25\", \"2027-03-26\"], \"strikes\": [1, 2]";
    expect(btc("\"spot\": 1, \"vol_surface\": {" + ex + ", \"vols\": [[0.5, 0.5]]}"), "underlyings.BTC.vol_surface.vols", null,
        ", column underlyings.BTC.vol_surface.vols: has 1 rows, need 2 (one per expiry)");
    expect(btc("\"spot\": 1, \"vol_surface\": {" + ex + ", \"vols\": [[0.5, 0.5], [0.5]]}"), "underlyings.BTC.vol_surface.vols[1]",
        null, ", column underlyings.BTC.vol_surface.vols[1]: has 1 vols, need 2 (one per strike)");
    expect(btc("\"spot\": 1, \"vol_surface\": {" + ex + ", \"vols\": [[0.5, 0.5], [11, 0.5]]}"),
        "underlyings.BTC.vol_surface.vols[1][0]", "11",
        ", column underlyings.BTC.vol_surface.vols[1][0]: must be > 0 and <= 10 (a decimal: 0.55 means 55%), was \"11\"");
    expect(btc("\"spot\": 1, \"vol_surface\": {\"expiries\": [\"2027-03-26\", \"2026-12-25\"], \"strikes\": [1], \"vols\": [[1], [1]]}"),
        "underlyings.BTC.vol_surface.expiries[1]", "2026-12-25",
        ", column underlyings.BTC.vol_surface.expiries[1]: expiries must be strictly increasing, was \"2026-12-25\"");
    expect(btc("\"spot\": 1, \"vol_surface\": {\"expiries\": [\"2026-12-25\"], \"strikes\": [2, 2], \"vols\": [[1, 1]]}"),
        "underlyings.BTC.vol_surface.strikes[1]", "2",
        ", column underlyings.BTC.vol_surface.strikes[1]: strikes must be strictly increasing, was \"2\"");
    expect(btc("\"spot\": 1, \"vol_surface\": {\"expiries\": [], \"strikes\": [], \"vols\": []}"),
        "underlyings.BTC.vol_surface", null, ", column underlyings.BTC.vol_surface: needs at least one expiry and one strike");
    expect(btc("\"spot\": 1, \"vol_surface\": {\"expiries\": [\"2026-12-25\"], \"strikes\": [1]}"),
        "underlyings.BTC.vol_surface.vols", null, ", column underlyings.BTC.vol_surface.vols: missing (required)");
  }

  @Test
  void read_missingFile() {
    Path p = dir.resolve("none.json");
    assertEquals(p + ": no such file", assertThrows(InputException.class, () -> MarketJson.read(p)).getMessage());
  }

  @Test
  void write_roundTrip() throws IOException {
    MarketData original = MarketJson.read(json(FULL));
    Path out = dir.resolve("out").resolve("demo.json");
    Files.createDirectories(out.getParent());
    MarketJson.write(original, out);
    MarketData back = MarketJson.read(out);
    assertEquals(original.valuationTime(), back.valuationTime());
    assertEquals(original.underlyingNames(), back.underlyingNames());
    for (String u : original.underlyingNames()) {
      UnderlyingMarket a = original.underlying(u);
      UnderlyingMarket b = back.underlying(u);
      assertEquals(a.spot(), b.spot());
      assertEquals(a.rate(), b.rate());
      assertEquals(a.carry(), b.carry());
      assertEquals(a.flatVol(), b.flatVol());
      assertEquals(a.fundingRate8h(), b.fundingRate8h());
      assertEquals(a.forwards(), b.forwards());
      assertEquals(a.surface() == null, b.surface() == null);
      if (a.surface() != null) {
        assertEquals(List.of(a.surface().times()[0], a.surface().times()[1]), List.of(b.surface().times()[0], b.surface().times()[1]));
        for (double t : new double[] {days(10), days(31), days(60), days(122), days(400)}) {
          for (double k : new double[] {70000, 80000, 95000, 120000, 130000}) {
            assertEquals(a.surface().vol(t, k), b.surface().vol(t, k), 1e-15, "t " + t + " k " + k);
          }
        }
      }
    }
    try (Stream<Path> s = Files.list(out.getParent())) {
      assertEquals(List.of("demo.json"), s.map(p -> p.getFileName().toString()).toList(), "no temp file left");
    }
  }

  @Test
  void write_omitsAbsentOptionalValues() throws IOException {
    MarketData m = new MarketData(Instant.parse("2026-11-24T08:00:00Z"),
        Map.of("SOL", new UnderlyingMarket(180, 0, 0, List.of(), Double.NaN, null, 0)));
    Path out = dir.resolve("sol.json");
    MarketJson.write(m, out);
    String text = Files.readString(out);
    assertFalse(text.contains("\"vol\""), text);
    assertFalse(text.contains("forwards"), text);
    assertTrue(Double.isNaN(MarketJson.read(out).underlying("SOL").flatVol()));
  }
}

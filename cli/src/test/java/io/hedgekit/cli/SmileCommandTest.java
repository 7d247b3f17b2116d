package io.hedgekit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmileCommandTest {
  static final Path CHAIN = Path.of(System.getProperty("user.dir")).resolve("../examples/deribit_options_snapshot_2026_tessicin.csv")
      .normalize();

  @TempDir
  Path dir;

  @Test
  void fit_writesASmileThatCheckPassesInAMarket() throws IOException {
    Path smile = dir.resolve("smile.json");
    CliRun fit = CliRun.of("smile", "fit", "--chain", CHAIN.toString(), "--out", smile.toString());
    assertEquals(0, fit.exitCode(), fit.err());
    assertTrue(fit.out().contains("2026-12-25") && fit.out().contains("yes"), fit.out());
    String market = "{\"valuation_time\": \"2026-03-01T13:49:10Z\", \"underlyings\": {\"BTC\": {\"spot\": 66300, "
        + "\"smile\": " + Files.readString(smile) + "}}}";
    Path m = dir.resolve("market.json");
    Files.writeString(m, market);
    CliRun check = CliRun.of("smile", "check", "--market", m.toString());
    assertEquals(0, check.exitCode(), check.out() + check.err());
    assertTrue(check.out().contains("8 of 8 slices free of static arbitrage"), check.out());
  }

  @Test
  void check_exitsOneNamingUnderlyingExpiryConditionAndRange() throws IOException {
    Path m = dir.resolve("market.json");
    Files.writeString(m, """
        {"valuation_time": "2026-11-24T08:00:00Z", "underlyings": {"ETH": {"spot": 3000,
          "smile": {"model": "svi", "slices": [
            {"expiry": "2026-12-25T08:00:00Z", "a": 0.0001, "b": 0.9, "rho": -0.1, "m": 0, "sigma": 0.01}]}}}}
        """);
    CliRun check = CliRun.of("smile", "check", "--market", m.toString());
    assertEquals(1, check.exitCode(), check.out() + check.err());
    assertTrue(check.out().contains("ETH 2026-12-25T08:00:00Z butterfly for k in ["), check.out());
    // loading that market for a computation is an error (exit 2) unless --allow-arbitrage
    Path book = dir.resolve("book.csv");
    Files.writeString(book, "id,underlying,instrument,type,strike,expiry,quantity\na,ETH,option,call,3000,2026-12-25,1\n");
    CliRun greeks = CliRun.of("greeks", "--book", book.toString(), "--market", m.toString(), "--out",
        dir.resolve("g.csv").toString(), "--backend", "scalar", "--quiet");
    assertEquals(2, greeks.exitCode(), greeks.err());
    assertTrue(greeks.err().contains("butterfly arbitrage at expiry 2026-12-25T08:00:00Z"), greeks.err());
    CliRun allowed = CliRun.of("greeks", "--book", book.toString(), "--market", m.toString(), "--out",
        dir.resolve("g.csv").toString(), "--backend", "scalar", "--quiet", "--allow-arbitrage");
    assertEquals(0, allowed.exitCode(), allowed.err());
  }

  @Test
  void greeks_deltaSmileIsTheStickyMoneynessFiniteDifference() throws IOException {
    Path m = dir.resolve("market.json");
    Files.writeString(m, """
        {"valuation_time": "2026-11-24T08:00:00Z", "underlyings": {"BTC": {"spot": 95000, "rate": 0.03,
          "smile": {"model": "svi", "slices": [
            {"expiry": "2026-12-25T08:00:00Z", "a": 0.012, "b": 0.08, "rho": -0.35, "m": 0.02, "sigma": 0.18},
            {"expiry": "2027-03-26T08:00:00Z", "a": 0.04, "b": 0.1, "rho": -0.3, "m": 0.03, "sigma": 0.25}]}}}}
        """);
    Path book = dir.resolve("book.csv");
    Files.writeString(book, "id,underlying,instrument,type,strike,expiry,quantity\n"
        + "a,BTC,option,put,80000,2027-02-26,3\nb,BTC,option,call,110000,2026-12-25,-2\nc,BTC,spot,,,,1\n");
    Path out = dir.resolve("g.csv");
    CliRun r = CliRun.of("greeks", "--book", book.toString(), "--market", m.toString(), "--out", out.toString(),
        "--backend", "scalar", "--quiet");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("delta_smile"), r.out());
    io.hedgekit.kernels.market.MarketData md = io.hedgekit.io.market.MarketJson.read(m);
    io.hedgekit.kernels.market.UnderlyingMarket btc = md.underlying("BTC");
    java.util.List<String> lines = Files.readAllLines(out);
    double[][] opts = {{80000, 3, 0}, {110000, -2, 1}};
    String[] expiries = {"2027-02-26T08:00:00Z", "2026-12-25T08:00:00Z"};
    for (int j = 0; j < 2; j++) {
      double k = opts[j][0];
      double t = md.yearsTo(java.time.Instant.parse(expiries[j]));
      boolean call = opts[j][2] == 1;
      double q = btc.carryFor(t);
      double size = opts[j][1];
      // sticky moneyness: the vol is read at ln(K/F(S)) as S moves
      java.util.function.DoubleUnaryOperator value = s -> size * io.hedgekit.kernels.reference.ReferencePricer.optionValue(call, s, k, t,
              btc.smile().vol(Math.log(k / (s * Math.exp((0.03 - q) * t))), t), 0.03, q);
      double h = 0.5;
      double fd = (value.applyAsDouble(95000 + h) - value.applyAsDouble(95000 - h)) / (2 * h);
      String[] row = lines.get(1 + j).split(",");
      double delta = Double.parseDouble(row[5]);
      double deltaSmile = Double.parseDouble(row[13]);
      assertEquals(fd, deltaSmile, 1e-6 * Math.abs(fd) + 1e-9, "row " + row[0]);
      assertTrue(Math.abs(deltaSmile - delta) > 1e-3, "the smile moves the delta: " + delta + " " + deltaSmile);
    }
    assertTrue(lines.get(3).endsWith(",1.0"), lines.get(3));
  }

  @Test
  void fit_badChainIsExitTwoNamingRowAndColumn() throws IOException {
    Path chain = dir.resolve("chain.csv");
    Files.writeString(chain, "instrument_name,underlying_price,strike,option_type,expiration_timestamp_ms,mark_iv\n"
        + "BTC-1JAN27-100-C,100,abc,call,1798185600000,50\n");
    CliRun fit = CliRun.of("smile", "fit", "--chain", chain.toString(), "--out", dir.resolve("s.json").toString());
    assertEquals(2, fit.exitCode(), fit.err());
    assertTrue(fit.err().contains("strike") && fit.err().contains("abc"), fit.err());
  }

  @Test
  void fit_outIsTheChain_exit2AndTheChainIsKept() throws IOException {
    Path chain = dir.resolve("chain.json");
    Files.copy(CHAIN, chain);
    byte[] before = Files.readAllBytes(chain);
    CliRun fit = CliRun.of("smile", "fit", "--chain", chain.toString(), "--out", chain.toString());
    assertEquals(2, fit.exitCode(), fit.err());
    assertTrue(fit.err().contains("is the input file"), fit.err());
    assertArrayEquals(before, Files.readAllBytes(chain));
  }
}

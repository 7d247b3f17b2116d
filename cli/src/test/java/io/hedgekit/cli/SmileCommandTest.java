package io.hedgekit.cli;

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
  void fit_badChainIsExitTwoNamingRowAndColumn() throws IOException {
    Path chain = dir.resolve("chain.csv");
    Files.writeString(chain, "instrument_name,underlying_price,strike,option_type,expiration_timestamp_ms,mark_iv\n"
        + "BTC-1JAN27-100-C,100,abc,call,1798185600000,50\n");
    CliRun fit = CliRun.of("smile", "fit", "--chain", chain.toString(), "--out", dir.resolve("s.json").toString());
    assertEquals(2, fit.exitCode(), fit.err());
    assertTrue(fit.err().contains("strike") && fit.err().contains("abc"), fit.err());
  }
}

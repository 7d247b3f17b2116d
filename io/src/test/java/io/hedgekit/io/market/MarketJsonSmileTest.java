package io.hedgekit.io.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.market.SviSlice;
import io.hedgekit.kernels.market.UnderlyingMarket;
import io.hedgekit.kernels.market.VolSmile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarketJsonSmileTest {
  private static final String SMILE = """
      {"valuation_time": "2026-11-24T08:00:00Z",
       "underlyings": {"BTC": {"spot": 95000, "vol": 0.5,
         "smile": {"model": "svi", "slices": [
           {"expiry": "2026-12-25T08:00:00Z", "a": 0.012, "b": 0.08, "rho": -0.35, "m": 0.02, "sigma": 0.18},
           {"expiry": "2027-03-26", "a": 0.04, "b": 0.1, "rho": -0.3, "m": 0.03, "sigma": 0.25}]}}}}
      """;

  @TempDir
  Path dir;

  private Path json(String text) throws IOException {
    Path p = dir.resolve("market.json");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void read_smileSlicesAndPrecedenceOverFlatVol() throws IOException {
    MarketData m = MarketJson.read(json(SMILE));
    UnderlyingMarket btc = m.underlying("BTC");
    VolSmile smile = btc.smile();
    assertEquals(2, smile.slices().size());
    assertEquals(new SviSlice(0.012, 0.08, -0.35, 0.02, 0.18), smile.slices().get(0).svi());
    double t = smile.slices().get(0).timeYears();
    assertEquals(31.0 / 365.0, t, 1e-15);
    double k = Math.log(90000 / btc.forward(t));
    assertEquals(Math.sqrt(new SviSlice(0.012, 0.08, -0.35, 0.02, 0.18).w(k) / t), btc.volFor(t, 90000), 1e-15);
  }

  @Test
  void write_roundTripsTheSmile() throws IOException {
    MarketData m = MarketJson.read(json(SMILE));
    Path out = dir.resolve("out.json");
    MarketJson.write(m, out);
    MarketData back = MarketJson.read(out);
    assertEquals(m.underlying("BTC").smile().slices(), back.underlying("BTC").smile().slices());
    assertNull(MarketJson.read(json(SMILE.replace("\"smile\"", "\"vol_surface\": null, \"smile\""))).underlying("BTC").surface());
  }

  @Test
  void read_arbitrageIsAnErrorNamingUnderlyingExpiryConditionAndRange() throws IOException {
    // the second slice lies below the first everywhere: calendar arbitrage
    Path p = json(SMILE.replace("\"a\": 0.04", "\"a\": 0.001"));
    InputException e = assertThrows(InputException.class, () -> MarketJson.read(p));
    assertTrue(e.getMessage().contains("underlyings.BTC.smile.slices[1]"), e.getMessage());
    assertTrue(e.getMessage().contains("calendar arbitrage at expiry 2027-03-26T08:00:00Z"), e.getMessage());
    assertTrue(e.getMessage().contains("for k in ["), e.getMessage());
    List<String> warnings = new ArrayList<>();
    MarketData m = MarketJson.read(p, true, warnings::add);
    assertEquals(2, m.underlying("BTC").smile().slices().size());
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).startsWith("warning: "), warnings::toString);
  }

  @Test
  void read_badParametersNameTheField() throws IOException {
    InputException sigma = assertThrows(InputException.class,
        () -> MarketJson.read(json(SMILE.replace("\"sigma\": 0.18", "\"sigma\": -0.18"))));
    assertTrue(sigma.getMessage().contains("underlyings.BTC.smile.slices[0].sigma"), sigma.getMessage());
    assertTrue(sigma.getMessage().contains("-0.18"), sigma.getMessage());
    InputException model = assertThrows(InputException.class,
        () -> MarketJson.read(json(SMILE.replace("\"svi\"", "\"ssvi\""))));
    assertTrue(model.getMessage().contains("smile.model"), model.getMessage());
    InputException order = assertThrows(InputException.class,
        () -> MarketJson.read(json(SMILE.replace("2027-03-26", "2026-12-01"))));
    assertTrue(order.getMessage().contains("slices[1].expiry"), order.getMessage());
    InputException key = assertThrows(InputException.class,
        () -> MarketJson.read(json(SMILE.replace("\"m\": 0.02", "\"mu\": 0.02"))));
    assertTrue(key.getMessage().contains("slices[0].mu"), key.getMessage());
  }
}

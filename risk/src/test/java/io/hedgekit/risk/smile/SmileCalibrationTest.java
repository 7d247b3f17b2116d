package io.hedgekit.risk.smile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.io.market.OptionChainCsv;
import io.hedgekit.io.market.OptionChainCsv.Quote;
import io.hedgekit.kernels.market.SviSlice;
import io.hedgekit.kernels.market.VolSmile;
import io.hedgekit.kernels.reference.ReferencePricer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SmileCalibrationTest {

  /** Copies of shared/data's Deribit chains (provenance in shared/data/README.md). */
  static Path chain(String name) {
    try {
      return Path.of(SmileCalibrationTest.class.getResource("/smile/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
  static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

  /** A chain of OTM quotes from known SVI slices: marks, and bid/ask prices 1 vol point either side. */
  static List<Quote> synthetic(double[] days, SviSlice[] slices, double noiseVolPoints, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Quote> out = new ArrayList<>();
    double forward = 60000;
    long row = 1;
    for (int e = 0; e < days.length; e++) {
      double t = days[e] / 365;
      Instant expiry = NOW.plusSeconds((long) (days[e] * 86400));
      double width = 4 * Math.sqrt(slices[e].w(0));
      for (int j = -12; j <= 12; j++) {
        double k = width * j / 12;
        double strike = forward * Math.exp(k);
        boolean call = strike >= forward;
        double vol = Math.sqrt(slices[e].w(k) / t);
        double mark = vol + noiseVolPoints / 100 * random.nextGaussian();
        double bid = ReferencePricer.optionValue(call, forward, strike, t, mark - 0.01, 0, 0) / forward;
        double ask = ReferencePricer.optionValue(call, forward, strike, t, mark + 0.01, 0, 0) / forward;
        out.add(new Quote("BTC-X-" + (long) strike, "BTC", expiry, strike, call, forward, mark, bid > 0 ? bid : 1e-8,
            ask, 0.5, NOW, row++));
      }
    }
    return out;
  }

  static final double[] DAYS = {7, 30, 91, 182};
  static final SviSlice[] TRUE = {
      new SviSlice(0.0010, 0.030, -0.30, 0.01, 0.08),
      new SviSlice(0.0060, 0.070, -0.35, 0.02, 0.15),
      new SviSlice(0.0200, 0.120, -0.30, 0.03, 0.25),
      new SviSlice(0.0450, 0.160, -0.25, 0.04, 0.30)};

  @Test
  void fit_recoversKnownParametersWithoutNoise() {
    assertEquals(List.of(), new VolSmile(List.of(
        new VolSmile.Slice(NOW.plusSeconds(7 * 86400), 7 / 365.0, TRUE[0]),
        new VolSmile.Slice(NOW.plusSeconds(30 * 86400), 30 / 365.0, TRUE[1]),
        new VolSmile.Slice(NOW.plusSeconds(91 * 86400), 91 / 365.0, TRUE[2]),
        new VolSmile.Slice(NOW.plusSeconds(182 * 86400), 182 / 365.0, TRUE[3]))).check(), "the truth is arbitrage-free");
    SmileCalibration.Result r = SmileCalibration.fit(synthetic(DAYS, TRUE, 0, 1), "BTC", NOW, SmileCalibration.Weighting.BID_ASK);
    assertEquals(4, r.slices().size());
    for (int e = 0; e < 4; e++) {
      SmileCalibration.SliceReport s = r.slices().get(e);
      assertTrue(s.arbitrageFree());
      assertEquals(25, s.used());
      // vols within 0.001 vol points everywhere on the quoted range
      assertTrue(s.maxErrorVolPoints() < 1e-3, s.toString());
      double t = s.timeYears();
      for (double k = s.usedK()[0]; k <= s.usedK()[s.usedK().length - 1]; k += 0.01) {
        assertEquals(Math.sqrt(TRUE[e].w(k) / t), Math.sqrt(s.slice().w(k) / t), 2e-5, "slice " + e + " k " + k);
      }
    }
  }

  @Test
  void fit_withNoiseStaysWithinTheNoise() {
    SmileCalibration.Result r = SmileCalibration.fit(synthetic(DAYS, TRUE, 0.3, 7), "BTC", NOW, SmileCalibration.Weighting.BID_ASK);
    assertNotNull(r.smile());
    assertEquals(List.of(), r.smile().check());
    for (int e = 0; e < 4; e++) {
      SmileCalibration.SliceReport s = r.slices().get(e);
      // 0.3 vol points of noise: the fit's RMSE is about the noise, the true smile within ~0.3
      assertTrue(s.rmseVolPoints() < 0.45, s.toString());
      double t = s.timeYears();
      for (double k = s.usedK()[2]; k <= s.usedK()[s.usedK().length - 3]; k += 0.01) {
        assertEquals(Math.sqrt(TRUE[e].w(k) / t), Math.sqrt(s.slice().w(k) / t), 0.004, "slice " + e + " k " + k);
      }
    }
  }

  static void print(SmileCalibration.Result r) {
    for (SmileCalibration.SliceReport s : r.slices()) {
      System.out.printf(Locale.ROOT, "%s T=%.4f used %d/%d unbid %d pinned %d rmse %.3f max %.3f free %.3f minG %.4f ok %s %s%n",
          s.expiry(), s.timeYears(), s.used(), s.quotes(), s.unbid(), s.pinned(), s.rmseVolPoints(),
          s.maxErrorVolPoints(), s.freeRmseVolPoints(), s.minG(), s.arbitrageFree(), s.note());
    }
  }

  @Test
  void fit_deribit20200514() {
    List<Quote> chain = OptionChainCsv.read(chain("deribit_options_snapshot_20200514.csv"));
    SmileCalibration.Result r = SmileCalibration.fit(chain, "BTC", SmileCalibration.captureTime(chain),
        SmileCalibration.Weighting.VEGA);
    print(r);
    assertEquals(List.of(), r.smile().check());
    // The RMSE the README states, per expiry (vol points on the quotes used). A free 5-parameter
    // least-squares fit (scipy) reaches the same 0.81 / 0.91 / 0.47 on 22MAY20 / 26JUN20 /
    // 25SEP20: the 2020 marks are not SVI to better than that.
    double[] stated = {Double.NaN, 2.0, 0.85, 0.8, 0.95, 0.5, 0.2};
    int[] pinned = {8, 11, 0, 0, 0, 0, 0};
    assertEquals(stated.length, r.slices().size());
    for (int e = 0; e < stated.length; e++) {
      SmileCalibration.SliceReport s = r.slices().get(e);
      assertEquals(pinned[e], s.pinned(), s.expiry() + " pinned");
      if (Double.isNaN(stated[e])) {
        assertEquals(null, s.slice(), "14MAY20 expires in 2.3 hours with 4 bid quotes: not fitted");
        continue;
      }
      assertTrue(s.arbitrageFree(), s.toString());
      assertTrue(s.rmseVolPoints() <= stated[e], s.expiry() + " rmse " + s.rmseVolPoints());
    }
  }

  @Test
  void fit_deribit2026() {
    List<Quote> chain = OptionChainCsv.read(chain("deribit_options_snapshot_2026_tessicin.csv"));
    for (SmileCalibration.Weighting w : SmileCalibration.Weighting.values()) {
      SmileCalibration.Result r = SmileCalibration.fit(chain, "BTC", SmileCalibration.captureTime(chain), w);
      print(r);
      assertEquals(List.of(), r.smile().check());
      assertEquals(8, r.slices().size());
      for (SmileCalibration.SliceReport s : r.slices()) {
        // README: every 2026 expiry within 0.2 vol points RMSE, 0.4 max, all quotes used
        assertTrue(s.arbitrageFree(), s.toString());
        assertEquals(s.quotes(), s.used());
        assertTrue(s.rmseVolPoints() <= 0.2, s.expiry() + " rmse " + s.rmseVolPoints());
        assertTrue(s.maxErrorVolPoints() <= 0.4, s.expiry() + " max " + s.maxErrorVolPoints());
      }
    }
  }
}

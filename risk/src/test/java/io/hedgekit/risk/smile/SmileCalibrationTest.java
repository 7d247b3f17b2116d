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

  @Test
  void chainWithPricesButNoVols_solvesTheVolsFromThePrices(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    // Synthetic: coin prices from known vols, printed in full; the reader solves them back.
    StringBuilder csv = new StringBuilder("instrument_name,timestamp_ms,underlying_price,mark_price_coin,"
        + "expiration_timestamp_ms,strike,option_type,best_bid_price\n");
    long now = NOW.toEpochMilli();
    double[] vols = {0.35, 0.6, 1.2, 2.5};
    double f = 60000;
    int row = 0;
    for (double vol : vols) {
      for (double k : new double[] {30000, 55000, 60000, 66000, 120000}) {
        long expiry = now + (long) (86_400_000L * (3 + 40 * row % 300));
        double t = (expiry - now) / (365.0 * 86_400_000.0);
        boolean call = k >= f;
        double coin = ReferencePricer.optionValue(call, f, k, t, vol, 0, 0) / f;
        csv.append("BTC-X-").append((long) k).append(',').append(now).append(',').append(f).append(',').append(coin)
            .append(',').append(expiry).append(',').append(k).append(',').append(call ? "call" : "put").append(",0.1\n");
        row++;
      }
    }
    Path file = dir.resolve("prices.csv");
    Files.writeString(file, csv);
    List<Quote> quotes = OptionChainCsv.read(file);
    for (int i = 0; i < quotes.size(); i++) {
      assertEquals(vols[i / 5], quotes.get(i).markVol(), 1e-9 * vols[i / 5], quotes.get(i).instrument());
    }
    // Real: on the out-of-the-money rows (what a fit uses) the 2020 chain's mark prices (8 decimals)
    // give back its printed mark_iv (2 decimals) within the rounding of the prints and the exchange's
    // slightly moving underlying (shared/data README: up to 3.5 USD): measured median 0.005, 95th
    // percentile 0.064, max 0.33 vol points. In-the-money rows priced below intrinsic on the printed
    // forward have no vol (NaN; a fit leaves them out).
    List<String> lines = Files.readAllLines(chain("deribit_options_snapshot_20200514.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    int iv = header.indexOf("mark_iv");
    StringBuilder noIv = new StringBuilder();
    for (String line : lines) {
      List<String> f2 = new ArrayList<>(List.of(line.split(",", -1)));
      f2.remove(iv);
      noIv.append(String.join(",", f2)).append('\n');
    }
    Path stripped = dir.resolve("no-iv.csv");
    Files.writeString(stripped, noIv);
    List<Quote> printed = OptionChainCsv.read(chain("deribit_options_snapshot_20200514.csv"));
    List<Quote> solved = OptionChainCsv.read(stripped);
    List<Double> d = new ArrayList<>();
    int none = 0;
    for (int i = 0; i < printed.size(); i++) {
      Quote q = solved.get(i);
      if (Double.isNaN(q.markVol())) {
        // only in-the-money rows (priced against another underlying than printed) and the 2.3-hour
        // expiry's zero-priced wings lack a vol
        boolean itm = q.call() == (q.strike() < q.forward());
        boolean hours = java.time.Duration.between(q.time(), q.expiry()).toHours() < 3;
        assertTrue(itm || hours, q.instrument() + " is out of the money and has no vol");
        none++;
        continue;
      }
      if (q.call() == (q.strike() >= q.forward())) {
        d.add(Math.abs(printed.get(i).markVol() - q.markVol()) * 100); // the quotes a fit uses
      }
    }
    assertTrue(none < printed.size() / 10, none + " rows without a vol");
    double[] diff = d.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    assertTrue(diff[diff.length / 2] < 0.01, "median " + diff[diff.length / 2]);
    assertTrue(diff[(int) (0.95 * diff.length)] < 0.1, "95th percentile " + diff[(int) (0.95 * diff.length)]);
    assertTrue(diff[diff.length - 1] < 0.5, "max " + diff[diff.length - 1]);
  }

  @Test
  void chainWithBidAskVols_usesThemForTheWeights(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
    StringBuilder csv = new StringBuilder("instrument_name,timestamp_ms,underlying_price,mark_iv,bid_iv,ask_iv,"
        + "expiration_timestamp_ms,strike,option_type,best_bid_price\n");
    long now = NOW.toEpochMilli();
    long expiry = now + 30L * 86_400_000L;
    double t = 30 / 365.0;
    for (int j = -8; j <= 8; j++) {
      double k = 0.05 * j;
      double strike = 60000 * Math.exp(k);
      double vol = 100 * Math.sqrt(TRUE[1].w(k) / t);
      csv.append("BTC-X-").append(j + 8).append(',').append(now).append(",60000,").append(vol).append(',')
          .append(vol - 0.5).append(',').append(vol + 0.5 + Math.abs(j)).append(',').append(expiry).append(',')
          .append(strike).append(',').append(k >= 0 ? "call" : "put").append(",0.01\n");
    }
    Path file = dir.resolve("ivs.csv");
    Files.writeString(file, csv);
    List<Quote> quotes = OptionChainCsv.read(file);
    assertEquals(quotes.get(0).markVol() - 0.005, quotes.get(0).bidVol(), 1e-12);
    assertEquals(quotes.get(0).markVol() + 0.085, quotes.get(0).askVol(), 1e-12);
    SmileCalibration.Result r = SmileCalibration.fit(quotes, "BTC", NOW, SmileCalibration.Weighting.BID_ASK);
    assertTrue(r.slices().get(0).maxErrorVolPoints() < 1e-3, r.slices().get(0).toString());
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

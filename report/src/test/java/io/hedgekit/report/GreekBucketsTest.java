package io.hedgekit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.reference.ReferenceGreeksKernel;
import io.hedgekit.risk.InMemoryBook;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class GreekBucketsTest {
  private static final NormalDistribution N = new NormalDistribution();
  private static final double S = 95_000;
  private static final double R = 0.04;

  /** Black-Scholes (q = 0) Greeks of one unit from commons-math's normal, an independent source: delta, gamma, vega, theta per year. */
  private static double[] bs(boolean call, double k, double t, double vol) {
    double sd = vol * Math.sqrt(t);
    double d1 = (Math.log(S / k) + R * t) / sd + 0.5 * sd;
    double d2 = d1 - sd;
    double pdf = N.density(d1);
    double delta = call ? N.cumulativeProbability(d1) : N.cumulativeProbability(d1) - 1;
    double gamma = pdf / (S * sd);
    double vega = S * pdf * Math.sqrt(t);
    double decay = -S * pdf * vol / (2 * Math.sqrt(t));
    double theta = call ? decay - R * k * Math.exp(-R * t) * N.cumulativeProbability(d2)
        : decay + R * k * Math.exp(-R * t) * N.cumulativeProbability(-d2);
    return new double[] {delta, gamma, vega, theta};
  }

  /** Five BTC positions in different buckets plus one ETH spot holding, two rows per batch. */
  private static SampleReports.Rows smallBook() {
    SampleReports.Rows rows = new SampleReports.Rows();
    rows.add("call", "", ContractKind.LINEAR_CALL, 0, 100_000, 45, 0.6, 2, 0, 0);         // 1-3m, K/S 1.053
    rows.add("put", "", ContractKind.INVERSE_PUT, 0, 60_000, 3, 0.9, -5, 0, 0);           // <1w, K/S 0.632
    rows.add("perp", "", ContractKind.INVERSE_PERPETUAL, 0, 0, 0, 0.6, 1_000_000, 95_000, 0.0001);
    rows.add("future", "", ContractKind.INVERSE_FUTURE, 0, 0, 100, 0.6, -500_000, 94_000, 0); // 3-6m
    rows.add("longcall", "", ContractKind.LINEAR_CALL, 0, 130_000, 400, 0.55, 1, 0, 0);   // >1y, K/S 1.368
    rows.add("eth", "", ContractKind.SPOT, 1, 0, 0, 0.7, 10, 0, 0);
    return rows;
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
  }

  private static void assertGreeks(double[] unit, double size, DeskGreeks g, String what) {
    assertClose(unit[0] * size * S, g.dollarDelta(), what + " dollar delta");
    assertClose(unit[1] * size * S * 0.01, g.gammaPer1Pct(), what + " gamma per 1%");
    assertClose(unit[2] * size / 100, g.vegaPerVolPoint(), what + " vega per vol point");
    assertClose(unit[3] * size / 365, g.thetaPerDay(), what + " theta per day");
  }

  @Test
  void compute_smallBook_putsEachPositionInItsBucketsWithClosedFormGreeks() {
    InMemoryBook book = smallBook().book(2);
    GreekBuckets byExpiry = GreekBuckets.compute(book, new ReferenceGreeksKernel(), GreekBuckets.Dimension.EXPIRY);
    GreekBuckets byStrike = GreekBuckets.compute(book, new ReferenceGreeksKernel(), GreekBuckets.Dimension.STRIKE);
    assertEquals(GreekBuckets.EXPIRY_LABELS, byExpiry.labels());
    assertEquals(GreekBuckets.STRIKE_LABELS, byStrike.labels());
    List<GreekBuckets.Cell> btcE = byExpiry.row("BTC").cells();
    List<GreekBuckets.Cell> btcK = byStrike.row("BTC").cells();
    assertEquals(List.of(1L, 1L, 0L, 1L, 1L, 0L, 1L), btcE.stream().map(GreekBuckets.Cell::positions).toList());
    assertEquals(List.of(1L, 0L, 1L, 0L, 1L), btcK.stream().map(GreekBuckets.Cell::positions).toList());

    double[] call = bs(true, 100_000, 45 / 365.0, 0.6);
    double[] put = bs(false, 60_000, 3 / 365.0, 0.9);
    double[] longCall = bs(true, 130_000, 400 / 365.0, 0.55);
    assertGreeks(call, 2, btcE.get(3).greeks(), "1-3m bucket");
    assertGreeks(call, 2, btcK.get(2).greeks(), "0.9-1.1 bucket");
    // An inverse option has the same USD value (and Greeks) as the linear one.
    assertGreeks(put, -5, btcE.get(1).greeks(), "<1w bucket");
    assertGreeks(put, -5, btcK.get(0).greeks(), "<0.7 bucket");
    assertGreeks(longCall, 1, btcE.get(6).greeks(), ">1y bucket");
    assertGreeks(longCall, 1, btcK.get(4).greeks(), ">1.3 bucket");
    // Inverse perpetual: USD value = face·(S/entry − 1), so delta = face/entry coins, no gamma or vega.
    DeskGreeks perp = btcE.get(0).greeks();
    assertClose(1_000_000 * S / 95_000, perp.dollarDelta(), "perp dollar delta");
    assertEquals(0, perp.gammaPer1Pct());
    assertEquals(0, perp.vegaPerVolPoint());
    // Inverse future: USD value = face·(S/entry − exp(−rT)): delta face/entry, theta −face·r·exp(−rT) per year.
    DeskGreeks future = btcE.get(4).greeks();
    assertClose(-500_000 * S / 94_000, future.dollarDelta(), "future dollar delta");
    assertClose(500_000 * R * Math.exp(-R * 100 / 365.0) / 365, future.thetaPerDay(), "future theta per day");
    // ETH spot: 10 coins at the ETH spot given to the book (3,100 USD).
    GreekBuckets.Cell eth = byExpiry.row("ETH").cells().get(0);
    assertEquals(1, eth.positions());
    assertClose(10 * SampleReports.SPOTS[1], eth.greeks().dollarDelta(), "ETH spot dollar delta");
    assertTrue(byStrike.row("ETH").cells().stream().allMatch(c -> c.positions() == 0), "spot has no strike bucket");
  }

  @Test
  void compute_sampleBook_expiryBucketsAddUpToTheSummary() {
    BookGreeks g = BookGreeks.compute(SampleReports.book().book(7), new ReferenceGreeksKernel());
    for (UnderlyingSummary u : g.underlyings()) {
      DeskGreeks sum = DeskGreeks.ZERO;
      long n = 0;
      for (GreekBuckets.Cell c : g.byExpiry().row(u.underlying()).cells()) {
        sum = sum.plus(c.greeks());
        n += c.positions();
      }
      assertEquals(u.positions(), n, u.underlying() + " positions");
      for (int i = 0; i < 4; i++) {
        assertEquals(u.greeks().get(i), sum.get(i), 1e-9 * Math.max(1, Math.abs(u.greeks().get(i))),
            u.underlying() + " " + DeskGreeks.LABELS.get(i));
      }
    }
  }

  @Test
  void compute_sampleBook_strikeBucketsHoldExactlyTheOptions() {
    SampleReports.Rows rows = SampleReports.book();
    BookGreeks g = BookGreeks.compute(rows.book(64), new ReferenceGreeksKernel());
    long options = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (ContractKind.ofCode(rows.columns().kind().getAtIndex(io.hedgekit.kernels.PositionColumns.INT, i)).isOption()) {
        options++;
      }
    }
    long inBuckets = g.byStrike().rows().stream().flatMap(r -> r.cells().stream()).mapToLong(GreekBuckets.Cell::positions).sum();
    assertEquals(options, inBuckets);
    assertTrue(options < rows.size(), "the sample book also holds futures, perpetuals and spot");
  }

  @Test
  void compute_batchSize_doesNotChangeTheResult() {
    SampleReports.Rows rows = SampleReports.book();
    BookGreeks one = BookGreeks.compute(rows.book(1), new ReferenceGreeksKernel());
    BookGreeks all = BookGreeks.compute(rows.book(10_000), new ReferenceGreeksKernel());
    assertEquals(one.byExpiry(), all.byExpiry());
    assertEquals(one.byStrike(), all.byStrike());
    assertEquals(one.underlyings(), all.underlyings());
  }

  @Test
  void expiryBucket_boundaries() {
    int call = ContractKind.LINEAR_CALL.code();
    assertEquals(0, GreekBuckets.expiryBucket(ContractKind.INVERSE_PERPETUAL.code(), 5));
    assertEquals(0, GreekBuckets.expiryBucket(ContractKind.SPOT.code(), 0));
    assertEquals(1, GreekBuckets.expiryBucket(call, -0.01), "expired");
    assertEquals(1, GreekBuckets.expiryBucket(call, 0));
    assertEquals(1, GreekBuckets.expiryBucket(call, 6.99 / 365));
    assertEquals(2, GreekBuckets.expiryBucket(call, 7 / 365.0));
    assertEquals(2, GreekBuckets.expiryBucket(call, 29.9 / 365));
    assertEquals(3, GreekBuckets.expiryBucket(call, 30 / 365.0));
    assertEquals(4, GreekBuckets.expiryBucket(call, 91 / 365.0));
    assertEquals(5, GreekBuckets.expiryBucket(call, 182 / 365.0));
    assertEquals(5, GreekBuckets.expiryBucket(call, 364.9 / 365));
    assertEquals(6, GreekBuckets.expiryBucket(call, 1.0));
    assertEquals(6, GreekBuckets.expiryBucket(ContractKind.LINEAR_FUTURE.code(), 2.0));
  }

  @Test
  void strikeBucket_boundaries() {
    int put = ContractKind.INVERSE_PUT.code();
    assertEquals(-1, GreekBuckets.strikeBucket(ContractKind.LINEAR_FUTURE.code(), 50, 100));
    assertEquals(-1, GreekBuckets.strikeBucket(ContractKind.SPOT.code(), 0, 100));
    assertEquals(0, GreekBuckets.strikeBucket(put, 69.99, 100));
    assertEquals(1, GreekBuckets.strikeBucket(put, 70, 100));
    assertEquals(2, GreekBuckets.strikeBucket(put, 90, 100));
    assertEquals(2, GreekBuckets.strikeBucket(put, 100, 100));
    assertEquals(3, GreekBuckets.strikeBucket(put, 110, 100));
    assertEquals(4, GreekBuckets.strikeBucket(put, 130, 100));
    assertEquals(4, GreekBuckets.strikeBucket(put, 500, 100));
  }

  @Test
  void constructor_rowWithWrongCellCount_isRejected() {
    GreekBuckets.Row row = new GreekBuckets.Row("BTC", List.of(GreekBuckets.Cell.EMPTY));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GreekBuckets(GreekBuckets.Dimension.STRIKE, GreekBuckets.STRIKE_LABELS, List.of(row)));
    assertEquals("row BTC has 1 cells, expected one per label (5)", e.getMessage());
  }

  @Test
  void accumulator_spotsNotMatchingUnderlyings_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GreekBuckets.Accumulator(List.of("BTC", "ETH"), new double[] {95_000}));
    assertEquals("spots has 1 entries, underlyings 2", e.getMessage());
  }

  @Test
  void row_unknownUnderlying_namesTheKnownOnes() {
    GreekBuckets b = BookGreeks.compute(smallBook().book(4), new ReferenceGreeksKernel()).byExpiry();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.row("DOGE"));
    assertEquals("no bucket row for underlying DOGE; rows: [BTC, ETH, SOL]", e.getMessage());
  }
}

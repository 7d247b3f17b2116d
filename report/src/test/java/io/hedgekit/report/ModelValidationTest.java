package io.hedgekit.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Construction rules of the report's records: what is rejected and what the message says. */
class ModelValidationTest {

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  private static GreekBuckets empty(GreekBuckets.Dimension d) {
    List<String> labels = d == GreekBuckets.Dimension.EXPIRY ? GreekBuckets.EXPIRY_LABELS : GreekBuckets.STRIKE_LABELS;
    return new GreekBuckets(d, labels, List.of());
  }

  private static RunFacts facts() {
    return new RunFacts("t", Instant.EPOCH, Instant.EPOCH, "0.1.0", "scalar", 1, List.of(), List.of(), List.of());
  }

  private static UnderlyingSummary btc() {
    return new UnderlyingSummary("BTC", 1, 95_000, 0, DeskGreeks.ZERO);
  }

  @Test
  void reportData_duplicateUnderlying_isRejected() {
    assertEquals("underlying BTC appears twice in underlyings", message(() -> ReportData.greeksOnly(facts(),
        List.of(btc(), btc()), empty(GreekBuckets.Dimension.EXPIRY), empty(GreekBuckets.Dimension.STRIKE))));
  }

  @Test
  void reportData_bucketsOfWrongDimension_isRejected() {
    assertEquals("byExpiry must be buckets of EXPIRY, was STRIKE", message(() -> ReportData.greeksOnly(facts(),
        List.of(btc()), empty(GreekBuckets.Dimension.STRIKE), empty(GreekBuckets.Dimension.STRIKE))));
  }

  @Test
  void reportData_noUnderlyings_isRejected() {
    assertEquals("underlyings must not be empty", message(() -> ReportData.greeksOnly(facts(), List.of(),
        empty(GreekBuckets.Dimension.EXPIRY), empty(GreekBuckets.Dimension.STRIKE))));
  }

  @Test
  void underlyingSummary_badSpotAndNegativePositions_areRejected() {
    assertEquals("spot of ETH must be finite and > 0, was -1.0",
        message(() -> new UnderlyingSummary("ETH", 1, -1, 0, DeskGreeks.ZERO)));
    assertEquals("positions must be >= 0, was -2 (underlying ETH)",
        message(() -> new UnderlyingSummary("ETH", -2, 1, 0, DeskGreeks.ZERO)));
    assertEquals(2.0, new UnderlyingSummary("ETH", 1, 3_000, 0, new DeskGreeks(6_000, 0, 0, 0)).deltaCoins(), 1e-12);
  }

  @Test
  void runFacts_negativeTiming_isRejected() {
    assertEquals("seconds of phase greeks must be finite and >= 0, was -1.0",
        message(() -> new RunFacts.Timing("greeks", -1)));
    assertEquals("title must not be blank",
        message(() -> new RunFacts(" ", Instant.EPOCH, Instant.EPOCH, "v", "b", 0, List.of(), List.of(), List.of())));
  }

  @Test
  void pnl_nonFiniteValue_namesTheScenario() {
    assertEquals("P&L of delta-gamma must be finite, was NaN in scenario 2",
        message(() -> new VarSection.Pnl("delta-gamma", new double[] {1, 2, Double.NaN})));
  }

  @Test
  void pnl_isCopiedInAndOut() {
    double[] values = {1, 2, 3};
    VarSection.Pnl p = new VarSection.Pnl("full", values);
    values[0] = 99;
    p.values()[1] = 99;
    assertArrayEquals(new double[] {1, 2, 3}, p.values());
  }

  @Test
  void varSection_approximationOfOtherLength_isRejected() {
    VarSection.Pnl full = new VarSection.Pnl("full revaluation", new double[] {1, 2, 3});
    VarSection.Pnl dg = new VarSection.Pnl("delta-gamma", new double[] {1, 2});
    assertEquals("approximation delta-gamma has 2 scenarios, full revaluation 3", message(() -> new VarSection("s", 1,
        List.of(new VarSection.Estimate("full revaluation", 0.99, 1, 2)), full, List.of(dg))));
  }

  @Test
  void estimate_confidenceOutsideZeroOne_isRejected() {
    assertEquals("confidence of full must be in (0, 1), was 99.0", message(() -> new VarSection.Estimate("full", 99, 1, 2)));
  }

  @Test
  void headline_isFullRevaluationAtHighestConfidence() {
    VarSection.Pnl full = new VarSection.Pnl("full revaluation", new double[] {1, 2, 3});
    VarSection v = new VarSection("s", 1, List.of(new VarSection.Estimate("delta-gamma", 0.999, 9, 9),
        new VarSection.Estimate("full revaluation", 0.99, 5, 6), new VarSection.Estimate("full revaluation", 0.95, 3, 4)),
        full, List.of());
    assertEquals(new VarSection.Estimate("full revaluation", 0.99, 5, 6), v.headline());
  }

  @Test
  void grid_notIncreasingOrWrongShape_isRejected() {
    assertEquals("spotMoves of BTC must be strictly increasing, but [0] = 0.1 and [1] = -0.1", message(() ->
        new StressSection.Grid("BTC", List.of(0.1, -0.1), List.of(0.0), new double[][] {{1, 2}})));
    assertEquals("pnl[0] of BTC has 1 values, need one per spot move (2)", message(() ->
        new StressSection.Grid("BTC", List.of(-0.1, 0.1), List.of(0.0), new double[][] {{1}})));
    assertEquals("spotMoves of BTC must be > -1 (-100%), was -1.5", message(() ->
        new StressSection.Grid("BTC", List.of(-1.5, 0.1), List.of(0.0), new double[][] {{1, 2}})));
  }

  @Test
  void grid_worst_findsTheLowestCell() {
    StressSection.Grid g = new StressSection.Grid("BTC", List.of(-0.1, 0.0, 0.1), List.of(-0.05, 0.05),
        new double[][] {{-5, 0, 7}, {3, 1, -9}});
    assertEquals(new StressSection.WorstCell(1, 2, 0.1, 0.05, -9), g.worst());
    StressSection s = new StressSection("d", List.of(new StressSection.Grid("ETH", List.of(0.0), List.of(0.0),
        new double[][] {{-4}}), g));
    assertEquals("BTC", s.worst().getKey());
  }

  @Test
  void hedge_zeroQuantityTicket_isRejected() {
    assertEquals("quantity of BTC-PERPETUAL must not be 0", message(() -> new HedgeSection.Ticket("BTC-PERPETUAL", 0, 1)));
    assertEquals("cost of BTC-PERPETUAL must be finite and >= 0, was -1.0",
        message(() -> new HedgeSection.Ticket("BTC-PERPETUAL", 5, -1)));
  }

  @Test
  void contributors_shareOfZeroTotal_isNaN() {
    ContributorSection.Contributor c = new ContributorSection.Contributor("p1", "BTC", "", 5);
    assertEquals(Double.NaN, new ContributorSection("m", 0, List.of(c)).share(c));
    assertEquals(0.25, new ContributorSection("m", 20, List.of(c)).share(c));
  }

  @Test
  void listsWithNull_areRejected() {
    java.util.ArrayList<RunFacts.Fact> inputs = new java.util.ArrayList<>();
    inputs.add(null);
    assertEquals("inputs[0] must not be null", message(() ->
        new RunFacts("t", Instant.EPOCH, Instant.EPOCH, "v", "b", 0, inputs, List.of(), List.of())));
  }

  @Test
  void hedge_optionalTailMustNotBeNull() {
    HedgeSection.Change c = new HedgeSection.Change("BTC", DeskGreeks.ZERO, DeskGreeks.ZERO);
    assertThrows(NullPointerException.class, () -> new HedgeSection("o", List.of(), List.of(c), 0, null));
    assertEquals(Optional.empty(), new HedgeSection("o", List.of(), List.of(c), 0, Optional.empty()).tail());
  }
}

package io.hedgekit.kernels.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.market.UnderlyingMarket.ForwardPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnderlyingMarketTest {

  private static final double SPOT = 95_000;
  private static final double RATE = 0.045;
  /** Listed forwards (BTC quarterlies, contango). */
  private static final List<ForwardPoint> FORWARDS = List.of(
      new ForwardPoint(0.05, 95_600), new ForwardPoint(0.30, 97_900), new ForwardPoint(0.80, 101_500));

  private static UnderlyingMarket market(List<ForwardPoint> forwards) {
    return new UnderlyingMarket(SPOT, RATE, 0.01, forwards, 0.6, null, 0.0001);
  }

  /** The carry q_i = r − ln(F_i/S)/T_i that the listed forward i implies, computed here independently. */
  private static double implied(ForwardPoint f) {
    return RATE - Math.log(f.price() / SPOT) / f.timeYears();
  }

  @Test
  void carryFor_noForwardsIsTheFlatCarry() {
    UnderlyingMarket m = market(List.of());
    for (double t : new double[] {0, 1e-6, 0.5, 7}) {
      assertEquals(0.01, m.carryFor(t), 0.0);
      assertEquals(SPOT * Math.exp((RATE - 0.01) * t), m.forward(t), 1e-15 * SPOT);
    }
  }

  @Test
  void forward_reproducesListedForwardsAtTheirExpiries() {
    UnderlyingMarket m = market(FORWARDS);
    for (ForwardPoint f : FORWARDS) {
      // exp(ln(F/S)) round trip: a few ulps of F.
      assertEquals(f.price(), m.forward(f.timeYears()), 4 * Math.ulp(f.price()), "forward at " + f.timeYears());
      assertEquals(implied(f), m.carryFor(f.timeYears()), 1e-15, "carry at " + f.timeYears());
    }
  }

  @Test
  void carryFor_isLinearInTimeBetweenListedForwards() {
    UnderlyingMarket m = market(FORWARDS);
    for (int i = 0; i + 1 < FORWARDS.size(); i++) {
      ForwardPoint a = FORWARDS.get(i);
      ForwardPoint b = FORWARDS.get(i + 1);
      for (double w : new double[] {0.1, 0.25, 0.5, 0.9}) {
        double t = a.timeYears() + w * (b.timeYears() - a.timeYears());
        double expected = (1 - w) * implied(a) + w * implied(b);
        assertEquals(expected, m.carryFor(t), 1e-15, "carry at " + t);
        assertEquals(SPOT * Math.exp((RATE - expected) * t), m.forward(t), 1e-12 * SPOT, "forward at " + t);
      }
    }
  }

  @Test
  void carryFor_isFlatOutsideTheListedForwards() {
    UnderlyingMarket m = market(FORWARDS);
    double first = implied(FORWARDS.get(0));
    double last = implied(FORWARDS.get(2));
    for (double t : new double[] {0, 1e-9, 0.01, 0.049}) {
      assertEquals(first, m.carryFor(t), 1e-15, "before the first forward, T = " + t);
    }
    for (double t : new double[] {0.81, 2, 10}) {
      assertEquals(last, m.carryFor(t), 1e-15, "after the last forward, T = " + t);
    }
    // So the forward curve extends the first and last forwards' carry: F(2) = S·exp((r − q_last)·2).
    assertEquals(SPOT * Math.exp((RATE - last) * 2), m.forward(2), 1e-12 * SPOT);
    assertEquals(SPOT, m.forward(0), 0.0);
  }

  @Test
  void carryFor_singleForwardIsFlatEverywhere() {
    ForwardPoint only = new ForwardPoint(0.25, 96_000);
    UnderlyingMarket m = market(List.of(only));
    for (double t : new double[] {0.01, 0.25, 3}) {
      assertEquals(implied(only), m.carryFor(t), 1e-15);
    }
    // Backwardation: a forward below spot implies carry above the rate.
    UnderlyingMarket back = market(List.of(new ForwardPoint(0.5, 90_000)));
    assertTrue(back.carryFor(0.5) > RATE);
  }

  @Test
  void volFor_prefersSurfaceThenFlatThenNaN() {
    VolSurface surface = new VolSurface(new double[] {0.1}, new double[] {90_000}, new double[][] {{0.7}});
    assertEquals(0.7, new UnderlyingMarket(SPOT, RATE, 0, List.of(), 0.6, surface, 0).volFor(0.3, 95_000));
    assertEquals(0.6, new UnderlyingMarket(SPOT, RATE, 0, List.of(), 0.6, null, 0).volFor(0.3, 95_000));
    assertTrue(Double.isNaN(new UnderlyingMarket(SPOT, RATE, 0, List.of(), Double.NaN, null, 0).volFor(0.3, 95_000)));
  }

  @Test
  void constructor_rejectsInvalidFields() {
    assertMessage("spot must be finite and > 0, was -1.0",
        () -> new UnderlyingMarket(-1, RATE, 0, List.of(), 0.6, null, 0));
    assertMessage("spot must be finite and > 0, was 0.0", () -> new UnderlyingMarket(0, RATE, 0, List.of(), 0.6, null, 0));
    assertMessage("spot must be finite and > 0, was NaN",
        () -> new UnderlyingMarket(Double.NaN, RATE, 0, List.of(), 0.6, null, 0));
    assertMessage("spot must be finite and > 0, was Infinity",
        () -> new UnderlyingMarket(Double.POSITIVE_INFINITY, RATE, 0, List.of(), 0.6, null, 0));
    assertMessage("rate must be a finite number, was NaN",
        () -> new UnderlyingMarket(SPOT, Double.NaN, 0, List.of(), 0.6, null, 0));
    assertMessage("carry must be a finite number, was Infinity",
        () -> new UnderlyingMarket(SPOT, RATE, Double.POSITIVE_INFINITY, List.of(), 0.6, null, 0));
    assertMessage("funding_rate_8h must be a finite number, was NaN",
        () -> new UnderlyingMarket(SPOT, RATE, 0, List.of(), 0.6, null, Double.NaN));
    assertMessage("vol must be > 0 and <= 10, was 0.0", () -> new UnderlyingMarket(SPOT, RATE, 0, List.of(), 0.0, null, 0));
    assertMessage("vol must be > 0 and <= 10, was 11.0", () -> new UnderlyingMarket(SPOT, RATE, 0, List.of(), 11, null, 0));
    assertThrows(IllegalArgumentException.class, () -> market(List.of(new ForwardPoint(0.0, 95_000))));
    assertThrows(IllegalArgumentException.class, () -> market(List.of(new ForwardPoint(-0.1, 95_000))));
    assertThrows(IllegalArgumentException.class, () -> market(List.of(new ForwardPoint(0.1, 0))));
    assertThrows(IllegalArgumentException.class, () -> market(List.of(new ForwardPoint(0.1, Double.NaN))));
    assertThrows(IllegalArgumentException.class, () -> market(List.of(new ForwardPoint(Double.NaN, 95_000))));
    assertMessage("forwards must be sorted by expiry with no repeats (forward 1)",
        () -> market(List.of(new ForwardPoint(0.3, 95_000), new ForwardPoint(0.1, 95_000))));
    assertMessage("forwards must be sorted by expiry with no repeats (forward 1)",
        () -> market(List.of(new ForwardPoint(0.3, 95_000), new ForwardPoint(0.3, 96_000))));
    assertThrows(NullPointerException.class, () -> market(null));
  }

  @Test
  void constructor_copiesForwards() {
    java.util.ArrayList<ForwardPoint> list = new java.util.ArrayList<>(FORWARDS);
    UnderlyingMarket m = market(list);
    list.clear();
    assertEquals(3, m.forwards().size());
    assertThrows(UnsupportedOperationException.class, () -> m.forwards().add(new ForwardPoint(1, 1)));
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }
}

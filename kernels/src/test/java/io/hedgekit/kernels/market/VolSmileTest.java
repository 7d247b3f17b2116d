package io.hedgekit.kernels.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.reference.ReferencePricer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolSmileTest {

  // QuantLib's SVI smile-section test case (test-suite/svivolatility.cpp).
  static final double A = -0.0666, B = 0.229, SIGMA = 0.337, RHO = 0.439, M = 0.193;
  static final double T = 11.0 / 365.0, F = 123.45;
  static final SviSlice QL = new SviSlice(A, B, RHO, M, SIGMA);
  static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

  static VolSmile.Slice slice(double days, SviSlice svi) {
    return new VolSmile.Slice(NOW.plusSeconds((long) (days * 86400)), days / 365.0, svi);
  }

  @Test
  void w_atVertexIsAPlusBSigma() {
    assertEquals(A + B * SIGMA, QL.w(M), 1e-16);
    VolSmile smile = new VolSmile(List.of(slice(11, QL)));
    assertEquals(Math.sqrt((A + B * SIGMA) / T), smile.vol(M, T), 1e-15);
  }

  @Test
  void vol_andBlackValues_matchAnIndependentEvaluation() {
    // Expected: Python 3 math (erfc), w by the raw SVI formula, Black-76 with r = 0 on F:
    // strike, w(ln(K/F)), vol, call value, put value.
    double[][] expected = {
        {90, 0.022025320640599422, 0.8548919141579344, 33.54304923377107, 0.09304923377106133},
        {100, 0.013238056080960042, 0.662769017048269, 23.618528892925895, 0.16852889292587836},
        {110, 0.007004391407644736, 0.48209795909416286, 13.824794515092947, 0.3747945150929368},
        {123.45, 0.0029303384890318196, 0.3118236023046326, 2.665673969940592, 2.665673969940592},
        {140, 0.005337020114559082, 0.4208230400940589, 0.16632304948937104, 16.716323049489347},
        {160, 0.01872296054960547, 0.7882016701215262, 0.2148008421191494, 36.76480084211914}};
    UnderlyingMarket market = new UnderlyingMarket(F, 0, 0, List.of(), Double.NaN, null, 0)
        .withSmile(new VolSmile(List.of(slice(11, QL))));
    for (double[] e : expected) {
      double k = e[0];
      assertEquals(e[1], QL.w(Math.log(k / F)), 1e-15, "w at K=" + k);
      double vol = market.volFor(T, k);
      assertEquals(e[2], vol, 1e-13, "vol at K=" + k);
      assertEquals(e[3], ReferencePricer.optionValue(true, F, k, T, vol, 0, 0), 1e-11 * e[3] + 1e-13, "call K=" + k);
      assertEquals(e[4], ReferencePricer.optionValue(false, F, k, T, vol, 0, 0), 1e-11 * e[4] + 1e-13, "put K=" + k);
    }
  }

  @Test
  void derivatives_matchFiniteDifferences() {
    for (double k = -1; k <= 1; k += 0.125) {
      double h = 1e-5;
      assertEquals((QL.w(k + h) - QL.w(k - h)) / (2 * h), QL.w1(k), 1e-9, "w' at " + k);
      assertEquals((QL.w1(k + h) - QL.w1(k - h)) / (2 * h), QL.w2(k), 1e-7, "w'' at " + k);
    }
  }

  @Test
  void interpolation_isLinearInTotalVarianceAndFlatInVolOutside() {
    SviSlice s1 = new SviSlice(0.01, 0.05, -0.3, 0.0, 0.2);
    SviSlice s2 = new SviSlice(0.04, 0.08, -0.2, 0.05, 0.3);
    VolSmile smile = new VolSmile(List.of(slice(30, s1), slice(90, s2)));
    double k = 0.17;
    double t = 50 / 365.0;
    double lambda = (50 - 30) / 60.0;
    assertEquals((1 - lambda) * s1.w(k) + lambda * s2.w(k), smile.totalVariance(k, t), 1e-16);
    // before the first slice: the first slice's vol at k; after the last: the last slice's
    assertEquals(Math.sqrt(s1.w(k) / (30 / 365.0)), smile.vol(k, 3 / 365.0), 1e-15);
    assertEquals(Math.sqrt(s2.w(k) / (90 / 365.0)), smile.vol(k, 400 / 365.0), 1e-15);
    assertEquals(Math.sqrt(s2.w(k) / (90 / 365.0)), smile.vol(k, 90 / 365.0), 1e-15);
    // slope in k against a finite difference
    double h = 1e-6;
    assertEquals((smile.vol(k + h, t) - smile.vol(k - h, t)) / (2 * h), smile.volSlope(k, t), 1e-8);
  }

  @Test
  void check_passesAnArbitrageFreeSmile() {
    SviSlice s1 = new SviSlice(0.01, 0.05, -0.3, 0.0, 0.2);
    SviSlice s2 = new SviSlice(0.04, 0.08, -0.2, 0.05, 0.3);
    assertEquals(List.of(), new VolSmile(List.of(slice(30, s1), slice(90, s2))).check());
  }

  @Test
  void check_findsTheButterflyArbitrageOfTheQuantLibCase() {
    // QuantLib's test parameters are not butterfly-free: g(k) < 0 for k in [0.307, 1.129] with
    // min g = -0.10267 (computed independently in Python on the same 4001-point grid over ±2).
    VolSmile smile = new VolSmile(List.of(slice(11, QL)));
    List<VolSmile.Violation> v = smile.check();
    assertEquals(1, v.size(), v::toString);
    assertEquals("butterfly", v.get(0).condition());
    assertEquals(0.307, v.get(0).kFrom(), 1e-9);
    assertEquals(1.129, v.get(0).kTo(), 1e-9);
    assertEquals(-0.10267128184130127, smile.minimumG(0), 1e-12);
  }

  @Test
  void check_namesEachFailedCondition() {
    // Lee's bound fails: b(1 + |rho|) = 2.7
    List<VolSmile.Violation> lee = new VolSmile(List.of(slice(30, new SviSlice(0.01, 1.5, 0.8, 0, 0.1)))).check();
    assertTrue(lee.stream().anyMatch(v -> v.condition().equals("parameters") && v.detail().contains("Lee")), lee::toString);
    // negative total variance at the vertex
    List<VolSmile.Violation> neg = new VolSmile(List.of(slice(30, new SviSlice(-0.05, 0.1, 0, 0, 0.1)))).check();
    assertTrue(neg.stream().anyMatch(v -> v.detail().contains("negative")), neg::toString);
    // a butterfly arbitrage: a sharp vertex with steep wings (Gatheral-Jacquier's kind of example)
    List<VolSmile.Violation> fly = new VolSmile(List.of(slice(30, new SviSlice(0.0001, 0.9, -0.1, 0, 0.01)))).check();
    VolSmile.Violation b = fly.stream().filter(v -> v.condition().equals("butterfly")).findFirst().orElseThrow();
    assertTrue(b.kFrom() <= 0.0 && b.kTo() >= 0.0, b::toString);
    // calendar: the later slice lies below the earlier one everywhere
    SviSlice high = new SviSlice(0.05, 0.05, 0, 0, 0.2);
    SviSlice low = new SviSlice(0.01, 0.05, 0, 0, 0.2);
    List<VolSmile.Violation> cal = new VolSmile(List.of(slice(30, high), slice(60, low))).check();
    VolSmile.Violation c = cal.stream().filter(v -> v.condition().equals("calendar")).findFirst().orElseThrow();
    assertEquals(1, c.slice());
    assertTrue(c.kFrom() < -1 && c.kTo() > 1, c::toString);
  }

  @Test
  void volFor_prefersSmileThenSurfaceThenFlat() {
    VolSurface surface = new VolSurface(new double[] {T}, new double[] {100}, new double[][] {{0.9}});
    VolSmile smile = new VolSmile(List.of(slice(11, QL)));
    UnderlyingMarket flat = new UnderlyingMarket(F, 0, 0, List.of(), 0.5, null, 0);
    assertEquals(0.5, flat.volFor(T, 100), 0);
    assertEquals(0.9, new UnderlyingMarket(F, 0, 0, List.of(), 0.5, surface, 0).volFor(T, 100), 0);
    assertEquals(smile.vol(Math.log(100 / F), T),
        new UnderlyingMarket(F, 0, 0, List.of(), 0.5, surface, 0, smile).volFor(T, 100), 0);
  }

  @Test
  void volFor_readsTheSmileAtTheForwardsMoneyness() {
    // F = S·exp((r − q)T): with r = 5% the smile is read at ln(K/F), not ln(K/S)
    VolSmile smile = new VolSmile(List.of(slice(11, QL)));
    UnderlyingMarket m = new UnderlyingMarket(100, 0.05, 0, List.of(), Double.NaN, null, 0, smile);
    double forward = 100 * Math.exp(0.05 * T);
    assertEquals(smile.vol(Math.log(110 / forward), T), m.volFor(T, 110), 1e-16);
  }
}

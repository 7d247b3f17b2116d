package io.hedgekit.kernels.reference;

import static io.hedgekit.kernels.reference.ReferencePricer.DELTA;
import static io.hedgekit.kernels.reference.ReferencePricer.DELTA_ADJUSTED;
import static io.hedgekit.kernels.reference.ReferencePricer.GAMMA;
import static io.hedgekit.kernels.reference.ReferencePricer.RHO;
import static io.hedgekit.kernels.reference.ReferencePricer.THETA;
import static io.hedgekit.kernels.reference.ReferencePricer.VALUE;
import static io.hedgekit.kernels.reference.ReferencePricer.VALUE_COIN;
import static io.hedgekit.kernels.reference.ReferencePricer.VANNA;
import static io.hedgekit.kernels.reference.ReferencePricer.VEGA;
import static io.hedgekit.kernels.reference.ReferencePricer.VOLGA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.check.SyntheticBooks;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ReferencePricer} against closed-form identities (put-call parity and its Greek forms),
 * central finite differences of its own value function, and the limits named in its javadoc.
 *
 * <p>Finite differences: every step is taken in the natural unit of the variable, so one rule
 * holds from one day to three years and from vol 0.1 to 2. With w = σ√T the total standard
 * deviation, the value moves on the scale S·w in spot, σ in vol, T in time and min(1/T, σ/√T) in
 * the rate. A central first difference with relative step 1e-4 has truncation error about
 * (1e-4)²/6 ≈ 2e-9 of the Greek's natural scale (times a low power of |d1|, |d2|, which the
 * exponentially small φ(d) keeps bounded) and rounding error 2^-53·max(S, K)/h, below 5e-10 of the
 * scale for the smallest w = 0.1·√(1/365) = 0.0052. Second differences use step 1e-3: truncation
 * about 1e-7, rounding 4·2^-53·max(S, K)/h² below 2e-7 of the scale. The tolerances (2e-8 of the
 * scale for first derivatives, 5e-6 for second and mixed) are these bounds with margin; the worst
 * errors measured over 4,000 random cases (printed by the test) are 1.5e-9 / 4.2e-7 for delta /
 * gamma, 1.3e-9 / 2.1e-7 for vega / volga, 5.5e-7 for vanna, 5.7e-10 for theta, 2.2e-9 for rho.
 */
class ReferencePricerTest {

  private static final double EPS = Math.ulp(1.0) / 2; // 2^-53
  private static final double ONE_MILLISECOND = 1.0 / (365.0 * 86_400_000.0);
  private static final double[] SPOTS = {0.75, 180.0, 3_400.0, 95_000.0};

  /** One random option within the ranges of the accuracy contract. */
  private record Case(boolean call, double s, double k, double t, double vol, double r, double q) {

    static Case random(SplittableRandom rnd) {
      double s = SPOTS[rnd.nextInt(SPOTS.length)] * rnd.nextDouble(0.9, 1.1);
      return new Case(rnd.nextBoolean(), s,
          s * Math.exp(rnd.nextDouble(Math.log(0.5), Math.log(2.0))),
          Math.exp(rnd.nextDouble(Math.log(1.0 / 365), Math.log(3.0))),
          Math.exp(rnd.nextDouble(Math.log(0.1), Math.log(2.0))),
          rnd.nextDouble(-0.03, 0.10),
          rnd.nextDouble(-0.05, 0.15));
    }

    ContractKind kind() {
      return call ? ContractKind.LINEAR_CALL : ContractKind.LINEAR_PUT;
    }

    double[] greeks() {
      return ReferencePricerTest.greeks(kind(), s, k, t, vol, r, q, 1.0, 0.0);
    }

    double value(double s1, double t1, double vol1, double r1) {
      return ReferencePricer.optionValue(call, s1, k, t1, vol1, r1, q);
    }

    double w() {
      return vol * Math.sqrt(t);
    }
  }

  static double[] greeks(ContractKind kind, double s, double k, double t, double vol, double r, double q,
      double size, double entry) {
    double[] out = new double[GreeksColumns.COUNT];
    ReferencePricer.greeks(kind.code(), s, k, t, vol, r, q, size, entry, out);
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Put-call parity

  @Test
  void greeks_putCallParity() {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < 20_000; i++) {
      Case c = Case.random(rnd);
      double[] call = greeks(ContractKind.LINEAR_CALL, c.s, c.k, c.t, c.vol, c.r, c.q, 1, 0);
      double[] put = greeks(ContractKind.LINEAR_PUT, c.s, c.k, c.t, c.vol, c.r, c.q, 1, 0);
      double dfR = Math.exp(-c.r * c.t);
      double dfQ = Math.exp(-c.q * c.t);
      String at = " at " + c;
      // C and P each carry a few roundings of their largest term plus the CDF's 1e-16 absolute
      // error times S or K: 8·2^-53·(S + K) bounds the sum.
      assertEquals(c.s * dfQ - c.k * dfR, call[VALUE] - put[VALUE], 8 * EPS * (c.s + c.k), "C − P" + at);
      // N(d1) + N(−d1) = 1 within one ulp (NormalDistributionTest), times e^{−qT}.
      assertEquals(dfQ, call[DELTA] - put[DELTA], 4 * EPS, "Δc − Δp" + at);
      assertEquals(c.q * c.s * dfQ - c.r * c.k * dfR, call[THETA] - put[THETA],
          8 * EPS * (Math.abs(c.q) * c.s + Math.abs(c.r) * c.k + Math.abs(call[THETA]) + Math.abs(put[THETA])), "θc − θp" + at);
      assertEquals(c.k * c.t * dfR, call[RHO] - put[RHO], 8 * EPS * c.k * c.t, "ρc − ρp" + at);
      // The second-order Greeks of a forward are zero, so calls and puts share them exactly.
      assertEquals(call[GAMMA], put[GAMMA], "gamma" + at);
      assertEquals(call[VEGA], put[VEGA], "vega" + at);
      assertEquals(call[VANNA], put[VANNA], "vanna" + at);
      assertEquals(call[VOLGA], put[VOLGA], "volga" + at);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Finite differences

  @Test
  void greeks_matchFiniteDifferencesOfValue() {
    SplittableRandom rnd = new SplittableRandom(2);
    String[] names = {"delta", "gamma", "vega", "volga", "vanna", "theta", "rho"};
    double[] worst = new double[names.length];
    for (int i = 0; i < 4_000; i++) {
      Case c = Case.random(rnd);
      double[] g = c.greeks();
      double w = c.w();
      double v0 = c.value(c.s, c.t, c.vol, c.r);

      double hs = 1e-4 * c.s * w;
      double fdDelta = (c.value(c.s + hs, c.t, c.vol, c.r) - c.value(c.s - hs, c.t, c.vol, c.r)) / (2 * hs);
      double hs2 = 1e-3 * c.s * w;
      double fdGamma = (c.value(c.s + hs2, c.t, c.vol, c.r) - 2 * v0 + c.value(c.s - hs2, c.t, c.vol, c.r)) / (hs2 * hs2);
      double hv = 1e-4 * c.vol;
      double fdVega = (c.value(c.s, c.t, c.vol + hv, c.r) - c.value(c.s, c.t, c.vol - hv, c.r)) / (2 * hv);
      double hv2 = 1e-3 * c.vol;
      double fdVolga = (c.value(c.s, c.t, c.vol + hv2, c.r) - 2 * v0 + c.value(c.s, c.t, c.vol - hv2, c.r)) / (hv2 * hv2);
      double fdVanna = (c.value(c.s + hs2, c.t, c.vol + hv2, c.r) - c.value(c.s + hs2, c.t, c.vol - hv2, c.r)
          - c.value(c.s - hs2, c.t, c.vol + hv2, c.r) + c.value(c.s - hs2, c.t, c.vol - hv2, c.r)) / (4 * hs2 * hv2);
      double ht = 1e-4 * c.t;
      // theta is ∂V/∂t with t the calendar: time passing shortens T, so theta = −∂V/∂T.
      double fdTheta = -(c.value(c.s, c.t + ht, c.vol, c.r) - c.value(c.s, c.t - ht, c.vol, c.r)) / (2 * ht);
      double hr = 1e-4 * Math.min(1 / c.t, c.vol / Math.sqrt(c.t));
      double fdRho = (c.value(c.s, c.t, c.vol, c.r + hr) - c.value(c.s, c.t, c.vol, c.r - hr)) / (2 * hr);

      // Natural scales: the largest each Greek can be for this S, K, T, σ (φ ≤ 0.4, N ≤ 1).
      double gammaScale = 1 / (c.s * w);
      double vegaScale = c.s * Math.sqrt(c.t);
      double thetaScale = c.s * c.vol / Math.sqrt(c.t) + Math.abs(c.q) * c.s + Math.abs(c.r) * c.k;
      double[] fd = {fdDelta, fdGamma, fdVega, fdVolga, fdVanna, fdTheta, fdRho};
      double[] an = {g[DELTA], g[GAMMA], g[VEGA], g[VOLGA], g[VANNA], g[THETA], g[RHO]};
      double[] scale = {1, gammaScale, vegaScale, vegaScale / c.vol, 1 / c.vol, thetaScale, c.k * c.t};
      double[] tol = {2e-8, 5e-6, 2e-8, 5e-6, 5e-6, 2e-8, 2e-8};
      for (int j = 0; j < names.length; j++) {
        double err = Math.abs(fd[j] - an[j]) / scale[j];
        worst[j] = Math.max(worst[j], err);
        int jj = j;
        assertTrue(err <= tol[j], () -> names[jj] + " analytic " + an[jj] + " vs finite difference " + fd[jj]
            + " (error " + err + " of scale " + scale[jj] + ") at " + c);
      }
    }
    StringBuilder report = new StringBuilder("ReferencePricer vs finite differences, worst error / natural scale:");
    for (int j = 0; j < names.length; j++) {
      report.append(String.format(" %s %.2g", names[j], worst[j]));
    }
    System.out.println(report);
  }

  @Test
  void greeks_valueEqualsOptionValue() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 5_000; i++) {
      Case c = Case.random(rnd);
      double v = ReferencePricer.optionValue(c.call, c.s, c.k, c.t, c.vol, c.r, c.q);
      assertEquals(v, c.greeks()[VALUE], 2 * EPS * Math.abs(v), "at " + c);
      assertEquals(v, ReferencePricer.value(c.kind().code(), c.s, c.k, c.t, c.vol, c.r, c.q, 1, 0),
          2 * EPS * Math.abs(v), "at " + c);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Inverse options, coin values, size

  @Test
  void greeks_inverseOptionsShareUsdGreeksAndAddCoinValue() {
    SplittableRandom rnd = new SplittableRandom(4);
    for (int i = 0; i < 2_000; i++) {
      Case c = Case.random(rnd);
      double size = rnd.nextDouble(-50, 50);
      ContractKind inverseKind = c.call ? ContractKind.INVERSE_CALL : ContractKind.INVERSE_PUT;
      double[] lin = greeks(c.kind(), c.s, c.k, c.t, c.vol, c.r, c.q, size, 0);
      double[] inv = greeks(inverseKind, c.s, c.k, c.t, c.vol, c.r, c.q, size, 0);
      for (int o : new int[] {VALUE, DELTA, GAMMA, VEGA, THETA, RHO, VANNA, VOLGA}) {
        assertEquals(lin[o], inv[o], GreeksColumns.NAMES.get(o) + " at " + c);
      }
      assertTrue(Double.isNaN(lin[VALUE_COIN]), "linear option coin value must be NaN");
      assertEquals(lin[DELTA], lin[DELTA_ADJUSTED], "linear delta_adjusted = delta");
      assertEquals(inv[VALUE] / c.s, inv[VALUE_COIN], 2 * EPS * Math.abs(inv[VALUE_COIN]), "coin value = value / S");
      assertEquals(inv[DELTA] - inv[VALUE_COIN], inv[DELTA_ADJUSTED], "inverse delta_adjusted = delta − value_coin");
    }
  }

  @Test
  void greeks_scaleWithSize() {
    SplittableRandom rnd = new SplittableRandom(5);
    double[] sizes = {-3.5, 1e-3, 12_345.678, -0.1};
    for (int i = 0; i < 500; i++) {
      Case c = Case.random(rnd);
      for (ContractKind kind : ContractKind.values()) {
        double t = kind == ContractKind.LINEAR_FUTURE || kind == ContractKind.INVERSE_FUTURE || kind.isOption() ? c.t : 0;
        double entry = c.s * rnd.nextDouble(0.8, 1.2);
        double[] unit = greeks(kind, c.s, c.k, t, c.vol, c.r, c.q, 1.0, entry);
        for (double size : sizes) {
          double[] scaled = greeks(kind, c.s, c.k, t, c.vol, c.r, c.q, size, entry);
          for (int o = 0; o < GreeksColumns.COUNT; o++) {
            double expected = size * unit[o];
            if (Double.isNaN(expected)) {
              assertTrue(Double.isNaN(scaled[o]), kind + " " + GreeksColumns.NAMES.get(o) + " must stay NaN");
              continue;
            }
            // Outputs are scaled by one multiplication; the coin value and adjusted delta of
            // inverse options are formed after scaling, a difference of ≤ 2 roundings of the terms.
            double bound = 4 * EPS * (Math.abs(expected) + Math.abs(size * unit[DELTA]) + Math.abs(size * unit[VALUE]) / c.s);
            assertEquals(expected, scaled[o], bound, kind + " " + GreeksColumns.NAMES.get(o) + " size " + size + " at " + c);
          }
        }
        double[] zero = greeks(kind, c.s, c.k, t, c.vol, c.r, c.q, 0.0, entry);
        for (int o = 0; o < GreeksColumns.COUNT; o++) {
          if (o == VALUE_COIN && !kind.isInverse()) {
            assertTrue(Double.isNaN(zero[o]));
          } else {
            assertEquals(0.0, zero[o], 0.0, kind + " " + GreeksColumns.NAMES.get(o) + " at size 0");
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Futures, perpetuals, spot

  @Test
  void greeks_linearFutureClosedForm() {
    double s = 95_000, t = 0.37, r = 0.045, q = -0.02, size = -2.5, entry = 97_000;
    double growth = Math.exp((r - q) * t);
    double f = s * growth;
    double[] g = greeks(ContractKind.LINEAR_FUTURE, s, 0, t, 0.6, r, q, size, entry);
    assertEquals(size * (f - entry), g[VALUE], 1e-15 * s * Math.abs(size));
    assertTrue(Double.isNaN(g[VALUE_COIN]));
    assertEquals(size * growth, g[DELTA], 4 * EPS * Math.abs(size));
    assertEquals(g[DELTA], g[DELTA_ADJUSTED]);
    assertEquals(-size * (r - q) * f, g[THETA], 1e-15 * s * Math.abs(size));
    assertEquals(size * t * f, g[RHO], 1e-15 * s * Math.abs(size));
    for (int o : new int[] {GAMMA, VEGA, VANNA, VOLGA}) {
      assertEquals(0.0, g[o], 0.0, GreeksColumns.NAMES.get(o));
    }
  }

  @Test
  void greeks_inverseFutureClosedForm() {
    double s = 3_400, t = 1.2, r = -0.01, q = 0.08, face = 125_000, entry = 3_100;
    double growth = Math.exp((r - q) * t);
    double f = s * growth;
    double[] g = greeks(ContractKind.INVERSE_FUTURE, s, 0, t, 0.6, r, q, face, entry);
    double coin = face * (1 / entry - 1 / f);
    // 1/E and 1/F are close: the difference loses digits, so the bound is relative to the terms.
    assertEquals(coin, g[VALUE_COIN], 1e-14 * face / entry);
    assertEquals(s * coin, g[VALUE], 1e-14 * face * s / entry);
    assertEquals(face / entry, g[DELTA], 2 * EPS * face / entry);
    assertEquals(g[DELTA], g[DELTA_ADJUSTED], "futures are not premium-adjusted");
    assertEquals(-face * (r - q) / growth, g[THETA], 1e-14 * face);
    assertEquals(face * t / growth, g[RHO], 1e-14 * face);
    for (int o : new int[] {GAMMA, VEGA, VANNA, VOLGA}) {
      assertEquals(0.0, g[o], 0.0, GreeksColumns.NAMES.get(o));
    }
  }

  @Test
  void greeks_perpetualsAndSpotClosedForm() {
    double s = 180, r = 0.05, q = -0.01, entry = 150;
    double[] lin = greeks(ContractKind.LINEAR_PERPETUAL, s, 0, 0, 0.6, r, q, 4, entry);
    assertEquals(4 * (s - entry), lin[VALUE], 1e-13);
    assertTrue(Double.isNaN(lin[VALUE_COIN]));
    assertEquals(4.0, lin[DELTA]);
    assertEquals(4.0, lin[DELTA_ADJUSTED]);
    double face = 10_000;
    double[] inv = greeks(ContractKind.INVERSE_PERPETUAL, s, 0, 0, 0.6, r, q, face, entry);
    assertEquals(face * (s / entry - 1), inv[VALUE], 1e-15 * face * s / entry);
    assertEquals(face * (1 / entry - 1 / s), inv[VALUE_COIN], 1e-15 * face / entry);
    assertEquals(face / entry, inv[DELTA], 2 * EPS * face / entry);
    assertEquals(face / entry, inv[DELTA_ADJUSTED], 2 * EPS * face / entry);
    double[] spot = greeks(ContractKind.SPOT, s, 0, 0, 0.6, r, q, -7, 0);
    assertEquals(-7 * s, spot[VALUE]);
    assertEquals(-7.0, spot[DELTA]);
    assertEquals(-7.0, spot[DELTA_ADJUSTED]);
    assertTrue(Double.isNaN(spot[VALUE_COIN]));
    // A perpetual's value does not depend on time, rates or vol: theta, rho and the option
    // Greeks are exactly zero (theta used to be −(r − q)·S·size).
    for (double[] g : new double[][] {lin, inv, spot}) {
      for (int o : new int[] {GAMMA, VEGA, THETA, RHO, VANNA, VOLGA}) {
        assertEquals(0.0, g[o], 0.0, GreeksColumns.NAMES.get(o));
      }
    }
  }

  @Test
  void greeks_futuresMatchFiniteDifferences() {
    SplittableRandom rnd = new SplittableRandom(6);
    for (int i = 0; i < 2_000; i++) {
      Case c = Case.random(rnd);
      double entry = c.s * rnd.nextDouble(0.8, 1.2);
      for (ContractKind kind : new ContractKind[] {ContractKind.LINEAR_FUTURE, ContractKind.INVERSE_FUTURE,
          ContractKind.LINEAR_PERPETUAL, ContractKind.INVERSE_PERPETUAL, ContractKind.SPOT}) {
        boolean dated = kind == ContractKind.LINEAR_FUTURE || kind == ContractKind.INVERSE_FUTURE;
        double t = dated ? c.t : 0;
        double size = kind.isInverse() ? 1_000 : 1;
        double[] g = greeks(kind, c.s, 0, t, c.vol, c.r, c.q, size, entry);
        // Values are at most linear in S, so a wide step has no truncation error; in T and r they
        // are exponentials on the scale 1/|r − q| ≥ 5, where a 1e-5 step leaves 2e-11 relative.
        double hs = 1e-3 * c.s;
        double fdDelta = (value(kind, c.s + hs, t, c.r, c.q, size, entry) - value(kind, c.s - hs, t, c.r, c.q, size, entry)) / (2 * hs);
        double ht = dated ? 1e-5 : 0;
        double fdTheta = dated
            ? -(value(kind, c.s, t + ht, c.r, c.q, size, entry) - value(kind, c.s, t - ht, c.r, c.q, size, entry)) / (2 * ht)
            : (value(kind, c.s, t + 1e-3, c.r, c.q, size, entry) - value(kind, c.s, t, c.r, c.q, size, entry)) / 1e-3;
        double hr = 1e-5;
        double fdRho = (value(kind, c.s, t, c.r + hr, c.q, size, entry) - value(kind, c.s, t, c.r - hr, c.q, size, entry)) / (2 * hr);
        double usd = size * (kind.isInverse() ? c.s / entry : c.s);
        String at = kind + " at " + c;
        assertEquals(fdDelta, g[DELTA], 1e-9 * usd / c.s, "delta " + at);
        assertEquals(fdTheta, g[THETA], 1e-8 * usd, "theta " + at);
        assertEquals(fdRho, g[RHO], 1e-8 * usd * Math.max(t, 1), "rho " + at);
      }
    }
  }

  private static double value(ContractKind kind, double s, double t, double r, double q, double size, double entry) {
    return ReferencePricer.value(kind.code(), s, 0, t, 0.5, r, q, size, entry);
  }

  @Test
  void greeks_expiredFutureIsSpotAgainstEntry() {
    for (double t : new double[] {0.0, -0.5}) {
      double[] lin = greeks(ContractKind.LINEAR_FUTURE, 100, 0, t, 0.5, 0.05, 0.01, 2, 90);
      assertEquals(20.0, lin[VALUE], 1e-13);
      assertEquals(2.0, lin[DELTA]);
      assertEquals(0.0, lin[THETA], 0.0, "an expired future does not decay");
      assertEquals(0.0, lin[RHO], 0.0);
      double[] inv = greeks(ContractKind.INVERSE_FUTURE, 100, 0, t, 0.5, 0.05, 0.01, 900, 90);
      assertEquals(900 * (1 / 90.0 - 1 / 100.0), inv[VALUE_COIN], 1e-15);
      assertEquals(900 * (100 / 90.0 - 1), inv[VALUE], 1e-13);
      assertEquals(0.0, inv[THETA], 0.0);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Limits

  @Test
  void greeks_expiredOptionIsExactlyIntrinsic() {
    double[] strikes = {50, 99.999, 100, 100.001, 250};
    for (double t : new double[] {0.0, -1e-9, -0.01, -5}) {
      for (double k : strikes) {
        for (ContractKind kind : new ContractKind[] {ContractKind.LINEAR_CALL, ContractKind.LINEAR_PUT,
            ContractKind.INVERSE_CALL, ContractKind.INVERSE_PUT}) {
          double size = -3.5;
          double[] g = greeks(kind, 100, k, t, 0.8, 0.05, 0.02, size, 0);
          double intrinsic = Math.max(kind.isCall() ? 100 - k : k - 100, 0);
          double step = k == 100 ? 0.5 : (intrinsic > 0 ? 1 : 0);
          String at = kind + " K=" + k + " T=" + t;
          assertEquals(size * intrinsic, g[VALUE], 0.0, "value " + at);
          assertEquals(size * (kind.isCall() ? step : -step), g[DELTA], 0.0, "delta " + at);
          for (int o : new int[] {GAMMA, VEGA, THETA, RHO, VANNA, VOLGA}) {
            assertEquals(0.0, g[o], 0.0, GreeksColumns.NAMES.get(o) + " " + at);
          }
          if (kind.isInverse()) {
            assertEquals(size * intrinsic / 100, g[VALUE_COIN], 1e-15, "coin " + at);
            assertEquals(g[DELTA] - g[VALUE_COIN], g[DELTA_ADJUSTED], "adjusted " + at);
          }
          assertEquals(size * intrinsic, ReferencePricer.value(kind.code(), 100, k, t, 0.8, 0.05, 0.02, size, 0), 0.0);
        }
      }
    }
  }

  @Test
  void greeks_oneMillisecondToExpiryApproachesIntrinsic() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 5_000; i++) {
      Case c = Case.random(rnd);
      double t = ONE_MILLISECOND;
      double[] g = greeks(c.kind(), c.s, c.k, t, c.vol, c.r, c.q, 1, 0);
      double intrinsic = Math.max(c.call ? c.s - c.k : c.k - c.s, 0);
      double w = c.vol * Math.sqrt(t);
      // The time value of an option is largest at the money, where it is S·w/√(2π)
      // (Brenner-Subrahmanyam); discounting moves the rest by at most (|r| + |q|)·T·(S + K).
      double bound = c.s * w * NormalDistribution.ONE_OVER_SQRT_2PI * 1.001
          + (Math.abs(c.r) + Math.abs(c.q)) * t * (c.s + c.k) + 8 * EPS * (c.s + c.k);
      assertEquals(intrinsic, g[VALUE], bound, "value at " + c);
      // Away from the strike (more than 40 standard deviations) delta is the step to within e^{−qT}.
      if (Math.abs(Math.log(c.s / c.k)) > 40 * w) {
        double step = c.s > c.k == c.call ? (c.call ? 1 : -1) : 0;
        assertEquals(step, g[DELTA], Math.abs(c.q) * t + 1e-15, "delta at " + c);
      }
    }
    // At the money the time value is the Brenner-Subrahmanyam S·σ·√T/√(2π) to first order.
    double[] atm = greeks(ContractKind.LINEAR_CALL, 95_000, 95_000, ONE_MILLISECOND, 0.8, 0, 0, 1, 0);
    double expected = 95_000 * 0.8 * Math.sqrt(ONE_MILLISECOND) * NormalDistribution.ONE_OVER_SQRT_2PI;
    assertEquals(expected, atm[VALUE], 1e-6 * expected);
    assertEquals(0.5, atm[DELTA], 1e-5);
  }

  @Test
  void greeks_tinyVolApproachesDiscountedForwardIntrinsic() {
    SplittableRandom rnd = new SplittableRandom(8);
    for (int i = 0; i < 5_000; i++) {
      Case c = Case.random(rnd);
      double dfR = Math.exp(-c.r * c.t);
      double dfQ = Math.exp(-c.q * c.t);
      double forwardIntrinsic = Math.max(c.call ? c.s * dfQ - c.k * dfR : c.k * dfR - c.s * dfQ, 0);
      // vol 1e-9: σ√T ≥ 5e-11 is above MIN_STDDEV, so this is the ordinary formula in its limit;
      // the time value is at most S·σ√T/√(2π).
      double vol = 1e-9;
      double[] g = greeks(c.kind(), c.s, c.k, c.t, vol, c.r, c.q, 1, 0);
      double bound = c.s * vol * Math.sqrt(c.t) * 0.4 + 8 * EPS * (c.s + c.k);
      assertEquals(forwardIntrinsic, g[VALUE], bound, "value at vol 1e-9, " + c);
      // vol 1e-13: σ√T < MIN_STDDEV, the zero-variance branch.
      double[] z = greeks(c.kind(), c.s, c.k, c.t, 1e-13, c.r, c.q, 1, 0);
      assertEquals(forwardIntrinsic, z[VALUE], 8 * EPS * (c.s + c.k), "value at vol 1e-13, " + c);
      // Away from the forward (more than 1e4 standard deviations of vol 1e-9) the ordinary formula
      // has N(d) = 0 or 1 exactly and φ(d) = 0, so the zero-variance branch must reproduce it.
      double forward = c.s * Math.exp((c.r - c.q) * c.t);
      if (Math.abs(Math.log(forward / c.k)) > 1e4 * vol * Math.sqrt(c.t)) {
        for (int o : new int[] {DELTA, THETA, RHO, GAMMA, VEGA, VANNA, VOLGA}) {
          double scale = o == THETA ? (Math.abs(c.q) * c.s + Math.abs(c.r) * c.k) : (o == RHO ? c.k * c.t : 1);
          assertEquals(g[o], z[o], 8 * EPS * scale, GreeksColumns.NAMES.get(o) + " branch vs limit at " + c);
        }
      }
    }
  }

  @Test
  void greeks_deepInAndOutOfTheMoneyAreFiniteAndSane() {
    double[] times = {SyntheticBooks.ONE_MINUTE, 1.0 / 365, 0.25, 1, 5};
    double[] vols = {0.05, 0.3, 1, 5};
    double[] rates = {-0.02, 0, 0.05};
    for (double s : SPOTS) {
      for (double m : new double[] {0.01, 100}) {
        double k = s * m;
        for (double t : times) {
          for (double vol : vols) {
            for (double r : rates) {
              for (double q : rates) {
                double[] c = greeks(ContractKind.INVERSE_CALL, s, k, t, vol, r, q, 1, 0);
                double[] p = greeks(ContractKind.INVERSE_PUT, s, k, t, vol, r, q, 1, 0);
                String at = " S=" + s + " K=" + k + " T=" + t + " σ=" + vol + " r=" + r + " q=" + q;
                for (int o = 0; o < GreeksColumns.COUNT; o++) {
                  assertTrue(Double.isFinite(c[o]) && Double.isFinite(p[o]), GreeksColumns.NAMES.get(o) + at);
                }
                double dfR = Math.exp(-r * t);
                double dfQ = Math.exp(-q * t);
                double slack = 8 * EPS * (s + k);
                // No-arbitrage bounds: (S·e^{−qT} − K·e^{−rT})⁺ ≤ C ≤ S·e^{−qT}, likewise for puts.
                assertTrue(c[VALUE] >= Math.max(s * dfQ - k * dfR, 0) - slack && c[VALUE] <= s * dfQ + slack, "call" + at);
                assertTrue(p[VALUE] >= Math.max(k * dfR - s * dfQ, 0) - slack && p[VALUE] <= k * dfR + slack, "put" + at);
                assertTrue(c[DELTA] >= 0 && c[DELTA] <= dfQ * (1 + 2 * EPS), "call delta" + at);
                assertTrue(p[DELTA] <= 0 && p[DELTA] >= -dfQ * (1 + 2 * EPS), "put delta" + at);
                assertTrue(c[GAMMA] >= 0 && c[VEGA] >= 0, "gamma, vega ≥ 0" + at);
                assertEquals(s * dfQ - k * dfR, c[VALUE] - p[VALUE], slack, "parity" + at);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void compute_noNaNOnEdgeCaseBooks() {
    for (long seed = 1; seed <= 3; seed++) {
      PositionColumns book = SyntheticBooks.edgeCases(20_000, seed);
      GreeksColumns out = GreeksColumns.allocateOnHeap(book.rows());
      new ReferenceGreeksKernel().compute(book, out);
      for (int i = 0; i < book.rows(); i++) {
        var p = book.row(i);
        for (int o = 0; o < GreeksColumns.COUNT; o++) {
          double v = out.get(o, i);
          if (o == VALUE_COIN && !p.kind().isInverse()) {
            assertTrue(Double.isNaN(v), "coin value of linear row " + i + " " + p);
          } else {
            assertTrue(Double.isFinite(v), GreeksColumns.NAMES.get(o) + " = " + v + " at row " + i + " " + p);
          }
        }
        double value = ReferencePricer.value(p.kind().code(), p.spot(), p.strike(), p.timeYears(), p.vol(), p.rate(),
            p.carry(), p.size(), p.entryPrice());
        assertEquals(out.get(VALUE, i), value, 4 * EPS * Math.abs(value), "value() = greeks value at row " + i + " " + p);
        if (p.kind().isOption()) {
          assertTrue(p.size() * value >= 0, "option value has the sign of the size at row " + i + " " + p);
        }
      }
    }
  }
}

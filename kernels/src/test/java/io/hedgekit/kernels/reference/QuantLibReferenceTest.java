package io.hedgekit.kernels.reference;

import static io.hedgekit.kernels.reference.ReferencePricer.DELTA;
import static io.hedgekit.kernels.reference.ReferencePricer.GAMMA;
import static io.hedgekit.kernels.reference.ReferencePricer.RHO;
import static io.hedgekit.kernels.reference.ReferencePricer.THETA;
import static io.hedgekit.kernels.reference.ReferencePricer.VALUE;
import static io.hedgekit.kernels.reference.ReferencePricer.VEGA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreeksColumns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ReferencePricer} against QuantLib 1.29's AnalyticEuropeanEngine (Black-Scholes-Merton
 * process, flat continuous r and q, Actual365Fixed), 208 cases from
 * {@code src/test/python/quantlib_reference.py} stored in {@code quantlib_reference.csv}: spots
 * 0.75 to 95,000, 1 day to 3 years, vol 0.1 to 2, r in [−2%, 8%], q in [−5%, 10%], strikes within
 * 2.5 standard deviations of the forward clamped to moneyness 0.5 to 2. QuantLib's units are ours
 * (vega per 1.00, theta per year of time passing, rho per 1.00 with spot and dividend yield
 * fixed), so no conversion is needed.
 *
 * <p>The bound is relative, 1e-12, with an absolute floor where an output is a difference of
 * larger terms: QuantLib's normal CDF is {@code 0.5·(1 + erf(x/√2))}, accurate to ~1e-16 absolute
 * but not relative where N is small, so such an output can only be compared to about 2^-53 times
 * the size of its terms. The floors are 4·2^-53 times those terms: S + K for the value, 1 for
 * delta, K·T for rho, and for theta its carry terms plus 1e-12 of its decay term. (Further in the
 * tails QuantLib itself fails: it prices far out-of-the-money puts at −4e-17·S. Those regions are
 * tested against mpmath and finite differences in the other tests.) Measured worst relative
 * errors: value 6.8e-13 (an out-of-the-money put worth 1.9e-4·S), delta 2.2e-14, gamma 2.6e-14,
 * vega 2.1e-14, theta 1.0e-12 (decay and carry nearly cancelling), rho 2.6e-14.
 */
class QuantLibReferenceTest {

  private static final double EPS = Math.ulp(1.0) / 2;
  private static final double REL_TOL = 1e-12;
  private static final double FLOOR_ULPS = 4;

  private record Case(boolean call, double spot, double strike, int days, double vol, double rate, double carry,
      double value, double delta, double gamma, double vega, double theta, double rho, double dividendRho) {

    double t() {
      return days / 365.0;
    }

    @Override
    public String toString() {
      return (call ? "call" : "put") + " S=" + spot + " K=" + strike + " days=" + days + " σ=" + vol + " r=" + rate
          + " q=" + carry;
    }
  }

  private static List<Case> cases;

  @BeforeAll
  static void readCases() throws IOException {
    cases = new ArrayList<>();
    try (InputStream in = Objects.requireNonNull(
        QuantLibReferenceTest.class.getResourceAsStream("/quantlib_reference.csv"), "quantlib_reference.csv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.startsWith("type,")) {
          continue;
        }
        String[] f = line.split(",");
        double[] d = new double[f.length];
        for (int i = 1; i < f.length; i++) {
          d[i] = Double.parseDouble(f[i]);
        }
        cases.add(new Case(f[0].equals("call"), d[1], d[2], (int) d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10],
            d[11], d[12], d[13]));
      }
    }
    assertEquals(208, cases.size(), "cases in quantlib_reference.csv");
  }

  private static double[] ours(Case c) {
    double[] out = new double[GreeksColumns.COUNT];
    ContractKind kind = c.call ? ContractKind.LINEAR_CALL : ContractKind.LINEAR_PUT;
    ReferencePricer.greeks(kind.code(), c.spot, c.strike, c.t(), c.vol, c.rate, c.carry, 1.0, 0.0, out);
    return out;
  }

  /** Largest error of one output over all cases, as a multiple of its allowance, with the case. */
  private static final class Worst {
    final String name;
    double ratio;
    double rel;
    String where = "";

    Worst(String name) {
      this.name = name;
    }

    void check(Case c, double expected, double got, double floor) {
      double err = Math.abs(got - expected);
      double allowance = Math.max(REL_TOL * Math.abs(expected), floor);
      double r = err / allowance;
      if (expected != 0) {
        rel = Math.max(rel, err / Math.abs(expected));
      }
      if (r > ratio) {
        ratio = r;
        where = c.toString();
      }
      assertTrue(err <= allowance, () -> name + ": ours " + got + ", QuantLib " + expected + ", error " + err
          + " > allowance " + allowance + " at " + c);
    }

    @Override
    public String toString() {
      return String.format("%s worst rel %.2g, worst error/allowance %.2g (%s)", name, rel, ratio, where);
    }
  }

  @Test
  void greeks_matchQuantLibAnalyticEuropeanEngine() {
    Worst value = new Worst("value");
    Worst delta = new Worst("delta");
    Worst gamma = new Worst("gamma");
    Worst vega = new Worst("vega");
    Worst theta = new Worst("theta");
    Worst rho = new Worst("rho");
    for (Case c : cases) {
      double[] g = ours(c);
      double t = c.t();
      double floor = FLOOR_ULPS * EPS;
      value.check(c, c.value, g[VALUE], floor * (c.spot + c.strike));
      delta.check(c, c.delta, g[DELTA], floor);
      // gamma and vega are φ(d1) times smooth factors in both libraries: relative accuracy holds
      // wherever they do not underflow; the floor only admits denormal-sized values.
      gamma.check(c, c.gamma, g[GAMMA], Double.MIN_NORMAL);
      vega.check(c, c.vega, g[VEGA], Double.MIN_NORMAL);
      theta.check(c, c.theta, g[THETA], floor * (Math.abs(c.carry) * c.spot + Math.abs(c.rate) * c.strike)
          + REL_TOL * Math.abs(g[VEGA] * c.vol / (2 * t)));
      rho.check(c, c.rho, g[RHO], floor * c.strike * t);
    }
    for (Worst w : List.of(value, delta, gamma, vega, theta, rho)) {
      System.out.println("ReferencePricer vs QuantLib: " + w);
    }
  }

  @Test
  void delta_matchesQuantLibDividendRho() {
    // ∂V/∂q = −T·S·Δ for calls and puts alike (Δ carries e^{−qT}); QuantLib's dividendRho is an
    // independent formula, so this checks our delta and the carry convention together.
    for (Case c : cases) {
      double t = c.t();
      double expected = -t * c.spot * ours(c)[DELTA];
      double allowance = Math.max(REL_TOL * Math.abs(c.dividendRho), FLOOR_ULPS * EPS * c.spot * t);
      assertEquals(c.dividendRho, expected, allowance, "dividendRho at " + c);
    }
  }

  @Test
  void cases_coverTheContractRanges() {
    // The stored table must keep covering what the class javadoc claims (a stale or truncated
    // CSV would otherwise pass silently).
    assertTrue(cases.stream().anyMatch(c -> c.days == 1) && cases.stream().anyMatch(c -> c.days == 1095));
    assertTrue(cases.stream().anyMatch(c -> c.strike / c.spot < 0.55) && cases.stream().anyMatch(c -> c.strike / c.spot > 1.8));
    assertTrue(cases.stream().anyMatch(c -> c.rate < 0) && cases.stream().anyMatch(c -> c.carry < 0));
    assertTrue(cases.stream().anyMatch(c -> c.vol < 0.15) && cases.stream().anyMatch(c -> c.vol > 1.9));
    assertTrue(cases.stream().filter(c -> c.call).count() >= 100 && cases.stream().filter(c -> !c.call).count() >= 100);
    // Most cases are well-conditioned, so the 1e-12 relative bound is what is actually tested.
    long wellConditioned = cases.stream().filter(c -> c.value > 1e-3 * c.spot).count();
    assertTrue(wellConditioned >= 150, "well-conditioned cases: " + wellConditioned);
  }
}

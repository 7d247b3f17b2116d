package io.hedgekit.kernels.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImpliedVolTest {

  /** Undiscounted Black-76 by the reference pricer (r = q = 0 on spot = F). */
  static double black(boolean call, double f, double k, double t, double vol) {
    return ReferencePricer.optionValue(call, f, k, t, vol, 0, 0);
  }

  @Test
  void black76_roundTripsTo1e12AcrossMoneynessMaturityAndVol() {
    double f = 100;
    double worst = 0;
    double worstItm = 0;
    String where = "";
    int checked = 0;
    double[] times = {1.0 / (365 * 24), 1.0 / 365, 7.0 / 365, 0.1, 0.5, 1, 5};
    double[] vols = {0.05, 0.2, 0.5, 0.8, 1.5, 3.0};
    for (double t : times) {
      for (double vol : vols) {
        for (double x = -3; x <= 3.0001; x += 0.125) {
          double k = f * Math.exp(-x);
          for (boolean call : new boolean[] {true, false}) {
            double price = black(call, f, k, t, vol);
            if (!(price > 1e-250 * Math.sqrt(f * k))) {
              continue; // underflows: no vol information left
            }
            double intrinsic = Math.max(call ? f - k : k - f, 0);
            if (!(price - intrinsic > 64 * Math.ulp(price))) {
              continue; // the time value is below the price's last digit
            }
            double implied = ImpliedVol.black76(call, price, f, k, t);
            double error = Math.abs(implied - vol) / vol;
            if (intrinsic > 0) {
              // In the money the price carries its time value only to a few ulp of its gross terms (F, K):
              // the vol can be no closer than that error over vega (the condition of the problem).
              double vega = f * NormalDistribution.pdf(Math.log(f / k) / (vol * Math.sqrt(t)) + vol * Math.sqrt(t) / 2)
                  * Math.sqrt(t);
              error = Math.max(0, Math.abs(implied - vol) - 4 * Math.ulp(f + k) / vega) / vol;
              worstItm = Math.max(worstItm, error);
              continue;
            }
            if (error > worst) {
              worst = error;
              where = "call=" + call + " x=" + x + " T=" + t + " vol=" + vol;
            }
            checked++;
          }
        }
      }
    }
    assertTrue(checked > 1000, "checked " + checked + ", worst " + worst);
    assertTrue(worst <= 1e-12, "worst relative vol error " + worst + " at " + where);
    assertTrue(worstItm <= 1e-12, "in the money, beyond the input's conditioning: " + worstItm);
  }

  @Test
  void black76_atTheMoneyClosedForm() {
    // ATM: C = F·(2N(s/2) − 1), so s = 2·N⁻¹((C/F + 1)/2); at C/F = 2N(0.1) − 1, s = 0.2
    double c = 100 * (2 * NormalDistribution.cdf(0.1) - 1);
    assertEquals(0.2 / Math.sqrt(0.25), ImpliedVol.black76(true, c, 100, 100, 0.25), 1e-14);
  }

  @Test
  void black76_rejectsPricesOutsideTheBounds() {
    IllegalArgumentException below = assertThrows(IllegalArgumentException.class,
        () -> ImpliedVol.black76(true, 9.99, 110, 100, 0.5));
    assertTrue(below.getMessage().contains("outside the no-arbitrage bounds"), below.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ImpliedVol.black76(true, 110, 110, 100, 0.5));
    assertThrows(IllegalArgumentException.class, () -> ImpliedVol.black76(false, 100, 110, 100, 0.5));
    assertThrows(IllegalArgumentException.class, () -> ImpliedVol.black76(false, 0, 110, 100, 0.5));
    assertThrows(IllegalArgumentException.class, () -> ImpliedVol.black76(false, 1, 110, 100, -0.5));
  }
}

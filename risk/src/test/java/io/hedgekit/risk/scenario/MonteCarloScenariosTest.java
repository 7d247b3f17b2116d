package io.hedgekit.risk.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.io.scenario.PriceHistoryFiles;
import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.scenario.PriceHistory;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.var.TestBooks;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MonteCarloScenariosTest {
  private static final List<String> NAMES = List.of("BTC", "ETH");
  private static final double[] VOLS = {0.6, 0.8};
  private static final double[][] CORR = {{1, 0.7}, {0.7, 1}};

  private static MonteCarloSpec spec(MonteCarloModel model, int count) {
    return MonteCarloSpec.of(model, NAMES, VOLS, CORR, count, 20251119L, 1.0);
  }

  private static void assertSameSet(ScenarioSet a, ScenarioSet b) {
    assertEquals(a.rows(), b.rows());
    for (int r = 0; r < a.rows(); r++) {
      assertEquals(a.scenarioAt(r), b.scenarioAt(r));
      assertEquals(a.stepAt(r), b.stepAt(r));
      for (int u = 0; u < a.underlyings().size(); u++) {
        assertEquals(a.returnAt(u, r), b.returnAt(u, r), "row " + r);
        assertEquals(a.volShiftAt(u, r), b.volShiftAt(u, r), "row " + r);
      }
    }
  }

  @Test
  void generate_sameSeedSameSetForOneAndTwoThreads() {
    for (MonteCarloModel model : MonteCarloModel.values()) {
      MonteCarloSpec s = spec(model, 3 * MonteCarloScenarios.BLOCK + 17).withSteps(3).withVolShifts(-0.5, 1.0);
      ScenarioSet one = MonteCarloScenarios.generate(s, 1, Progress.NONE);
      ScenarioSet two = MonteCarloScenarios.generate(s, 2, Progress.NONE);
      assertSameSet(one, two);
      ScenarioSet other = MonteCarloScenarios.generate(s.withSeed(1), 2, Progress.NONE);
      assertFalse(one.returnAt(0, 5) == other.returnAt(0, 5), model + ": another seed must give other draws");
      assertEquals(20251119L, one.metadata().seed());
      assertEquals("monte-carlo-" + model.label(), one.metadata().generator());
    }
  }

  @Test
  void generate_progressReachesTheCount() {
    AtomicLong last = new AtomicLong();
    MonteCarloScenarios.generate(spec(MonteCarloModel.GBM, 10_000), 2, (done, total) -> {
      assertEquals(10_000, total);
      last.accumulateAndGet(done, Math::max);
    });
    assertEquals(10_000, last.get());
  }

  /** mean, variance, correlation with the other column, kurtosis of column u. */
  private static double[] moments(ScenarioSet set, int u, int v, int step) {
    var sc = set.columns(set.underlyings(), step);
    int m = sc.scenarios();
    double mu = 0;
    double mv = 0;
    for (int s = 0; s < m; s++) {
      mu += sc.spotReturn(u, s);
      mv += sc.spotReturn(v, s);
    }
    mu /= m;
    mv /= m;
    double vu = 0;
    double vv = 0;
    double cov = 0;
    double m4 = 0;
    for (int s = 0; s < m; s++) {
      double a = sc.spotReturn(u, s) - mu;
      double b = sc.spotReturn(v, s) - mv;
      vu += a * a;
      vv += b * b;
      cov += a * b;
      m4 += a * a * a * a;
    }
    return new double[] {mu, vu / m, cov / Math.sqrt(vu * vv), m4 / m / Math.pow(vu / m, 2)};
  }

  @Test
  void generate_gbmHasTheGivenMomentsAndIsAMartingale() {
    int m = 200_000;
    ScenarioSet set = MonteCarloScenarios.generate(spec(MonteCarloModel.GBM, m), 2, Progress.NONE);
    double h = 1.0 / 365;
    double[] btc = moments(set, 0, 1, 1);
    double sd = 0.6 * Math.sqrt(h);
    assertEquals(-0.5 * 0.36 * h, btc[0], 4 * sd / Math.sqrt(m));
    assertEquals(sd * sd, btc[1], 4 * sd * sd * Math.sqrt(2.0 / m));
    assertEquals(0.7, btc[2], 4 * (1 - 0.49) / Math.sqrt(m));
    assertEquals(3.0, btc[3], 4 * Math.sqrt(24.0 / m));
    double mean = 0;
    for (int s = 0; s < m; s++) {
      mean += Math.exp(set.returnAt(1, s));
    }
    assertEquals(1.0, mean / m, 4 * 0.8 * Math.sqrt(h) / Math.sqrt(m));
  }

  @Test
  void generate_studentTHasUnitVarianceScalingAndFatTails() {
    int m = 200_000;
    ScenarioSet set = MonteCarloScenarios.generate(spec(MonteCarloModel.STUDENT_T, m).withDegreesOfFreedom(6), 2, Progress.NONE);
    double h = 1.0 / 365;
    double[] eth = moments(set, 1, 0, 1);
    double var = 0.64 * h;
    assertEquals(var, eth[1], 0.03 * var); // t(6) has kurtosis 6: wider sampling error than normal
    assertTrue(eth[3] > 4.5, "kurtosis " + eth[3]);
    assertEquals(0.7, eth[2], 0.01);
  }

  @Test
  void generate_jumpKeepsTotalVarianceAndTheMartingale() {
    int m = 200_000;
    MonteCarloSpec s = spec(MonteCarloModel.JUMP, m).withJumps(20, -0.05, 0.08);
    ScenarioSet set = MonteCarloScenarios.generate(s, 2, Progress.NONE);
    double h = 1.0 / 365;
    double[] btc = moments(set, 0, 1, 1);
    assertEquals(0.36 * h, btc[1], 0.03 * 0.36 * h);
    assertTrue(btc[3] > 3.5, "jumps fatten tails, kurtosis " + btc[3]);
    double mean = 0;
    for (int i = 0; i < m; i++) {
      mean += Math.exp(set.returnAt(0, i));
    }
    assertEquals(1.0, mean / m, 4 * 0.6 * Math.sqrt(h) / Math.sqrt(m));
    assertThrows(IllegalArgumentException.class, () -> spec(MonteCarloModel.JUMP, 10).withJumps(200, -0.1, 0.2));
  }

  @Test
  void generate_stepsAreCumulativeAtMultiplesOfTheHorizon() {
    int m = 50_000;
    ScenarioSet set = MonteCarloScenarios.generate(spec(MonteCarloModel.GBM, m).withSteps(4), 2, Progress.NONE);
    assertEquals(4 * m, set.rows());
    assertEquals(4, set.steps().size());
    assertEquals(4.0, set.lastStep().horizonDays());
    assertEquals(2.0, set.step(2).horizonDays());
    double h = 1.0 / 365;
    double[] step4 = moments(set, 0, 1, 4);
    assertEquals(4 * 0.36 * h, step4[1], 0.03 * 4 * 0.36 * h);
    // path 7: step 2 minus step 1 is an independent increment; rows are scenario-major
    assertEquals(7, set.scenarioAt(4 * 7 + 1));
    assertEquals(2, set.stepAt(4 * 7 + 1));
  }

  @Test
  void generate_volShiftsFollowTheSpotVolCorrelation() {
    int m = 100_000;
    ScenarioSet set = MonteCarloScenarios.generate(spec(MonteCarloModel.GBM, m).withVolShifts(-0.5, 1.0), 2, Progress.NONE);
    var sc = set.columns(NAMES, 1);
    double h = 1.0 / 365;
    double sr = 0;
    double sv = 0;
    double srv = 0;
    double svv = 0;
    double srr = 0;
    for (int s = 0; s < m; s++) {
      double r = sc.spotReturn(0, s);
      double v = sc.volShift(0, s);
      sr += r;
      sv += v;
      srv += r * v;
      svv += v * v;
      srr += r * r;
    }
    double cov = srv / m - sr / m * sv / m;
    double corr = cov / Math.sqrt((srr / m - sr * sr / m / m) * (svv / m - sv * sv / m / m));
    assertEquals(-0.5, corr, 0.01);
    // level 0.6 × vol-of-vol 1.0 × √h: the shift's standard deviation, ±3%
    double sdv = Math.sqrt(svv / m - sv * sv / m / m);
    assertEquals(0.6 * Math.sqrt(h), sdv, 0.03 * 0.6 * Math.sqrt(h));
    assertEquals(0.0, sv / m, 4 * sdv / Math.sqrt(m)); // the vol level is a martingale
  }

  @Test
  void of_estimatesFromHistory() throws Exception {
    PriceHistory h = PriceHistoryFiles.read(TestBooks.resource("crypto_daily_close_with_sol.csv"));
    ReturnStatistics stats = ReturnStatistics.estimate(h, List.of("BTC", "ETH", "SOL"), 0);
    MonteCarloSpec s = MonteCarloSpec.of(MonteCarloModel.STUDENT_T, stats, 1000, 5, 10);
    ScenarioSet set = MonteCarloScenarios.generate(s, 1, Progress.NONE);
    assertEquals(List.of("BTC", "ETH", "SOL"), set.underlyings());
    assertEquals(10.0, set.lastStep().horizonDays());
    assertTrue(set.metadata().source().contains("2049 daily returns"), set.metadata().source());
  }
}

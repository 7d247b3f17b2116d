package io.hedgekit.risk.scenario;

import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.scenario.ScenarioMetadata;
import io.hedgekit.kernels.scenario.ScenarioSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Monte Carlo scenarios: correlated log returns of several underlyings over one or several steps.
 *
 * <p>Per step of {@code h} years (h = horizonDays / 365) and underlying u with annual vol σ, the
 * log-return increment is
 * <ul>
 *   <li>GBM: {@code −½σ²h + σ√h·x}, x standard normal, correlated across underlyings by the
 *       Cholesky factor of the correlation matrix; E[S'] = S.</li>
 *   <li>Student-t: the same with {@code x = (L·z)·√((ν − 2)/W)}, W ~ χ²(ν) shared by all
 *       underlyings of a scenario step (multivariate t: unit variance, fat tails and tail
 *       dependence); the drift is left at −½σ²h.</li>
 *   <li>Jump (Merton): {@code −½σ_d²h − λh(e^{μ + δ²/2} − 1) + σ_d√h·x + Σ_{i ≤ N} J_i} with
 *       N ~ Poisson(λh) and J_i ~ Normal(μ, δ²), drawn independently per underlying. The diffusion
 *       variance σ_d² = σ² − λ(μ² + δ²) makes the total variance σ² (the given vols are total
 *       vols, as estimated from history); E[S'] = S.</li>
 * </ul>
 * Step k of a path is the cumulative sum of the first k increments, at horizon k·h.
 *
 * <p>Implied-vol shifts (optional): the log of the vol level follows a driftless-in-level
 * lognormal walk, increment {@code ξ√h·y − ½ξ²h} with {@code y = ρ·x_u + √(1 − ρ²)·z'}, where x_u
 * is the underlying's unit-variance spot shock of the same step; the absolute shift is
 * {@code σ_u·(exp(cumulative) − 1)}, with the underlying's annual return vol σ_u standing in for
 * the implied vol level (a 1-day ξ = 1 move is about ±5% of that level). The shift is an absolute
 * change applied to every option on the underlying; scenario vols are floored by the kernels at
 * {@link io.hedgekit.kernels.ScenarioColumns#VOL_FLOOR}.
 *
 * <p>Reproducibility: scenarios are cut into blocks of {@link #BLOCK} paths; block b draws from
 * its own XoRoShiRo128++ generator seeded from (seed, b) by SplitMix64 mixing, and always in the
 * same order. Threads only decide which block runs when, so the set is identical bit for bit for
 * any thread count.
 *
 * <p>Rows are scenario-major (path 0 steps 1..K, path 1 ...); the step column is written only
 * when steps > 1; horizon_days is always written.
 */
public final class MonteCarloScenarios {
  /** Paths per independently seeded block. */
  public static final int BLOCK = 4096;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private MonteCarloScenarios() {
  }

  /**
   * Draws the scenarios.
   *
   * @param threads worker threads, >= 1 (the result does not depend on it)
   * @param progress told (paths done, count) after each block, from the worker threads
   */
  public static ScenarioSet generate(MonteCarloSpec spec, int threads, Progress progress) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    int nu = spec.underlyings().size();
    int steps = spec.steps();
    int rows = spec.count() * steps;
    double[][] returns = new double[nu][rows];
    double[][] shifts = spec.volShifts() ? new double[nu][rows] : null;
    Kernel kernel = new Kernel(spec);
    int blocks = (spec.count() + BLOCK - 1) / BLOCK;
    AtomicInteger next = new AtomicInteger();
    AtomicLong done = new AtomicLong();
    Runnable worker = () -> {
      for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
        int from = b * BLOCK;
        int to = Math.min(spec.count(), from + BLOCK);
        kernel.block(b, from, to, returns, shifts);
        progress.update(done.addAndGet(to - from), spec.count());
      }
    };
    int pool = Math.min(threads, blocks);
    if (pool <= 1) {
      worker.run();
    } else {
      try (ExecutorService ex = Executors.newFixedThreadPool(pool)) {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < pool; t++) {
          futures.add(ex.submit(worker));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while generating scenarios", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("scenario generation failed: " + e.getCause(), e.getCause());
      }
    }

    int[] scenario = new int[rows];
    int[] step = steps > 1 ? new int[rows] : null;
    double[] horizon = new double[rows];
    for (int r = 0; r < rows; r++) {
      scenario[r] = r / steps;
      int k = r % steps + 1;
      if (step != null) {
        step[r] = k;
      }
      horizon[r] = k * spec.horizonDays();
    }
    String generator = "monte-carlo-" + spec.model().label();
    return new ScenarioSet(generator + " scenarios", new ScenarioMetadata(generator, parameters(spec), spec.seed(), spec.source()),
        spec.underlyings(), scenario, step, horizon, returns, shifts);
  }

  private static Map<String, String> parameters(MonteCarloSpec spec) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("model", spec.model().label());
    p.put("count", Integer.toString(spec.count()));
    p.put("steps", Integer.toString(spec.steps()));
    p.put("horizon_days", Double.toString(spec.horizonDays()));
    p.put("underlyings", String.join(",", spec.underlyings()));
    p.put("annual_vols", Arrays.toString(spec.annualVols()));
    p.put("correlation", Arrays.deepToString(spec.correlation()));
    if (spec.model() == MonteCarloModel.STUDENT_T) {
      p.put("degrees_of_freedom", Double.toString(spec.degreesOfFreedom()));
    }
    if (spec.model() == MonteCarloModel.JUMP) {
      p.put("jump_intensity", Double.toString(spec.jumpIntensity()));
      p.put("jump_mean", Double.toString(spec.jumpMean()));
      p.put("jump_stdev", Double.toString(spec.jumpStdev()));
    }
    p.put("vol_shifts", Boolean.toString(spec.volShifts()));
    if (spec.volShifts()) {
      p.put("spot_vol_correlation", Double.toString(spec.spotVolCorrelation()));
      p.put("vol_of_vol", Double.toString(spec.volOfVol()));
    }
    p.put("block", Integer.toString(BLOCK));
    p.put("rng", "XO_RO_SHI_RO_128_PP per block, SplitMix64-mixed (seed, block)");
    return p;
  }

  /** The two 64-bit seed words of block {@code b}: SplitMix64 outputs of distinct counters. */
  static long[] blockSeed(long seed, int b) {
    long base = seed + (2L * b + 1) * GOLDEN;
    long s0 = mix64(base);
    long s1 = mix64(base + GOLDEN);
    if (s0 == 0 && s1 == 0) {
      s1 = GOLDEN; // the all-zero state is the one XoRoShiRo cannot leave
    }
    return new long[] {s0, s1};
  }

  /** SplitMix64's output function (Stafford's Mix13). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Precomputed per-step constants and the per-block sampling loop. */
  private static final class Kernel {
    final MonteCarloSpec spec;
    final int nu;
    final double[][] chol;
    final double[] drift;
    final double[] diffusion;
    final double h;
    final double jumpMean;
    final double jumpStdev;
    final double studentScale;
    final double volDrift;
    final double volStep;
    final double rho;
    final double rhoBar;
    final double[] volLevel;

    Kernel(MonteCarloSpec spec) {
      this.spec = spec;
      nu = spec.underlyings().size();
      chol = Cholesky.lower(spec.correlation());
      h = spec.horizonDays() / ScenarioSet.DAYS_PER_YEAR;
      double[] vols = spec.annualVols();
      drift = new double[nu];
      diffusion = new double[nu];
      double lambda = spec.jumpIntensity();
      double jumpVar = lambda * (spec.jumpMean() * spec.jumpMean() + spec.jumpStdev() * spec.jumpStdev());
      double compensator = lambda * (Math.exp(spec.jumpMean() + 0.5 * spec.jumpStdev() * spec.jumpStdev()) - 1.0);
      for (int u = 0; u < nu; u++) {
        double var = vols[u] * vols[u];
        if (spec.model() == MonteCarloModel.JUMP) {
          double dVar = var - jumpVar;
          diffusion[u] = Math.sqrt(dVar * h);
          drift[u] = (-0.5 * dVar - compensator) * h;
        } else {
          diffusion[u] = Math.sqrt(var * h);
          drift[u] = -0.5 * var * h;
        }
      }
      jumpMean = spec.jumpMean();
      jumpStdev = spec.jumpStdev();
      studentScale = spec.model() == MonteCarloModel.STUDENT_T ? spec.degreesOfFreedom() - 2.0 : 0.0;
      volStep = spec.volOfVol() * Math.sqrt(h);
      volDrift = -0.5 * spec.volOfVol() * spec.volOfVol() * h;
      rho = spec.spotVolCorrelation();
      rhoBar = Math.sqrt(1.0 - rho * rho);
      volLevel = vols;
    }

    void block(int b, int from, int to, double[][] returns, double[][] shifts) {
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(blockSeed(spec.seed(), b));
      ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
      ContinuousSampler chi2 = spec.model() == MonteCarloModel.STUDENT_T
          ? AhrensDieterMarsagliaTsangGammaSampler.of(rng, 0.5 * spec.degreesOfFreedom(), 2.0) : null;
      double jumpsPerStep = spec.jumpIntensity() * h;
      DiscreteSampler poisson = spec.model() == MonteCarloModel.JUMP && jumpsPerStep > 0
          ? PoissonSampler.of(rng, jumpsPerStep) : null;
      int steps = spec.steps();
      double[] z = new double[nu];
      double[] x = new double[nu];
      double[] cum = new double[nu];
      double[] cumVol = new double[nu];
      for (int s = from; s < to; s++) {
        Arrays.fill(cum, 0.0);
        Arrays.fill(cumVol, 0.0);
        for (int k = 0; k < steps; k++) {
          for (int u = 0; u < nu; u++) {
            z[u] = gauss.sample();
          }
          double scale = chi2 == null ? 1.0 : Math.sqrt(studentScale / chi2.sample());
          for (int u = 0; u < nu; u++) {
            double[] row = chol[u];
            double xu = 0;
            for (int j = 0; j <= u; j++) {
              xu += row[j] * z[j];
            }
            x[u] = xu * scale;
          }
          int r = s * steps + k;
          for (int u = 0; u < nu; u++) {
            double inc = drift[u] + diffusion[u] * x[u];
            if (poisson != null) {
              int n = poisson.sample();
              if (n > 0) {
                inc += n * jumpMean + Math.sqrt(n) * jumpStdev * gauss.sample();
              }
            }
            cum[u] += inc;
            returns[u][r] = cum[u];
          }
          if (shifts != null) {
            for (int u = 0; u < nu; u++) {
              double y = rho * x[u] + rhoBar * gauss.sample();
              cumVol[u] += volDrift + volStep * y;
              shifts[u][r] = volLevel[u] * Math.expm1(cumVol[u]);
            }
          }
        }
      }
    }
  }
}

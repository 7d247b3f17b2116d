package io.hedgekit.risk.scenario;

import java.util.List;
import java.util.Objects;

/**
 * What Monte Carlo scenarios to draw; see {@link MonteCarloScenarios} for the model equations.
 * Build with {@link #of(MonteCarloModel, ReturnStatistics, int, long, double)} (vols and
 * correlations estimated from a history) or {@link #of(MonteCarloModel, List, double[], double[][],
 * int, long, double)} (given), then adjust with the {@code with...} methods.
 *
 * @param model return distribution
 * @param underlyings names, one column pair per underlying in the set
 * @param annualVols σ per underlying: annualised volatility of log returns (total, jumps included), > 0
 * @param correlation correlation of the diffusion shocks, symmetric positive definite
 * @param count number of scenarios (paths), >= 1
 * @param seed random seed: the same seed gives the same set for any thread count
 * @param horizonDays h: horizon of one step, days, > 0; step k is at k·h
 * @param steps number of steps per path, >= 1 (1 = a single horizon, no step column)
 * @param degreesOfFreedom ν of the Student-t model, > 2 (ignored by other models)
 * @param jumpIntensity λ of the jump model, expected jumps per year per underlying, >= 0
 * @param jumpMean mean log jump size of the jump model
 * @param jumpStdev standard deviation of the log jump size, >= 0
 * @param volShifts whether to draw implied-vol shifts ({@code U_vol_shift} columns)
 * @param spotVolCorrelation correlation between a spot shock and its vol shock, in [−1, 1]
 * @param volOfVol ξ: annualised volatility of the log of implied vol, >= 0
 * @param source where the vols and correlations came from, for metadata
 */
public record MonteCarloSpec(MonteCarloModel model, List<String> underlyings, double[] annualVols,
    double[][] correlation, int count, long seed, double horizonDays, int steps, double degreesOfFreedom,
    double jumpIntensity, double jumpMean, double jumpStdev, boolean volShifts, double spotVolCorrelation,
    double volOfVol, String source) {

  /** Default ν of the Student-t model: tails like daily crypto returns. */
  public static final double DEFAULT_DEGREES_OF_FREEDOM = 4.0;
  /** Default jump intensity: 5 jumps per year per underlying. */
  public static final double DEFAULT_JUMP_INTENSITY = 5.0;
  /** Default mean log jump: −5% (crashes more than spikes). */
  public static final double DEFAULT_JUMP_MEAN = -0.05;
  /** Default standard deviation of the log jump: 10%. */
  public static final double DEFAULT_JUMP_STDEV = 0.10;
  /** Default spot-vol correlation: spot falls come with vol rises. */
  public static final double DEFAULT_SPOT_VOL_CORRELATION = -0.5;
  /** Default vol-of-vol: 100% per year on the log of implied vol (≈ 5% of the vol level per day). */
  public static final double DEFAULT_VOL_OF_VOL = 1.0;

  public MonteCarloSpec {
    Objects.requireNonNull(model, "model");
    underlyings = List.copyOf(underlyings);
    int nu = underlyings.size();
    if (nu == 0) {
      throw new IllegalArgumentException("need at least one underlying");
    }
    if (annualVols.length != nu) {
      throw new IllegalArgumentException("annualVols has " + annualVols.length + " entries, underlyings " + nu);
    }
    annualVols = annualVols.clone();
    for (int u = 0; u < nu; u++) {
      if (!(annualVols[u] > 0) || Double.isInfinite(annualVols[u])) {
        throw new IllegalArgumentException("annual vol of " + underlyings.get(u) + " must be > 0 and finite, was " + annualVols[u]);
      }
    }
    if (correlation.length != nu) {
      throw new IllegalArgumentException("correlation has " + correlation.length + " rows, underlyings " + nu);
    }
    correlation = Cholesky.copy(correlation);
    Cholesky.lower(correlation); // validates
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, was " + count);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, was " + steps);
    }
    if ((long) count * steps > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("count × steps must fit one set (< 2^31 rows), was " + (long) count * steps);
    }
    if (!(horizonDays > 0) || Double.isInfinite(horizonDays)) {
      throw new IllegalArgumentException("horizonDays must be > 0 and finite, was " + horizonDays);
    }
    if (model == MonteCarloModel.STUDENT_T && !(degreesOfFreedom > 2)) {
      throw new IllegalArgumentException("degreesOfFreedom must be > 2 (finite variance), was " + degreesOfFreedom);
    }
    if (!(jumpIntensity >= 0) || Double.isInfinite(jumpIntensity) || !Double.isFinite(jumpMean)
        || !(jumpStdev >= 0) || Double.isInfinite(jumpStdev)) {
      throw new IllegalArgumentException("jumps need intensity >= 0, a finite mean and stdev >= 0, were "
          + jumpIntensity + ", " + jumpMean + ", " + jumpStdev);
    }
    if (model == MonteCarloModel.JUMP) {
      double jumpVariance = jumpIntensity * (jumpMean * jumpMean + jumpStdev * jumpStdev);
      for (int u = 0; u < nu; u++) {
        if (jumpVariance >= annualVols[u] * annualVols[u]) {
          throw new IllegalArgumentException("jump variance λ(μ² + δ²) = " + jumpVariance + " per year must be below "
              + underlyings.get(u) + "'s total variance σ² = " + annualVols[u] * annualVols[u]
              + "; lower the jump intensity or size");
        }
      }
    }
    if (!(spotVolCorrelation >= -1 && spotVolCorrelation <= 1)) {
      throw new IllegalArgumentException("spotVolCorrelation must be in [-1, 1], was " + spotVolCorrelation);
    }
    if (!(volOfVol >= 0) || Double.isInfinite(volOfVol)) {
      throw new IllegalArgumentException("volOfVol must be >= 0 and finite, was " + volOfVol);
    }
    source = source == null ? "" : source;
  }

  /** A one-step spec with vols and correlations estimated from a history, default model parameters. */
  public static MonteCarloSpec of(MonteCarloModel model, ReturnStatistics stats, int count, long seed, double horizonDays) {
    return of(model, stats.underlyings(), stats.annualVols(), stats.correlation(), count, seed, horizonDays)
        .withSource("estimated from " + stats.observations() + " daily returns " + stats.firstDate() + ".." + stats.lastDate());
  }

  /** A one-step spec with given vols and correlations, default model parameters, no vol shifts. */
  public static MonteCarloSpec of(MonteCarloModel model, List<String> underlyings, double[] annualVols,
      double[][] correlation, int count, long seed, double horizonDays) {
    return new MonteCarloSpec(model, underlyings, annualVols, correlation, count, seed, horizonDays, 1,
        DEFAULT_DEGREES_OF_FREEDOM, DEFAULT_JUMP_INTENSITY, DEFAULT_JUMP_MEAN, DEFAULT_JUMP_STDEV, false,
        DEFAULT_SPOT_VOL_CORRELATION, DEFAULT_VOL_OF_VOL, "given");
  }

  /** With {@code steps} steps per path (step k at k·horizonDays). */
  public MonteCarloSpec withSteps(int steps) {
    return new MonteCarloSpec(model, underlyings, annualVols, correlation, count, seed, horizonDays, steps,
        degreesOfFreedom, jumpIntensity, jumpMean, jumpStdev, volShifts, spotVolCorrelation, volOfVol, source);
  }

  /** With Student-t degrees of freedom ν. */
  public MonteCarloSpec withDegreesOfFreedom(double nu) {
    return new MonteCarloSpec(model, underlyings, annualVols, correlation, count, seed, horizonDays, steps,
        nu, jumpIntensity, jumpMean, jumpStdev, volShifts, spotVolCorrelation, volOfVol, source);
  }

  /** With jump intensity (per year), mean and standard deviation of the log jump size. */
  public MonteCarloSpec withJumps(double intensity, double mean, double stdev) {
    return new MonteCarloSpec(model, underlyings, annualVols, correlation, count, seed, horizonDays, steps,
        degreesOfFreedom, intensity, mean, stdev, volShifts, spotVolCorrelation, volOfVol, source);
  }

  /** With implied-vol shifts driven by the spot-vol correlation and vol-of-vol given. */
  public MonteCarloSpec withVolShifts(double spotVolCorr, double volOfVolPerYear) {
    return new MonteCarloSpec(model, underlyings, annualVols, correlation, count, seed, horizonDays, steps,
        degreesOfFreedom, jumpIntensity, jumpMean, jumpStdev, true, spotVolCorr, volOfVolPerYear, source);
  }

  /** With another seed. */
  public MonteCarloSpec withSeed(long newSeed) {
    return new MonteCarloSpec(model, underlyings, annualVols, correlation, count, newSeed, horizonDays, steps,
        degreesOfFreedom, jumpIntensity, jumpMean, jumpStdev, volShifts, spotVolCorrelation, volOfVol, source);
  }

  /** With a description of where the vols and correlations came from. */
  public MonteCarloSpec withSource(String text) {
    return new MonteCarloSpec(model, underlyings, annualVols, correlation, count, seed, horizonDays, steps,
        degreesOfFreedom, jumpIntensity, jumpMean, jumpStdev, volShifts, spotVolCorrelation, volOfVol, text);
  }

  @Override
  public double[] annualVols() {
    return annualVols.clone();
  }

  @Override
  public double[][] correlation() {
    return Cholesky.copy(correlation);
  }
}

package io.hedgekit.risk.hedge;

import java.util.Objects;

/**
 * Settings of a hedge or what-if run.
 *
 * @param confidence VaR/ES confidence c in (0, 1), e.g. 0.99; also the ES level min-es minimises
 * @param tailRisk how VaR/ES of a P&amp;L vector are computed for the reports
 * @param minEsMaxScenarios most scenarios the min-es linear program is given (&gt;= 1)
 * @param minEsSubsample above {@code minEsMaxScenarios}: true = optimise on that many evenly
 *     spaced scenarios (deterministic; the result says so), false = refuse with an error
 */
public record HedgeOptions(double confidence, TailRisk tailRisk, int minEsMaxScenarios, boolean minEsSubsample) {

  /**
   * Default scenario limit of min-es, 2000. Measured with {@code SimplexSolver} on the development
   * machine (2 cores, load average 4-9 from concurrent builds; a 60-position book, 10 instruments),
   * two runs each: 500 scenarios 0.35 s, 1000 2-7 s, 1500 6 s, 2000 17-28 s, 3000 44-73 s, 4000
   * 149 s. So 2000 is the largest count that reliably fits within a minute; time grows about
   * like M³ and with the number of instruments.
   */
  public static final int DEFAULT_MIN_ES_MAX_SCENARIOS = 2000;

  public HedgeOptions {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
    }
    Objects.requireNonNull(tailRisk, "tailRisk");
    if (minEsMaxScenarios < 1) {
      throw new IllegalArgumentException("minEsMaxScenarios must be >= 1, was " + minEsMaxScenarios);
    }
  }

  /** 99% confidence, historical VaR/ES, min-es subsampling above {@link #DEFAULT_MIN_ES_MAX_SCENARIOS}. */
  public static HedgeOptions defaults() {
    return new HedgeOptions(0.99, TailRisk.HISTORICAL, DEFAULT_MIN_ES_MAX_SCENARIOS, true);
  }

  public HedgeOptions withConfidence(double c) {
    return new HedgeOptions(c, tailRisk, minEsMaxScenarios, minEsSubsample);
  }

  public HedgeOptions withTailRisk(TailRisk t) {
    return new HedgeOptions(confidence, t, minEsMaxScenarios, minEsSubsample);
  }

  /** The min-es scenario limit and what to do above it (true = subsample, false = refuse). */
  public HedgeOptions withMinEsLimit(int maxScenarios, boolean subsample) {
    return new HedgeOptions(confidence, tailRisk, maxScenarios, subsample);
  }
}

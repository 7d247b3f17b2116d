package io.hedgekit.risk.scenario;

import java.util.Arrays;
import java.util.Locale;

/** The return distribution of Monte Carlo scenarios (see {@link MonteCarloScenarios}). */
public enum MonteCarloModel {
  /** Correlated normal log returns (geometric Brownian motion). */
  GBM("gbm"),
  /** Multivariate Student-t log returns, scaled to unit variance (fat tails, tail dependence). */
  STUDENT_T("student-t"),
  /** Merton jump diffusion: correlated normal diffusion plus compound Poisson normal jumps. */
  JUMP("jump");

  private final String label;

  MonteCarloModel(String label) {
    this.label = label;
  }

  /** The name used on the command line and in file metadata. */
  public String label() {
    return label;
  }

  /**
   * The model named {@code text} ({@code gbm}, {@code student-t}, {@code jump}; case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static MonteCarloModel parse(String text) {
    for (MonteCarloModel m : values()) {
      if (m.label.equals(text.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown Monte Carlo model " + text + "; expected one of "
        + Arrays.stream(values()).map(MonteCarloModel::label).toList());
  }
}

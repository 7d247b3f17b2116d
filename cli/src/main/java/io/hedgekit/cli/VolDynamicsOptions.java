package io.hedgekit.cli;

import io.hedgekit.risk.engine.VolDynamicsSpec;
import picocli.CommandLine.Option;

/** {@code --vol-dynamics} and {@code --vol-shift-term}: how full revaluation moves implied vols. */
public final class VolDynamicsOptions {

  @Option(names = "--vol-dynamics", paramLabel = "sticky-strike|sticky-moneyness", defaultValue = "sticky-strike",
      description = "sticky-strike: each option keeps its vol (plus the scenario's shift); sticky-moneyness: each "
          + "scenario re-reads the option's vol on the SVI smile at k' = ln(K/F') with F' the scenario's forward, "
          + "then adds the shift (underlyings without a smile stay sticky-strike) (default: ${DEFAULT-VALUE}).")
  String volDynamics;

  @Option(names = "--vol-shift-term", paramLabel = "parallel|sqrt", defaultValue = "parallel",
      description = "parallel: the scenario's vol shift at every expiry; sqrt: the shift times sqrt(30 days / T), "
          + "T floored at 1 day (default: ${DEFAULT-VALUE}).")
  String volShiftTerm;

  /** The request's vol dynamics (the engine reads them on the smiles of the book's market). */
  VolDynamicsSpec spec() {
    try {
      return VolDynamicsSpec.parse(volDynamics, volShiftTerm);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}

package io.hedgekit.cli;

import io.hedgekit.kernels.VolDynamics;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.market.UnderlyingMarket;
import io.hedgekit.kernels.market.VolSmile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  /** The dynamics for the given underlyings of {@code market}, in that order. */
  VolDynamics dynamics(MarketData market, List<String> underlyings) {
    VolDynamics.Mode mode = switch (volDynamics.toLowerCase(Locale.ROOT)) {
      case "sticky-strike" -> VolDynamics.Mode.STICKY_STRIKE;
      case "sticky-moneyness" -> VolDynamics.Mode.STICKY_MONEYNESS;
      default -> throw new UsageException("--vol-dynamics must be sticky-strike or sticky-moneyness, was " + volDynamics);
    };
    VolDynamics.ShiftTerm term = switch (volShiftTerm.toLowerCase(Locale.ROOT)) {
      case "parallel" -> VolDynamics.ShiftTerm.PARALLEL;
      case "sqrt" -> VolDynamics.ShiftTerm.SQRT;
      default -> throw new UsageException("--vol-shift-term must be parallel or sqrt, was " + volShiftTerm);
    };
    List<VolSmile> smiles = new ArrayList<>();
    for (String name : underlyings) {
      UnderlyingMarket m = market.underlying(name);
      smiles.add(m == null ? null : m.smile());
    }
    return VolDynamics.of(mode, term, smiles);
  }
}

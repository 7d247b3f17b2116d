package io.hedgekit.cli;

import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.engine.RiskEngine;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --scenarios} and {@code --step}: an optional scenario set (Arrow IPC or CSV). */
public final class ScenarioInputs {

  @Option(names = "--scenarios", paramLabel = "FILE",
      description = "Scenario set from 'hedgekit scenarios' (Arrow IPC or CSV): log returns and vol shifts per underlying.")
  Path scenarios;

  @Option(names = "--step", paramLabel = "N",
      description = "Which step of a multi-step set to use (default: the last, i.e. the longest horizon).")
  Integer step;

  @Option(names = "--max-abs-return", paramLabel = "R", defaultValue = "3",
      description = "Sanity bound on |log return| in the scenario file; a return beyond it is an error naming the row "
          + "(default: ${DEFAULT-VALUE}, a move to 20x or 1/20 of spot).")
  double maxAbsReturn;

  /** True when a scenario file was given. */
  boolean present() {
    return scenarios != null;
  }

  /** Reads the set through {@code engine} (null when none was given). */
  ScenarioSet read(RiskEngine engine) {
    if (scenarios == null) {
      return null;
    }
    BookInputs.requireFile(scenarios, "--scenarios");
    CliArgs.require(maxAbsReturn > 0, "--max-abs-return", "must be > 0", maxAbsReturn);
    return engine.readScenarios(scenarios, maxAbsReturn);
  }
}

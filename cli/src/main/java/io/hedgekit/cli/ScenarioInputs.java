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
    return engine.readScenarios(scenarios);
  }
}

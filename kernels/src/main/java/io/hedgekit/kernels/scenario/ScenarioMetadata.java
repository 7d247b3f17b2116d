package io.hedgekit.kernels.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a scenario set came from: stored in the Arrow schema metadata of a scenario file (CSV
 * files carry none; reading one gives {@link #UNKNOWN}).
 *
 * <p>Schema metadata keys: {@code hedgekit.generator}, {@code hedgekit.parameters} (a JSON object
 * of strings), {@code hedgekit.seed} (decimal, absent when the generator is not random) and
 * {@code hedgekit.source} (the input data, e.g. the price file name).
 *
 * @param generator generator name ({@code historical}, {@code monte-carlo-gbm}, ...), or
 *     {@code unknown}
 * @param parameters generator parameters as text, in a stable order
 * @param seed random seed, or null when the generator is deterministic
 * @param source the data the set was built from (file name), or an empty string
 */
public record ScenarioMetadata(String generator, Map<String, String> parameters, Long seed, String source) {

  /** Metadata of a set whose origin is not recorded (CSV files, hand-made sets). */
  public static final ScenarioMetadata UNKNOWN = new ScenarioMetadata("unknown", Map.of(), null, "");

  public ScenarioMetadata {
    Objects.requireNonNull(generator, "generator");
    if (generator.isBlank()) {
      throw new IllegalArgumentException("generator must not be blank");
    }
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters")));
    source = source == null ? "" : source;
  }
}

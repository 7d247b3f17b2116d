package io.hedgekit.io.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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

  /** Schema metadata key of {@link #generator}. */
  public static final String KEY_GENERATOR = "hedgekit.generator";
  /** Schema metadata key of {@link #parameters} (JSON object). */
  public static final String KEY_PARAMETERS = "hedgekit.parameters";
  /** Schema metadata key of {@link #seed}. */
  public static final String KEY_SEED = "hedgekit.seed";
  /** Schema metadata key of {@link #source}. */
  public static final String KEY_SOURCE = "hedgekit.source";

  private static final ObjectMapper JSON = new ObjectMapper();

  public ScenarioMetadata {
    Objects.requireNonNull(generator, "generator");
    if (generator.isBlank()) {
      throw new IllegalArgumentException("generator must not be blank");
    }
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters")));
    source = source == null ? "" : source;
  }

  /** The metadata as Arrow schema custom metadata. */
  public Map<String, String> toSchemaMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(KEY_GENERATOR, generator);
    try {
      m.put(KEY_PARAMETERS, JSON.writeValueAsString(parameters));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write parameters as JSON", e);
    }
    if (seed != null) {
      m.put(KEY_SEED, Long.toString(seed));
    }
    m.put(KEY_SOURCE, source);
    return m;
  }

  /**
   * Reads metadata written by {@link #toSchemaMetadata()}; {@link #UNKNOWN} when the map has no
   * generator key (a file written by another tool).
   *
   * @throws IllegalArgumentException if the parameters are not a JSON object of strings or the
   *     seed is not a decimal long
   */
  public static ScenarioMetadata fromSchemaMetadata(Map<String, String> m) {
    if (m == null || !m.containsKey(KEY_GENERATOR)) {
      return UNKNOWN;
    }
    Map<String, String> params = Map.of();
    String json = m.get(KEY_PARAMETERS);
    if (json != null && !json.isBlank()) {
      try {
        params = JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(KEY_PARAMETERS + " must be a JSON object of strings, was " + json, e);
      }
    }
    Long seed = null;
    String s = m.get(KEY_SEED);
    if (s != null) {
      try {
        seed = Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(KEY_SEED + " must be a decimal long, was " + s, e);
      }
    }
    return new ScenarioMetadata(m.get(KEY_GENERATOR), params, seed, m.get(KEY_SOURCE));
  }
}

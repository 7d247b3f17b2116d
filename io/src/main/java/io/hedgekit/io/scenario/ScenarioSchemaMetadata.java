package io.hedgekit.io.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgekit.kernels.scenario.ScenarioMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link ScenarioMetadata} as the custom metadata of a scenario file's Arrow schema. */
public final class ScenarioSchemaMetadata {
  /** Schema metadata key of {@link ScenarioMetadata#generator}. */
  public static final String KEY_GENERATOR = "hedgekit.generator";
  /** Schema metadata key of {@link ScenarioMetadata#parameters} (JSON object). */
  public static final String KEY_PARAMETERS = "hedgekit.parameters";
  /** Schema metadata key of {@link ScenarioMetadata#seed}. */
  public static final String KEY_SEED = "hedgekit.seed";
  /** Schema metadata key of {@link ScenarioMetadata#source}. */
  public static final String KEY_SOURCE = "hedgekit.source";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ScenarioSchemaMetadata() {
  }

  /** The metadata as Arrow schema custom metadata. */
  public static Map<String, String> toSchemaMetadata(ScenarioMetadata meta) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(KEY_GENERATOR, meta.generator());
    try {
      m.put(KEY_PARAMETERS, JSON.writeValueAsString(meta.parameters()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write parameters as JSON", e);
    }
    if (meta.seed() != null) {
      m.put(KEY_SEED, Long.toString(meta.seed()));
    }
    m.put(KEY_SOURCE, meta.source());
    return m;
  }

  /**
   * Reads metadata written by {@link #toSchemaMetadata}; {@link ScenarioMetadata#UNKNOWN} when the
   * map has no generator key (a file written by another tool).
   *
   * @throws IllegalArgumentException if the parameters are not a JSON object of strings or the
   *     seed is not a decimal long
   */
  public static ScenarioMetadata fromSchemaMetadata(Map<String, String> m) {
    if (m == null || !m.containsKey(KEY_GENERATOR)) {
      return ScenarioMetadata.UNKNOWN;
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

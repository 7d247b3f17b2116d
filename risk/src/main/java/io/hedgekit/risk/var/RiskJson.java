package io.hedgekit.risk.var;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hedgekit.io.table.AtomicOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * JSON for risk results: record components become snake_case keys ({@code horizonDays} ->
 * {@code horizon_days}) in declaration order; map keys (underlying names, method labels) are kept.
 */
public final class RiskJson {
  /** The mapper used for every risk result. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private RiskJson() {
  }

  /** {@code result} as indented JSON text. */
  public static String toJson(Object result) {
    try {
      return MAPPER.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + result.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** Writes {@code result} as JSON to {@code path}, atomically. */
  public static void write(Object result, Path path) throws IOException {
    byte[] bytes = (toJson(result) + "\n").getBytes(StandardCharsets.UTF_8);
    AtomicOutput.write(path, out -> out.write(bytes));
  }
}

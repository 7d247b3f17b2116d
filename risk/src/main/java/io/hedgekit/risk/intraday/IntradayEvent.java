package io.hedgekit.risk.intraday;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One result of the intraday loop, written as one JSON line:
 * {@code {"seq": 12, "time": "2026-11-24T08:00:05Z", "type": "greeks", "underlying": "BTC", ...}}
 * with the fields of its type after these four (see the README's "Intraday loop" section).
 *
 * @param seq 1-based sequence number, in the order events were produced
 * @param time the time of the update that produced it
 * @param type greeks, var, breach, rehedge, stale, rejected or trade
 * @param underlying the underlying it is about, or null for the whole book
 * @param fields the type's fields, in output order (values: numbers, strings, booleans, lists, maps)
 */
public record IntradayEvent(long seq, Instant time, String type, String underlying, Map<String, Object> fields) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public IntradayEvent {
    Objects.requireNonNull(type, "type");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** Field {@code name}, or null. */
  public Object get(String name) {
    return fields.get(name);
  }

  /** A number field as a double (NaN when absent). */
  public double number(String name) {
    Object v = fields.get(name);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** One JSON line, without the newline. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", seq);
    m.put("time", time == null ? null : time.toString());
    m.put("type", type);
    m.put("underlying", underlying);
    m.putAll(fields);
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event " + seq + " cannot be written as JSON: " + e.getMessage(), e);
    }
  }
}

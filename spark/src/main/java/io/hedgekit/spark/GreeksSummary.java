package io.hedgekit.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.risk.greeks.GreekBucketing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Greek sums of a whole book, per underlying and per underlying × expiry bucket, in the model
 * units of {@link GreeksColumns} (value USD, delta coins, gamma coins per USD, vega USD per 1.00 of
 * vol, theta USD per year, rho USD per 1.00 of rate). Immutable.
 *
 * @param underlyings underlying names (the market's order)
 * @param spots spot per underlying, USD
 * @param sums {@code sums[u][c]}: column c ({@link GreeksColumns#NAMES}) over underlying u's positions
 * @param positions positions per underlying
 * @param byExpiry {@code byExpiry[u][b][c]}: the same per expiry bucket b ({@link GreekBucketing#EXPIRY_LABELS})
 * @param expiryPositions positions per underlying and expiry bucket
 */
public record GreeksSummary(List<String> underlyings, double[] spots, double[][] sums, long[] positions,
    double[][][] byExpiry, long[][] expiryPositions) {

  static GreeksSummary of(List<String> underlyings, double[] spots, PartitionRisk p) {
    return new GreeksSummary(List.copyOf(underlyings), spots.clone(), p.greeks, p.positionsBy, p.expiry,
        p.expiryPositions);
  }

  /** Sum of {@code column} ({@link GreeksColumns#NAMES}) over {@code underlying}'s positions. */
  public double sum(String underlying, String column) {
    return sums[index(underlying)][column(column)];
  }

  /** Sum of {@code column} over {@code underlying}'s positions in expiry bucket {@code label} ({@link GreekBucketing#EXPIRY_LABELS}). */
  public double expirySum(String underlying, String label, String column) {
    int b = GreekBucketing.EXPIRY_LABELS.indexOf(label);
    if (b < 0) {
      throw new IllegalArgumentException("unknown expiry bucket " + label + "; known: " + GreekBucketing.EXPIRY_LABELS);
    }
    return byExpiry[index(underlying)][b][column(column)];
  }

  /** Positions in the book. */
  public long totalPositions() {
    long n = 0;
    for (long p : positions) {
      n += p;
    }
    return n;
  }

  private int index(String underlying) {
    int u = underlyings.indexOf(underlying);
    if (u < 0) {
      throw new IllegalArgumentException("no underlying " + underlying + " in " + underlyings);
    }
    return u;
  }

  private static int column(String name) {
    int c = GreeksColumns.NAMES.indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException("unknown Greek column " + name + "; known: " + GreeksColumns.NAMES);
    }
    return c;
  }

  /**
   * As JSON: {@code {"positions": n, "underlyings": {"BTC": {"spot": ..., "positions": ..., "value": ...,
   * "delta": ..., ...}}, "by_expiry": {"BTC": {"<1w": {"positions": ..., "value": ..., ...}}}}}; buckets
   * without positions are left out.
   */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("positions", totalPositions());
    Map<String, Object> per = new LinkedHashMap<>();
    Map<String, Object> exp = new LinkedHashMap<>();
    for (int u = 0; u < underlyings.size(); u++) {
      if (positions[u] == 0) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("spot", spots[u]);
      m.put("positions", positions[u]);
      for (int c = 0; c < GreeksColumns.COUNT; c++) {
        m.put(GreeksColumns.NAMES.get(c), sums[u][c]);
      }
      per.put(underlyings.get(u), m);
      Map<String, Object> buckets = new LinkedHashMap<>();
      for (int b = 0; b < GreekBucketing.EXPIRY_LABELS.size(); b++) {
        if (expiryPositions[u][b] == 0) {
          continue;
        }
        Map<String, Object> mb = new LinkedHashMap<>();
        mb.put("positions", expiryPositions[u][b]);
        for (int c = 0; c < GreeksColumns.COUNT; c++) {
          mb.put(GreeksColumns.NAMES.get(c), byExpiry[u][b][c]);
        }
        buckets.put(GreekBucketing.EXPIRY_LABELS.get(b), mb);
      }
      exp.put(underlyings.get(u), buckets);
    }
    root.put("underlyings", per);
    root.put("by_expiry", exp);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

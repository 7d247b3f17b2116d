package io.hedgekit.risk.engine;

/**
 * A position that lenient resolution left out, and why.
 *
 * @param id the position's id
 * @param row its 1-based row in the book's source (file data row, or list position)
 * @param field the book column at fault ({@code underlying}, {@code expiry}, {@code vol}, ...)
 * @param value the offending value as text ({@code ""} when missing)
 * @param reason what is wrong, e.g. "is not in the market file market.json (it has [BTC, ETH])"
 */
public record Rejection(String id, long row, String field, String value, String reason) {

  /** One line a person can act on: {@code id p7 (row 7), column expiry: is at or before ..., was "..."}. */
  @Override
  public String toString() {
    return "id " + id + " (row " + row + "), column " + field + ": " + reason + ", was \"" + value + "\"";
  }
}

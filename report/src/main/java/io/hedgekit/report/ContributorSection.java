package io.hedgekit.report;

import java.util.List;

/**
 * The positions that contribute most to a risk measure.
 *
 * @param measure what is contributed to, with units, e.g. "contribution to ES 99% (USD)"
 * @param total the measure for the whole book, USD (shares are contribution / total)
 * @param rows the top contributors, largest first
 */
public record ContributorSection(String measure, double total, List<Contributor> rows) {

  /**
   * One position's contribution.
   *
   * @param id position id
   * @param underlying underlying name
   * @param description what the position is, e.g. "inverse call 100,000 2026-12-25, qty -25"
   * @param contribution its contribution to the measure, USD
   */
  public record Contributor(String id, String underlying, String description, double contribution) {
    public Contributor {
      Checks.text("id", id);
      Checks.text("underlying of " + id, underlying);
      java.util.Objects.requireNonNull(description, "description of " + id);
      Checks.finite("contribution of " + id, contribution);
    }
  }

  public ContributorSection {
    Checks.text("measure", measure);
    Checks.finite("total", total);
    rows = Checks.list("rows", rows);
  }

  /** Share of the total, or NaN when the total is 0. */
  public double share(Contributor c) {
    return total == 0 ? Double.NaN : c.contribution() / total;
  }
}

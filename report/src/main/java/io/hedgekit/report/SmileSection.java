package io.hedgekit.report;

import io.hedgekit.kernels.market.SviSlice;
import java.util.List;
import java.util.Objects;

/**
 * The fitted SVI smile of one underlying against the quotes it was fitted to: one chart per
 * expiry (implied vol over log-moneyness k = ln(K/F), quotes used as dots, quotes left out as
 * grey dots, the fitted slice as a line).
 *
 * @param underlying the underlying
 * @param source where the quotes came from (a file name)
 * @param slices one per expiry, in expiry order
 */
public record SmileSection(String underlying, String source, List<Slice> slices) {

  /**
   * One expiry.
   *
   * @param expiry label (an ISO date)
   * @param timeYears T, years
   * @param usedK k of the quotes fitted to
   * @param usedVol their mark vols, decimal
   * @param excludedK k of the quotes left out (unbid, pinned wings)
   * @param excludedVol their mark vols
   * @param svi the fitted slice, or null if the expiry was not fitted
   * @param rmseVolPoints RMSE on the used quotes, vol points
   * @param note a line for the chart's subtitle (quotes, errors, arbitrage-free)
   */
  public record Slice(String expiry, double timeYears, double[] usedK, double[] usedVol, double[] excludedK,
      double[] excludedVol, SviSlice svi, double rmseVolPoints, String note) {
    public Slice {
      Objects.requireNonNull(expiry, "expiry");
      if (usedK.length != usedVol.length || excludedK.length != excludedVol.length) {
        throw new IllegalArgumentException("smile slice " + expiry + ": k and vol arrays differ in length");
      }
      if (!(timeYears > 0)) {
        throw new IllegalArgumentException("smile slice " + expiry + ": T must be > 0, was " + timeYears);
      }
      usedK = usedK.clone();
      usedVol = usedVol.clone();
      excludedK = excludedK.clone();
      excludedVol = excludedVol.clone();
    }
  }

  public SmileSection {
    Objects.requireNonNull(underlying, "underlying");
    Objects.requireNonNull(source, "source");
    slices = Checks.nonEmpty("slices", slices);
  }
}

package io.hedgekit.risk.var;

import static io.hedgekit.kernels.PositionColumns.DOUBLE;
import static io.hedgekit.kernels.PositionColumns.INT;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.reference.ReferencePricer;
import io.hedgekit.risk.greeks.PortfolioGreeks;
import java.util.List;

/**
 * A book's Greeks summed per underlying, as the Greek approximations need them, accumulated batch
 * by batch: the plain sums of {@link PortfolioGreeks} plus spot-weighted delta, gamma and vanna
 * (ΣΔᵢSᵢ, ΣΓᵢSᵢ², Σvannaᵢ·Sᵢ), which make the approximation exact position by position even when
 * positions of one underlying carry different spots.
 *
 * <p>Two adjustments keep the approximations consistent with the revaluation rules of
 * {@link io.hedgekit.kernels.RevaluationKernel}, so that full and Greek P&amp;L agree for a book of
 * futures and perpetuals:
 * <ul>
 *   <li>Perpetual funding over the horizon is added: {@link #fundingPerYear} is
 *       {@link ReferencePricer#fundingPnl} per year of horizon (it is linear in the horizon, so
 *       funding·h is exactly what revaluation adds).</li>
 *   <li>Theta of perpetuals and of expired positions is left out: revaluation never ages them (a
 *       perpetual is valued with T = 0 at every horizon), while the Greeks kernel reports a
 *       perpetual's theta as that of a future at T = 0, −(r − q)·S·size, which is not a P&amp;L
 *       the revaluation would show.</li>
 * </ul>
 */
public final class Sensitivities {
  private final int underlyings;
  private final double[][] sums;
  private final long[] counts;
  private final double[] excludedTheta;
  private final double[] fundingPerYear;
  private final double[] dollarDelta;
  private final double[] dollarGamma;
  private final double[] dollarVanna;

  /** Zeros for {@code underlyings} underlyings. */
  public Sensitivities(int underlyings) {
    this.underlyings = underlyings;
    this.sums = new double[underlyings][GreeksColumns.COUNT];
    this.counts = new long[underlyings];
    this.excludedTheta = new double[underlyings];
    this.fundingPerYear = new double[underlyings];
    this.dollarDelta = new double[underlyings];
    this.dollarGamma = new double[underlyings];
    this.dollarVanna = new double[underlyings];
  }

  /** Adds one batch: its positions and the Greeks the kernel computed for them. */
  public void add(PositionColumns p, GreeksColumns g) {
    io.hedgekit.risk.greeks.GreeksSums.addTo(p, g, sums, counts);
    addSpotWeighted(p, g);
  }

  /**
   * Adds netted rows ({@link io.hedgekit.risk.book.NettedPositions}) and their Greeks, which
   * stand for {@code positions[u]} positions of each underlying u.
   */
  public void add(PositionColumns netted, GreeksColumns g, long[] positions) {
    io.hedgekit.risk.greeks.GreeksSums.addTo(netted, g, sums, new long[underlyings]);
    for (int u = 0; u < underlyings; u++) {
      counts[u] += positions[u];
    }
    addSpotWeighted(netted, g);
  }

  private void addSpotWeighted(PositionColumns p, GreeksColumns g) {
    for (int i = 0; i < p.rows(); i++) {
      int u = p.underlying().getAtIndex(INT, i);
      ContractKind kind = ContractKind.ofCode(p.kind().getAtIndex(INT, i));
      double spot = p.spot().getAtIndex(DOUBLE, i);
      dollarDelta[u] += g.delta().getAtIndex(DOUBLE, i) * spot;
      dollarGamma[u] += g.gamma().getAtIndex(DOUBLE, i) * spot * spot;
      dollarVanna[u] += g.vanna().getAtIndex(DOUBLE, i) * spot;
      boolean perpetual = kind.instrument() == ContractKind.Instrument.PERPETUAL;
      if (perpetual || (kind.hasExpiry() && p.timeYears().getAtIndex(DOUBLE, i) <= 0)) {
        double theta = g.theta().getAtIndex(DOUBLE, i);
        if (!Double.isNaN(theta)) {
          excludedTheta[u] += theta;
        }
      }
      if (perpetual) {
        fundingPerYear[u] += ReferencePricer.fundingPnl(kind.isInverse(), spot,
            p.size().getAtIndex(DOUBLE, i), p.funding8h().getAtIndex(DOUBLE, i), 1.0);
      }
    }
  }

  /** Per-underlying Greek sums as {@link PortfolioGreeks} (theta unadjusted). */
  public PortfolioGreeks portfolioGreeks(List<String> names, double[] spots) {
    return new PortfolioGreeks(names, spots, sums, counts);
  }

  /** The summed sensitivities of underlying u, theta adjusted as above. */
  public UnderlyingSensitivities of(int u, String name) {
    double[] s = sums[u];
    return new UnderlyingSensitivities(name, dollarDelta[u], dollarGamma[u], s[ReferencePricer.VEGA],
        s[ReferencePricer.THETA] - excludedTheta[u], dollarVanna[u], s[ReferencePricer.VOLGA], fundingPerYear[u]);
  }

  /** Number of underlyings. */
  public int underlyings() {
    return underlyings;
  }
}

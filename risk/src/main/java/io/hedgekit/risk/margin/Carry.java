package io.hedgekit.risk.margin;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.market.UnderlyingMarket;
import io.hedgekit.risk.InMemoryBook;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.ResolvedBook;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Carry and basis: the annualised basis of every listed future, the funding APR of every
 * perpetual, and the yield of the book's cash-and-carry pairs net of the margin they tie up.
 *
 * <p>Basis of a future with price F, expiry T years (ACT/365), spot S: {@code (F/S)^(1/T) − 1}.
 * Funding APR: {@code funding_rate_8h × 3 × 365} (simple, paid to shorts when positive).
 *
 * <p>Cash-and-carry pairs, per underlying: the long leg is the book's spot coins plus coin
 * collateral of that currency; it is matched against the book's short dated futures first
 * (nearest expiry first; inverse face / F coins), then short perpetuals (inverse face / S coins).
 * For a pair of q coins: annual carry = q·S·basis (futures) or q·S·funding APR (perpetuals);
 * margin tied up = IM of the pair alone (q coins of spot and the short leg, no collateral) from
 * the {@link MarginEngine}; net APR = annual carry / (q·S + that IM).
 */
public final class Carry {
  private Carry() {
  }

  /** A listed future's basis. */
  public record Basis(String underlying, double years, double forward, double spot, double annualised) {
  }

  /** A perpetual's funding. */
  public record Funding(String underlying, double funding8h, double apr) {
  }

  /**
   * A cash-and-carry pair.
   *
   * @param underlying name
   * @param shortLeg "future" or "perpetual"
   * @param years expiry of the future (0 for perpetuals)
   * @param coins paired size, coins
   * @param grossApr basis or funding APR on the spot notional
   * @param annualCarryUsd q·S·grossApr
   * @param marginUsd IM of the pair alone
   * @param netApr annual carry / (q·S + margin)
   */
  public record Pair(String underlying, String shortLeg, double years, double coins, double grossApr,
      double annualCarryUsd, double marginUsd, double netApr) {
  }

  /** Everything {@code hedgekit carry} reports. */
  public record Report(List<Basis> futures, List<Funding> perpetuals, List<Pair> pairs) {
    public Report {
      futures = List.copyOf(futures);
      perpetuals = List.copyOf(perpetuals);
      pairs = List.copyOf(pairs);
    }
  }

  /** Annualised basis {@code (F/S)^(1/T) − 1}; T &gt; 0 years. */
  public static double annualisedBasis(double forward, double spot, double years) {
    if (!(years > 0) || !(forward > 0) || !(spot > 0)) {
      throw new IllegalArgumentException("basis needs forward, spot and years > 0, were " + forward + ", " + spot + ", " + years);
    }
    return Math.pow(forward / spot, 1.0 / years) - 1.0;
  }

  /** Simple APR of an 8-hour funding rate: rate × 3 × 365. */
  public static double fundingApr(double funding8h) {
    return funding8h * 3 * 365;
  }

  /**
   * The carry report.
   *
   * @param engine prices the margin of each pair
   */
  public static Report compute(ResolvedBook book, MarketData market, Collateral collateral, MarginEngine engine) {
    Objects.requireNonNull(engine, "engine");
    List<Basis> futures = new ArrayList<>();
    List<Funding> perps = new ArrayList<>();
    for (String name : market.underlyingNames()) {
      UnderlyingMarket m = market.underlying(name);
      for (UnderlyingMarket.ForwardPoint f : m.forwards()) {
        futures.add(new Basis(name, f.timeYears(), f.price(), m.spot(), annualisedBasis(f.price(), m.spot(), f.timeYears())));
      }
      if (Double.isFinite(m.fundingRate8h())) {
        perps.add(new Funding(name, m.fundingRate8h(), fundingApr(m.fundingRate8h())));
      }
    }
    List<String> names = book.underlyings();
    double[] spots = book.spots();
    int n = names.size();
    double[] longCoins = new double[n];
    // Short legs per underlying: expiry years -> coins (perpetuals under key -1), with rate and carry.
    List<Map<Double, double[]>> shorts = new ArrayList<>();
    for (int u = 0; u < n; u++) {
      shorts.add(new java.util.TreeMap<>());
    }
    for (int u = 0; u < n; u++) {
      String name = names.get(u);
      longCoins[u] = collateral.balances().stream().filter(b -> b.currency().equals(name))
          .mapToDouble(Collateral.Balance::amount).sum();
    }
    Iterator<ResolvedBatch> it = book.batches();
    try {
      while (it.hasNext()) {
        try (ResolvedBatch batch = it.next()) {
          PositionColumns p = batch.columns();
          for (int i = 0; i < p.rows(); i++) {
            var r = p.row(i);
            ContractKind k = r.kind();
            if (k == ContractKind.SPOT && r.size() > 0) {
              longCoins[r.underlying()] += r.size();
            } else if ((k.instrument() == ContractKind.Instrument.FUTURE && r.timeYears() > 0
                || k.instrument() == ContractKind.Instrument.PERPETUAL) && r.size() < 0) {
              boolean perp = k.instrument() == ContractKind.Instrument.PERPETUAL;
              double forward = perp ? r.spot() : r.spot() * Math.exp((r.rate() - r.carry()) * r.timeYears());
              double coins = k.isInverse() ? -r.size() / forward : -r.size();
              double[] leg = shorts.get(r.underlying()).computeIfAbsent(perp ? -1.0 : r.timeYears(),
                  t -> new double[] {0, r.rate(), r.carry(), forward});
              leg[0] += coins;
            }
          }
        }
      }
    } finally {
      ResolvedBook.endPass(it);
    }
    List<Pair> pairs = new ArrayList<>();
    for (int u = 0; u < n; u++) {
      double left = longCoins[u];
      Map<Double, double[]> legs = new LinkedHashMap<>();
      shorts.get(u).forEach((t, leg) -> {
        if (t >= 0) {
          legs.put(t, leg);
        }
      });
      if (shorts.get(u).containsKey(-1.0)) {
        legs.put(-1.0, shorts.get(u).get(-1.0));
      }
      for (Map.Entry<Double, double[]> e : legs.entrySet()) {
        if (left <= 0) {
          break;
        }
        double t = e.getKey();
        double[] leg = e.getValue();
        double q = Math.min(left, leg[0]);
        left -= q;
        boolean perp = t < 0;
        double s = spots[u];
        double apr;
        if (perp) {
          UnderlyingMarket m = market.underlying(names.get(u));
          apr = fundingApr(m == null ? 0 : m.fundingRate8h());
        } else {
          apr = annualisedBasis(leg[3], s, t);
        }
        double im = pairMargin(engine, names, spots, u, q, perp ? 0 : t, leg[1], leg[2], perp);
        double carry = q * s * apr;
        pairs.add(new Pair(names.get(u), perp ? "perpetual" : "future", perp ? 0 : t, q, apr, carry, im,
            carry / (q * s + im)));
      }
    }
    return new Report(futures, perps, pairs);
  }

  private static double pairMargin(MarginEngine engine, List<String> names, double[] spots, int u, double q,
      double years, double rate, double carry, boolean perp) {
    int kind = perp ? ContractKind.LINEAR_PERPETUAL.code() : ContractKind.LINEAR_FUTURE.code();
    double s = spots[u];
    double forward = perp ? s : s * Math.exp((rate - carry) * years);
    PositionColumns cols = PositionColumns.ofArrays(new int[] {ContractKind.SPOT.code(), kind}, new int[] {u, u},
        new double[] {s, s}, new double[] {0, 0}, new double[] {0, years}, new double[] {0, 0},
        new double[] {rate, rate}, new double[] {carry, carry}, new double[] {q, -q}, new double[] {0, forward},
        new double[] {0, 0});
    InMemoryBook pair = new InMemoryBook(cols, List.of("spot", "short"), names, spots, 2);
    return engine.compute(pair, Collateral.none(), Map.of()).im();
  }

  /** A table for people. */
  public static String formatTable(Report r) {
    StringBuilder b = new StringBuilder("Futures basis (annualised, (F/S)^(1/T) - 1):\n");
    for (Basis f : r.futures()) {
      b.append(String.format(Locale.ROOT, "  %-6s T %6.3f y  F %,14.2f  S %,14.2f  basis %+7.2f%%%n", f.underlying(),
          f.years(), f.forward(), f.spot(), 100 * f.annualised()));
    }
    b.append("Perpetual funding (APR = funding_rate_8h x 3 x 365):\n");
    for (Funding f : r.perpetuals()) {
      b.append(String.format(Locale.ROOT, "  %-6s 8h %+.5f%%  APR %+7.2f%%%n", f.underlying(), 100 * f.funding8h(),
          100 * f.apr()));
    }
    b.append("Cash-and-carry pairs in the book (long spot/coin collateral vs short futures/perpetuals):\n");
    if (r.pairs().isEmpty()) {
      b.append("  none\n");
    }
    for (Pair p : r.pairs()) {
      b.append(String.format(Locale.ROOT, "  %-6s %-9s T %5.3f y  %,12.4f coins  gross %+7.2f%%  carry %,12.0f USD/y"
          + "  margin %,10.0f USD  net %+7.2f%%%n", p.underlying(), p.shortLeg(), p.years(), p.coins(),
          100 * p.grossApr(), p.annualCarryUsd(), p.marginUsd(), 100 * p.netApr()));
    }
    return b.toString();
  }
}

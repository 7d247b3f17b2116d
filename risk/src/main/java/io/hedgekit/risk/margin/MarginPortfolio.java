package io.hedgekit.risk.margin;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.Position;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.reference.ReferencePricer;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.book.InstrumentKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A book netted by instrument and split into vol-shock groups, with its collateral, ready for
 * margin passes. Options are grouped by (underlying, expiry, implied vol rounded to 0.01 vol
 * points): every option of a group gets the same absolute vol shift in a scenario, so one
 * {@link io.hedgekit.kernels.ScenarioColumns} per group carries the expiry- and vol-dependent
 * shocks while the kernel stays the stress kernel. Non-option contracts form one group per
 * underlying with no vol move.
 */
final class MarginPortfolio {
  /** Implied vols are rounded to this before the shock is computed (0.01 vol points). */
  static final double VOL_GROUPING = 1e-4;

  /** One vol-shock group. */
  record Group(int underlying, boolean option, double years, double vol, PositionColumns columns) {
  }

  /**
   * Inputs to the contingency add-ons of one underlying: net option coins per (expiry, strike) and
   * net futures/perpetual size per expiry (perpetuals as one expiry), so trades in a contract the
   * book holds net with it.
   */
  static final class Contingency {
    final Map<String, Double> netOptions = new HashMap<>();
    /** Net coins of linear futures/perpetuals per expiry. */
    final Map<Long, Double> linear = new HashMap<>();
    /** Net USD face of inverse futures/perpetuals per expiry. */
    final Map<Long, Double> inverse = new HashMap<>();

    Contingency copy() {
      Contingency c = new Contingency();
      c.netOptions.putAll(netOptions);
      c.linear.putAll(linear);
      c.inverse.putAll(inverse);
      return c;
    }

    void add(ContractKind kind, double strike, double years, double size) {
      if (kind.isOption()) {
        netOptions.merge(Double.doubleToLongBits(years) + "|" + Double.doubleToLongBits(strike), size, Double::sum);
      } else if (kind.instrument() == ContractKind.Instrument.FUTURE
          || kind.instrument() == ContractKind.Instrument.PERPETUAL) {
        long key = kind.instrument() == ContractKind.Instrument.PERPETUAL ? -1L : Double.doubleToLongBits(years);
        (kind.isInverse() ? inverse : linear).merge(key, size, Double::sum);
      }
    }

    /** Net short option coins summed over (expiry, strike). */
    double netShortOptionCoins() {
      double s = 0;
      for (double v : netOptions.values()) {
        s += Math.max(0, -v);
      }
      return s;
    }

    /** Contingency at spot {@code spot}, USD. */
    double value(MarginParameters p, double spot) {
      double longUsd = 0;
      double shortUsd = 0;
      for (double v : linear.values()) {
        longUsd += Math.max(0, v) * spot;
        shortUsd += Math.max(0, -v) * spot;
      }
      for (double v : inverse.values()) {
        longUsd += Math.max(0, v);
        shortUsd += Math.max(0, -v);
      }
      return p.shortOptionContingency() * spot * netShortOptionCoins() + p.futuresContingency() * Math.min(longUsd, shortUsd);
    }
  }

  final List<String> names;
  final int bookUnderlyings;
  final double[] spots;
  final MarginParameters[] params;
  final List<Group> groups;
  final double[] bookValue;
  final Contingency[] contingency;
  /** Coin collateral units after haircut per underlying (0 for none). */
  final double[] coinCollateral;
  /** USD value of cash collateral (USD, USDC, USDT) after haircut. */
  final double cash;
  final List<MarginResult.CollateralValue> collateralValues;
  final long instruments;

  private MarginPortfolio(List<String> names, int bookUnderlyings, double[] spots, MarginParameters[] params,
      List<Group> groups, double[] bookValue, Contingency[] contingency, double[] coinCollateral, double cash,
      List<MarginResult.CollateralValue> collateralValues, long instruments) {
    this.names = names;
    this.bookUnderlyings = bookUnderlyings;
    this.spots = spots;
    this.params = params;
    this.groups = groups;
    this.bookValue = bookValue;
    this.contingency = contingency;
    this.coinCollateral = coinCollateral;
    this.cash = cash;
    this.collateralValues = collateralValues;
    this.instruments = instruments;
  }

  /** This portfolio with {@code usd} added to its cash (a premium paid is negative). */
  MarginPortfolio withCash(double usd) {
    return new MarginPortfolio(names, bookUnderlyings, spots, params, groups, bookValue, contingency, coinCollateral,
        cash + usd, collateralValues, instruments);
  }

  int underlyings() {
    return names.size();
  }

  /** Collects positions, netted by instrument. */
  static final class Builder {
    private final List<String> bookNames;
    private final double[] bookSpots;
    private final Map<InstrumentKey, double[]> netted = new LinkedHashMap<>();

    Builder(List<String> underlyings, double[] spots) {
      if (spots.length != underlyings.size()) {
        throw new IllegalArgumentException("spots has " + spots.length + " entries, underlyings " + underlyings.size());
      }
      this.bookNames = List.copyOf(underlyings);
      this.bookSpots = spots.clone();
    }

    /** Adds every position of {@code book} (its underlyings must be this builder's, in order). */
    Builder addBook(ResolvedBook book) {
      if (!book.underlyings().equals(bookNames)) {
        throw new IllegalArgumentException("book underlyings " + book.underlyings() + " differ from " + bookNames);
      }
      Iterator<ResolvedBatch> it = book.batches();
      try {
        while (it.hasNext()) {
          try (ResolvedBatch batch = it.next()) {
            add(batch.columns());
          }
        }
      } finally {
        ResolvedBook.endPass(it);
      }
      return this;
    }

    Builder add(PositionColumns p) {
      for (int i = 0; i < p.rows(); i++) {
        int u = p.underlying().getAtIndex(PositionColumns.INT, i);
        if (u < 0 || u >= bookNames.size()) {
          throw new IllegalArgumentException("position underlying index " + u + " is outside " + bookNames);
        }
        double size = p.size().getAtIndex(PositionColumns.DOUBLE, i);
        double[] row = netted.get(InstrumentKey.of(p, i));
        if (row == null) {
          Position r = p.row(i);
          netted.put(InstrumentKey.of(p, i), new double[] {r.kind().code(), u, r.spot(), r.strike(), r.timeYears(),
              r.vol(), r.rate(), r.carry(), size, r.entryPrice(), r.funding8h()});
        } else {
          row[8] += size;
        }
      }
      return this;
    }

    Builder add(Position p) {
      return add(PositionColumns.ofArrays(new int[] {p.kind().code()}, new int[] {p.underlying()},
          new double[] {p.spot()}, new double[] {p.strike()}, new double[] {p.timeYears()}, new double[] {p.vol()},
          new double[] {p.rate()}, new double[] {p.carry()}, new double[] {p.size()}, new double[] {p.entryPrice()},
          new double[] {p.funding8h()}));
    }

    /**
     * The portfolio with its collateral.
     *
     * @param prices USD price of currencies that are not book underlyings (from the market)
     * @throws IllegalArgumentException for a collateral currency without a price, or an
     *     underlying the model has no parameters for
     */
    MarginPortfolio build(MarginModel model, Collateral collateral, Map<String, Double> prices) {
      List<String> names = new ArrayList<>(bookNames);
      List<Double> spotList = new ArrayList<>();
      for (double s : bookSpots) {
        spotList.add(s);
      }
      for (Collateral.Balance b : collateral.balances()) {
        if (!b.isCash() && !names.contains(b.currency())) {
          Double price = prices.get(b.currency());
          if (price == null || !(price > 0)) {
            throw new IllegalArgumentException("collateral currency " + b.currency() + " has no USD price: it is"
                + " neither a book underlying nor in the market (known: " + names + " " + prices.keySet() + ")");
          }
          names.add(b.currency());
          spotList.add(price);
        }
      }
      int n = names.size();
      double[] spots = spotList.stream().mapToDouble(Double::doubleValue).toArray();
      MarginParameters[] params = new MarginParameters[n];
      for (int u = 0; u < n; u++) {
        params[u] = model.paramsFor(names.get(u));
      }
      double[] coin = new double[n];
      double cash = 0;
      List<MarginResult.CollateralValue> values = new ArrayList<>();
      for (Collateral.Balance b : collateral.balances()) {
        double price = b.isCash() ? 1.0 : spots[names.indexOf(b.currency())];
        double effective = b.amount() * (1 - b.haircut());
        if (b.isCash()) {
          cash += effective;
        } else {
          coin[names.indexOf(b.currency())] += effective;
        }
        values.add(new MarginResult.CollateralValue(b.currency(), b.amount(), b.haircut(), price, effective * price));
      }

      double[] bookValue = new double[n];
      Contingency[] cont = new Contingency[n];
      for (int u = 0; u < n; u++) {
        cont[u] = new Contingency();
      }
      Map<String, List<double[]>> byGroup = new LinkedHashMap<>();
      for (double[] r : netted.values()) {
        if (r[8] == 0) {
          continue;
        }
        ContractKind kind = ContractKind.ofCode((int) r[0]);
        int u = (int) r[1];
        bookValue[u] += ReferencePricer.value((int) r[0], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]);
        cont[u].add(kind, r[3], r[4], r[8]);
        String key = kind.isOption()
            ? u + "|o|" + Double.doubleToLongBits(r[4]) + "|" + Math.round(r[5] / VOL_GROUPING)
            : u + "|l";
        byGroup.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
      }
      List<Group> groups = new ArrayList<>();
      for (List<double[]> rows : byGroup.values()) {
        double[] first = rows.getFirst();
        boolean option = ContractKind.ofCode((int) first[0]).isOption();
        groups.add(new Group((int) first[1], option, first[4], Math.round(first[5] / VOL_GROUPING) * VOL_GROUPING,
            columns(rows)));
      }
      return new MarginPortfolio(List.copyOf(names), bookNames.size(), spots, params, List.copyOf(groups), bookValue,
          cont, coin, cash, List.copyOf(values), netted.size());
    }

    private static PositionColumns columns(List<double[]> rows) {
      int n = rows.size();
      int[] kind = new int[n];
      int[] und = new int[n];
      double[][] d = new double[9][n];
      for (int i = 0; i < n; i++) {
        double[] r = rows.get(i);
        kind[i] = (int) r[0];
        und[i] = (int) r[1];
        for (int c = 0; c < 9; c++) {
          d[c][i] = r[c + 2];
        }
      }
      return PositionColumns.ofArrays(kind, und, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
    }
  }
}

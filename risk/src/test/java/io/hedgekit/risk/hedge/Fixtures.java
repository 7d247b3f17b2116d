package io.hedgekit.risk.hedge;

import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.Position;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.reference.ReferenceGreeksKernel;
import io.hedgekit.kernels.reference.ReferenceRevaluationKernel;
import io.hedgekit.kernels.reference.ScalarBackendProvider;
import io.hedgekit.risk.InMemoryBook;
import io.hedgekit.risk.greeks.PortfolioGreeks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Books, universes and scenarios for the hedge tests: BTC at 95 000, ETH at 3 400, r = 3%, q = 1%. */
final class Fixtures {
  static final List<String> UNDERLYINGS = List.of("BTC", "ETH");
  static final double[] SPOTS = {95_000, 3_400};
  static final double RATE = 0.03;
  static final double CARRY = 0.01;

  private Fixtures() {
  }

  static ComputeBackend scalar() {
    return new ScalarBackendProvider().open(BackendOptions.defaults());
  }

  static Position option(ContractKind kind, int u, double strikeMoneyness, double years, double vol, double size) {
    double s = SPOTS[u];
    return new Position(kind, u, s, s * strikeMoneyness, years, vol, RATE, CARRY, size, 0.0, 0.0);
  }

  static Position linear(ContractKind kind, int u, double years, double size, double entry, double funding8h) {
    double s = SPOTS[u];
    return new Position(kind, u, s, s, years, 1.0, RATE, CARRY, size, entry, funding8h);
  }

  static Position spot(int u, double size) {
    return linear(ContractKind.SPOT, u, 0, size, 0, 0);
  }

  static InMemoryBook book(List<Position> positions) {
    return book(positions, UNDERLYINGS, SPOTS);
  }

  static InMemoryBook book(List<Position> positions, List<String> names, double[] spots) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < positions.size(); i++) {
      ids.add("p" + i);
    }
    return new InMemoryBook(columns(positions), ids, names, spots, 7);
  }

  static PositionColumns columns(List<Position> list) {
    int n = list.size();
    int[] kind = new int[n];
    int[] und = new int[n];
    double[][] d = new double[9][n];
    for (int i = 0; i < n; i++) {
      Position p = list.get(i);
      kind[i] = p.kind().code();
      und[i] = p.underlying();
      d[0][i] = p.spot();
      d[1][i] = p.strike();
      d[2][i] = p.timeYears();
      d[3][i] = p.vol();
      d[4][i] = p.rate();
      d[5][i] = p.carry();
      d[6][i] = p.size();
      d[7][i] = p.entryPrice();
      d[8][i] = p.funding8h();
    }
    return PositionColumns.ofArrays(kind, und, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
  }

  static HedgeInstrument instrument(String id, Position contract, double cost, double lot) {
    return new HedgeInstrument(id, contract, cost, lot, Double.NaN, Double.NaN);
  }

  static HedgeUniverse universe(HedgeInstrument... list) {
    return new HedgeUniverse(List.of(list), UNDERLYINGS, SPOTS);
  }

  /** A desk-like universe: inverse BTC perpetual ($10 face), a linear BTC future, BTC options, ETH perpetual and options. */
  static HedgeUniverse deskUniverse() {
    return universe(
        instrument("BTC-PERPETUAL", linear(ContractKind.INVERSE_PERPETUAL, 0, 0, 10, 0, 0.0001), 0.005, 1),
        instrument("BTC-27MAR26", linear(ContractKind.LINEAR_FUTURE, 0, 0.25, 0.001, 0, 0), 0.05, 1),
        instrument("BTC-1M-95000-C", option(ContractKind.INVERSE_CALL, 0, 1.0, 1.0 / 12, 0.55, 1), 30, 0.1),
        instrument("BTC-1M-85000-P", option(ContractKind.INVERSE_PUT, 0, 85.0 / 95, 1.0 / 12, 0.6, 1), 25, 0.1),
        instrument("BTC-3M-105000-C", option(ContractKind.INVERSE_CALL, 0, 105.0 / 95, 0.25, 0.52, 1), 40, 0.1),
        instrument("BTC-6M-95000-P", option(ContractKind.LINEAR_PUT, 0, 1.0, 0.5, 0.5, 1), 60, 0.1),
        instrument("ETH-PERPETUAL", linear(ContractKind.LINEAR_PERPETUAL, 1, 0, 0.01, 0, 0.0001), 0.0004, 1),
        instrument("ETH-1M-3400-C", option(ContractKind.INVERSE_CALL, 1, 1.0, 1.0 / 12, 0.7, 1), 1.5, 1),
        instrument("ETH-3M-3000-P", option(ContractKind.INVERSE_PUT, 1, 3000.0 / 3400, 0.25, 0.72, 1), 2, 1),
        instrument("ETH-6M-4000-C", option(ContractKind.LINEAR_CALL, 1, 4000.0 / 3400, 0.5, 0.68, 1), 3, 1));
  }

  /** Random options book on BTC and ETH plus some linear positions. */
  static List<Position> optionsBook(long seed, int rows) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Position> list = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      int u = rnd.nextInt(2);
      ContractKind kind = ContractKind.ofCode(rnd.nextInt(4));
      double size = (rnd.nextBoolean() ? 1 : -1) * (u == 0 ? 0.1 * rnd.nextInt(1, 50) : rnd.nextInt(1, 200));
      list.add(option(kind, u, Math.exp(rnd.nextDouble(-0.3, 0.3)), rnd.nextDouble(0.02, 1.0), rnd.nextDouble(0.4, 0.9), size));
    }
    list.add(linear(ContractKind.INVERSE_FUTURE, 0, 0.4, -250_000, 90_000, 0));
    list.add(spot(1, 120));
    return list;
  }

  /** M scenarios of correlated fat-tailed returns (daily-ish) and vol shifts for BTC and ETH. */
  static ScenarioColumns scenarios(long seed, int m) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] r = new double[2][m];
    double[][] v = new double[2][m];
    for (int s = 0; s < m; s++) {
      double common = rnd.nextGaussian();
      double scale = rnd.nextDouble() < 0.1 ? 3 : 1;
      r[0][s] = 0.03 * scale * common;
      r[1][s] = 0.04 * scale * (0.8 * common + 0.6 * rnd.nextGaussian());
      v[0][s] = -0.5 * r[0][s] + 0.01 * rnd.nextGaussian();
      v[1][s] = -0.5 * r[1][s] + 0.01 * rnd.nextGaussian();
    }
    return ScenarioColumns.ofArrays(r, v, 1.0 / 365);
  }

  /** The book with the tickets added as positions (size = quantity × contract size). */
  static List<Position> withTrades(List<Position> book, HedgeUniverse universe, List<HedgeTicket> tickets) {
    List<Position> all = new ArrayList<>(book);
    for (HedgeTicket t : tickets) {
      Position c = universe.get(universe.indexOf(t.id())).contract();
      all.add(new Position(c.kind(), c.underlying(), c.spot(), c.strike(), c.timeYears(), c.vol(), c.rate(), c.carry(),
          c.size() * t.quantity(), c.entryPrice(), c.funding8h()));
    }
    return all;
  }

  /** Greeks per underlying of a position list, straight from the reference kernel. */
  static PortfolioGreeks referenceGreeks(List<Position> positions) {
    return PortfolioGreeks.compute(book(positions), new ReferenceGreeksKernel());
  }

  /** Portfolio P&amp;L per scenario of a position list, straight from the reference kernel. */
  static double[] referencePnl(List<Position> positions, ScenarioColumns sc) {
    PnlAccumulator acc = PnlAccumulator.zeros(sc.scenarios(), sc.underlyings());
    new ReferenceRevaluationKernel().revalue(columns(positions), sc, acc);
    return acc.portfolio();
  }

  static double greek(PortfolioGreeks g, int u, String name) {
    return g.get(u, name);
  }

  static int column(String name) {
    return GreeksColumns.NAMES.indexOf(name);
  }
}

package io.hedgekit.risk.engine;

import io.hedgekit.kernels.scenario.ScenarioMetadata;
import io.hedgekit.kernels.scenario.ScenarioSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Markets, books and scenario sets built in memory for the engine tests. */
public final class EngineFixtures {
  static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

  private EngineFixtures() {
  }

  /** BTC at 95,000 with two listed forwards, ETH at 3,000 with a flat carry; flat vols; funding. */
  static Market market() {
    return Market.builder(NOW)
        .underlying("BTC", u -> u.spot(95_000).rate(0.04).flatVol(0.55).fundingRate8h(0.0001)
            .forward(NOW.plus(Duration.ofDays(30)), 95_600).forward(NOW.plus(Duration.ofDays(120)), 97_400))
        .underlying("ETH", u -> u.spot(3_000).rate(0.04).carry(0.01).flatVol(0.70))
        .build();
  }

  /** {@code n} positions of every kind over BTC and ETH, from a fixed seed. */
  static List<Position> positions(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Position> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean btc = rnd.nextBoolean();
      String u = btc ? "BTC" : "ETH";
      double spot = btc ? 95_000 : 3_000;
      Instant expiry = NOW.plus(Duration.ofHours(6 + rnd.nextInt(24 * 400)));
      double q = Math.round(rnd.nextDouble(-20, 20) * 10) / 10.0 + 0.1;
      String id = "p" + i;
      Position p = switch (rnd.nextInt(8)) {
        case 0, 1 -> Position.option(id, u, rnd.nextBoolean() ? Position.CALL : Position.PUT,
            Math.round(spot * rnd.nextDouble(0.6, 1.5)), expiry, q);
        case 2, 3 -> Position.inverseOption(id, u, rnd.nextBoolean() ? Position.CALL : Position.PUT,
            Math.round(spot * rnd.nextDouble(0.6, 1.5)), expiry, q);
        case 4 -> Position.future(id, u, expiry, q, spot * rnd.nextDouble(0.9, 1.1));
        case 5 -> Position.inverseFuture(id, u, expiry, q, 10, Double.NaN);
        case 6 -> rnd.nextBoolean() ? Position.perpetual(id, u, q, spot * 0.98) : Position.inversePerpetual(id, u, q, 10, spot);
        default -> Position.spot(id, u, q);
      };
      if (p.kind().isOption() && rnd.nextInt(4) == 0) {
        p = p.withVol(rnd.nextDouble(0.3, 1.2));
      }
      out.add(p);
    }
    return out;
  }

  /** {@code m} one-day scenarios for BTC and ETH with vol shifts. */
  public static ScenarioSet scenarios(int m, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] scenario = new int[m];
    double[] horizon = new double[m];
    double[][] returns = new double[2][m];
    double[][] shifts = new double[2][m];
    for (int s = 0; s < m; s++) {
      scenario[s] = s + 1;
      horizon[s] = 1.0;
      double z = gaussian(rnd);
      returns[0][s] = 0.03 * z;
      returns[1][s] = 0.04 * (0.8 * z + 0.6 * gaussian(rnd));
      shifts[0][s] = -0.5 * returns[0][s];
      shifts[1][s] = -0.5 * returns[1][s];
    }
    return new ScenarioSet("test", ScenarioMetadata.UNKNOWN, List.of("BTC", "ETH"), scenario, null, horizon, returns,
        shifts);
  }

  private static double gaussian(SplittableRandom rnd) {
    double u1 = rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Perpetuals and near futures on both underlyings, with costs and lots: a delta hedge universe. */
  static Book hedgeInstruments() {
    return Book.of("universe", List.of(
        Position.perpetual("BTC-PERP", "BTC", 1, Double.NaN),
        Position.perpetual("ETH-PERP", "ETH", 1, Double.NaN),
        Position.future("BTC-FUT", "BTC", NOW.plus(Duration.ofDays(30)), 1, Double.NaN),
        Position.option("BTC-C", "BTC", Position.CALL, 100_000, NOW.plus(Duration.ofDays(30)), 1),
        Position.option("ETH-P", "ETH", Position.PUT, 2_800, NOW.plus(Duration.ofDays(30)), 1)));
  }

  static double[] hedgeCosts() {
    return new double[] {5, 0.5, 6, 40, 3};
  }

  static double[] hedgeLots() {
    return new double[] {0.001, 0.01, 0.001, 0.1, 1};
  }
}

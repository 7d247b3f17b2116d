package io.hedgekit.spark;

import io.hedgekit.kernels.Progress;
import io.hedgekit.io.market.MarketJson;
import io.hedgekit.io.scenario.ScenarioFiles;
import io.hedgekit.kernels.scenario.ScenarioMetadata;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.risk.engine.Market;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.arrow.memory.RootAllocator;

/** A market, a book CSV and a scenario file written for the Spark tests. */
final class SparkFixtures {
  static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

  private SparkFixtures() {
  }

  /** BTC at 95,000 with two listed forwards and funding, ETH at 3,000 with carry; flat vols. */
  static Path market(Path dir) {
    Market m = Market.builder(NOW)
        .underlying("BTC", u -> u.spot(95_000).rate(0.04).flatVol(0.55).fundingRate8h(0.0001)
            .forward(NOW.plus(Duration.ofDays(30)), 95_600).forward(NOW.plus(Duration.ofDays(120)), 97_400))
        .underlying("ETH", u -> u.spot(3_000).rate(0.04).carry(0.01).flatVol(0.70))
        .build();
    Path file = dir.resolve("market.json");
    MarketJson.write(m.data(), file);
    return file;
  }

  /**
   * {@code n} positions over BTC and ETH of every kind (linear and inverse options, futures,
   * perpetuals, spot), drawn from {@code instruments} distinct instruments so netting has work.
   */
  static Path bookCsv(Path dir, int n, int instruments, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> lines = new ArrayList<>();
    lines.add("id,underlying,instrument,type,settlement,strike,expiry,quantity,contract_size,vol,entry_price");
    List<String> inst = new ArrayList<>();
    for (int i = 0; i < instruments; i++) {
      boolean btc = rnd.nextBoolean();
      String u = btc ? "BTC" : "ETH";
      double spot = btc ? 95_000 : 3_000;
      String expiry = NOW.plus(Duration.ofHours(6 + rnd.nextInt(24 * 400))).toString();
      String cp = rnd.nextBoolean() ? "call" : "put";
      long strike = Math.round(spot * rnd.nextDouble(0.6, 1.5));
      String vol = rnd.nextInt(4) == 0 ? String.format(Locale.ROOT, "%.3f", rnd.nextDouble(0.3, 1.2)) : "";
      inst.add(switch (rnd.nextInt(8)) {
        case 0, 1 -> u + ",option," + cp + ",linear," + strike + "," + expiry + ",%s,," + vol + ",";
        case 2, 3 -> u + ",option," + cp + ",inverse," + strike + "," + expiry + ",%s,," + vol + ",";
        case 4 -> u + ",future,,linear,," + expiry + ",%s,,," + Math.round(spot * rnd.nextDouble(0.9, 1.1));
        case 5 -> u + ",future,,inverse,," + expiry + ",%s,10,,";
        case 6 -> u + ",perpetual,,linear,,,%s,,," + Math.round(spot * 0.98);
        default -> u + ",spot,,,,,%s,,,";
      });
    }
    for (int i = 0; i < n; i++) {
      double q = Math.round(rnd.nextDouble(-20, 20) * 10) / 10.0 + 0.1;
      lines.add("p" + i + "," + String.format(Locale.ROOT, inst.get(rnd.nextInt(instruments)),
          String.format(Locale.ROOT, "%.1f", q)));
    }
    Path file = dir.resolve("book.csv");
    Files.write(file, lines);
    return file;
  }

  /** {@code m} one-day scenarios for BTC and ETH with vol shifts, as an Arrow IPC file. */
  static Path scenarios(Path dir, int m, long seed) {
    return scenarios(dir, m, seed, List.of("BTC", "ETH"));
  }

  /**
   * {@code m} one-day scenarios for {@code underlyings} with vol shifts, as an Arrow IPC file: the
   * first moves 3% a day, each later one 4% with correlation 0.8 to the first.
   */
  static Path scenarios(Path dir, int m, long seed, List<String> underlyings) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = underlyings.size();
    int[] scenario = new int[m];
    double[] horizon = new double[m];
    double[][] returns = new double[n][m];
    double[][] shifts = new double[n][m];
    for (int s = 0; s < m; s++) {
      scenario[s] = s + 1;
      horizon[s] = 1.0;
      double z = gaussian(rnd);
      returns[0][s] = 0.03 * z;
      for (int u = 1; u < n; u++) {
        returns[u][s] = 0.04 * (0.8 * z + 0.6 * gaussian(rnd));
      }
      for (int u = 0; u < n; u++) {
        shifts[u][s] = -0.5 * returns[u][s];
      }
    }
    ScenarioSet set = new ScenarioSet("test", ScenarioMetadata.UNKNOWN, underlyings, scenario, null, horizon,
        returns, shifts);
    Path file = dir.resolve("scenarios.arrow");
    try (RootAllocator a = new RootAllocator()) {
      ScenarioFiles.write(set, file, TableFormat.ARROW, a, Progress.NONE);
    }
    return file;
  }

  private static double gaussian(SplittableRandom rnd) {
    double u1 = rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}

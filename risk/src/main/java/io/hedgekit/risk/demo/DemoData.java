package io.hedgekit.risk.demo;

import io.hedgekit.io.table.TableFormat;
import io.hedgekit.io.table.TableSink;
import io.hedgekit.io.table.TableWriter;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.market.UnderlyingMarket;
import io.hedgekit.kernels.market.SviSlice;
import io.hedgekit.kernels.market.VolSmile;
import io.hedgekit.kernels.market.VolSurface;
import io.hedgekit.io.market.OptionChainCsv;
import io.hedgekit.risk.smile.SmileCalibration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The demo's market and book, built deterministically from a real Deribit BTC option chain
 * ({@code examples/deribit_options_snapshot_2026_tessicin.csv}, captured 2026-03-01 13:49 UTC).
 *
 * <p>BTC: spot, listed forwards (each expiry's {@code underlying_price}), an arbitrage-free SVI
 * smile per expiry fitted to the chain ({@link SmileCalibration}, vega weights; the vol the
 * positions use) and, beside it, the older vol surface from the chain's mark IVs (each expiry's
 * smile interpolated onto a common strike grid; superseded by the smile, kept for comparison).
 * ETH and SOL have no chain in the shared data: their spots are BTC's scaled by the last ETH/BTC
 * and SOL/BTC closes of the shared daily history (2025-11-19), and their smiles and surfaces are
 * BTC's with strikes scaled the same way and vols raised by 15% and 35% (the smiles: SVI fits to
 * the chain's marks times 1.15 and 1.35; documented synthetic assumptions).
 *
 * <p>The book mixes inverse (coin-settled, Deribit) and linear (USDC) options on the listed
 * strikes and expiries, inverse futures, inverse and linear perpetuals and spot, with signed
 * sizes; the same seed always gives the same book.
 */
public final class DemoData {
  /** USD rate used for the demo market. */
  public static final double RATE = 0.04;
  /** ETH/BTC and SOL/BTC closes on 2025-11-19 (3023.07 / 91465.99, 136.77 / 91465.99). */
  public static final double ETH_PER_BTC = 3023.07 / 91465.99;
  public static final double SOL_PER_BTC = 136.77 / 91465.99;

  private static final DateTimeFormatter SYMBOL_DATE = DateTimeFormatter.ofPattern("dMMMyy", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private final Instant valuationTime;
  private final double btcSpot;
  private final TreeMap<Long, Double> forwardByExpiry = new TreeMap<>();
  private final TreeMap<Long, TreeMap<Double, List<Double>>> ivByExpiryStrike = new TreeMap<>();
  private final List<ChainOption> options = new ArrayList<>();

  private record ChainOption(long expiryMs, double strike, boolean call) {
  }

  private SmileCalibration.Result smileFit;
  private List<OptionChainCsv.Quote> quotes;

  private DemoData(Instant valuationTime, double btcSpot) {
    this.valuationTime = valuationTime;
    this.btcSpot = btcSpot;
  }

  /** Reads the chain file (the tessicin snapshot's columns). */
  public static DemoData fromChain(Path chainCsv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(chainCsv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> header = List.of(lines.get(0).split(",", -1));
    int iExpiry = header.indexOf("expiration_timestamp_ms");
    int iStrike = header.indexOf("strike");
    int iType = header.indexOf("option_type");
    int iIv = header.indexOf("mark_iv");
    int iForward = header.indexOf("underlying_price");
    int iSpot = header.indexOf("spot_ref_median_underlying");
    int iTime = header.indexOf("timestamp_ms_inferred");
    String[] first = lines.get(1).split(",", -1);
    DemoData d = new DemoData(Instant.ofEpochMilli(Long.parseLong(first[iTime])), Double.parseDouble(first[iSpot]));
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",", -1);
      long expiry = Long.parseLong(f[iExpiry]);
      double strike = Double.parseDouble(f[iStrike]);
      d.forwardByExpiry.put(expiry, Double.parseDouble(f[iForward]));
      d.ivByExpiryStrike.computeIfAbsent(expiry, k -> new TreeMap<>())
          .computeIfAbsent(strike, k -> new ArrayList<>()).add(Double.parseDouble(f[iIv]) / 100.0);
      d.options.add(new ChainOption(expiry, strike, f[iType].equals("call")));
    }
    d.quotes = OptionChainCsv.read(chainCsv);
    d.smileFit = SmileCalibration.fit(d.quotes, "BTC", d.valuationTime, SmileCalibration.Weighting.VEGA);
    return d;
  }

  /** The BTC smile fit: the slices and, per expiry, the quotes fitted to and left out. */
  public SmileCalibration.Result smileFit() {
    return smileFit;
  }

  /** The valuation time of the chain. */
  public Instant valuationTime() {
    return valuationTime;
  }

  /** The demo market: BTC from the chain, ETH and SOL scaled from it (see class javadoc). */
  public MarketData market() {
    Map<String, UnderlyingMarket> m = new LinkedHashMap<>();
    m.put("BTC", underlying(1.0, 1.0, 0.0001));
    m.put("ETH", underlying(ETH_PER_BTC, 1.15, 0.00012));
    m.put("SOL", underlying(SOL_PER_BTC, 1.35, 0.00015));
    return new MarketData(valuationTime, m);
  }

  private UnderlyingMarket underlying(double scale, double volScale, double funding) {
    MarketData clock = new MarketData(valuationTime, Map.of("X", new UnderlyingMarket(1, 0, 0, List.of(), 0.5, null, 0)));
    List<UnderlyingMarket.ForwardPoint> forwards = new ArrayList<>();
    forwardByExpiry.forEach((ms, f) -> forwards.add(
        new UnderlyingMarket.ForwardPoint(clock.yearsTo(Instant.ofEpochMilli(ms)), f * scale)));
    TreeSet<Double> grid = new TreeSet<>();
    ivByExpiryStrike.values().forEach(smile -> grid.addAll(smile.keySet()));
    double[] strikes = grid.stream().mapToDouble(k -> k * scale).toArray();
    double[] times = new double[ivByExpiryStrike.size()];
    double[][] vols = new double[times.length][];
    int i = 0;
    for (Map.Entry<Long, TreeMap<Double, List<Double>>> e : ivByExpiryStrike.entrySet()) {
      times[i] = clock.yearsTo(Instant.ofEpochMilli(e.getKey()));
      vols[i] = new double[strikes.length];
      int j = 0;
      for (double k : grid) {
        vols[i][j++] = volScale * smileAt(e.getValue(), k);
      }
      i++;
    }
    return new UnderlyingMarket(btcSpot * scale, RATE, 0.0, forwards, 0.6 * volScale,
        new VolSurface(times, strikes, vols), funding, scaledSmile(volScale));
  }

  /**
   * BTC's smile with vols times {@code volScale}: an SVI fit to the chain's marks times volScale
   * (log-moneyness, unchanged by the strike scaling), so it is arbitrage-free like BTC's.
   */
  private VolSmile scaledSmile(double volScale) {
    if (volScale == 1.0) {
      return smileFit.smile();
    }
    List<OptionChainCsv.Quote> scaled = new ArrayList<>();
    for (OptionChainCsv.Quote q : quotes) {
      scaled.add(new OptionChainCsv.Quote(q.instrument(), q.underlying(), q.expiry(), q.strike(), q.call(),
          q.forward(), q.markVol() * volScale, q.bidPrice(), q.askPrice(), q.delta(), q.time(), q.row()));
    }
    return SmileCalibration.fit(scaled, "BTC", valuationTime, SmileCalibration.Weighting.VEGA).smile();
  }

  /** One expiry's smile (mean of call and put IV per strike) at strike k: linear, flat outside. */
  private static double smileAt(TreeMap<Double, List<Double>> smile, double k) {
    Map.Entry<Double, List<Double>> lo = smile.floorEntry(k);
    Map.Entry<Double, List<Double>> hi = smile.ceilingEntry(k);
    if (lo == null) {
      return mean(hi.getValue());
    }
    if (hi == null || lo.getKey().equals(hi.getKey())) {
      return mean(lo.getValue());
    }
    double w = (k - lo.getKey()) / (hi.getKey() - lo.getKey());
    return (1 - w) * mean(lo.getValue()) + w * mean(hi.getValue());
  }

  private static double mean(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  /** Columns of the demo book file. */
  public static final Schema BOOK_SCHEMA = new Schema(List.of(
      Field.notNullable("id", ArrowType.Utf8.INSTANCE),
      Field.nullable("symbol", ArrowType.Utf8.INSTANCE),
      Field.nullable("underlying", ArrowType.Utf8.INSTANCE),
      Field.nullable("instrument", ArrowType.Utf8.INSTANCE),
      Field.notNullable("quantity", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
      new Field("contract_size", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
      new Field("entry_price", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null)));

  /**
   * Writes a book of {@code positions} rows (CSV or Arrow IPC by {@code format}), atomically.
   * Mix: 55% BTC, 30% ETH, 15% SOL; 88% options (60% inverse, 40% USDC linear), 6% inverse futures,
   * 4% perpetuals (half inverse, half USDC linear), 2% spot.
   */
  public void writeBook(Path file, TableFormat format, int positions, long seed, BufferAllocator allocator) {
    try (TableWriter w = TableWriter.open(file, format, BOOK_SCHEMA)) {
      writeBook(w, positions, seed, allocator);
    }
  }

  /**
   * Writes the same book ({@link #BOOK_SCHEMA}, batches of 65,536 rows) to {@code sink} (any table
   * format, e.g. Parquet from a {@link io.hedgekit.io.table.TableSinkProvider}) and commits it; the
   * caller closes the sink.
   */
  public void writeBook(TableSink w, int positions, long seed, BufferAllocator allocator) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Long> futureExpiries = new ArrayList<>(forwardByExpiry.keySet());
    int batch = 65_536;
    try (VectorSchemaRoot root = VectorSchemaRoot.create(BOOK_SCHEMA, allocator)) {
      VarCharVector id = (VarCharVector) root.getVector("id");
      VarCharVector symbol = (VarCharVector) root.getVector("symbol");
      VarCharVector underlying = (VarCharVector) root.getVector("underlying");
      VarCharVector instrument = (VarCharVector) root.getVector("instrument");
      Float8Vector quantity = (Float8Vector) root.getVector("quantity");
      Float8Vector contractSize = (Float8Vector) root.getVector("contract_size");
      Float8Vector entry = (Float8Vector) root.getVector("entry_price");
      for (int start = 0; start < positions; start += batch) {
        int n = Math.min(batch, positions - start);
        root.getFieldVectors().forEach(v -> v.setInitialCapacity(n));
        root.allocateNew();
        for (int r = 0; r < n; r++) {
          double pick = rnd.nextDouble();
          String u = pick < 0.55 ? "BTC" : pick < 0.85 ? "ETH" : "SOL";
          double scale = u.equals("BTC") ? 1.0 : u.equals("ETH") ? ETH_PER_BTC : SOL_PER_BTC;
          double lot = u.equals("BTC") ? 0.1 : u.equals("ETH") ? 1.0 : 10.0;
          id.setSafe(r, String.format(Locale.ROOT, "P%07d", start + r + 1).getBytes(StandardCharsets.UTF_8));
          double kindPick = rnd.nextDouble();
          double sign = rnd.nextDouble() < 0.55 ? -1.0 : 1.0; // the desk is mostly short options
          if (kindPick < 0.88) {
            ChainOption o = options.get(rnd.nextInt(options.size()));
            double strike = roundStrike(o.strike() * scale, u);
            boolean inverse = rnd.nextDouble() < 0.6;
            String s = (inverse ? u : u + "_USDC") + "-" + SYMBOL_DATE.format(Instant.ofEpochMilli(o.expiryMs())).toUpperCase(Locale.ROOT)
                + "-" + strikeText(strike) + "-" + (o.call() ? "C" : "P");
            symbol.setSafe(r, s.getBytes(StandardCharsets.UTF_8));
            quantity.set(r, sign * lot * (1 + rnd.nextInt(100)));
            contractSize.set(r, 1.0);
            entry.setNull(r);
          } else if (kindPick < 0.94) {
            long expiry = futureExpiries.get(rnd.nextInt(futureExpiries.size()));
            String s = u + "-" + SYMBOL_DATE.format(Instant.ofEpochMilli(expiry)).toUpperCase(Locale.ROOT);
            symbol.setSafe(r, s.getBytes(StandardCharsets.UTF_8));
            quantity.set(r, sign * 100 * (1 + rnd.nextInt(500)));
            contractSize.set(r, 10.0); // USD face per inverse contract, as on Deribit
            entry.set(r, forwardByExpiry.get(expiry) * scale * Math.exp(0.05 * rnd.nextGaussian()));
          } else if (kindPick < 0.98) {
            boolean inverse = rnd.nextBoolean();
            symbol.setSafe(r, ((inverse ? u : u + "_USDC") + "-PERPETUAL").getBytes(StandardCharsets.UTF_8));
            quantity.set(r, inverse ? sign * 100 * (1 + rnd.nextInt(500)) : sign * lot * (1 + rnd.nextInt(100)));
            contractSize.set(r, inverse ? 10.0 : 1.0);
            entry.set(r, btcSpot * scale * Math.exp(0.05 * rnd.nextGaussian()));
          } else {
            symbol.setNull(r);
            underlying.setSafe(r, u.getBytes(StandardCharsets.UTF_8));
            instrument.setSafe(r, "spot".getBytes(StandardCharsets.UTF_8));
            quantity.set(r, lot * (1 + rnd.nextInt(50)));
            contractSize.set(r, 1.0);
            entry.setNull(r);
            continue;
          }
          underlying.setNull(r);
          instrument.setNull(r);
        }
        root.setRowCount(n);
        w.write(root);
      }
      w.commit();
    }
  }

  private static double roundStrike(double k, String u) {
    double tick = u.equals("BTC") ? 1000 : u.equals("ETH") ? 25 : 1;
    return Math.max(tick, Math.round(k / tick) * tick);
  }

  private static String strikeText(double k) {
    return k == Math.rint(k) ? Long.toString((long) k) : Double.toString(k).replace('.', 'd');
  }
}

package io.hedgekit.io.market;

import io.hedgekit.io.impl.CsvRecordReader;
import io.hedgekit.kernels.Conventions;
import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.reference.ImpliedVol;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an option chain in Deribit's ticker columns (the files of {@code shared/data}).
 *
 * <p>Required columns: {@code instrument_name} (BTC-25DEC26-100000-C: the underlying is the text
 * before the first dash), {@code underlying_price} (the forward of that expiry, USD),
 * {@code strike}, {@code option_type} (call/put), {@code expiration_timestamp_ms}, and either
 * {@code mark_iv} (percent) or {@code mark_price_coin}. Optional: {@code timestamp_ms} (capture
 * time; {@code timestamp_ms_inferred} when empty), {@code best_bid_price} and
 * {@code best_ask_price} (coin prices; 0 or empty = no quote), {@code bid_iv} and {@code ask_iv}
 * (percent), {@code delta}. Prices in coin are
 * Black-76 prices over the forward (USD price = coin price × underlying_price, r = 0, ACT/365),
 * so implied vols are solved with {@link ImpliedVol#black76} from them. Extra columns are
 * ignored.
 */
public final class OptionChainCsv {

  /**
   * One option of the chain.
   *
   * @param instrument instrument name
   * @param underlying text before the first dash of the name, upper case
   * @param expiry expiry instant
   * @param strike strike, USD
   * @param call true for a call
   * @param forward forward of the expiry, USD
   * @param markVol exchange mark implied vol, decimal (from mark_iv, else solved from the mark price;
   *     NaN when that price is outside the option's no-arbitrage bounds)
   * @param bidPrice best bid, coin (NaN when nobody bids)
   * @param askPrice best ask, coin (NaN when nobody offers)
   * @param delta exchange delta (NaN when absent)
   * @param time capture time (null when the file does not say)
   * @param row record number in the file (1 = first data row)
   * @param bidVol bid implied vol, decimal, from a {@code bid_iv} column (percent), NaN when absent
   * @param askVol ask implied vol, decimal, from an {@code ask_iv} column (percent), NaN when absent
   */
  public record Quote(String instrument, String underlying, Instant expiry, double strike, boolean call,
      double forward, double markVol, double bidPrice, double askPrice, double delta, Instant time, long row,
      double bidVol, double askVol) {

    /** A quote without bid/ask vol columns. */
    public Quote(String instrument, String underlying, Instant expiry, double strike, boolean call,
        double forward, double markVol, double bidPrice, double askPrice, double delta, Instant time, long row) {
      this(instrument, underlying, expiry, strike, call, forward, markVol, bidPrice, askPrice, delta, time, row,
          Double.NaN, Double.NaN);
    }

    /** The implied vol of a coin price of this option at T years, or NaN outside the no-arbitrage bounds. */
    public double volOfCoinPrice(double coinPrice, double timeYears) {
      if (!(coinPrice > 0) || !(timeYears > 0)) {
        return Double.NaN;
      }
      try {
        return ImpliedVol.black76(call, coinPrice * forward, forward, strike, timeYears);
      } catch (IllegalArgumentException e) {
        return Double.NaN;
      }
    }
  }

  private OptionChainCsv() {
  }

  /**
   * Reads every row of a chain file.
   *
   * @throws InputException naming file, row, column and value of the first bad field
   */
  public static List<Quote> read(Path path) {
    String file = path.toString();
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      CsvRecordReader csv = new CsvRecordReader(r, file);
      List<String> header = csv.next();
      if (header == null) {
        throw new InputException(file, 0, null, null, "empty file: need a header row");
      }
      Map<String, Integer> col = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        col.put(header.get(i).toLowerCase(Locale.ROOT), i);
      }
      for (String need : List.of("instrument_name", "underlying_price", "strike", "option_type",
          "expiration_timestamp_ms")) {
        if (!col.containsKey(need)) {
          throw new InputException(file, 0, need, null, "missing column (header: " + header + ")");
        }
      }
      if (!col.containsKey("mark_iv") && !col.containsKey("mark_price_coin")) {
        throw new InputException(file, 0, "mark_iv", null, "missing column: need mark_iv or mark_price_coin");
      }
      List<Quote> out = new ArrayList<>();
      List<String> f;
      while ((f = csv.next()) != null) {
        if (f.isEmpty()) {
          continue;
        }
        long row = csv.recordNumber();
        Fields x = new Fields(file, row, f, col);
        String name = x.text("instrument_name");
        int dash = name.indexOf('-');
        if (dash <= 0) {
          throw new InputException(file, row, "instrument_name", name, "expected UNDERLYING-EXPIRY-STRIKE-C|P");
        }
        String type = x.text("option_type").toLowerCase(Locale.ROOT);
        if (!type.equals("call") && !type.equals("put")) {
          throw new InputException(file, row, "option_type", type, "must be call or put");
        }
        double forward = x.positive("underlying_price");
        double strike = x.positive("strike");
        Instant expiry = Instant.ofEpochMilli((long) x.positive("expiration_timestamp_ms"));
        double ts = x.optional("timestamp_ms");
        if (Double.isNaN(ts)) {
          ts = x.optional("timestamp_ms_inferred");
        }
        Instant time = Double.isNaN(ts) ? null : Instant.ofEpochMilli((long) ts);
        double iv = x.optional("mark_iv");
        double markVol = iv / 100.0;
        if (!Double.isNaN(iv) && !(iv > 0 && iv <= 1000)) {
          throw new InputException(file, row, "mark_iv", Double.toString(iv), "must be > 0 and <= 1000 (percent)");
        }
        double bid = x.optional("best_bid_price");
        double ask = x.optional("best_ask_price");
        double bidIv = x.optional("bid_iv");
        double askIv = x.optional("ask_iv");
        Quote q = new Quote(name, name.substring(0, dash).toUpperCase(Locale.ROOT), expiry, strike,
            type.equals("call"), forward, markVol, bid > 0 ? bid : Double.NaN, ask > 0 ? ask : Double.NaN,
            x.optional("delta"), time, row, bidIv > 0 ? bidIv / 100 : Double.NaN, askIv > 0 ? askIv / 100 : Double.NaN);
        if (Double.isNaN(markVol)) {
          double mark = x.optional("mark_price_coin");
          if (time == null) {
            throw new InputException(file, row, "mark_iv", "", "is empty; solving it from mark_price_coin needs timestamp_ms");
          }
          double t = (expiry.toEpochMilli() - time.toEpochMilli()) / Conventions.MILLIS_PER_YEAR;
          if (Double.isNaN(mark)) {
            throw new InputException(file, row, "mark_price_coin", "", "is empty and so is mark_iv: no vol for this row");
          }
          // NaN when the price is outside the option's no-arbitrage bounds: in-the-money rows often
          // are, priced against a slightly different underlying than the printed one.
          markVol = q.volOfCoinPrice(mark, t);
          q = new Quote(q.instrument(), q.underlying(), expiry, strike, q.call(), forward, markVol, q.bidPrice(),
              q.askPrice(), q.delta(), time, row, q.bidVol(), q.askVol());
        }
        out.add(q);
      }
      return out;
    } catch (NoSuchFileException e) {
      throw new InputException(file, 0, null, null, "no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private record Fields(String file, long row, List<String> f, Map<String, Integer> col) {
    String text(String name) {
      Integer i = col.get(name);
      String v = i == null || i >= f.size() ? "" : f.get(i);
      if (v.isEmpty()) {
        throw new InputException(file, row, name, "", "is empty (required)");
      }
      return v;
    }

    double positive(String name) {
      String v = text(name);
      double d;
      try {
        d = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new InputException(file, row, name, v, "must be a number");
      }
      if (!(d > 0) || Double.isInfinite(d)) {
        throw new InputException(file, row, name, v, "must be a finite number > 0");
      }
      return d;
    }

    double optional(String name) {
      Integer i = col.get(name);
      String v = i == null || i >= f.size() ? "" : f.get(i);
      if (v.isEmpty()) {
        return Double.NaN;
      }
      try {
        double d = Double.parseDouble(v);
        if (!Double.isFinite(d)) {
          throw new InputException(file, row, name, v, "must be a finite number");
        }
        return d;
      } catch (NumberFormatException e) {
        throw new InputException(file, row, name, v, "must be a number");
      }
    }
  }
}

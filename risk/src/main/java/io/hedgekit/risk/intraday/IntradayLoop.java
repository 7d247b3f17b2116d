package io.hedgekit.risk.intraday;

import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.greeks.DeskUnits;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.market.UnderlyingMarket;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.engine.Book;
import io.hedgekit.risk.engine.GreeksRequest;
import io.hedgekit.risk.engine.GreeksResult;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.ResolvedPositions;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.engine.VarRequest;
import io.hedgekit.risk.hedge.HedgeInstrument;
import io.hedgekit.risk.hedge.HedgeResult;
import io.hedgekit.risk.hedge.HedgeTarget;
import io.hedgekit.risk.hedge.HedgeTicket;
import io.hedgekit.risk.hedge.HedgeUniverse;
import io.hedgekit.risk.hedge.UnderlyingRisk;
import io.hedgekit.risk.var.RiskFigure;
import io.hedgekit.risk.var.VarMethod;
import io.hedgekit.risk.var.VarResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The warm intraday loop: a book resolved once ({@link LiveBook}), repriced on every accepted
 * market update, watched against {@link Mandates}, with re-hedges proposed by the
 * {@link io.hedgekit.risk.hedge.Hedger} on the mandates' universe.
 *
 * <p>On each update, in order: the {@link MarketGuard} accepts it, or it becomes a {@code stale}
 * or {@code rejected} event and nothing is repriced; underlyings silent for longer than
 * {@code max_age_seconds} become {@code stale} events; the book's Greeks are repriced (one
 * {@code greeks} event: per underlying and for the book, in desk units); Greek limits and vol
 * triggers are checked ({@code breach} events on crossing and on clearing); VaR/ES by full
 * revaluation runs when due (every N updates or every interval of update time; a {@code var}
 * event) and its limits are checked; a scope (an underlying, or the book) in breach gets a
 * {@code rehedge} proposal when its data is fresh and its cooldown has passed. Trades add to the
 * book (a {@code trade} event, then Greeks).
 *
 * <p>Hysteresis: a limit is breached when |exposure| &gt; its limit and clears only at or below
 * the midpoint of its band and its limit; proposals are made only while breached, at most once per
 * cooldown per scope. The proposal hedges the breached underlying's positions alone with that
 * underlying's instruments (the book with all instruments for book-scope limits) and reports the
 * tickets and the risk before and after; with {@link Options#applyHedges()} the tickets are added
 * to the book. Nothing is ever sent anywhere.
 *
 * <p>Time: every time to expiry runs down with the update clock from the first update (the
 * snapshot is taken to be valid at that moment). Not thread-safe: one thread feeds it. Holds no
 * off-heap memory: the resolved book is freed once netted into the live book.
 */
public final class IntradayLoop {
  private static final double MILLIS_PER_YEAR = MarketData.MILLIS_PER_YEAR;

  private final RiskEngine engine;
  private final Market market;
  private final Mandates mandates;
  private final ScenarioSet scenarios;
  private final Options options;
  private final Consumer<IntradayEvent> sink;
  private final LiveBook live;
  private final MarketGuard guard;
  private final List<HedgeInstrument> units;
  private final List<String> watched;
  private final long[] rowsPerUnderlying;
  private final Map<String, Boolean> breached = new HashMap<>();
  private final Map<String, Instant> lastHedge = new HashMap<>();
  private final Map<String, Double> shiftAtHedge = new HashMap<>();
  private final Map<String, RealisedVol> realised = new HashMap<>();
  private final Map<String, UnderlyingMarket> replaced = new HashMap<>();
  private final java.util.Set<String> triggered = new java.util.HashSet<>();
  private final List<Double> confidences;
  private final boolean hasTailLimits;
  private long seq;
  private Instant start;
  private Instant now;
  private long updates;
  private long updatesSinceVar;
  private Instant lastVarTime;
  private boolean dirtySinceVar;
  private GreeksResult lastGreeks;
  private VarResult lastVar;
  private boolean universeMissingReported;

  /**
   * Settings of the loop.
   *
   * @param varEvery VaR/ES every N accepted updates (0 = not by count)
   * @param varInterval VaR/ES when this much update time has passed since the last (null = not by time)
   * @param applyHedges add proposed tickets to the in-memory book
   * @param allowExpired value positions already expired at the snapshot at intrinsic instead of
   *     rejecting the book
   */
  public record Options(int varEvery, Duration varInterval, boolean applyHedges, boolean allowExpired) {

    /** Expired positions rejected. */
    public Options(int varEvery, Duration varInterval, boolean applyHedges) {
      this(varEvery, varInterval, applyHedges, false);
    }

    public Options {
      if (varEvery < 0) {
        throw new IllegalArgumentException("var-every must be >= 0, was " + varEvery);
      }
      if (varInterval != null && (varInterval.isNegative() || varInterval.isZero())) {
        throw new IllegalArgumentException("var-interval must be > 0, was " + varInterval);
      }
    }

    /** VaR/ES every 100 updates, proposals not applied. */
    public static Options defaults() {
      return new Options(100, null, false);
    }
  }

  /**
   * Resolves {@code book} against {@code market} once (strictly) and makes the loop.
   *
   * @param universe the hedge universe (resolved against {@code market}), or null: breaches are
   *     reported, no re-hedge is proposed
   * @param scenarios for VaR/ES and scenario hedge targets, or null: no VaR/ES
   * @param sink receives every event, in order, on the caller's thread
   * @throws InputException naming the first position that cannot be priced
   */
  public IntradayLoop(RiskEngine engine, Book book, Market market, Mandates mandates, HedgeUniverse universe,
      ScenarioSet scenarios, Options options, Consumer<IntradayEvent> sink) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.market = Objects.requireNonNull(market, "market");
    this.mandates = Objects.requireNonNull(mandates, "mandates");
    this.scenarios = scenarios;
    this.options = Objects.requireNonNull(options, "options");
    this.sink = Objects.requireNonNull(sink, "sink");
    try (ResolvedPositions resolved = engine.resolve(book, market,
        io.hedgekit.risk.engine.ResolvePolicy.strict().withAllowExpired(options.allowExpired()))) {
      this.live = LiveBook.of(resolved);
    }
    this.rowsPerUnderlying = new long[live.underlyings().size()];
    countRows();
    Map<String, Double> spots = new LinkedHashMap<>();
    Map<String, Double> refVols = new LinkedHashMap<>();
    double month = 30 / 365.0;
    for (String u : market.underlyings()) {
      double s = market.spot(u);
      spots.put(u, s);
      double v = market.underlying(u).volFor(month, s);
      refVols.put(u, Double.isFinite(v) && v > 0 ? v : Double.NaN);
    }
    this.guard = new MarketGuard(mandates.maxAgeSeconds(), mandates.maxJump(), spots, refVols);
    this.units = universe == null ? null : Hedging.onLiveUnderlyings(universe, live);
    this.watched = live.underlyings();
    TreeSet<Double> cs = new TreeSet<>();
    boolean tail = false;
    for (Mandates.Limit l : mandates.limits()) {
      if (l.measure() == Mandates.Measure.VAR || l.measure() == Mandates.Measure.ES) {
        cs.add(l.confidence());
        tail = true;
      }
    }
    if (cs.isEmpty()) {
      cs.add(0.99);
    }
    this.confidences = List.copyOf(cs);
    mandates.volTriggers().forEach(vt -> triggered.add(vt.underlying()));
    this.hasTailLimits = tail;
  }

  /** The warm book (for views and benchmarks). */
  public LiveBook book() {
    return live;
  }

  /** The Greeks of the last repricing, or null before the first. */
  public GreeksResult lastGreeks() {
    return lastGreeks;
  }

  /** The last VaR/ES, or null. */
  public VarResult lastVar() {
    return lastVar;
  }

  /** The guard (stale and quarantine state). */
  public MarketGuard guard() {
    return guard;
  }

  /** Whether a limit is in breach now; key {@code "<limit label>"} per {@link Mandates.Limit#label()} with the underlying. */
  public boolean inBreach(String key) {
    return breached.getOrDefault(key, false);
  }

  /** Handles one update (market move or trade), writing its events to the sink. */
  public void onUpdate(MarketUpdate u) {
    Objects.requireNonNull(u, "update");
    Instant t = u.time() != null ? u.time() : now;
    if (t != null && (now == null || t.isAfter(now))) {
      now = t;
    }
    if (start == null && now != null) {
      start = now;
    }
    updates++;
    if (now != null) {
      double elapsed = Duration.between(start, now).toMillis() / MILLIS_PER_YEAR;
      if (elapsed != live.elapsedYears()) {
        live.setElapsed(elapsed);
      }
    }
    if (u.isTrade()) {
      ageCheck();
      trade(u);
    } else {
      MarketGuard.Decision d = guard.check(u);
      if (now != null) {
        ageCheck(); // after the check, so that the underlying just updated is not reported
      }
      switch (d.verdict()) {
        case STALE -> emit(u.time(), "stale", u.underlying(), fields("line", u.line(), "source", u.source(),
            "reason", d.reason()));
        case REJECTED -> {
          Map<String, Object> f = fields("line", u.line(), "source", u.source(), "reason", d.reason(),
              "quarantined", u.underlying() != null && guard.isQuarantined(u.underlying()));
          if (u.hasSpot()) {
            f.put("spot", u.spot());
          }
          if (!Double.isNaN(u.volShift())) {
            f.put("vol_shift", u.volShift());
          }
          emit(u.time(), "rejected", u.underlying(), f);
        }
        case ACCEPT -> {
          String note = d.reason();
          try {
            apply(u);
          } catch (IllegalArgumentException e) {
            // a smile whose vols cannot price the book's options (the rest of the update is applied)
            emit(u.time(), "rejected", u.underlying(), fields("line", u.line(), "source", u.source(), "reason",
                "smile not applied: " + e.getMessage()));
          }
          if (u.svi() != null && !u.svi().warnings().isEmpty()) {
            String w = String.join("; ", u.svi().warnings());
            note = note == null ? w : note + "; " + w;
          }
          reprice(u, note);
        }
        default -> throw new IllegalStateException("unhandled verdict " + d.verdict());
      }
    }
  }

  /** At the end of the input: a last VaR/ES when the book changed since the one before. */
  public void finish() {
    if (scenarios != null && dirtySinceVar && now != null) {
      var(now, null);
    }
  }

  private void apply(MarketUpdate u) {
    int ui = live.indexOf(u.underlying());
    if (ui < 0) {
      return; // in the market, not in the book: nothing to reprice
    }
    if (u.hasSpot()) {
      double prev = live.spot(ui);
      live.setSpot(ui, u.spot());
      if (triggered.contains(u.underlying())) {
        realised.computeIfAbsent(u.underlying(), k -> new RealisedVol()).add(u.time(), Math.log(u.spot() / prev));
      }
    }
    if (!Double.isNaN(u.volShift())) {
      live.setVolShift(ui, u.volShift());
    }
    if (!Double.isNaN(u.fundingRate8h())) {
      live.setFunding(ui, u.fundingRate8h());
    }
    if (u.forwards() != null) {
      List<UnderlyingMarket.ForwardPoint> points = new ArrayList<>();
      for (MarketUpdate.ForwardQuote f : u.forwards()) {
        points.add(new UnderlyingMarket.ForwardPoint(
            Duration.between(u.time(), f.expiry()).toMillis() / MILLIS_PER_YEAR, f.price()));
      }
      UnderlyingMarket m = snapshotOf(u.underlying());
      UnderlyingMarket curve = new UnderlyingMarket(live.spot(ui), m.rate(), m.carry(), points, m.flatVol(),
          m.surface(), m.fundingRate8h());
      live.setCarry(ui, curve::carryFor);
      // the same carries in the snapshot's time frame (t + elapsed), for resolving later trades
      double e = live.elapsedYears();
      List<UnderlyingMarket.ForwardPoint> shifted = new ArrayList<>();
      for (UnderlyingMarket.ForwardPoint f : points) {
        double q = curve.carryFor(f.timeYears());
        shifted.add(new UnderlyingMarket.ForwardPoint(f.timeYears() + e,
            live.spot(ui) * Math.exp((m.rate() - q) * (f.timeYears() + e))));
      }
      // an SVI smile stays in log-moneyness over the new forwards (for trades resolved later)
      replaced.put(u.underlying(), new UnderlyingMarket(live.spot(ui), m.rate(), m.carry(), shifted, m.flatVol(),
          m.surface(), m.fundingRate8h(), m.smile()));
    }
    if (u.smile() != null) {
      io.hedgekit.kernels.market.VolSurface now = u.smile().at(u.time());
      live.setSmile(ui, now::vol);
      double e = live.elapsedYears();
      double[] t = now.times();
      double[] ts = new double[t.length];
      for (int i = 0; i < t.length; i++) {
        ts[i] = t[i] + e;
      }
      double[][] vols = new double[t.length][];
      for (int i = 0; i < t.length; i++) {
        vols[i] = u.smile().vols()[i].clone();
      }
      UnderlyingMarket m = snapshotOf(u.underlying());
      // the replacement grid takes over from any SVI smile of the market file (which would come first)
      replaced.put(u.underlying(), new UnderlyingMarket(m.spot(), m.rate(), m.carry(), m.forwards(), m.flatVol(),
          new io.hedgekit.kernels.market.VolSurface(ts, u.smile().strikes(), vols), m.fundingRate8h(), null));
    }
    if (u.svi() != null) {
      applySvi(u, ui);
    }
  }

  /**
   * An SVI smile replacement: the live book's market-vol options re-read at their current
   * moneyness and time to expiry, and, for trades resolved later, the smile in the snapshot's
   * frame (times from its valuation time, a and b scaled by T_snapshot/T_live so that each
   * listed expiry keeps the update's vols; moved along log-moneyness against the snapshot's spot,
   * which {@link #currentMarket} moves back).
   */
  private void applySvi(MarketUpdate u, int ui) {
    double e = live.elapsedYears();
    List<io.hedgekit.kernels.market.VolSmile.Slice> now = new ArrayList<>();
    List<io.hedgekit.kernels.market.VolSmile.Slice> snapshot = new ArrayList<>();
    for (io.hedgekit.kernels.market.VolSmile.Slice s : u.svi().smile().slices()) {
      double tSnapshot = Duration.between(market.valuationTime(), s.expiry()).toMillis() / MILLIS_PER_YEAR;
      double tLive = tSnapshot - e;
      if (!(tLive > 0)) {
        throw new IllegalArgumentException("slice " + s.expiry() + " has expired on the loop's clock");
      }
      now.add(new io.hedgekit.kernels.market.VolSmile.Slice(s.expiry(), tLive, s.svi()));
      double scale = tSnapshot / tLive;
      io.hedgekit.kernels.market.SviSlice p = s.svi();
      snapshot.add(new io.hedgekit.kernels.market.VolSmile.Slice(s.expiry(), tSnapshot,
          new io.hedgekit.kernels.market.SviSlice(p.a() * scale, p.b() * scale, p.rho(), p.m(), p.sigma())));
    }
    live.setSmile(ui, new io.hedgekit.kernels.market.VolSmile(now));
    UnderlyingMarket m = snapshotOf(u.underlying());
    double ratio = live.spot(ui) / m.spot();
    replaced.put(u.underlying(), new UnderlyingMarket(m.spot(), m.rate(), m.carry(), m.forwards(), m.flatVol(),
        m.surface(), m.fundingRate8h(),
        new io.hedgekit.kernels.market.VolSmile(snapshot).shiftedInMoneyness(-Math.log(ratio))));
  }

  /** The underlying's market in the snapshot's time frame: replaced curves if any, else the snapshot's. */
  private UnderlyingMarket snapshotOf(String name) {
    UnderlyingMarket r = replaced.get(name);
    return r != null ? r : market.underlying(name);
  }

  private void ageCheck() {
    for (MarketGuard.StaleNotice s : guard.ageCheck(now)) {
      emit(now, "stale", s.underlying(), fields("reason", String.format(java.util.Locale.ROOT,
          "no update for %.0f s (max_age_seconds %.0f)", s.ageSeconds(), guard.maxAgeSeconds()),
          "last_update", s.lastUpdate().toString()));
    }
  }

  private void trade(MarketUpdate u) {
    Book one = Book.of("trade at line " + u.line(), List.of(u.trade()));
    Market at = currentMarket();
    try (ResolvedPositions r = engine.resolve(one, at)) {
      var it = r.batches();
      while (it.hasNext()) {
        try (var batch = it.next()) {
          for (int i = 0; i < batch.columns().rows(); i++) {
            io.hedgekit.kernels.Position p = batch.columns().row(i);
            String name = r.underlyings().get(p.underlying());
            int ui = live.indexOf(name);
            if (ui < 0) {
              throw new IllegalArgumentException("underlying " + name + " is not in the book's market " + live.underlyings());
            }
            live.add(withUnderlying(p, ui), 1.0, u.trade().id(), Double.isNaN(u.trade().vol()));
          }
        }
      }
    } catch (InputException | IllegalArgumentException e) {
      emit(u.time(), "rejected", u.trade().underlying(), fields("line", u.line(), "source", "trade", "reason",
          "trade " + u.trade().id() + ": " + e.getMessage()));
      return;
    }
    countRows();
    emit(u.time(), "trade", u.trade().underlying(), fields("line", u.line(), "id", u.trade().id(), "quantity",
        u.trade().quantity(), "instruments", live.instruments()));
    reprice(u, null);
  }

  /**
   * The snapshot at today's spots with the forward curves and smiles replaced since (no vol shift:
   * the live book applies it), valuation time unchanged.
   */
  private Market currentMarket() {
    Market.Builder b = Market.builder(market.valuationTime()).name(market.name());
    for (String name : market.underlyings()) {
      UnderlyingMarket m = snapshotOf(name);
      int ui = live.indexOf(name);
      double s = ui >= 0 ? live.spot(ui) : m.spot();
      double ratio = s / m.spot();
      List<UnderlyingMarket.ForwardPoint> fwd = new ArrayList<>();
      for (UnderlyingMarket.ForwardPoint f : m.forwards()) {
        fwd.add(new UnderlyingMarket.ForwardPoint(f.timeYears(), f.price() * ratio));
      }
      // sticky strike, as Market.withSpot: an SVI smile moves by ln(ratio) in log-moneyness
      b.underlying(name, new UnderlyingMarket(s, m.rate(), m.carry(), fwd, m.flatVol(), m.surface(), m.fundingRate8h(),
          m.smile() == null ? null : m.smile().shiftedInMoneyness(Math.log(ratio))));
    }
    return b.build();
  }

  private void reprice(MarketUpdate u, String note) {
    GreeksResult g = engine.greeks(live.view(), GreeksRequest.sums());
    lastGreeks = g;
    dirtySinceVar = true;
    Map<String, Object> f = fields("line", u.line(), "source", u.source());
    if (note != null) {
      f.put("note", note);
    }
    f.put("positions", live.positions());
    f.put("instruments", live.instruments());
    f.put("stale", staleList());
    f.put("quarantined", quarantinedList());
    Map<String, Object> by = new LinkedHashMap<>();
    double[] book = new double[5];
    for (String name : g.underlyings()) {
      int ui = live.indexOf(name);
      if (ui < 0 || rowsPerUnderlying[ui] == 0) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      GreeksResult.Desk d = g.desk(name);
      double spot = live.spot(ui);
      row.put("spot", spot);
      row.put("vol_shift", live.volShift(ui));
      row.put("value_usd", d.value());
      row.put("delta_coin", g.sum(name, "delta"));
      row.put("delta_usd", d.dollarDelta());
      row.put("gamma_coin_per_pct", d.gammaPer1Pct());
      row.put("gamma_usd_per_pct", d.gammaPer1Pct() * spot);
      row.put("vega_usd_per_vol_point", d.vegaPerVolPoint());
      row.put("theta_usd_per_day", d.thetaPerDay());
      row.put("stale", guard.isStale(name) || guard.isQuarantined(name));
      by.put(name, row);
      book[0] += d.value();
      book[1] += d.dollarDelta();
      book[2] += d.gammaPer1Pct() * spot;
      book[3] += d.vegaPerVolPoint();
      book[4] += d.thetaPerDay();
    }
    f.put("by_underlying", by);
    f.put("book", fields("value_usd", book[0], "delta_usd", book[1], "gamma_usd_per_pct", book[2],
        "vega_usd_per_vol_point", book[3], "theta_usd_per_day", book[4]));
    emit(u.time(), "greeks", u.underlying(), f);

    Map<String, List<Trigger>> due = new LinkedHashMap<>();
    checkGreekLimits(g, due);
    checkVolTriggers(due);
    updatesSinceVar++;
    if (scenarios != null && varDue()) {
      var(u.time(), due);
    }
    for (Map.Entry<String, List<Trigger>> e : due.entrySet()) {
      rehedge(e.getKey(), e.getValue());
    }
  }

  private boolean varDue() {
    if (lastVarTime == null) {
      return true;
    }
    if (options.varEvery() > 0 && updatesSinceVar >= options.varEvery()) {
      return true;
    }
    return options.varInterval() != null && !Duration.between(lastVarTime, now).minus(options.varInterval())
        .isNegative();
  }

  private void var(Instant t, Map<String, List<Trigger>> due) {
    VarResult v = engine.var(live.view(), scenarios, VarRequest.fullRevaluation(toArray(confidences))
        .withNetting(false)).result();
    lastVar = v;
    lastVarTime = now;
    updatesSinceVar = 0;
    dirtySinceVar = false;
    List<Object> results = new ArrayList<>();
    for (double c : confidences) {
      RiskFigure r = v.figure(VarMethod.FULL, c);
      results.add(fields("confidence", c, "var_usd", r.var(), "es_usd", r.es()));
    }
    Map<String, Object> by = new LinkedHashMap<>();
    v.byUnderlying().forEach((name, figs) -> {
      List<Object> l = new ArrayList<>();
      for (RiskFigure r : figs) {
        if (r.method().equals(VarMethod.FULL.label())) {
          l.add(fields("confidence", r.confidence(), "var_usd", r.var(), "es_usd", r.es()));
        }
      }
      by.put(name, l);
    });
    emit(t, "var", null, fields("scenarios", v.scenarios(), "horizon_days", v.horizonDays(), "instruments",
        v.instrumentsPriced(), "results", results, "by_underlying", by, "stale", staleList(), "quarantined",
        quarantinedList()));
    if (due == null) {
      return;
    }
    for (Mandates.Limit l : mandates.limits()) {
      if (l.isBook() && (l.measure() == Mandates.Measure.VAR || l.measure() == Mandates.Measure.ES)) {
        RiskFigure r = v.figure(VarMethod.FULL, l.confidence());
        double x = l.measure() == Mandates.Measure.VAR ? r.var() : r.es();
        check(l, null, x, due);
      }
    }
  }

  private void checkGreekLimits(GreeksResult g, Map<String, List<Trigger>> due) {
    for (Mandates.Limit l : mandates.limits()) {
      if (l.measure() == Mandates.Measure.VAR || l.measure() == Mandates.Measure.ES) {
        continue;
      }
      if (l.isBook()) {
        double x = 0;
        for (String name : g.underlyings()) {
          int ui = live.indexOf(name);
          if (ui >= 0 && rowsPerUnderlying[ui] > 0) {
            x += measure(g, name, l);
          }
        }
        check(l, null, x, due);
      } else if (l.underlying().equals("*")) {
        for (String name : g.underlyings()) {
          int ui = live.indexOf(name);
          if (ui >= 0 && rowsPerUnderlying[ui] > 0) {
            check(l, name, measure(g, name, l), due);
          }
        }
      } else if (g.underlyings().contains(l.underlying())) {
        check(l, l.underlying(), measure(g, l.underlying(), l), due);
      }
    }
  }

  /** The limit's measure of one underlying in its unit. */
  private double measure(GreeksResult g, String name, Mandates.Limit l) {
    GreeksResult.Desk d = g.desk(name);
    double spot = live.spot(live.indexOf(name));
    return switch (l.measure()) {
      case DELTA -> l.unit().equals("coin") ? g.sum(name, "delta") : d.dollarDelta();
      case GAMMA -> l.unit().equals("coin_per_pct") ? d.gammaPer1Pct() : d.gammaPer1Pct() * spot;
      case VEGA -> d.vegaPerVolPoint();
      case THETA -> d.thetaPerDay();
      default -> throw new IllegalStateException("not a Greek limit: " + l.measure());
    };
  }

  /** A limit's measure from a hedge's before/after row (model units) in the limit's unit. */
  private static double measure(UnderlyingRisk r, Mandates.Limit l) {
    return switch (l.measure()) {
      case DELTA -> l.unit().equals("coin") ? r.delta() : r.dollarDelta();
      case GAMMA -> l.unit().equals("coin_per_pct") ? DeskUnits.gammaPer1Pct(r.gamma(), r.spot())
          : DeskUnits.gammaPer1Pct(r.gamma(), r.spot()) * r.spot();
      case VEGA -> DeskUnits.vegaPerVolPoint(r.vega());
      case THETA -> DeskUnits.thetaPerDay(r.theta());
      default -> Double.NaN;
    };
  }

  /** Why a scope is due for a re-hedge. */
  private record Trigger(String label, HedgeTarget target, Mandates.Limit limit, double value) {
  }

  private void check(Mandates.Limit l, String underlying, double x, Map<String, List<Trigger>> due) {
    String scope = underlying == null ? "book" : underlying;
    String key = l.label().replaceFirst("^\\*", scope);
    boolean was = breached.getOrDefault(key, false);
    double limit = l.maxAbs();
    double abs = Math.abs(x);
    if (!was && abs > limit) {
      breached.put(key, true);
      Map<String, Object> f = fields("limit", key, "state", "breached", "measure", l.measure().name()
          .toLowerCase(java.util.Locale.ROOT), "unit", l.unit(), "value", x, "max_abs", limit, "band", l.band(),
          "stale", !fresh(scope));
      if (!fresh(scope)) {
        f.put("rehedge_withheld", "the data of " + String.join(", ", notFresh(scope)) + " is stale or quarantined");
      }
      emit(now, "breach", underlying, f);
    } else if (was && abs <= l.clearsAt()) {
      breached.put(key, false);
      emit(now, "breach", underlying, fields("limit", key, "state", "cleared", "measure", l.measure().name()
          .toLowerCase(java.util.Locale.ROOT), "unit", l.unit(), "value", x, "max_abs", limit, "clears_at",
          l.clearsAt()));
    }
    if (breached.getOrDefault(key, false)) {
      due.computeIfAbsent(scope, k -> new ArrayList<>()).add(new Trigger(key, l.target(), l, x));
    }
  }

  private void checkVolTriggers(Map<String, List<Trigger>> due) {
    for (Mandates.VolTrigger vt : mandates.volTriggers()) {
      String name = vt.underlying();
      int ui = live.indexOf(name);
      if (ui < 0) {
        continue;
      }
      RealisedVol rv = realised.get(name);
      double realisedVol = rv == null ? Double.NaN : rv.annualised(now, vt.windowSeconds());
      double move = live.volShift(ui) - shiftAtHedge.getOrDefault(name, 0.0);
      boolean fire = (!Double.isNaN(vt.realisedVolAbove()) && realisedVol > vt.realisedVolAbove())
          || (!Double.isNaN(vt.impliedVolMoveAbove()) && Math.abs(move) > vt.impliedVolMoveAbove());
      String key = name + " vol_trigger";
      boolean was = breached.getOrDefault(key, false);
      if (fire != was) {
        breached.put(key, fire);
        Map<String, Object> f = fields("limit", key, "state", fire ? "breached" : "cleared", "measure", "vol_trigger");
        if (!Double.isNaN(vt.realisedVolAbove())) {
          f.put("realised_vol", realisedVol);
          f.put("window_seconds", vt.windowSeconds());
          f.put("realised_vol_above", vt.realisedVolAbove());
        }
        if (!Double.isNaN(vt.impliedVolMoveAbove())) {
          f.put("implied_vol_move", move);
          f.put("implied_vol_move_above", vt.impliedVolMoveAbove());
        }
        if (fire) {
          f.put("stale", !fresh(name));
        }
        emit(now, "breach", name, f);
      }
      if (fire) {
        due.computeIfAbsent(name, k -> new ArrayList<>()).add(new Trigger(key, vt.target(), null, realisedVol));
      }
    }
  }

  private void rehedge(String scope, List<Trigger> why) {
    if (!fresh(scope)) {
      return; // never on stale or quarantined data; the breach event said so
    }
    Instant last = lastHedge.get(scope);
    if (last != null && Duration.between(last, now).toMillis() < mandates.cooldownSeconds() * 1000) {
      return;
    }
    if (units == null) {
      if (!universeMissingReported) {
        universeMissingReported = true;
        emit(now, "rehedge", scope.equals("book") ? null : scope, fields("status", "no_universe", "reason",
            "the mandates name no universe and none was given: breaches are reported, no re-hedge is proposed"));
      }
      return;
    }
    HedgeTarget target = strongest(why);
    boolean book = scope.equals("book");
    int ui = book ? -1 : live.indexOf(scope);
    lastHedge.put(scope, now);
    List<String> labels = why.stream().map(Trigger::label).toList();
    Hedging.Sized universe = Hedging.universe(live, units, ui, 0);
    if (universe == null) {
      emit(now, "rehedge", book ? null : scope, fields("status", "infeasible", "trigger", labels, "target",
          target.label(), "reason", "the universe has no instrument on " + scope));
      return;
    }
    Hedging.Sized sized;
    try {
      sized = Hedging.size(engine, live, universe, ui, target, scenarios, confidences.get(confidences.size() - 1));
    } catch (IllegalArgumentException e) {
      emit(now, "rehedge", book ? null : scope, fields("status", "infeasible", "trigger", labels, "target",
          target.label(), "reason", e.getMessage()));
      return;
    }
    HedgeResult r = sized.result();
    if (!book) {
      shiftAtHedge.put(scope, live.volShift(ui));
    } else {
      for (int i = 0; i < live.underlyings().size(); i++) {
        shiftAtHedge.put(live.underlyings().get(i), live.volShift(i));
      }
    }
    List<Object> tickets = new ArrayList<>();
    for (HedgeTicket k : r.tickets()) {
      tickets.add(fields("id", k.id(), "quantity", k.quantity(), "cost_usd", k.cost()));
    }
    boolean withinBand = true;
    List<Object> limits = new ArrayList<>();
    for (Trigger t : why) {
      if (t.limit() == null) {
        continue;
      }
      double after = afterValue(r, t.limit(), scope);
      boolean in = Math.abs(after) <= t.limit().band();
      withinBand &= in || Double.isNaN(after);
      limits.add(fields("limit", t.label(), "before", t.value(), "after", after, "band", t.limit().band(),
          "within_band", in));
    }
    Map<String, Object> f = fields("status", r.tickets().isEmpty() ? "no_trade" : "proposed", "trigger", labels,
        "target", target.label(), "tickets", tickets, "cost_usd", r.totalCost(), "limits", limits, "within_band",
        withinBand, "before", risks(r.comparison().before()), "after", risks(r.comparison().after()));
    if (r.comparison().hasTail()) {
      f.put("var_before_usd", r.comparison().tailBefore().var());
      f.put("var_after_usd", r.comparison().tailAfter().var());
      f.put("es_before_usd", r.comparison().tailBefore().es());
      f.put("es_after_usd", r.comparison().tailAfter().es());
    }
    f.put("notes", r.notes());
    f.put("applied", options.applyHedges() && !r.tickets().isEmpty());
    emit(now, "rehedge", book ? null : scope, f);
    if (options.applyHedges() && !r.tickets().isEmpty()) {
      Hedging.apply(live, sized);
      countRows();
    }
  }

  private double afterValue(HedgeResult r, Mandates.Limit l, String scope) {
    if (l.measure() == Mandates.Measure.VAR || l.measure() == Mandates.Measure.ES) {
      if (!r.comparison().hasTail()) {
        return Double.NaN;
      }
      return l.measure() == Mandates.Measure.VAR ? r.comparison().tailAfter().var() : r.comparison().tailAfter().es();
    }
    double sum = 0;
    for (UnderlyingRisk a : r.comparison().after()) {
      if (scope.equals("book") || a.underlying().equals(scope)) {
        sum += measure(a, l);
      }
    }
    return sum;
  }

  private static List<Object> risks(List<UnderlyingRisk> rows) {
    List<Object> out = new ArrayList<>();
    for (UnderlyingRisk r : rows) {
      out.add(fields("underlying", r.underlying(), "delta_coin", r.delta(), "delta_usd", r.dollarDelta(),
          "gamma_coin_per_pct", DeskUnits.gammaPer1Pct(r.gamma(), r.spot()), "vega_usd_per_vol_point",
          DeskUnits.vegaPerVolPoint(r.vega()), "theta_usd_per_day", DeskUnits.thetaPerDay(r.theta())));
    }
    return out;
  }

  /** The most complete target asked for: a scenario target for the book, else the widest Greek target. */
  private static HedgeTarget strongest(List<Trigger> why) {
    HedgeTarget best = null;
    for (Trigger t : why) {
      HedgeTarget x = t.target();
      if (best == null || rank(x) > rank(best)) {
        best = x;
      }
    }
    return best;
  }

  private static int rank(HedgeTarget t) {
    return switch (t) {
      case DELTA -> 0;
      case DELTA_GAMMA -> 1;
      case DELTA_GAMMA_VEGA -> 2;
      case MIN_VARIANCE -> 3;
      case MIN_ES -> 4;
      case MIN_MARGIN -> throw new IllegalStateException("min-margin is refused when mandates are read");
    };
  }

  private boolean fresh(String scope) {
    return notFresh(scope).isEmpty();
  }

  private List<String> notFresh(String scope) {
    List<String> out = new ArrayList<>();
    for (int ui = 0; ui < watched.size(); ui++) {
      String name = watched.get(ui);
      if ((scope.equals("book") ? rowsPerUnderlying[ui] > 0 : name.equals(scope))
          && (guard.isStale(name) || guard.isQuarantined(name))) {
        out.add(name);
      }
    }
    return out;
  }

  private List<String> staleList() {
    List<String> out = new ArrayList<>();
    for (String name : watched) {
      if (guard.isStale(name)) {
        out.add(name);
      }
    }
    return out;
  }

  private List<String> quarantinedList() {
    List<String> out = new ArrayList<>();
    for (String name : watched) {
      if (guard.isQuarantined(name)) {
        out.add(name);
      }
    }
    return out;
  }

  private void countRows() {
    java.util.Arrays.fill(rowsPerUnderlying, 0);
    ResolvedBook v = live.view();
    var it = v.batches();
    while (it.hasNext()) {
      try (var b = it.next()) {
        for (int i = 0; i < b.columns().rows(); i++) {
          rowsPerUnderlying[b.columns().underlying().getAtIndex(io.hedgekit.kernels.PositionColumns.INT, i)]++;
        }
      }
    }
  }

  private static io.hedgekit.kernels.Position withUnderlying(io.hedgekit.kernels.Position p, int u) {
    return new io.hedgekit.kernels.Position(p.kind(), u, p.spot(), p.strike(), p.timeYears(), p.vol(), p.rate(),
        p.carry(), p.size(), p.entryPrice(), p.funding8h());
  }

  private void emit(Instant t, String type, String underlying, Map<String, Object> f) {
    sink.accept(new IntradayEvent(++seq, t != null ? t : now, type, underlying, f));
  }

  private static Map<String, Object> fields(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static double[] toArray(List<Double> l) {
    double[] a = new double[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i);
    }
    return a;
  }

  /** Updates handled so far. */
  public long updates() {
    return updates;
  }

  /** Events written so far. */
  public long events() {
    return seq;
  }

  /** Log returns of accepted spot updates with their time, a growable ring trimmed to the window. */
  private static final class RealisedVol {
    private long[] millis = new long[64];
    private long[] dts = new long[64];
    private double[] returns = new double[64];
    private int head;
    private int count;
    private long lastMillis = Long.MIN_VALUE;

    void add(Instant t, double logReturn) {
      long ms = t.toEpochMilli();
      long dt = lastMillis == Long.MIN_VALUE ? 0 : Math.max(0, ms - lastMillis);
      lastMillis = ms;
      if (dt == 0 && logReturn == 0) {
        return;
      }
      if (count == millis.length) {
        grow();
      }
      int i = (head + count) % millis.length;
      millis[i] = ms;
      dts[i] = dt;
      returns[i] = logReturn;
      count++;
    }

    /** sqrt(Σ r² / Σ dt) over the returns in the window, annualised; NaN with fewer than 2 returns. */
    double annualised(Instant now, double windowSeconds) {
      long from = now.toEpochMilli() - (long) (windowSeconds * 1000);
      while (count > 0 && millis[head] <= from) {
        head = (head + 1) % millis.length;
        count--;
      }
      if (count < 2) {
        return Double.NaN;
      }
      double sum = 0;
      long span = 0;
      for (int k = 0; k < count; k++) {
        int i = (head + k) % millis.length;
        sum += returns[i] * returns[i];
        span += dts[i];
      }
      return span <= 0 ? Double.NaN : Math.sqrt(sum / (span / MILLIS_PER_YEAR));
    }

    private void grow() {
      int n = millis.length * 2;
      long[] m = new long[n];
      long[] d = new long[n];
      double[] r = new double[n];
      for (int k = 0; k < count; k++) {
        int i = (head + k) % millis.length;
        m[k] = millis[i];
        d[k] = dts[i];
        r[k] = returns[i];
      }
      millis = m;
      dts = d;
      returns = r;
      head = 0;
    }
  }
}

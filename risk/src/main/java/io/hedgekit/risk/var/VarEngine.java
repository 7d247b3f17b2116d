package io.hedgekit.risk.var;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.RevaluationKernel;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.kernels.VolDynamics;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.book.InstrumentKey;
import io.hedgekit.risk.book.NettedPositions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * VaR and ES of a book over a scenario set.
 *
 * <p>Steps: (1) the set's chosen step (default the last, i.e. the longest horizon of a path set)
 * is mapped to the book's underlyings once, as {@link ScenarioColumns} views (a book underlying
 * the set lacks is an {@link io.hedgekit.kernels.InputException} naming it; extra set underlyings are
 * ignored); (2) one pass over the book's batches revalues every position in every scenario with
 * the backend's {@link RevaluationKernel} and, with approximations on, sums Greeks per underlying
 * ({@link Sensitivities}), pricing each distinct instrument once with its positions' summed size
 * unless {@link VarOptions#netting()} is off; (3) the Greek approximations are evaluated per scenario from those sums;
 * (4) VaR/ES by {@link RiskMeasures} for every method and confidence, for the portfolio and for
 * each underlying's positions alone; (5) with contributions on, a second pass reprices only the k
 * tail scenarios of the highest confidence with {@link RevaluationKernel#revaluePositions} (with
 * netting, one unit of each distinct instrument, scaled by each position's size): a position's contribution is minus its mean P&amp;L over those scenarios, so contributions sum
 * to ES (up to floating-point summation).
 *
 * <p>Memory: the P&amp;L vectors (8 bytes × M × (underlyings + 3)); the contribution pass holds at
 * most {@link #MAX_TAIL_CELLS} position-scenario values at once.
 */
public final class VarEngine {
  /** Most position × tail-scenario P&amp;L values held at once in the contribution pass. */
  public static final int MAX_TAIL_CELLS = 1 << 22;

  private VarEngine() {
  }

  /** Runs VaR with the given options (see the class documentation), sticky strike. */
  public static VarResult run(ResolvedBook book, ScenarioSet set, ComputeBackend backend, VarOptions options) {
    return run(book, set, backend, options, VolDynamics.STICKY_STRIKE);
  }

  /**
   * Runs VaR with the given options and vol dynamics (per index of {@code book.underlyings()};
   * see {@link VolDynamics}) for every full revaluation, contributions included.
   */
  public static VarResult run(ResolvedBook book, ScenarioSet set, ComputeBackend backend, VarOptions options,
      VolDynamics dynamics) {
    List<String> names = book.underlyings();
    int stepNumber = options.step() == null ? set.lastStep().number() : options.step();
    ScenarioColumns sc = set.columns(names, stepNumber).withVolDynamics(dynamics);
    int m = sc.scenarios();
    int nu = names.size();
    RevaluationKernel kernel = backend.revaluation();

    Sensitivities sens = new Sensitivities(nu);
    BookRevaluation.Result revaluation = BookRevaluation.revalue(book, sc, kernel,
        options.approximations() ? backend.greeks() : null, sens, options.progress(), options.netting());
    PnlAccumulator full = revaluation.pnl();

    double[] dg = null;
    double[] dgvt = null;
    double[][] dgBy = null;
    double[][] dgvtBy = null;
    if (options.approximations()) {
      dg = new double[m];
      dgvt = new double[m];
      dgBy = new double[nu][m];
      dgvtBy = new double[nu][m];
      double h = sc.horizonYears();
      for (int u = 0; u < nu; u++) {
        UnderlyingSensitivities su = sens.of(u, names.get(u));
        for (int s = 0; s < m; s++) {
          double r = sc.spotReturn(u, s);
          double dv = sc.volShift(u, s);
          double a = su.pnl(VarMethod.DELTA_GAMMA, r, dv, h);
          double b = su.pnl(VarMethod.DELTA_GAMMA_VEGA_THETA, r, dv, h);
          dgBy[u][s] = a;
          dgvtBy[u][s] = b;
          dg[s] += a;
          dgvt[s] += b;
        }
      }
    }

    List<Double> confidences = options.confidences();
    List<RiskFigure> results = new ArrayList<>();
    addFigures(results, VarMethod.FULL, full.portfolio(), confidences);
    if (dg != null) {
      addFigures(results, VarMethod.DELTA_GAMMA, dg, confidences);
      addFigures(results, VarMethod.DELTA_GAMMA_VEGA_THETA, dgvt, confidences);
    }
    Map<String, List<RiskFigure>> byUnderlying = new LinkedHashMap<>();
    for (int u = 0; u < nu; u++) {
      List<RiskFigure> list = new ArrayList<>();
      addFigures(list, VarMethod.FULL, full.byUnderlying()[u], confidences);
      if (dg != null) {
        addFigures(list, VarMethod.DELTA_GAMMA, dgBy[u], confidences);
        addFigures(list, VarMethod.DELTA_GAMMA_VEGA_THETA, dgvtBy[u], confidences);
      }
      byUnderlying.put(names.get(u), List.copyOf(list));
    }

    Map<String, ApproximationError> errors = null;
    if (dg != null) {
      errors = new LinkedHashMap<>();
      errors.put(VarMethod.DELTA_GAMMA.label(), error(full.portfolio(), dg, confidences));
      errors.put(VarMethod.DELTA_GAMMA_VEGA_THETA.label(), error(full.portfolio(), dgvt, confidences));
    }

    Contributions contributions = null;
    if (options.contributions()) {
      contributions = contributions(book, sc, kernel, full.portfolio(), options);
    }
    PnlVectors pnl = new PnlVectors(names, set.scenarioIds(stepNumber), full.portfolio(), full.byUnderlying(), dg, dgvt);
    return new VarResult(confidences, set.step(stepNumber).horizonDays(), m, revaluation.positions(),
        revaluation.priced(), List.copyOf(results), byUnderlying,
        contributions, errors, stepNumber, pnl);
  }

  private static void addFigures(List<RiskFigure> out, VarMethod method, double[] pnl, List<Double> confidences) {
    double[] sorted = pnl.clone();
    Arrays.sort(sorted);
    for (double c : confidences) {
      RiskMeasures.VarEs v = RiskMeasures.ofSorted(sorted, c);
      out.add(new RiskFigure(method, c, v.var(), v.es()));
    }
  }

  private static ApproximationError error(double[] full, double[] approx, List<Double> confidences) {
    double sumSq = 0;
    double maxAbs = 0;
    for (int s = 0; s < full.length; s++) {
      double d = approx[s] - full[s];
      sumSq += d * d;
      maxAbs = Math.max(maxAbs, Math.abs(d));
    }
    double[] sf = full.clone();
    double[] sa = approx.clone();
    Arrays.sort(sf);
    Arrays.sort(sa);
    List<ApproximationError.Difference> diffs = new ArrayList<>();
    for (double c : confidences) {
      RiskMeasures.VarEs f = RiskMeasures.ofSorted(sf, c);
      RiskMeasures.VarEs a = RiskMeasures.ofSorted(sa, c);
      diffs.add(new ApproximationError.Difference(c, a.var() - f.var(), a.es() - f.es()));
    }
    return new ApproximationError(Math.sqrt(sumSq / full.length), maxAbs, List.copyOf(diffs));
  }

  /** A contribution with its book row, for a deterministic top-N order. */
  private record Ranked(PositionContribution c, long row) {
  }

  private static final Comparator<Ranked> LARGEST_FIRST = Comparator
      .comparingDouble((Ranked r) -> Math.abs(r.c().contribution())).reversed()
      .thenComparingLong(Ranked::row);

  private static Contributions contributions(ResolvedBook book, ScenarioColumns sc, RevaluationKernel kernel,
      double[] portfolio, VarOptions options) {
    double confidence = options.contributionConfidence();
    int k = RiskMeasures.tailCount(portfolio.length, confidence);
    int[] tail = RiskMeasures.tailScenarios(portfolio, k);
    RiskMeasures.VarEs full = RiskMeasures.of(portfolio, confidence);
    List<String> names = book.underlyings();
    double[] perUnderlying = new double[names.size()];
    int top = options.topContributors();
    // min-heap on "largest first" order: its head is the weakest of the current top N
    PriorityQueue<Ranked> heap = new PriorityQueue<>(Math.max(1, top + 1), LARGEST_FIRST.reversed());
    TailPnl tailPnl = options.netting() ? new NettedTailPnl(sc, kernel, tail) : new PositionTailPnl(sc, kernel, tail);
    Iterator<ResolvedBatch> it = book.batches();
    try (tailPnl) {
      while (it.hasNext()) {
        try (ResolvedBatch batch = it.next()) {
          PositionColumns p = batch.columns();
          double[] tailSums = tailPnl.sums(p);
          for (int i = 0; i < p.rows(); i++) {
            double contribution = -tailSums[i] / k;
            int u = p.underlying().getAtIndex(PositionColumns.INT, i);
            perUnderlying[u] += contribution;
            if (top > 0 || options.positionContributions() != null) {
              PositionContribution pc = new PositionContribution(batch.id(i), names.get(u), contribution);
              if (options.positionContributions() != null) {
                options.positionContributions().accept(pc);
              }
              if (top > 0) {
                heap.add(new Ranked(pc, batch.firstRow() + i));
                if (heap.size() > top) {
                  heap.poll();
                }
              }
            }
          }
        }
      }
    }
    List<Ranked> ranked = new ArrayList<>(heap);
    ranked.sort(LARGEST_FIRST);
    Map<String, Double> byUnderlying = new LinkedHashMap<>();
    for (int u = 0; u < names.size(); u++) {
      byUnderlying.put(names.get(u), perUnderlying[u]);
    }
    return new Contributions(confidence, full.es(), byUnderlying, ranked.stream().map(Ranked::c).toList());
  }

  /** Receives one position's P&amp;L summed over chosen scenarios ({@link #tailSums}). */
  @FunctionalInterface
  public interface TailSink {
    /**
     * @param batch the batch holding the position (valid only during the call)
     * @param row the position's row in {@code batch}
     * @param tailSum its P&amp;L summed over the chosen scenarios, USD
     */
    void accept(ResolvedBatch batch, int row, double tailSum);
  }

  /**
   * Each position's P&amp;L summed over the scenario indices {@code tail} of {@code sc}, handed to
   * {@code sink} in book order: the pass the Euler contributions are made of (a position's
   * contribution is {@code -tailSum / tail.length}), for callers that choose the tail scenarios
   * themselves, e.g. a distributed job whose P&amp;L vector was summed over partitions. With
   * {@code netting}, one unit of each distinct instrument is priced and scaled by each position's
   * size, as {@link #run} does; the values equal those of {@link #run}'s contribution pass.
   *
   * @param tail scenario indices, increasing, at least one
   */
  public static void tailSums(ResolvedBook book, ScenarioColumns sc, RevaluationKernel kernel, int[] tail,
      boolean netting, TailSink sink) {
    if (tail.length == 0) {
      throw new IllegalArgumentException("need at least one tail scenario");
    }
    TailPnl tailPnl = netting ? new NettedTailPnl(sc, kernel, tail) : new PositionTailPnl(sc, kernel, tail);
    Iterator<ResolvedBatch> it = book.batches();
    try (tailPnl) {
      while (it.hasNext()) {
        try (ResolvedBatch batch = it.next()) {
          double[] sums = tailPnl.sums(batch.columns());
          for (int i = 0; i < sums.length; i++) {
            sink.accept(batch, i, sums[i]);
          }
        }
      }
    }
  }

  /** Each position's P&amp;L summed over the tail scenarios, batch by batch. */
  private interface TailPnl extends AutoCloseable {
    /** Row i's P&amp;L summed over the tail scenarios, for every row of {@code p}. */
    double[] sums(PositionColumns p);

    @Override
    void close();
  }

  /** Reprices every position in the tail scenarios, at most {@link #MAX_TAIL_CELLS} values at once. */
  private static final class PositionTailPnl implements TailPnl {
    private final ScenarioColumns sc;
    private final RevaluationKernel kernel;
    private final int[] tail;
    private double[] out;

    PositionTailPnl(ScenarioColumns sc, RevaluationKernel kernel, int[] tail) {
      this.sc = sc;
      this.kernel = kernel;
      this.tail = tail;
    }

    @Override
    public double[] sums(PositionColumns p) {
      int k = tail.length;
      int chunk = Math.max(1, MAX_TAIL_CELLS / k);
      double[] sums = new double[p.rows()];
      for (int from = 0; from < p.rows(); from += chunk) {
        int n = Math.min(chunk, p.rows() - from);
        if (out == null || out.length < n * k) {
          out = new double[n * k];
        }
        kernel.revaluePositions(p.slice(from, n), sc, tail, out);
        for (int i = 0; i < n; i++) {
          double sum = 0;
          for (int j = 0; j < k; j++) {
            sum += out[i * k + j];
          }
          sums[from + i] = sum;
        }
      }
      return sums;
    }

    @Override
    public void close() {
    }
  }

  /**
   * Prices one unit of each distinct instrument in the tail scenarios, once for the whole book,
   * and scales it by each position's size (P&amp;L is linear in size; see
   * {@link io.hedgekit.risk.book.InstrumentKey}). The per-instrument sums are kept for later
   * batches, up to {@link #MAX_REMEMBERED} instruments.
   */
  private static final class NettedTailPnl implements TailPnl {
    /** Instruments whose unit tail sums are remembered across batches before the memory is reset. */
    static final int MAX_REMEMBERED = 1 << 16;
    private final ScenarioColumns sc;
    private final RevaluationKernel kernel;
    private final int[] tail;
    private final NettedPositions units;
    private final Map<InstrumentKey, Double> unitSums = new HashMap<>();
    private final double[] out;

    NettedTailPnl(ScenarioColumns sc, RevaluationKernel kernel, int[] tail) {
      this.sc = sc;
      this.kernel = kernel;
      this.tail = tail;
      int capacity = Math.max(1, MAX_TAIL_CELLS / tail.length);
      this.units = new NettedPositions(capacity);
      this.out = new double[capacity * tail.length];
    }

    @Override
    public double[] sums(PositionColumns p) {
      if (unitSums.size() > MAX_REMEMBERED) {
        unitSums.clear();
      }
      InstrumentKey[] keys = new InstrumentKey[p.rows()];
      for (int i = 0; i < p.rows(); i++) {
        keys[i] = InstrumentKey.of(p, i);
        if (!unitSums.containsKey(keys[i]) && units.addUnit(keys[i], p, i) < 0) {
          priceUnits();
          units.addUnit(keys[i], p, i);
        }
      }
      priceUnits();
      double[] sums = new double[p.rows()];
      for (int i = 0; i < p.rows(); i++) {
        sums[i] = p.size().getAtIndex(PositionColumns.DOUBLE, i) * unitSums.get(keys[i]);
      }
      return sums;
    }

    private void priceUnits() {
      PositionColumns u = units.columns();
      if (u.rows() == 0) {
        return;
      }
      int k = tail.length;
      kernel.revaluePositions(u, sc, tail, out);
      for (int r = 0; r < u.rows(); r++) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
          sum += out[r * k + j];
        }
        unitSums.put(InstrumentKey.of(u, r), sum);
      }
      units.clear();
    }

    @Override
    public void close() {
      units.close();
    }
  }
}

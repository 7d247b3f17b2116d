package io.hedgekit.kernels.scenario;

import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.ScenarioColumns;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A scenario set held in Java arrays: rows of (scenario, step, horizon, per-underlying log return
 * and optional vol shift), in the order they were generated or read.
 *
 * <p>Steps: a set with a {@code step} column holds paths; every row of step k has the same
 * horizon. A set without a step column is one step, numbered {@link #IMPLICIT_STEP}. A set
 * without a {@code horizon_days} column has horizon 0 (an instantaneous shock: no time decay, no
 * funding). Kernels get one step at a time through {@link #columns(List, int)}.
 *
 * <p>The constructor takes ownership of the arrays it is given (they are not copied, because sets
 * hold millions of rows): callers must not modify them afterwards. Memory: 8 bytes per row for
 * every float64 column and 4 for every int32 column.
 */
public final class ScenarioSet {
  /** Column name of the scenario number. */
  public static final String SCENARIO = "scenario";
  /** Column name of the step number. */
  public static final String STEP = "step";
  /** Column name of the horizon in days. */
  public static final String HORIZON_DAYS = "horizon_days";
  /** Suffix of a log-return column: {@code BTC_return}. */
  public static final String RETURN_SUFFIX = "_return";
  /** Suffix of a vol-shift column: {@code BTC_vol_shift}. */
  public static final String VOL_SHIFT_SUFFIX = "_vol_shift";
  /** The step number of every row of a set without a step column. */
  public static final int IMPLICIT_STEP = 1;
  /** Days per year used to turn {@code horizon_days} into kernel years (ACT/365). */
  public static final double DAYS_PER_YEAR = io.hedgekit.kernels.Conventions.DAYS_PER_YEAR;

  /**
   * One horizon of the set.
   *
   * @param number the step number (the {@code step} column, or {@link #IMPLICIT_STEP})
   * @param scenarios number of rows with this step
   * @param horizonDays the horizon of every row of the step, days
   */
  public record Step(int number, int scenarios, double horizonDays) {
  }

  private final String source;
  private final ScenarioMetadata metadata;
  private final List<String> underlyings;
  private final int rows;
  private final int[] scenario;
  private final int[] step;
  private final double[] horizonDays;
  private final double[][] returns;
  private final double[][] volShifts;
  private final List<Step> steps;
  private final int[] stepFirstRow;
  private final boolean[] stepContiguous;

  /**
   * A one-step set built in memory: scenarios numbered 1..M at one horizon.
   *
   * @param source what messages call the set
   * @param underlyings underlying names, in the order of the rows below
   * @param horizonDays horizon of every scenario, days, finite and >= 0
   * @param returns {@code returns[u][s]}: log return of spot of underlying u in scenario s
   * @param volShifts {@code volShifts[u][s]}: absolute vol changes, or null (a null row: none for u)
   * @throws IllegalArgumentException naming row and column when a value is invalid
   */
  public static ScenarioSet of(String source, List<String> underlyings, double horizonDays, double[][] returns,
      double[][] volShifts) {
    int m = returns.length == 0 ? 0 : returns[0].length;
    int[] scenario = new int[m];
    double[] horizon = new double[m];
    for (int s = 0; s < m; s++) {
      scenario[s] = s + 1;
      horizon[s] = horizonDays;
    }
    return new ScenarioSet(source, ScenarioMetadata.UNKNOWN, underlyings, scenario, null, horizon, returns, volShifts);
  }

  /**
   * Builds a set, checking every value.
   *
   * @param source where the set comes from (file name or generator), used in messages
   * @param metadata generator, parameters, seed and source data
   * @param underlyings underlying names, unique, non-blank, in column order
   * @param scenario scenario number per row
   * @param step step number per row, or null (one step, {@link #IMPLICIT_STEP})
   * @param horizonDays horizon per row, days, finite and >= 0, the same within a step; or null
   *     (horizon 0)
   * @param returns {@code returns[u][row]}: finite log returns, one array per underlying
   * @param volShifts {@code volShifts[u][row]}: finite vol shifts; the array or any entry may be
   *     null (no vol move for that underlying)
   * @throws IllegalArgumentException naming row and column when a value is invalid, when there
   *     are no rows or no underlyings, or when lengths differ
   */
  public ScenarioSet(String source, ScenarioMetadata metadata, List<String> underlyings, int[] scenario, int[] step,
      double[] horizonDays, double[][] returns, double[][] volShifts) {
    this.source = Objects.requireNonNull(source, "source");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.underlyings = List.copyOf(underlyings);
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(returns, "returns");
    this.rows = scenario.length;
    if (this.underlyings.isEmpty()) {
      throw new IllegalArgumentException("a scenario set needs at least one underlying");
    }
    if (rows == 0) {
      throw new IllegalArgumentException("a scenario set needs at least one row");
    }
    HashSet<String> seen = new HashSet<>();
    for (String u : this.underlyings) {
      if (u.isBlank() || !seen.add(u)) {
        throw new IllegalArgumentException("underlying names must be unique and non-blank, got " + this.underlyings);
      }
    }
    if (returns.length != this.underlyings.size()) {
      throw new IllegalArgumentException("returns has " + returns.length + " columns, underlyings " + this.underlyings.size());
    }
    double[][] shifts = volShifts == null ? new double[returns.length][] : volShifts.clone();
    if (shifts.length != returns.length) {
      throw new IllegalArgumentException("volShifts has " + shifts.length + " columns, underlyings " + returns.length);
    }
    checkLength(STEP, step);
    checkLength(HORIZON_DAYS, horizonDays);
    for (int u = 0; u < returns.length; u++) {
      String name = this.underlyings.get(u);
      checkLength(name + RETURN_SUFFIX, returns[u]);
      Objects.requireNonNull(returns[u], name + RETURN_SUFFIX);
      checkFinite(name + RETURN_SUFFIX, returns[u]);
      if (shifts[u] != null) {
        checkLength(name + VOL_SHIFT_SUFFIX, shifts[u]);
        checkFinite(name + VOL_SHIFT_SUFFIX, shifts[u]);
      }
    }
    if (horizonDays != null) {
      for (int r = 0; r < rows; r++) {
        double h = horizonDays[r];
        if (!(h >= 0) || Double.isInfinite(h)) {
          throw new InvalidRow(r + 1L, HORIZON_DAYS, Double.toString(h), "must be finite and >= 0");
        }
      }
    }
    checkUniqueIds(scenario, step);
    this.scenario = scenario;
    this.step = step;
    this.horizonDays = horizonDays;
    this.returns = returns.clone();
    this.volShifts = shifts;

    // Group rows by step: count, first row, horizon; a step is contiguous when its rows form one run.
    TreeMap<Integer, int[]> byStep = new TreeMap<>(); // {count, firstRow, lastRow}
    int[] current = null;
    int currentStep = 0;
    for (int r = 0; r < rows; r++) {
      int s = step == null ? IMPLICIT_STEP : step[r];
      if (current == null || s != currentStep) {
        current = byStep.computeIfAbsent(s, k -> new int[] {0, -1, -1});
        currentStep = s;
        if (current[1] < 0) {
          current[1] = r;
        }
      }
      if (horizonDays != null && horizonDays[r] != horizonDays[current[1]]) {
        throw new InvalidRow(r + 1L, HORIZON_DAYS, Double.toString(horizonDays[r]),
            "must be the same for every row of step " + s + " (row " + (current[1] + 1) + " has " + horizonDays[current[1]] + ")");
      }
      current[0]++;
      current[2] = r;
    }
    List<Step> list = new ArrayList<>(byStep.size());
    stepFirstRow = new int[byStep.size()];
    stepContiguous = new boolean[byStep.size()];
    int i = 0;
    for (Map.Entry<Integer, int[]> e : byStep.entrySet()) {
      int[] a = e.getValue();
      list.add(new Step(e.getKey(), a[0], horizonDays == null ? 0.0 : horizonDays[a[1]]));
      stepFirstRow[i] = a[1];
      stepContiguous[i] = a[2] - a[1] + 1 == a[0];
      i++;
    }
    this.steps = Collections.unmodifiableList(list);
  }

  private void checkLength(String column, Object array) {
    if (array != null && java.lang.reflect.Array.getLength(array) != rows) {
      throw new IllegalArgumentException(column + " has " + java.lang.reflect.Array.getLength(array)
          + " rows, scenario " + rows);
    }
  }

  private void checkFinite(String column, double[] values) {
    for (int r = 0; r < rows; r++) {
      if (!Double.isFinite(values[r])) {
        throw new InvalidRow(r + 1L, column, Double.toString(values[r]), "must be a finite number");
      }
    }
  }

  /** Where the set comes from (file name or generator), for messages. */
  public String source() {
    return source;
  }

  public ScenarioMetadata metadata() {
    return metadata;
  }

  /** Underlying names in column order. */
  public List<String> underlyings() {
    return underlyings;
  }

  /** Number of rows (scenarios × steps for a full path set). */
  public int rows() {
    return rows;
  }

  /** True when the set has a {@code step} column. */
  public boolean hasStepColumn() {
    return step != null;
  }

  /** True when the set has a {@code horizon_days} column. */
  public boolean hasHorizonColumn() {
    return horizonDays != null;
  }

  /** True when underlying {@code u} (column order) has a vol-shift column. */
  public boolean hasVolShift(int u) {
    return volShifts[u] != null;
  }

  /** The steps in increasing step number. */
  public List<Step> steps() {
    return steps;
  }

  /** The step with the highest number (the longest horizon of a path set). */
  public Step lastStep() {
    return steps.getLast();
  }

  /**
   * The step numbered {@code number}.
   *
   * @throws IllegalArgumentException if the set has no such step
   */
  public Step step(int number) {
    return steps.get(stepIndex(number));
  }

  private int stepIndex(int number) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).number() == number) {
        return i;
      }
    }
    throw new IllegalArgumentException("scenario set " + source + " has no step " + number + "; its steps are "
        + steps.stream().map(s -> Integer.toString(s.number())).toList());
  }

  /** Scenario number of row {@code row} (0-based). */
  public int scenarioAt(int row) {
    return scenario[row];
  }

  /** Step number of row {@code row}. */
  public int stepAt(int row) {
    return step == null ? IMPLICIT_STEP : step[row];
  }

  /** Horizon of row {@code row}, days (0 without a horizon column). */
  public double horizonDaysAt(int row) {
    return horizonDays == null ? 0.0 : horizonDays[row];
  }

  /** Log return of underlying {@code u} (column order) in row {@code row}. */
  public double returnAt(int u, int row) {
    return returns[u][row];
  }

  /** Vol shift of underlying {@code u} in row {@code row}; 0 when it has no vol-shift column. */
  public double volShiftAt(int u, int row) {
    return volShifts[u] == null ? 0.0 : volShifts[u][row];
  }

  /**
   * Kernel columns of one step for the given underlyings, in the given order (a book's
   * underlying order, so that a position's underlying index selects its column). Extra
   * underlyings of the set are ignored. No copy is made when the step's rows are contiguous
   * (always for single-step sets); otherwise the step's rows are gathered once.
   *
   * @param wanted underlying names, e.g. a book's underlyings
   * @param stepNumber the step, see {@link #steps()}
   * @throws InputException naming the set and the missing column when a wanted underlying has no
   *     {@code _return} column
   * @throws IllegalArgumentException if the step does not exist
   */
  public ScenarioColumns columns(List<String> wanted, int stepNumber) {
    int si = stepIndex(stepNumber);
    Step st = steps.get(si);
    int[] columnOf = columnIndices(wanted);
    int[] gather = stepContiguous[si] ? null : rowsOf(si);
    MemorySegment[] r = new MemorySegment[wanted.size()];
    MemorySegment[] v = new MemorySegment[wanted.size()];
    for (int w = 0; w < wanted.size(); w++) {
      int c = columnOf[w];
      r[w] = view(returns[c], si, gather);
      v[w] = volShifts[c] == null ? null : view(volShifts[c], si, gather);
    }
    return new ScenarioColumns(st.scenarios(), r, v, st.horizonDays() / DAYS_PER_YEAR);
  }

  /**
   * Column index of each wanted underlying.
   *
   * @throws InputException naming the first missing underlying
   */
  public int[] columnIndices(List<String> wanted) {
    int[] out = new int[wanted.size()];
    for (int w = 0; w < wanted.size(); w++) {
      String name = wanted.get(w);
      int c = underlyings.indexOf(name);
      if (c < 0) {
        throw new InputException(source, 0, name + RETURN_SUFFIX, null,
            "missing: the book holds underlying " + name + " but the scenario set moves only " + underlyings);
      }
      out[w] = c;
    }
    return out;
  }

  /** Scenario numbers of one step's rows, in the order of {@link #columns(List, int)}. */
  public int[] scenarioIds(int stepNumber) {
    int si = stepIndex(stepNumber);
    int n = steps.get(si).scenarios();
    if (stepContiguous[si]) {
      int first = stepFirstRow[si];
      return java.util.Arrays.copyOfRange(scenario, first, first + n);
    }
    int[] rowsOf = rowsOf(si);
    int[] ids = new int[n];
    for (int j = 0; j < n; j++) {
      ids[j] = scenario[rowsOf[j]];
    }
    return ids;
  }

  private MemorySegment view(double[] column, int si, int[] gather) {
    int n = steps.get(si).scenarios();
    if (gather == null) {
      return MemorySegment.ofArray(column).asSlice(8L * stepFirstRow[si], 8L * n).asReadOnly();
    }
    double[] copy = new double[n];
    for (int j = 0; j < n; j++) {
      copy[j] = column[gather[j]];
    }
    return MemorySegment.ofArray(copy);
  }

  private int[] rowsOf(int si) {
    Step st = steps.get(si);
    int[] out = new int[st.scenarios()];
    int n = 0;
    for (int r = 0; r < rows; r++) {
      if ((step == null ? IMPLICIT_STEP : step[r]) == st.number()) {
        out[n++] = r;
      }
    }
    return out;
  }

  /** Scenario number per row (a copy; for file writers). */
  public int[] scenarioArray() {
    return scenario.clone();
  }

  /** Step number per row, or null when the set has no step column (a copy). */
  public int[] stepArray() {
    return step == null ? null : step.clone();
  }

  /** Horizon per row, days, or null when the set has no horizon column (a copy). */
  public double[] horizonArray() {
    return horizonDays == null ? null : horizonDays.clone();
  }

  /** Log returns of underlying {@code u} per row (a copy). */
  public double[] returnArray(int u) {
    return returns[u].clone();
  }

  /** Vol shifts of underlying {@code u} per row, or null when it has none (a copy). */
  public double[] volShiftArray(int u) {
    return volShifts[u] == null ? null : volShifts[u].clone();
  }

  @Override
  public String toString() {
    return "ScenarioSet[" + source + ", " + rows + " rows, underlyings " + underlyings + ", steps " + steps.size()
        + ", generator " + metadata.generator() + "]";
  }

  /**
   * Rejects a scenario number used twice within one step (both rows named): two rows with one id
   * would weigh that scenario twice in VaR and ES.
   */
  private static void checkUniqueIds(int[] scenario, int[] step) {
    int n = scenario.length;
    long[] keys = new long[n];
    for (int r = 0; r < n; r++) {
      keys[r] = key(scenario[r], step == null ? IMPLICIT_STEP : step[r]);
    }
    Arrays.sort(keys);
    for (int k = 1; k < n; k++) {
      if (keys[k] == keys[k - 1]) {
        long dup = keys[k];
        int first = -1;
        for (int r = 0; r < n; r++) {
          if (key(scenario[r], step == null ? IMPLICIT_STEP : step[r]) == dup) {
            if (first >= 0) {
              throw new InvalidRow(r + 1L, SCENARIO, Integer.toString(scenario[r]), "duplicate scenario id"
                  + (step == null ? "" : " in step " + step[r]) + ", first used in row " + (first + 1));
            }
            first = r;
          }
        }
      }
    }
  }

  private static long key(int scenario, int step) {
    return ((long) step << 32) | (scenario & 0xFFFF_FFFFL);
  }

  /** A bad value found while building a set: carries the row and column so a reader can locate it. */
  public static final class InvalidRow extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final long row;
    private final String column;
    private final String value;
    private final String problem;

    InvalidRow(long row, String column, String value, String problem) {
      super("row " + row + ", column " + column + ": " + problem + ", was " + value);
      this.row = row;
      this.column = column;
      this.value = value;
      this.problem = problem;
    }

    /** 1-based row. */
    public long row() {
      return row;
    }

    /** Column name. */
    public String column() {
      return column;
    }

    /** The bad value as text. */
    public String value() {
      return value;
    }

    /** What is wrong. */
    public String problem() {
      return problem;
    }
  }
}

package io.hedgekit.risk.hedge;

import io.hedgekit.kernels.Position;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.risk.InMemoryBook;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The instruments a hedge may trade, with the book of their unit (one-contract) positions that
 * the kernels price. Immutable; held on the Java heap (universes are small).
 *
 * <p>Rejected on construction: no instruments, duplicate ids, an underlying index outside
 * {@code underlyings}, and every invalid instrument (see {@link HedgeInstrument}).
 */
public final class HedgeUniverse {
  private final List<HedgeInstrument> instruments;
  private final List<String> underlyings;
  private final double[] spots;
  private final InMemoryBook unitBook;
  private final Map<String, Integer> byId;

  /**
   * @param instruments the tradable instruments, in the order tickets are listed
   * @param underlyings underlying names; an instrument's {@code underlying()} indexes this list
   * @param spots spot per underlying, USD
   */
  public HedgeUniverse(List<HedgeInstrument> instruments, List<String> underlyings, double[] spots) {
    Objects.requireNonNull(instruments, "instruments");
    Objects.requireNonNull(underlyings, "underlyings");
    Objects.requireNonNull(spots, "spots");
    if (instruments.isEmpty()) {
      throw new IllegalArgumentException("the hedge universe has no instruments");
    }
    if (spots.length != underlyings.size()) {
      throw new IllegalArgumentException("spots has " + spots.length + " entries, underlyings " + underlyings.size());
    }
    Map<String, Integer> ids = new HashMap<>();
    for (int j = 0; j < instruments.size(); j++) {
      HedgeInstrument h = Objects.requireNonNull(instruments.get(j), "instrument " + j);
      if (ids.putIfAbsent(h.id(), j) != null) {
        throw new IllegalArgumentException("duplicate instrument id " + h.id() + " in the hedge universe (rows "
            + ids.get(h.id()) + " and " + j + ")");
      }
      if (h.underlying() < 0 || h.underlying() >= underlyings.size()) {
        throw new IllegalArgumentException("underlying index " + h.underlying() + " of " + h.id() + " is outside the "
            + underlyings.size() + " underlyings " + underlyings);
      }
    }
    this.instruments = List.copyOf(instruments);
    this.underlyings = List.copyOf(underlyings);
    this.spots = spots.clone();
    this.byId = Map.copyOf(ids);
    this.unitBook = new InMemoryBook(toColumns(this.instruments), this.instruments.stream().map(HedgeInstrument::id).toList(),
        this.underlyings, this.spots, Math.max(1, this.instruments.size()));
  }

  /**
   * Builds a universe from resolved columns of one-contract positions (a universe file read as a
   * book with quantity 1, so {@code size} = contract size) and the universe's extra columns. The
   * columns are copied to the heap, so Arrow-backed columns may be closed afterwards.
   *
   * @param units one row per instrument, {@code size} = contract size
   * @param ids instrument ids in row order
   * @param underlyings underlying names indexed by the columns' {@code underlying}
   * @param spots spot per underlying, USD
   * @param cost USD per contract traded, per row
   * @param lot lot size in contracts, per row
   * @param minQuantity lower bound per row (NaN = unbounded); null = all unbounded
   * @param maxQuantity upper bound per row (NaN = unbounded); null = all unbounded
   * @throws IllegalArgumentException naming row and id for the first invalid row
   */
  public static HedgeUniverse of(PositionColumns units, List<String> ids, List<String> underlyings, double[] spots,
      double[] cost, double[] lot, double[] minQuantity, double[] maxQuantity) {
    int n = units.rows();
    check("ids", ids.size(), n);
    check("cost", cost.length, n);
    check("lot", lot.length, n);
    if (minQuantity != null) {
      check("minQuantity", minQuantity.length, n);
    }
    if (maxQuantity != null) {
      check("maxQuantity", maxQuantity.length, n);
    }
    List<HedgeInstrument> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      try {
        list.add(new HedgeInstrument(ids.get(i), units.row(i), cost[i], lot[i],
            minQuantity == null ? Double.NaN : minQuantity[i], maxQuantity == null ? Double.NaN : maxQuantity[i]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("hedge universe row " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new HedgeUniverse(list, underlyings, spots);
  }

  private static void check(String name, int length, int rows) {
    if (length != rows) {
      throw new IllegalArgumentException(name + " has " + length + " entries, the universe " + rows + " rows");
    }
  }

  /** The instruments in universe order. */
  public List<HedgeInstrument> instruments() {
    return instruments;
  }

  /** Number of instruments. */
  public int size() {
    return instruments.size();
  }

  /** Instrument {@code j}. */
  public HedgeInstrument get(int j) {
    return instruments.get(j);
  }

  /** Index of the instrument with this id, or -1. */
  public int indexOf(String id) {
    Integer j = byId.get(id);
    return j == null ? -1 : j;
  }

  /** Underlying names, indexed by the instruments' {@code underlying()}. */
  public List<String> underlyings() {
    return underlyings;
  }

  /** Spot per underlying, USD. */
  public double[] spots() {
    return spots.clone();
  }

  /** The unit positions (one contract each) as a book, one batch, rows in universe order. */
  public InMemoryBook unitBook() {
    return unitBook;
  }

  /**
   * This universe re-indexed onto a book's underlying list: the result's underlyings are
   * {@code bookUnderlyings} followed by the universe's underlyings the book does not list (in
   * universe order), so the book's indices stay valid and every instrument keeps its underlying.
   */
  public HedgeUniverse onUnderlyings(List<String> bookUnderlyings, double[] bookSpots) {
    if (bookUnderlyings.equals(underlyings)) {
      return this;
    }
    List<String> names = new ArrayList<>(bookUnderlyings);
    List<Double> unionSpots = new ArrayList<>();
    for (double s : bookSpots) {
      unionSpots.add(s);
    }
    Map<String, Integer> index = new HashMap<>();
    for (int u = 0; u < names.size(); u++) {
      index.put(names.get(u), u);
    }
    List<HedgeInstrument> moved = new ArrayList<>(instruments.size());
    for (HedgeInstrument h : instruments) {
      String name = underlyings.get(h.underlying());
      Integer u = index.get(name);
      if (u == null) {
        u = names.size();
        names.add(name);
        unionSpots.add(spots[h.underlying()]);
        index.put(name, u);
      }
      moved.add(u == h.underlying() ? h : h.withUnderlying(u));
    }
    return new HedgeUniverse(moved, names, unionSpots.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static PositionColumns toColumns(List<HedgeInstrument> list) {
    int n = list.size();
    int[] kind = new int[n];
    int[] und = new int[n];
    double[] spot = new double[n], strike = new double[n], time = new double[n], vol = new double[n],
        rate = new double[n], carry = new double[n], size = new double[n], entry = new double[n], funding = new double[n];
    for (int j = 0; j < n; j++) {
      Position p = list.get(j).contract();
      kind[j] = p.kind().code();
      und[j] = p.underlying();
      spot[j] = p.spot();
      strike[j] = p.strike();
      time[j] = p.timeYears();
      vol[j] = p.vol();
      rate[j] = p.rate();
      carry[j] = p.carry();
      size[j] = p.size();
      entry[j] = p.entryPrice();
      funding[j] = p.funding8h();
    }
    return PositionColumns.ofArrays(kind, und, spot, strike, time, vol, rate, carry, size, entry, funding);
  }
}

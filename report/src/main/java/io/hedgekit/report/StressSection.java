package io.hedgekit.report;

import java.util.List;
import java.util.Objects;

/**
 * Stress P&amp;L on grids of spot moves × vol moves, e.g. one grid per underlying.
 *
 * @param description how the grids were computed (e.g. "instantaneous, each underlying alone")
 * @param grids one or more grids
 */
public record StressSection(String description, List<Grid> grids) {

  /**
   * P&amp;L on a grid of spot and vol moves.
   *
   * @param label what moves, e.g. "BTC" or "all underlyings together"
   * @param spotMoves relative spot moves, decimal (−0.2 = −20%), strictly increasing, > −1
   * @param volMoves absolute vol moves, decimal (0.05 = +5 vol points), strictly increasing
   * @param pnl {@code pnl[v][s]}: P&amp;L in USD for vol move v and spot move s; copied in and out
   */
  public record Grid(String label, List<Double> spotMoves, List<Double> volMoves, double[][] pnl) {
    public Grid {
      Checks.text("label", label);
      spotMoves = increasing("spotMoves of " + label, spotMoves);
      volMoves = increasing("volMoves of " + label, volMoves);
      for (double m : spotMoves) {
        if (!(m > -1)) {
          throw new IllegalArgumentException("spotMoves of " + label + " must be > -1 (-100%), was " + m);
        }
      }
      Objects.requireNonNull(pnl, "pnl");
      if (pnl.length != volMoves.size()) {
        throw new IllegalArgumentException("pnl of " + label + " has " + pnl.length + " rows, need one per vol move (" + volMoves.size() + ")");
      }
      double[][] copy = new double[pnl.length][];
      for (int v = 0; v < pnl.length; v++) {
        if (pnl[v].length != spotMoves.size()) {
          throw new IllegalArgumentException("pnl[" + v + "] of " + label + " has " + pnl[v].length
              + " values, need one per spot move (" + spotMoves.size() + ")");
        }
        for (int s = 0; s < pnl[v].length; s++) {
          Checks.finite("pnl[" + v + "][" + s + "] of " + label, pnl[v][s]);
        }
        copy[v] = pnl[v].clone();
      }
      pnl = copy;
    }

    private static List<Double> increasing(String name, List<Double> moves) {
      List<Double> copy = Checks.nonEmpty(name, moves);
      for (int i = 0; i < copy.size(); i++) {
        Checks.finite(name + "[" + i + "]", copy.get(i));
        if (i > 0 && !(copy.get(i) > copy.get(i - 1))) {
          throw new IllegalArgumentException(name + " must be strictly increasing, but [" + (i - 1) + "] = "
              + copy.get(i - 1) + " and [" + i + "] = " + copy.get(i));
        }
      }
      return copy;
    }

    /** A copy of the P&amp;L matrix. */
    @Override
    public double[][] pnl() {
      double[][] copy = new double[pnl.length][];
      for (int v = 0; v < pnl.length; v++) {
        copy[v] = pnl[v].clone();
      }
      return copy;
    }

    /** P&amp;L for vol move index v and spot move index s, USD. */
    public double pnl(int v, int s) {
      return pnl[v][s];
    }

    /** The cell with the lowest P&amp;L (the first one in row-major order on ties). */
    public WorstCell worst() {
      int bv = 0;
      int bs = 0;
      for (int v = 0; v < pnl.length; v++) {
        for (int s = 0; s < pnl[v].length; s++) {
          if (pnl[v][s] < pnl[bv][bs]) {
            bv = v;
            bs = s;
          }
        }
      }
      return new WorstCell(bv, bs, spotMoves.get(bs), volMoves.get(bv), pnl[bv][bs]);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Grid g && label.equals(g.label) && spotMoves.equals(g.spotMoves)
          && volMoves.equals(g.volMoves) && java.util.Arrays.deepEquals(pnl, g.pnl);
    }

    @Override
    public int hashCode() {
      return Objects.hash(label, spotMoves, volMoves) * 31 + java.util.Arrays.deepHashCode(pnl);
    }

    @Override
    public String toString() {
      return "Grid[" + label + ", " + volMoves.size() + " vol x " + spotMoves.size() + " spot moves]";
    }
  }

  /**
   * The worst cell of a grid.
   *
   * @param volIndex row index
   * @param spotIndex column index
   * @param spotMove relative spot move, decimal
   * @param volMove absolute vol move, decimal
   * @param pnl USD
   */
  public record WorstCell(int volIndex, int spotIndex, double spotMove, double volMove, double pnl) {
  }

  public StressSection {
    Checks.text("description", description);
    grids = Checks.nonEmpty("grids", grids);
  }

  /** The worst cell over all grids, with its grid's label. */
  public java.util.Map.Entry<String, WorstCell> worst() {
    Grid worstGrid = grids.get(0);
    for (Grid g : grids) {
      if (g.worst().pnl() < worstGrid.worst().pnl()) {
        worstGrid = g;
      }
    }
    return java.util.Map.entry(worstGrid.label(), worstGrid.worst());
  }
}

package io.hedgekit.risk.stress;

import io.hedgekit.risk.var.RiskJson;
import java.util.List;
import java.util.Map;

/**
 * Stress P&amp;L by full revaluation, USD. JSON ({@link #toJson()}):
 * <pre>{@code
 * {"spot_moves": [-0.5, ...], "vol_shifts": [-0.3, ...],
 *  "matrices": [{"underlying": "BTC", "pnl": [[...], ...], "worst": {...}}, ..., {"underlying": "ALL", ...}],
 *  "worst": {"underlying": "ALL", "spot_move": -0.5, "vol_shift": 0.3, "pnl": ...},
 *  "historical": [{"date": "2020-03-12", "largest_move_of": ["BTC", "ETH"], "returns": {"BTC": -0.465, ...},
 *                  "missing": [], "pnl": ..., "by_underlying": {"BTC": ..., ...}}]}
 * }</pre>
 *
 * @param spotMoves the relative spot moves (rows of every matrix)
 * @param volShifts the absolute vol moves (columns)
 * @param matrices one per book underlying (only that underlying moves; P&amp;L of its positions)
 *     and a last one named {@link #ALL} (every underlying moves by the same relative spot move and
 *     vol shift; portfolio P&amp;L)
 * @param worst the lowest-P&amp;L cell over all matrices
 * @param historical the historical days, in date order
 */
public record StressResult(List<Double> spotMoves, List<Double> volShifts, List<Matrix> matrices, Cell worst,
    List<HistoricalDay> historical) {

  /** Name of the matrix where all underlyings move together. */
  public static final String ALL = "ALL";

  /**
   * @param underlying the underlying moved, or {@link #ALL}
   * @param pnl {@code pnl[i][j]}: P&amp;L for spot move i and vol shift j
   * @param worst its lowest cell
   */
  public record Matrix(String underlying, List<List<Double>> pnl, Cell worst) {
  }

  /**
   * @param underlying the matrix it belongs to
   * @param spotMove relative spot move
   * @param volShift absolute vol shift
   * @param pnl USD
   */
  public record Cell(String underlying, double spotMove, double volShift, double pnl) {
  }

  /**
   * One historical day applied to the book: every underlying moves by its actual log return of
   * that day (close to close), instantly (horizon 0, no vol move).
   *
   * @param date ISO date of the close that ends the move
   * @param largestMoveOf the underlyings for which this day is among the N largest |moves|
   * @param returns the log returns applied, per book underlying
   * @param missing book underlyings without a price that day or the day before (moved by 0)
   * @param pnl portfolio P&amp;L
   * @param byUnderlying P&amp;L of each underlying's positions
   */
  public record HistoricalDay(String date, List<String> largestMoveOf, Map<String, Double> returns,
      List<String> missing, double pnl, Map<String, Double> byUnderlying) {
  }

  /** The matrix of {@code underlying} (or {@link #ALL}). */
  public Matrix matrix(String underlying) {
    return matrices.stream().filter(m -> m.underlying().equals(underlying)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no matrix for " + underlying));
  }

  /** This result as indented JSON. */
  public String toJson() {
    return RiskJson.toJson(this);
  }
}

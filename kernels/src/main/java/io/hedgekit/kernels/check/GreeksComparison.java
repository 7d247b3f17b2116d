package io.hedgekit.kernels.check;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a backend's Greeks with the reference's, output by output, under the accuracy
 * contract of the SIMD and OpenCL backends: each value must be within {@code relTol} relative
 * of the reference, or within {@code absTol × spot × |size|} absolute (for values near zero,
 * where relative error means nothing). NaN must match NaN (the coin value of linear contracts).
 */
public final class GreeksComparison {

  /** The tolerance of the backend accuracy contract (1e-12, relative and scaled absolute). */
  public static final double CONTRACT_TOLERANCE = 1e-12;

  /**
   * Error statistics of one output column.
   *
   * @param output column name
   * @param maxAbsError largest |backend − reference|
   * @param maxRelError largest |backend − reference| / |reference| over rows with reference ≠ 0
   * @param worstRow row with the largest error measured against its allowance (−1 if none)
   * @param worstRatio that row's error divided by its allowance (> 1 means out of contract)
   * @param worstBackend the backend's value at the worst row
   * @param worstReference the reference's value at the worst row
   */
  public record OutputError(String output, double maxAbsError, double maxRelError, int worstRow,
      double worstRatio, double worstBackend, double worstReference) {

    /** True when every row of this output is within the contract. */
    public boolean withinContract() {
      return worstRatio <= 1.0;
    }
  }

  private GreeksComparison() {
  }

  /** Compares {@code backend} with {@code reference} for {@code positions} at the contract tolerance. */
  public static List<OutputError> compare(PositionColumns positions, GreeksColumns reference, GreeksColumns backend) {
    return compare(positions, reference, backend, CONTRACT_TOLERANCE, CONTRACT_TOLERANCE);
  }

  /** Compares with explicit tolerances; see the class javadoc for the rule. */
  public static List<OutputError> compare(PositionColumns positions, GreeksColumns reference, GreeksColumns backend,
      double relTol, double absTol) {
    List<OutputError> errors = new ArrayList<>();
    for (int c = 0; c < GreeksColumns.COUNT; c++) {
      double maxAbs = 0;
      double maxRel = 0;
      int worst = -1;
      double worstRatio = 0;
      for (int i = 0; i < positions.rows(); i++) {
        double ref = reference.get(c, i);
        double got = backend.get(c, i);
        double ratio;
        if (Double.isNaN(ref) || Double.isNaN(got)) {
          ratio = Double.isNaN(ref) && Double.isNaN(got) ? 0 : Double.POSITIVE_INFINITY;
        } else {
          double err = Math.abs(got - ref);
          maxAbs = Math.max(maxAbs, err);
          if (ref != 0) {
            maxRel = Math.max(maxRel, err / Math.abs(ref));
          }
          Position p = new Position(positions, i);
          double allowance = Math.max(relTol * Math.abs(ref), absTol * p.spot * Math.abs(p.size));
          ratio = err == 0 ? 0 : (allowance == 0 ? Double.POSITIVE_INFINITY : err / allowance);
        }
        if (worst < 0 || ratio > worstRatio) {
          worstRatio = ratio;
          worst = i;
        }
      }
      errors.add(new OutputError(GreeksColumns.NAMES.get(c), maxAbs, maxRel, worst, worstRatio,
          worst < 0 ? Double.NaN : backend.get(c, worst), worst < 0 ? Double.NaN : reference.get(c, worst)));
    }
    return errors;
  }

  /** True when every output is within the contract. */
  public static boolean allWithin(List<OutputError> errors) {
    return errors.stream().allMatch(OutputError::withinContract);
  }

  private record Position(double spot, double size) {
    Position(PositionColumns p, int i) {
      this(p.spot().getAtIndex(PositionColumns.DOUBLE, i), p.size().getAtIndex(PositionColumns.DOUBLE, i));
    }
  }
}

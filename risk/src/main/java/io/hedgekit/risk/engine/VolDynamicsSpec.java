package io.hedgekit.risk.engine;

import io.hedgekit.kernels.VolDynamics;
import io.hedgekit.risk.ResolvedBook;
import java.util.Locale;
import java.util.Objects;

/**
 * How full revaluation moves implied vols in a request: sticky strike or sticky moneyness, and
 * parallel or sqrt-scaled vol shifts (the rules are in {@link VolDynamics}). It names the rule
 * only; the engine builds the kernels' {@link VolDynamics} for each request with
 * {@link #forBook}, from the SVI smiles of the market the book was resolved against, in the
 * book's underlying order (underlyings without a smile stay sticky strike).
 *
 * @param mode sticky strike or sticky moneyness
 * @param shiftTerm parallel or sqrt-scaled vol shifts
 */
public record VolDynamicsSpec(VolDynamics.Mode mode, VolDynamics.ShiftTerm shiftTerm) {

  /** Sticky strike, parallel shifts: the default of every request. */
  public static final VolDynamicsSpec STICKY_STRIKE =
      new VolDynamicsSpec(VolDynamics.Mode.STICKY_STRIKE, VolDynamics.ShiftTerm.PARALLEL);

  public VolDynamicsSpec {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(shiftTerm, "shiftTerm");
  }

  /** Sticky moneyness with parallel shifts. */
  public static VolDynamicsSpec stickyMoneyness() {
    return new VolDynamicsSpec(VolDynamics.Mode.STICKY_MONEYNESS, VolDynamics.ShiftTerm.PARALLEL);
  }

  /** The same mode with {@code term} vol shifts. */
  public VolDynamicsSpec withShiftTerm(VolDynamics.ShiftTerm term) {
    return new VolDynamicsSpec(mode, term);
  }

  /**
   * Parses the command-line spellings {@code sticky-strike|sticky-moneyness} and
   * {@code parallel|sqrt} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the bad value and the allowed ones
   */
  public static VolDynamicsSpec parse(String mode, String shiftTerm) {
    VolDynamics.Mode m = switch (mode.toLowerCase(Locale.ROOT)) {
      case "sticky-strike" -> VolDynamics.Mode.STICKY_STRIKE;
      case "sticky-moneyness" -> VolDynamics.Mode.STICKY_MONEYNESS;
      default -> throw new IllegalArgumentException(
          "--vol-dynamics must be sticky-strike or sticky-moneyness, was " + mode);
    };
    VolDynamics.ShiftTerm t = switch (shiftTerm.toLowerCase(Locale.ROOT)) {
      case "parallel" -> VolDynamics.ShiftTerm.PARALLEL;
      case "sqrt" -> VolDynamics.ShiftTerm.SQRT;
      default -> throw new IllegalArgumentException("--vol-shift-term must be parallel or sqrt, was " + shiftTerm);
    };
    return new VolDynamicsSpec(m, t);
  }

  /**
   * The kernels' dynamics for {@code book}: {@code VolDynamics.of(mode, shiftTerm, book.smiles())},
   * one smile (or none) per index of {@code book.underlyings()}.
   */
  public VolDynamics forBook(ResolvedBook book) {
    return VolDynamics.of(mode, shiftTerm, book.smiles());
  }
}

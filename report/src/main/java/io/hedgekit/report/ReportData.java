package io.hedgekit.report;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a report shows. The Greeks part is required; VaR, stress, contributors and hedge
 * are optional: an absent section is one line in the report saying how to include it.
 *
 * @param facts what the run was
 * @param underlyings headline numbers per underlying; not empty, names unique
 * @param byExpiry Greeks by expiry bucket ({@link GreekBuckets.Dimension#EXPIRY})
 * @param byStrike Greeks by strike bucket ({@link GreekBuckets.Dimension#STRIKE})
 * @param var VaR/ES and scenario P&amp;L
 * @param stress stress grids
 * @param contributors top risk contributors
 * @param hedge suggested hedge
 * @param margin portfolio margin, liquidation distance and carry
 * @param smiles fitted smiles against their quotes (empty: no smile section)
 */
public record ReportData(RunFacts facts, List<UnderlyingSummary> underlyings, GreekBuckets byExpiry,
    GreekBuckets byStrike, Optional<VarSection> var, Optional<StressSection> stress,
    Optional<ContributorSection> contributors, Optional<HedgeSection> hedge, Optional<MarginSection> margin,
    List<SmileSection> smiles) {

  /** Without a margin section or smile charts. */
  public ReportData(RunFacts facts, List<UnderlyingSummary> underlyings, GreekBuckets byExpiry, GreekBuckets byStrike,
      Optional<VarSection> var, Optional<StressSection> stress, Optional<ContributorSection> contributors,
      Optional<HedgeSection> hedge) {
    this(facts, underlyings, byExpiry, byStrike, var, stress, contributors, hedge, Optional.empty(), List.of());
  }

  /** This report with the given smile sections. */
  public ReportData withSmiles(List<SmileSection> sections) {
    return new ReportData(facts, underlyings, byExpiry, byStrike, var, stress, contributors, hedge, margin, sections);
  }

  public ReportData {
    Objects.requireNonNull(facts, "facts");
    underlyings = Checks.nonEmpty("underlyings", underlyings);
    Set<String> names = new HashSet<>();
    for (UnderlyingSummary u : underlyings) {
      if (!names.add(u.underlying())) {
        throw new IllegalArgumentException("underlying " + u.underlying() + " appears twice in underlyings");
      }
    }
    checkBuckets("byExpiry", byExpiry, GreekBuckets.Dimension.EXPIRY);
    checkBuckets("byStrike", byStrike, GreekBuckets.Dimension.STRIKE);
    Objects.requireNonNull(var, "var (use Optional.empty())");
    Objects.requireNonNull(stress, "stress (use Optional.empty())");
    Objects.requireNonNull(contributors, "contributors (use Optional.empty())");
    Objects.requireNonNull(hedge, "hedge (use Optional.empty())");
    Objects.requireNonNull(margin, "margin (use Optional.empty())");
    smiles = List.copyOf(smiles);
  }

  private static void checkBuckets(String name, GreekBuckets b, GreekBuckets.Dimension expected) {
    Objects.requireNonNull(b, name);
    if (b.dimension() != expected) {
      throw new IllegalArgumentException(name + " must be buckets of " + expected + ", was " + b.dimension());
    }
  }

  /** A report with the Greeks section only. */
  public static ReportData greeksOnly(RunFacts facts, List<UnderlyingSummary> underlyings, GreekBuckets byExpiry,
      GreekBuckets byStrike) {
    return new ReportData(facts, underlyings, byExpiry, byStrike, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  /** A report with the Greeks section of {@code greeks} only. */
  public static ReportData greeksOnly(RunFacts facts, BookGreeks greeks) {
    return greeksOnly(facts, greeks.underlyings(), greeks.byExpiry(), greeks.byStrike());
  }

  /** This report with {@code var}. */
  public ReportData withVar(VarSection section) {
    return new ReportData(facts, underlyings, byExpiry, byStrike,
        Optional.of(section), stress, contributors, hedge, margin, smiles);
  }

  /** This report with {@code stress}. */
  public ReportData withStress(StressSection section) {
    return new ReportData(facts, underlyings, byExpiry, byStrike,
        var, Optional.of(section), contributors, hedge, margin, smiles);
  }

  /** This report with {@code contributors}. */
  public ReportData withContributors(ContributorSection section) {
    return new ReportData(facts, underlyings, byExpiry, byStrike,
        var, stress, Optional.of(section), hedge, margin, smiles);
  }

  /** This report with {@code margin}. */
  public ReportData withMargin(MarginSection section) {
    return new ReportData(facts, underlyings, byExpiry, byStrike,
        var, stress, contributors, hedge, Optional.of(section), smiles);
  }

  /** This report with {@code hedge}. */
  public ReportData withHedge(HedgeSection section) {
    return new ReportData(facts, underlyings, byExpiry, byStrike,
        var, stress, contributors, Optional.of(section), margin, smiles);
  }

  /** Sum of the underlyings' values, USD. */
  public double totalValue() {
    return underlyings.stream().mapToDouble(UnderlyingSummary::value).sum();
  }

  /** Sum of the underlyings' dollar deltas, USD. */
  public double totalDollarDelta() {
    return underlyings.stream().mapToDouble(u -> u.greeks().dollarDelta()).sum();
  }

  /** Sum of the underlyings' vegas, USD per vol point. */
  public double totalVega() {
    return underlyings.stream().mapToDouble(u -> u.greeks().vegaPerVolPoint()).sum();
  }

  /** Sum of the underlyings' thetas, USD per day. */
  public double totalTheta() {
    return underlyings.stream().mapToDouble(u -> u.greeks().thetaPerDay()).sum();
  }

  /** The underlying names, in order. */
  public List<String> underlyingNames() {
    return underlyings.stream().map(UnderlyingSummary::underlying).toList();
  }
}

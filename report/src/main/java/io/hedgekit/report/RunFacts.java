package io.hedgekit.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the run was: shown at the top of the report so a reader can reproduce it.
 *
 * @param title report title (e.g. the book's file name)
 * @param valuationTime the market's valuation time
 * @param generatedAt when the report was written
 * @param version hedgekit version
 * @param backend the engine that computed (e.g. "cpu (AVX2, 8 lanes, 2 threads)")
 * @param positions number of positions in the book, >= 0
 * @param inputs named inputs (book, market, scenarios, universe ...), in display order
 * @param timings wall-clock time per phase, in display order
 * @param notes further facts (JDK, machine, options ...), in display order
 */
public record RunFacts(String title, Instant valuationTime, Instant generatedAt, String version, String backend,
    long positions, List<Fact> inputs, List<Timing> timings, List<Fact> notes) {

  /**
   * A named fact.
   *
   * @param name label, e.g. "book"
   * @param value text, e.g. "examples/book.csv (300,000 rows)"
   */
  public record Fact(String name, String value) {
    public Fact {
      Checks.text("fact name", name);
      Objects.requireNonNull(value, "value of fact " + name);
    }
  }

  /**
   * Time one phase took.
   *
   * @param phase e.g. "greeks"
   * @param seconds wall-clock seconds, >= 0
   */
  public record Timing(String phase, double seconds) {
    public Timing {
      Checks.text("timing phase", phase);
      Checks.nonNegative("seconds of phase " + phase, seconds);
    }
  }

  public RunFacts {
    Checks.text("title", title);
    Objects.requireNonNull(valuationTime, "valuationTime");
    Objects.requireNonNull(generatedAt, "generatedAt");
    Checks.text("version", version);
    Checks.text("backend", backend);
    if (positions < 0) {
      throw new IllegalArgumentException("positions must be >= 0, was " + positions);
    }
    inputs = Checks.list("inputs", inputs);
    timings = Checks.list("timings", timings);
    notes = Checks.list("notes", notes);
  }

  /** Sum of the timings, seconds. */
  public double totalSeconds() {
    return timings.stream().mapToDouble(Timing::seconds).sum();
  }
}

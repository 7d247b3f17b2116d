package io.hedgekit.risk.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a request ran: the backend that computed it, how long each step took, and the positions
 * left out by lenient resolution when the request resolved its book itself.
 *
 * @param backend the backend's name ({@code scalar}, {@code cpu}, {@code gpu})
 * @param backendDescription one line: what ran where
 * @param elapsed wall time of the whole request
 * @param steps wall time per step, in order (e.g. {@code resolve}, {@code greeks})
 * @param rejected positions left out (empty unless the request resolved leniently)
 */
public record RunInfo(String backend, String backendDescription, Duration elapsed, Map<String, Duration> steps,
    List<Rejection> rejected) {

  public RunInfo {
    steps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    rejected = List.copyOf(rejected);
  }

  /** Seconds of step {@code name}, or NaN if there was no such step. */
  public double seconds(String name) {
    Duration d = steps.get(name);
    return d == null ? Double.NaN : d.toNanos() / 1e9;
  }

  /** Times the steps of one request. Not thread-safe. */
  static final class Clock {
    private final long start = System.nanoTime();
    private final Map<String, Duration> steps = new LinkedHashMap<>();
    private long mark = start;

    /** Ends the step running since the last call (or the start) as {@code name}. */
    void step(String name) {
      long now = System.nanoTime();
      steps.merge(name, Duration.ofNanos(now - mark), Duration::plus);
      mark = now;
    }

    RunInfo info(RiskEngine engine, List<Rejection> rejected) {
      return new RunInfo(engine.backend(), engine.backendDescription(), Duration.ofNanos(System.nanoTime() - start), steps,
          rejected);
    }
  }
}

package io.hedgekit.risk.engine;

import java.util.Objects;

/**
 * A request's result with how it ran.
 *
 * @param result what was computed (an immutable value, safe to share)
 * @param run backend, timings and rejected positions
 * @param <T> the result type
 */
public record Computed<T>(T result, RunInfo run) {
  public Computed {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(run, "run");
  }
}

package io.hedgekit.report;

import java.util.List;
import java.util.Objects;

/** Validation helpers for the report's records; messages name the field and the value. */
final class Checks {
  private Checks() {
  }

  static double finite(String name, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite, was " + v);
    }
    return v;
  }

  static double positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, was " + v);
    }
    return v;
  }

  static double nonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, was " + v);
    }
    return v;
  }

  static double confidence(String name, double v) {
    if (!(v > 0 && v < 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1), was " + v);
    }
    return v;
  }

  static String text(String name, String v) {
    Objects.requireNonNull(v, name);
    if (v.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return v;
  }

  static <T> List<T> list(String name, List<T> v) {
    Objects.requireNonNull(v, name);
    for (int i = 0; i < v.size(); i++) {
      if (v.get(i) == null) {
        throw new IllegalArgumentException(name + "[" + i + "] must not be null");
      }
    }
    return List.copyOf(v);
  }

  static <T> List<T> nonEmpty(String name, List<T> v) {
    List<T> copy = list(name, v);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return copy;
  }
}

package io.hedgekit.gpu.impl;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.Conventions;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.VolDynamics;
import io.hedgekit.kernels.reference.ReferencePricer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The OpenCL C source of the backend, read from {@code .cl} resources on the classpath. */
public final class KernelSource {

  /** The program's parts in compile order: pragmas, the normal CDF, the pricer, the entry points, vol dynamics. */
  public static final String[] PARTS = {
      "/io/hedgekit/gpu/prelude.cl", "/io/hedgekit/gpu/cody_normal.cl", "/io/hedgekit/gpu/pricer.cl",
      "/io/hedgekit/gpu/kernels.cl", "/io/hedgekit/gpu/smile.cl"};

  private KernelSource() {
  }

  /** The whole program: {@link #PARTS} concatenated. */
  public static String program() {
    StringBuilder sb = new StringBuilder();
    for (String part : PARTS) {
      sb.append(load(part)).append('\n');
    }
    return sb.toString();
  }

  /**
   * The {@code clBuildProgram} options that define the program's constants from their Java
   * originals, so that the {@code .cl} sources hold no copy: {@code KIND_<NAME>} for every
   * {@link ContractKind} code and {@code KIND_COUNT}; {@code OUT_<NAME>} for the output indices of
   * {@link GreeksColumns#NAMES} and {@code OUT_COUNT}; {@code MIN_STDDEV}
   * ({@link ReferencePricer#MIN_STDDEV}), {@code DAYS_PER_YEAR} ({@link Conventions#DAYS_PER_YEAR}),
   * {@code VOL_FLOOR} ({@link ScenarioColumns#VOL_FLOOR}), {@code MAX_VOL}
   * ({@link Conventions#MAX_VOL}), {@code SQRT_TERM_REFERENCE_YEARS} and {@code SQRT_TERM_MIN_YEARS}
   * ({@link VolDynamics#SQRT_TERM_REFERENCE_YEARS}, {@link VolDynamics#SQRT_TERM_MIN_YEARS}). Doubles are written with {@link Double#toString}, which
   * round-trips exactly.
   */
  public static String buildOptions() {
    StringBuilder sb = new StringBuilder();
    for (ContractKind k : ContractKind.values()) {
      define(sb, "KIND_" + k.name(), Integer.toString(k.code()));
    }
    define(sb, "KIND_COUNT", Integer.toString(ContractKind.COUNT));
    for (int c = 0; c < GreeksColumns.COUNT; c++) {
      define(sb, "OUT_" + GreeksColumns.NAMES.get(c).toUpperCase(java.util.Locale.ROOT), Integer.toString(c));
    }
    define(sb, "OUT_COUNT", Integer.toString(GreeksColumns.COUNT));
    define(sb, "MIN_STDDEV", Double.toString(ReferencePricer.MIN_STDDEV));
    define(sb, "DAYS_PER_YEAR", Double.toString(Conventions.DAYS_PER_YEAR));
    define(sb, "VOL_FLOOR", Double.toString(ScenarioColumns.VOL_FLOOR));
    define(sb, "MAX_VOL", Double.toString(Conventions.MAX_VOL));
    define(sb, "SQRT_TERM_REFERENCE_YEARS", Double.toString(VolDynamics.SQRT_TERM_REFERENCE_YEARS));
    define(sb, "SQRT_TERM_MIN_YEARS", Double.toString(VolDynamics.SQRT_TERM_MIN_YEARS));
    return sb.toString().trim();
  }

  private static void define(StringBuilder sb, String name, String value) {
    sb.append("-D").append(name).append('=').append(value).append(' ');
  }

  /**
   * One resource as UTF-8 text.
   *
   * @throws IllegalStateException if the resource is not on the classpath (a broken build, never
   *     silently an empty program)
   */
  public static String load(String resource) {
    try (InputStream in = KernelSource.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("OpenCL kernel source " + resource
            + " is not on the classpath (is the hedgekit-gpu jar complete?)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read OpenCL kernel source " + resource, e);
    }
  }
}

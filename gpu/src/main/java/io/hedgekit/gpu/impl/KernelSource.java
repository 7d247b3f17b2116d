package io.hedgekit.gpu.impl;

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

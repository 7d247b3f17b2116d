package io.hedgekit.gpu.impl;

import static org.jocl.CL.clSetKernelArg;

import io.hedgekit.gpu.OpenClException;
import java.util.function.Supplier;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Runs JOCL calls with exceptions enabled and turns a {@link CLException} into an
 * {@link OpenClException} that names the call.
 */
public final class Cl {

  private Cl() {
  }

  /**
   * Loads JOCL and the OpenCL library and makes every failing call throw.
   *
   * @throws LinkageError if the OpenCL library (ICD loader) cannot be loaded
   */
  static void init() {
    CL.setExceptionsEnabled(true);
  }

  /** Runs {@code body}; a {@link CLException} becomes an {@link OpenClException} naming {@code call}. */
  public static void run(String call, Runnable body) {
    try {
      body.run();
    } catch (CLException e) {
      throw wrap(call, e);
    }
  }

  /** Returns {@code body}'s result; a {@link CLException} becomes an {@link OpenClException} naming {@code call}. */
  public static <T> T get(String call, Supplier<T> body) {
    try {
      return body.get();
    } catch (CLException e) {
      throw wrap(call, e);
    }
  }

  static OpenClException wrap(String call, CLException e) {
    return new OpenClException(call, e.getStatus(), e.getMessage(), e);
  }

  static void arg(cl_kernel kernel, int index, int value) {
    run("clSetKernelArg", () -> clSetKernelArg(kernel, index, Sizeof.cl_int, Pointer.to(new int[] {value})));
  }

  static void arg(cl_kernel kernel, int index, double value) {
    run("clSetKernelArg", () -> clSetKernelArg(kernel, index, Sizeof.cl_double, Pointer.to(new double[] {value})));
  }

  static void arg(cl_kernel kernel, int index, cl_mem value) {
    run("clSetKernelArg", () -> clSetKernelArg(kernel, index, Sizeof.cl_mem, Pointer.to(value)));
  }

  /** The smallest multiple of {@code multiple} that is ≥ {@code n} (and ≥ multiple). */
  static long roundUp(long n, long multiple) {
    long r = (n + multiple - 1) / multiple * multiple;
    return Math.max(r, multiple);
  }
}

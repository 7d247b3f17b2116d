package io.hedgekit.gpu;

/**
 * An OpenCL call failed. The message names the call and the OpenCL status (for example
 * {@code "clEnqueueWriteBuffer failed: CL_MEM_OBJECT_ALLOCATION_FAILURE"}) and, for a failed
 * program build, carries the compiler's log.
 */
public final class OpenClException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String call;
  private final int status;

  /**
   * @param call the OpenCL function that failed, e.g. {@code clBuildProgram}
   * @param status the OpenCL status code (negative), or 0 when none is known
   * @param message what went wrong, without the call name
   * @param cause the underlying exception, may be null
   */
  public OpenClException(String call, int status, String message, Throwable cause) {
    super(call + " failed: " + message, cause);
    this.call = call;
    this.status = status;
  }

  /** The OpenCL function that failed. */
  public String call() {
    return call;
  }

  /** The OpenCL status code, e.g. −5 for CL_OUT_OF_RESOURCES; 0 when none is known. */
  public int status() {
    return status;
  }
}

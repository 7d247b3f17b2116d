package io.hedgekit.kernels;

import java.util.List;

/**
 * Makes {@link ComputeBackend}s of one kind; found with {@link java.util.ServiceLoader}, so a new
 * runtime plugs in by shipping a jar with a {@code META-INF/services} entry for this interface.
 */
public interface BackendProvider {

  /** The backend's command-line name ({@code scalar}, {@code cpu}, {@code gpu}, ...). */
  String name();

  /** Whether this backend can run here, how it ranks for {@code --backend auto}, and why. */
  Availability availability();

  /** Human-readable lines describing the hardware this backend sees (for {@code hedgekit devices}). */
  List<String> describeDevices();

  /**
   * Opens a backend.
   *
   * @throws BackendUnavailableException if it cannot run here (the message says why and what to install)
   */
  ComputeBackend open(BackendOptions options);

  /**
   * @param usable true if {@link #open} is expected to work
   * @param autoRank higher is preferred by {@code --backend auto}; the scalar reference is 0
   * @param reason one line: what was found, or why it is not usable
   */
  record Availability(boolean usable, int autoRank, String reason) {
  }
}

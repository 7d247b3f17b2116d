package io.hedgekit.gpu;

import io.hedgekit.gpu.impl.ClDeviceScan;
import io.hedgekit.kernels.BackendUnavailableException;
import java.util.List;

/** The OpenCL devices of this machine, for {@code hedgekit devices} and {@code --device}. */
public final class OpenClDevices {

  private OpenClDevices() {
  }

  /**
   * Every device of every OpenCL platform, in the order {@code --device <index>} counts them.
   * Scanned once per process.
   *
   * @throws BackendUnavailableException if there is no OpenCL runtime (no ICD loader or no
   *     driver); the message says what to install
   */
  public static List<DeviceInfo> list() {
    return ClDeviceScan.devices().stream().map(ClDeviceScan.Found::info).toList();
  }

  /**
   * The device {@code --device spec} selects: null or blank = the first device with double
   * precision, GPUs before other devices; digits = that index; otherwise the first device whose
   * name contains {@code spec}, ignoring case.
   *
   * @throws BackendUnavailableException if nothing matches, the match has no double precision, or
   *     there is no OpenCL runtime; the message lists the devices found
   */
  public static DeviceInfo select(String spec) {
    return ClDeviceScan.select(spec).info();
  }
}

package io.hedgekit.gpu.impl;

import io.hedgekit.gpu.DeviceInfo;
import io.hedgekit.kernels.BackendUnavailableException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Chooses a device for {@code --device}; pure logic over device descriptions. */
public final class DeviceSelector {

  private DeviceSelector() {
  }

  /**
   * The index (into {@code devices}) chosen by {@code spec}: null or blank = the first device with
   * double precision, GPUs before other types; all digits = that index; otherwise the first device
   * whose name contains {@code spec} ignoring case, preferring one with double precision.
   *
   * @throws BackendUnavailableException if there are no devices, nothing matches, or the chosen
   *     device has no double precision or is big-endian; the message lists the devices
   */
  public static int select(List<DeviceInfo> devices, String spec) {
    if (devices.isEmpty()) {
      throw new BackendUnavailableException("no OpenCL device found; " + ClDeviceScan.INSTALL_HINT);
    }
    DeviceInfo chosen;
    if (spec == null || spec.isBlank()) {
      chosen = devices.stream().filter(d -> d.fp64() && d.isGpu()).findFirst()
          .or(() -> devices.stream().filter(DeviceInfo::fp64).findFirst())
          .orElseThrow(() -> new BackendUnavailableException(
              "no OpenCL device with double precision (cl_khr_fp64) among: " + listing(devices)
                  + "; use --backend cpu"));
    } else if (spec.strip().chars().allMatch(Character::isDigit)) {
      long index = Long.parseLong(spec.strip());
      if (index >= devices.size()) {
        throw new BackendUnavailableException("--device " + spec.strip() + " is not a device index (0.."
            + (devices.size() - 1) + "): " + listing(devices));
      }
      chosen = devices.get((int) index);
    } else {
      String needle = spec.strip().toLowerCase(Locale.ROOT);
      List<DeviceInfo> matches = devices.stream()
          .filter(d -> d.name().toLowerCase(Locale.ROOT).contains(needle)).toList();
      if (matches.isEmpty()) {
        throw new BackendUnavailableException("no OpenCL device name contains '" + spec.strip() + "': "
            + listing(devices));
      }
      chosen = matches.stream().filter(DeviceInfo::fp64).findFirst().orElse(matches.get(0));
    }
    if (!chosen.fp64()) {
      throw new BackendUnavailableException("OpenCL device #" + chosen.index() + " " + chosen.name()
          + " has no double precision (cl_khr_fp64), which hedgekit's gpu backend requires; choose another"
          + " with --device or use --backend cpu. Devices: " + listing(devices));
    }
    if (!chosen.littleEndian()) {
      throw new BackendUnavailableException("OpenCL device #" + chosen.index() + " " + chosen.name()
          + " is big-endian; hedgekit's gpu backend copies little-endian columns byte for byte");
    }
    return chosen.index();
  }

  private static String listing(List<DeviceInfo> devices) {
    return devices.stream()
        .map(d -> "#" + d.index() + " " + d.name() + " [" + d.type() + ", fp64 " + (d.fp64() ? "yes" : "no") + "]")
        .collect(Collectors.joining(", "));
  }
}

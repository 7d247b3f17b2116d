package io.hedgekit.gpu;

import java.util.Locale;
import java.util.Objects;

/**
 * One OpenCL device as seen by the {@code gpu} backend (for {@code hedgekit devices} and for
 * choosing a device with {@code --device}).
 *
 * @param index position in {@link OpenClDevices#list()}, the number {@code --device} accepts
 * @param platform the OpenCL platform's name (e.g. {@code NVIDIA CUDA}, {@code Portable Computing Language})
 * @param name the device's name
 * @param type {@code GPU}, {@code CPU}, {@code ACCELERATOR} or {@code OTHER}
 * @param globalMemoryBytes global memory, bytes
 * @param maxAllocationBytes largest single buffer the device allows, bytes
 * @param computeUnits compute units (SMs on NVIDIA, CUs on AMD, cores on CPU devices)
 * @param fp64 true if the device has double precision ({@code cl_khr_fp64}); required here
 * @param littleEndian true if the device is little-endian (required: columns are copied byte for byte)
 * @param version the device's OpenCL version string
 */
public record DeviceInfo(int index, String platform, String name, String type, long globalMemoryBytes,
    long maxAllocationBytes, int computeUnits, boolean fp64, boolean littleEndian, String version) {

  public DeviceInfo {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, was " + index);
    }
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(version, "version");
  }

  /** True for a device of type GPU (not a CPU device such as PoCL). */
  public boolean isGpu() {
    return "GPU".equals(type);
  }

  /** One line: index, name, type, platform, memory, compute units, fp64. */
  public String describe() {
    return String.format(Locale.ROOT, "#%d %s [%s] on %s: %.1f GiB global memory, %d compute units, fp64 %s, %s",
        index, name, type, platform, globalMemoryBytes / (1024.0 * 1024 * 1024), computeUnits,
        fp64 ? "yes" : "no", version);
  }
}

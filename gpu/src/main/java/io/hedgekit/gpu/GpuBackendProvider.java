package io.hedgekit.gpu;

import io.hedgekit.gpu.impl.ClDeviceScan;
import io.hedgekit.gpu.impl.DeviceSelector;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.BackendProvider;
import io.hedgekit.kernels.BackendUnavailableException;
import io.hedgekit.kernels.ComputeBackend;
import java.util.List;

/**
 * Provides {@link GpuBackend} as the backend named {@code gpu}. Usable when an OpenCL device with
 * double precision exists; preferred by {@code --backend auto} only when that device is a real
 * GPU. Never throws from {@link #availability()} or {@link #describeDevices()}, even with no
 * OpenCL runtime installed.
 */
public final class GpuBackendProvider implements BackendProvider {

  /** Auto rank with a real GPU: above the cpu backend (10). */
  public static final int GPU_RANK = 20;
  /** Auto rank with only a CPU OpenCL device such as PoCL: below cpu (10), above scalar (0). */
  public static final int CPU_DEVICE_RANK = 5;

  @Override
  public String name() {
    return "gpu";
  }

  @Override
  public Availability availability() {
    String problem = ClDeviceScan.problem();
    if (problem != null) {
      return new Availability(false, 0, problem);
    }
    return availabilityOf(OpenClDevices.list());
  }

  /** Availability given the devices found: judged on the device {@code --device} would default to. */
  static Availability availabilityOf(List<DeviceInfo> devices) {
    DeviceInfo chosen;
    try {
      chosen = devices.get(DeviceSelector.select(devices, null));
    } catch (BackendUnavailableException e) {
      return new Availability(false, 0, e.getMessage());
    }
    String found = "OpenCL " + chosen.type() + " device '" + chosen.name() + "' (" + chosen.platform() + "), fp64";
    if (chosen.isGpu()) {
      return new Availability(true, GPU_RANK, found);
    }
    return new Availability(true, CPU_DEVICE_RANK, found + "; not a GPU, so ranked below the cpu backend");
  }

  @Override
  public List<String> describeDevices() {
    String problem = ClDeviceScan.problem();
    if (problem != null) {
      return List.of("gpu: " + problem);
    }
    List<DeviceInfo> devices = OpenClDevices.list();
    if (devices.isEmpty()) {
      return List.of("gpu: OpenCL runtime present but no device found; " + ClDeviceScan.INSTALL_HINT);
    }
    return devices.stream().map(d -> "gpu: " + d.describe()).toList();
  }

  @Override
  public ComputeBackend open(BackendOptions options) {
    return GpuBackend.open(options);
  }
}

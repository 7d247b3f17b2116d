package io.hedgekit.cpu;

import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.BackendProvider;
import io.hedgekit.kernels.BackendUnavailableException;
import io.hedgekit.kernels.ComputeBackend;
import java.util.List;

/**
 * Provides the {@code cpu} backend: Vector API (SIMD) kernels on a fixed thread pool, ranked
 * above the scalar reference (0) and below a real GPU (20) by {@code --backend auto}.
 *
 * <p>Needs the incubating module {@code jdk.incubator.vector} at run time. Without it the provider
 * reports itself unusable with that reason and {@link #open} throws
 * {@link BackendUnavailableException}; nothing here links the Vector API before checking.
 */
public final class CpuBackendProvider implements BackendProvider {

  /** Rank for {@code --backend auto}. */
  public static final int AUTO_RANK = 10;

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public Availability availability() {
    return availabilityOf(CpuInfo.detect());
  }

  /** Availability given what was detected. */
  static Availability availabilityOf(CpuInfo info) {
    if (!info.vectorApiPresent()) {
      return new Availability(false, AUTO_RANK, info.problem());
    }
    return new Availability(true, AUTO_RANK, "Vector API " + info.bitWidth() + "-bit, "
        + info.doubleLanes() + " doubles per vector, " + info.availableProcessors() + " processors");
  }

  @Override
  public List<String> describeDevices() {
    return List.of(CpuInfo.detect().describe());
  }

  @Override
  public ComputeBackend open(BackendOptions options) {
    CpuInfo info = CpuInfo.detect();
    if (!info.vectorApiPresent()) {
      throw new BackendUnavailableException("backend cpu cannot run here: " + info.problem());
    }
    return new io.hedgekit.cpu.impl.CpuBackend(options);
  }
}

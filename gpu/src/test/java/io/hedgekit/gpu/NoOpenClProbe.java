package io.hedgekit.gpu;

import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.BackendProvider;
import io.hedgekit.kernels.BackendUnavailableException;

/**
 * Run in a child JVM by {@link GpuBackendProviderTest} with OpenCL hidden: prints what the
 * provider reports and what opening does, one fact per line, and exits 0 unless something crashed.
 */
public final class NoOpenClProbe {

  private NoOpenClProbe() {
  }

  public static void main(String[] args) {
    BackendProvider provider = new GpuBackendProvider();
    BackendProvider.Availability a = provider.availability();
    System.out.println("usable=" + a.usable());
    System.out.println("rank=" + a.autoRank());
    System.out.println("reason=" + a.reason());
    System.out.println("devices=" + String.join(" | ", provider.describeDevices()));
    try (var backend = provider.open(BackendOptions.defaults())) {
      System.out.println("open=succeeded " + backend.description());
    } catch (BackendUnavailableException e) {
      System.out.println("open=refused " + e.getMessage());
    }
  }
}

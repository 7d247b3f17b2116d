package io.hedgekit.gpu;

import static org.junit.jupiter.api.Assertions.fail;

import io.hedgekit.gpu.impl.ClDeviceScan;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.BackendUnavailableException;
import org.junit.jupiter.api.Assumptions;

/**
 * Opening the backend in tests: when no OpenCL device with double precision is found, tests fail
 * in CI ({@code CI=true} or {@code HEDGEKIT_REQUIRE_OPENCL=1}) and are skipped with a printed
 * reason elsewhere.
 */
final class OpenClTestSupport {

  /** Small chunks so that every test size up to 4099 crosses several chunks and both buffer sets. */
  static final int TEST_CHUNK_ROWS = 512;

  private OpenClTestSupport() {
  }

  /** True when the environment demands OpenCL (CI). */
  static boolean openClRequired() {
    return "true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("HEDGEKIT_REQUIRE_OPENCL"));
  }

  /** Opens the gpu backend on the default device, or fails (CI) or skips (elsewhere) with the reason. */
  static GpuBackend openOrSkip(int chunkRows) {
    String reason = ClDeviceScan.problem();
    if (reason == null) {
      try {
        return GpuBackend.open(BackendOptions.defaults(), chunkRows);
      } catch (BackendUnavailableException e) {
        reason = e.getMessage();
      }
    }
    if (openClRequired()) {
      fail("OpenCL required in CI but no device found: " + reason);
    }
    System.out.println("[gpu tests skipped] no usable OpenCL device: " + reason);
    return Assumptions.abort("no usable OpenCL device: " + reason);
  }
}

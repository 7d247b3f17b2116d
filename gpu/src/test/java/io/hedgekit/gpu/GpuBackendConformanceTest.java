package io.hedgekit.gpu;

import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.check.BackendConformanceTest;

/**
 * The OpenCL backend under the backend conformance test, with 512-row chunks so that every size
 * crosses several chunks and both buffer sets; skipped without an OpenCL device unless CI demands
 * one ({@link OpenClTestSupport}).
 */
class GpuBackendConformanceTest extends BackendConformanceTest {

  @Override
  protected ComputeBackend openBackend() {
    return OpenClTestSupport.openOrSkip(OpenClTestSupport.TEST_CHUNK_ROWS);
  }
}

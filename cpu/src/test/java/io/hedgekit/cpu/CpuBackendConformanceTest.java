package io.hedgekit.cpu;

import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.check.BackendConformanceTest;

/** The cpu backend (Vector API, two threads) under the backend conformance test. */
class CpuBackendConformanceTest extends BackendConformanceTest {

  @Override
  protected ComputeBackend openBackend() {
    return new CpuBackendProvider().open(new BackendOptions(2, null));
  }
}

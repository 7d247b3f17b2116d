package io.hedgekit.kernels.reference;

import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.check.BackendConformanceTest;

/** The scalar backend under the backend conformance test; its sums must be the row-order sums bit for bit. */
class ScalarBackendConformanceTest extends BackendConformanceTest {

  @Override
  protected ComputeBackend openBackend() {
    return new ScalarBackendProvider().open(BackendOptions.defaults());
  }

  @Override
  protected boolean sumsExactlyInRowOrder() {
    return true;
  }
}

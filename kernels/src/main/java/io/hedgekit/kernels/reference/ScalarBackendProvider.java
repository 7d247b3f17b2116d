package io.hedgekit.kernels.reference;

import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.BackendProvider;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.GreekSumsKernel;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.RevaluationKernel;
import java.util.List;

/** Provides the scalar reference as a backend named {@code scalar}: always available, one thread. */
public final class ScalarBackendProvider implements BackendProvider {

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public Availability availability() {
    return new Availability(true, 0, "plain Java reference, always available");
  }

  @Override
  public List<String> describeDevices() {
    return List.of("scalar: plain Java double precision, 1 thread (the reference)");
  }

  @Override
  public ComputeBackend open(BackendOptions options) {
    return new ComputeBackend() {
      private final GreeksKernel greeks = new ReferenceGreeksKernel();
      private final RevaluationKernel revaluation = new ReferenceRevaluationKernel();
      private final GreekSumsKernel greekSums = new ReferenceGreekSumsKernel();

      @Override
      public String name() {
        return "scalar";
      }

      @Override
      public String description() {
        return "scalar reference (plain Java, 1 thread)";
      }

      @Override
      public GreeksKernel greeks() {
        return greeks;
      }

      @Override
      public GreekSumsKernel greekSums() {
        return greekSums;
      }

      @Override
      public RevaluationKernel revaluation() {
        return revaluation;
      }

      @Override
      public void close() {
        // nothing to release
      }
    };
  }
}

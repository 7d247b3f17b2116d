package io.hedgekit.cli;

import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.risk.backend.Backends;
import io.hedgekit.risk.engine.RiskEngine;
import picocli.CommandLine.Option;

/** {@code --backend}, {@code --threads}, {@code --device}: shared by every computing command. */
public final class BackendOptionsMixin {

  @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
      description = "scalar, cpu, gpu or auto (the fastest available; default: ${DEFAULT-VALUE}).")
  String backend;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads for CPU work, >= 1 (default: one per core).")
  Integer threads;

  @Option(names = "--device", paramLabel = "ID",
      description = "OpenCL device: index from 'hedgekit devices' or part of its name.")
  String device;

  /** Starts an engine on the chosen backend; logs the choice to {@code log} unless null. */
  RiskEngine engine(java.io.PrintWriter log) {
    RiskEngine e = RiskEngine.builder().backend(backend).threads(CliArgs.threads(threads)).device(device).build();
    if (log != null) {
      log.println(e.backendReason());
      log.flush();
    }
    return e;
  }

  /** Opens the chosen backend alone (for tools that drive kernels without the engine); logs the choice unless null. */
  Backends.Selection open(java.io.PrintWriter log) {
    Backends.Selection s = Backends.open(backend, new BackendOptions(CliArgs.threads(threads), device));
    if (log != null) {
      log.println(s.reason());
      log.flush();
    }
    return s;
  }
}

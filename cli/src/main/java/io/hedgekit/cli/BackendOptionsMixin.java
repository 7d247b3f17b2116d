package io.hedgekit.cli;

import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.risk.backend.Backends;
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

  /** Opens the chosen backend; logs the choice to {@code log} unless null. */
  Backends.Selection open(java.io.PrintWriter log) {
    Backends.Selection s = Backends.open(backend, new BackendOptions(CliArgs.threads(threads), device));
    if (log != null) {
      log.println(s.reason());
      log.flush();
    }
    return s;
  }
}

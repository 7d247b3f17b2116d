package io.hedgekit.cli;

import io.hedgekit.kernels.BackendProvider;
import io.hedgekit.risk.backend.Backends;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hedgekit devices}: every backend, whether it can run here, and the hardware it sees. */
@Command(name = "devices", mixinStandardHelpOptions = true,
    description = "List compute backends and devices: vector width and cores, OpenCL platforms and devices.",
    footer = {"", "Example:", "  hedgekit devices"})
public final class DevicesCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (BackendProvider p : Backends.providers()) {
      BackendProvider.Availability a = Backends.safeAvailability(p);
      out.printf("%-7s %-11s auto rank %2d  %s%n", p.name(), a.usable() ? "usable" : "unavailable", a.autoRank(),
          a.reason());
      try {
        for (String line : p.describeDevices()) {
          out.println("        " + line);
        }
      } catch (RuntimeException | LinkageError e) {
        out.println("        (could not list devices: " + e.getMessage() + ")");
      }
    }
    out.flush();
    return 0;
  }
}

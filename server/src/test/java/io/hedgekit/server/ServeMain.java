package io.hedgekit.server;

import java.io.PrintWriter;
import java.time.Duration;

/** {@code hedgekit serve} without the CLI, for the test that sends SIGTERM to a real process: args PORT GRACE_SECONDS. */
public final class ServeMain {
  private ServeMain() {
  }

  public static void main(String[] args) {
    ServerOptions options = ServerOptions.builder().port(Integer.parseInt(args[0])).workers(2).build();
    PrintWriter log = new PrintWriter(System.err, true);
    System.exit(HedgekitServer.serve(options, new RiskComputeService("scalar", 1),
        Duration.ofSeconds(Long.parseLong(args[1])), log));
  }
}

package io.hedgekit.cli;

import io.hedgekit.server.HedgekitServer;
import io.hedgekit.server.RiskComputeService;
import io.hedgekit.server.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hedgekit serve}: the engine as an Arrow Flight service (protocol in docs/flight.md). */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve Greeks, VaR and stress over Arrow Flight until SIGTERM or Ctrl-C (protocol: docs/flight.md).",
    footer = {"", "Example:",
        "  hedgekit serve --port 8815 --token-file tokens.txt --workers 2",
        "", "SIGTERM stops accepting calls, lets those in flight finish within --grace seconds, then exits 0."})
public final class ServeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Interface to bind (default: ${DEFAULT-VALUE}); anything but loopback needs --token-file or --insecure.")
  String host;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8815", description = "TCP port, 0 = any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "Bearer tokens, one per line: every call must send 'authorization: Bearer <token>'.")
  Path tokenFile;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate chain (PEM): serve TLS.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key (PEM, PKCS#8) for --tls-cert.")
  Path tlsKey;

  @Option(names = "--insecure", description = "Allow a non-loopback --host without --token-file.")
  boolean insecure;

  @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
      description = "scalar, cpu, gpu or auto (default: ${DEFAULT-VALUE}).")
  String backend;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Backend threads (default: one per core).")
  int threads;

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "10000000",
      description = "Most positions or scenario rows in one request or stored entry (default: ${DEFAULT-VALUE}).")
  long maxRows;

  @Option(names = "--max-stored-bytes", paramLabel = "B", defaultValue = "1073741824",
      description = "Memory for stored books, scenario sets and markets (default: ${DEFAULT-VALUE}).")
  long maxStoredBytes;

  @Option(names = "--workers", paramLabel = "N", description = "Requests computing at once (default: one per core).")
  Integer workers;

  @Option(names = "--max-queued", paramLabel = "N", defaultValue = "256",
      description = "Requests waiting for a worker before new ones are refused (default: ${DEFAULT-VALUE}).")
  int maxQueued;

  @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "30",
      description = "On SIGTERM, how long calls in flight may take to finish (default: ${DEFAULT-VALUE}).")
  long graceSeconds;

  @Override
  public Integer call() {
    if (graceSeconds < 0) {
      throw new UsageException("--grace must be >= 0, was " + graceSeconds);
    }
    ServerOptions options;
    try {
      List<String> tokens = tokenFile == null ? List.of() : HedgekitServer.readTokens(tokenFile);
      ServerOptions.Builder b = ServerOptions.builder().host(host).port(port).tokens(tokens).insecure(insecure)
          .maxRows(maxRows).maxStoredBytes(maxStoredBytes).maxQueued(maxQueued);
      if (tlsCert != null || tlsKey != null) {
        b.tls(tlsCert, tlsKey);
      }
      if (workers != null) {
        b.workers(workers);
      }
      options = b.build();
      HedgekitServer.checkExposure(options);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new UsageException(e.getMessage());
    }
    try {
      return HedgekitServer.serve(options, new RiskComputeService(backend, threads), Duration.ofSeconds(graceSeconds),
          spec.commandLine().getErr());
    } catch (java.io.UncheckedIOException e) { // the port is taken, a TLS file is unreadable
      throw new UsageException(e.getMessage());
    }
  }
}

package io.hedgekit.server;

import io.hedgekit.server.impl.BearerAuthenticator;
import io.hedgekit.server.impl.HedgekitProducer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A running {@code hedgekit serve}: a Flight server on one {@link ComputeService}. Owns its root
 * allocator, the producer (and everything stored) and the service; {@link #close()} (or
 * {@link #stop}) releases them all.
 */
public final class HedgekitServer implements AutoCloseable {
  private final BufferAllocator allocator;
  private final ComputeService service;
  private final HedgekitProducer producer;
  private final FlightServer server;
  private final Location location;
  private final ExecutorService executor;
  private boolean closed;

  private HedgekitServer(BufferAllocator allocator, ComputeService service, HedgekitProducer producer,
      FlightServer server, Location location, ExecutorService executor) {
    this.executor = executor;
    this.allocator = allocator;
    this.service = service;
    this.producer = producer;
    this.server = server;
    this.location = location;
  }

  /**
   * Starts serving; the server owns {@code service} from here on (closing the server closes it,
   * also when starting fails).
   *
   * @throws IllegalArgumentException for options that are unsafe or inconsistent (a non-loopback
   *     host with no tokens and no {@code insecure}; a host that does not resolve)
   * @throws UncheckedIOException if the port cannot be bound or TLS files cannot be read
   */
  public static HedgekitServer start(ServerOptions options, ComputeService service) {
    BufferAllocator allocator = null;
    HedgekitProducer producer = null;
    // Our own executor for gRPC and the calls: Flight shuts down an executor it made itself as
    // soon as shutdown() is called, which kills the calls a graceful stop should let finish.
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "hedgekit-flight-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      checkExposure(options);
      allocator = service.newAllocator("flight");
      producer = new HedgekitProducer(service, options, allocator);
      Location bind = options.tlsCert() != null ? Location.forGrpcTls(options.host(), options.port())
          : Location.forGrpcInsecure(options.host(), options.port());
      FlightServer.Builder b = FlightServer.builder(allocator, bind, producer)
          .maxInboundMessageSize(options.maxMessageBytes())
          .executor(executor);
      if (!options.tokens().isEmpty()) {
        b.headerAuthenticator(new BearerAuthenticator(options.tokens()));
      }
      if (options.tlsCert() != null) {
        b.useTls(options.tlsCert().toFile(), options.tlsKey().toFile());
      }
      FlightServer server = b.build().start();
      Location actual = options.tlsCert() != null ? Location.forGrpcTls(options.host(), server.getPort())
          : Location.forGrpcInsecure(options.host(), server.getPort());
      return new HedgekitServer(allocator, service, producer, server, actual, executor);
    } catch (IOException e) {
      executor.shutdownNow();
      closeAfterFailure(producer, allocator, service);
      throw new UncheckedIOException("cannot start the Flight server on " + options.host() + ":" + options.port() + ": "
          + e.getMessage(), e);
    } catch (RuntimeException e) {
      executor.shutdownNow();
      closeAfterFailure(producer, allocator, service);
      throw e;
    }
  }

  private static void closeAfterFailure(HedgekitProducer producer, BufferAllocator allocator, ComputeService service) {
    if (producer != null) {
      producer.close();
    }
    if (allocator != null) {
      allocator.close();
    }
    service.close();
  }

  /**
   * Refuses to expose an unauthenticated server beyond this machine unless asked to.
   *
   * @throws IllegalArgumentException naming the flags to add
   */
  public static void checkExposure(ServerOptions options) {
    boolean loopback;
    try {
      InetAddress[] all = InetAddress.getAllByName(options.host());
      loopback = all.length > 0;
      for (InetAddress a : all) {
        loopback &= a.isLoopbackAddress();
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--host " + options.host() + " does not resolve", e);
    }
    if (!loopback && options.tokens().isEmpty() && !options.insecure()) {
      throw new IllegalArgumentException("--host " + options.host() + " is reachable from other machines but no "
          + "--token-file was given: anyone could use the server. Give --token-file FILE, or --insecure to allow it.");
    }
  }

  /** Reads a token file: one token per line; blank lines and lines starting with # are skipped. */
  public static List<String> readTokens(Path file) {
    List<String> tokens = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          tokens.add(t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --token-file " + file + ": " + e.getMessage(), e);
    }
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("--token-file " + file + " holds no token");
    }
    return tokens;
  }

  /** Where clients connect (the real port when 0 was asked for). */
  public Location location() {
    return location;
  }

  /** The bound port. */
  public int port() {
    return server.getPort();
  }

  /** Calls being served now. */
  public int inFlight() {
    return producer.inFlight();
  }

  /**
   * Stops accepting calls, lets those in flight finish for at most {@code grace}, cancels the
   * rest, and releases everything.
   *
   * @return true if every call finished within {@code grace}
   */
  public synchronized boolean stop(Duration grace) {
    if (closed) {
      return true;
    }
    boolean finished;
    server.shutdown();
    try {
      finished = server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = false;
    }
    release();
    return finished;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      release();
    }
  }

  private void release() {
    closed = true;
    try {
      server.close();
      executor.shutdownNow();
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      producer.close();
      allocator.close();
    } finally {
      service.close();
    }
  }

  /**
   * Runs until SIGTERM or SIGINT, then stops gracefully within {@code grace} and returns 0 (for
   * {@code hedgekit serve}). Logs the address and the stop to {@code log}.
   */
  @SuppressWarnings("removal")
  public static int serve(ServerOptions options, ComputeService service, Duration grace, PrintWriter log) {
    CountDownLatch stop = new CountDownLatch(1);
    try (HedgekitServer server = start(options, service)) {
      // A signal handler rather than a shutdown hook: after a hook the JVM exits 143, and a
      // service manager should see a clean stop as 0. Installed once serving; restored after.
      sun.misc.SignalHandler handler = sig -> stop.countDown();
      sun.misc.Signal term = new sun.misc.Signal("TERM");
      sun.misc.Signal interrupt = new sun.misc.Signal("INT");
      sun.misc.SignalHandler oldTerm = sun.misc.Signal.handle(term, handler);
      sun.misc.SignalHandler oldInterrupt = sun.misc.Signal.handle(interrupt, handler);
      log.println("hedgekit serve: listening on " + server.location().getUri() + " (backend " + service.backend()
          + ", " + options.workers() + " workers" + (options.tokens().isEmpty() ? ", no authentication" : ", bearer tokens")
          + (options.tlsCert() != null ? ", TLS" : "") + ")");
      log.println(service.backendReason());
      log.flush();
      try {
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      log.println("hedgekit serve: stopping; " + server.inFlight() + " call(s) in flight, waiting up to "
          + grace.toSeconds() + " s");
      log.flush();
      boolean clean = server.stop(grace);
      sun.misc.Signal.handle(term, oldTerm);
      sun.misc.Signal.handle(interrupt, oldInterrupt);
      log.println(clean ? "hedgekit serve: stopped" : "hedgekit serve: stopped; calls still running at the deadline were cancelled");
      log.flush();
    }
    return 0;
  }
}

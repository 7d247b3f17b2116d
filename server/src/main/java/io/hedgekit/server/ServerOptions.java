package io.hedgekit.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How {@link HedgekitServer} runs; the flags of {@code hedgekit serve}. Build with
 * {@link #builder()}; validated when built.
 *
 * @param host interface to bind (default 127.0.0.1)
 * @param port TCP port, 0 = any free port (default 8815)
 * @param tokens accepted bearer tokens; empty = no authentication (only allowed on loopback
 *     unless {@code insecure})
 * @param tlsCert PEM certificate chain, or null for plain TCP
 * @param tlsKey PEM PKCS#8 private key, or null
 * @param insecure allow binding a non-loopback address without tokens
 * @param maxRows most positions (or scenario rows) in one request or stored entry
 * @param maxStoredBytes most bytes of books, scenario sets and markets held in memory
 * @param workers requests computing at once
 * @param maxQueued requests waiting for a worker before new ones are refused
 * @param queueMillis longest wait for a worker, ms
 * @param stallMillis longest a client may leave the server's results unread, ms
 * @param maxMessageBytes largest single gRPC message (one record batch) accepted
 */
public record ServerOptions(String host, int port, List<String> tokens, Path tlsCert, Path tlsKey, boolean insecure,
    long maxRows, long maxStoredBytes, int workers, int maxQueued, long queueMillis, long stallMillis,
    int maxMessageBytes) {

  /** Default port, as Arrow Flight examples use. */
  public static final int DEFAULT_PORT = 8815;

  public ServerOptions {
    Objects.requireNonNull(host, "host");
    tokens = List.copyOf(tokens);
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be in 0..65535, was " + port);
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    requirePositive("--max-rows", maxRows);
    requirePositive("--max-stored-bytes", maxStoredBytes);
    requirePositive("--workers", workers);
    if (maxQueued < 0) {
      throw new IllegalArgumentException("--max-queued must be >= 0, was " + maxQueued);
    }
    requirePositive("queue wait", queueMillis);
    requirePositive("stall limit", stallMillis);
    requirePositive("--max-message-bytes", maxMessageBytes);
    for (String t : tokens) {
      if (t.isBlank()) {
        throw new IllegalArgumentException("a token is empty");
      }
    }
  }

  private static void requirePositive(String name, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + v);
    }
  }

  /** Defaults: 127.0.0.1:8815, no auth, 10M rows, 1 GiB stored, one worker per core. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ServerOptions}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private List<String> tokens = List.of();
    private Path tlsCert;
    private Path tlsKey;
    private boolean insecure;
    private long maxRows = 10_000_000L;
    private long maxStoredBytes = 1L << 30;
    private int workers = Runtime.getRuntime().availableProcessors();
    private int maxQueued = 256;
    private long queueMillis = 60_000;
    private long stallMillis = 120_000;
    private int maxMessageBytes = 64 << 20;

    private Builder() {
    }

    public Builder host(String v) {
      host = v;
      return this;
    }

    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder tokens(List<String> v) {
      tokens = v;
      return this;
    }

    public Builder tls(Path cert, Path key) {
      tlsCert = cert;
      tlsKey = key;
      return this;
    }

    public Builder insecure(boolean v) {
      insecure = v;
      return this;
    }

    public Builder maxRows(long v) {
      maxRows = v;
      return this;
    }

    public Builder maxStoredBytes(long v) {
      maxStoredBytes = v;
      return this;
    }

    public Builder workers(int v) {
      workers = v;
      return this;
    }

    public Builder maxQueued(int v) {
      maxQueued = v;
      return this;
    }

    public Builder queueMillis(long v) {
      queueMillis = v;
      return this;
    }

    public Builder stallMillis(long v) {
      stallMillis = v;
      return this;
    }

    public Builder maxMessageBytes(int v) {
      maxMessageBytes = v;
      return this;
    }

    public ServerOptions build() {
      return new ServerOptions(host, port, tokens, tlsCert, tlsKey, insecure, maxRows, maxStoredBytes, workers, maxQueued,
          queueMillis, stallMillis, maxMessageBytes);
    }
  }
}

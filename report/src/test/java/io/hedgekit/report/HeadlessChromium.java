package io.hedgekit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the DevTools protocol (a WebSocket from java.net.http, JSON with
 * Jackson): opens a page, collects console errors, JavaScript exceptions and error log entries,
 * measures every {@code svg.chart} and takes a full-page screenshot. Every wait is bounded by
 * {@link #TIMEOUT}; {@link #close()} ends the browser process and deletes its profile.
 */
final class HeadlessChromium implements AutoCloseable {
  /** Upper bound of every wait. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
      "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");

  /** What the page check measured on one chart. */
  record ChartCheck(String label, double width, double height, int drawn, int painted, int texts) {
  }

  /** What opening one page found. */
  record PageResult(String title, List<String> errors, List<ChartCheck> charts, byte[] screenshotPng) {
  }

  // Measures each chart: its box, how many drawing elements it holds and how many of them have a
  // non-empty box of their own (getBBox), i.e. really drew something.
  private static final String CHECK_CHARTS = """
      (() => {
        const kinds = 'path,rect,line,polyline,polygon,circle,ellipse,text';
        const charts = [];
        for (const svg of document.querySelectorAll('svg.chart')) {
          const r = svg.getBoundingClientRect();
          const els = svg.querySelectorAll(kinds);
          let painted = 0;
          for (const el of els) {
            const b = el.getBBox();
            if (b.width > 0 || b.height > 0) painted++;
          }
          charts.push({label: svg.getAttribute('aria-label') || '', width: r.width, height: r.height,
              drawn: els.length, painted: painted, texts: svg.querySelectorAll('text').length});
        }
        return JSON.stringify({title: document.title, charts: charts});
      })()""";

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final StringBuilder stderr;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private final AtomicInteger ids = new AtomicInteger();

  private HeadlessChromium(Process process, Path profile, WebSocket socket, StringBuilder stderr) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
    this.stderr = stderr;
  }

  /** The browser binary: {@code $HEDGEKIT_CHROMIUM}, else the first of the usual paths that exists. */
  static Optional<Path> find() {
    String env = System.getenv("HEDGEKIT_CHROMIUM");
    Stream<String> paths = env == null || env.isBlank() ? CANDIDATES.stream() : Stream.of(env);
    return paths.map(Path::of).filter(Files::isExecutable).findFirst();
  }

  /** Where {@link #find()} looks, for messages. */
  static String searched() {
    return "$HEDGEKIT_CHROMIUM, " + String.join(", ", CANDIDATES);
  }

  /** Starts the browser and connects to it; on any failure the process is ended. */
  static HeadlessChromium start(Path binary) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("hedgekit-chromium-");
    Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
        "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1280,900", "about:blank")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    StringBuilder stderr = new StringBuilder();
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader = new Thread(() -> drain(process, stderr, url), "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      String ws = url.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      HeadlessChromium[] self = new HeadlessChromium[1];
      Listener listener = new Listener(self);
      WebSocket socket = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().newWebSocketBuilder()
          .connectTimeout(TIMEOUT).buildAsync(URI.create(ws), listener).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      self[0] = new HeadlessChromium(process, profile, socket, stderr);
      listener.ready.complete(null);
      return self[0];
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      kill(process);
      deleteTree(profile);
      throw new IOException("Chromium " + binary + " did not start a DevTools endpoint within " + TIMEOUT.toSeconds()
          + " s: " + e + "\nstderr:\n" + text(stderr), e);
    }
  }

  private static void drain(Process process, StringBuilder stderr, CompletableFuture<String> url) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (stderr) {
          if (stderr.length() < 64_000) {
            stderr.append(line).append('\n');
          }
        }
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          url.complete(m.group(1));
        }
      }
    } catch (IOException e) {
      url.completeExceptionally(e);
    }
    url.completeExceptionally(new IOException("Chromium exited (code " + exitCode(process) + ") before listening"));
  }

  private static String exitCode(Process p) {
    try {
      return p.waitFor(1, TimeUnit.SECONDS) ? Integer.toString(p.exitValue()) : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static String text(StringBuilder b) {
    synchronized (b) {
      return b.toString();
    }
  }

  /** Receives DevTools messages, possibly in fragments; routes replies by id and queues events. */
  private static final class Listener implements WebSocket.Listener {
    private final HeadlessChromium[] owner;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    Listener(HeadlessChromium[] owner) {
      this.owner = owner;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String message = partial.toString();
        partial.setLength(0);
        ready.join();
        owner[0].receive(message);
      }
      ws.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      if (owner[0] != null) {
        owner[0].failAll(error);
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      if (owner[0] != null) {
        owner[0].failAll(new IOException("DevTools connection closed: " + status + " " + reason));
      }
      return null;
    }
  }

  private void receive(String message) {
    try {
      JsonNode node = JSON.readTree(message);
      if (node.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(node.get("id").asInt());
        if (f != null) {
          f.complete(node);
        }
      } else {
        events.add(node);
      }
    } catch (IOException e) {
      failAll(e);
    }
  }

  private void failAll(Throwable error) {
    pending.values().forEach(f -> f.completeExceptionally(error));
    pending.clear();
  }

  /** Sends a command and waits (bounded) for its result. */
  private JsonNode call(String sessionId, String method, Map<String, Object> params) throws IOException, InterruptedException {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", JSON.valueToTree(params));
    if (sessionId != null) {
      msg.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    try {
      socket.sendText(JSON.writeValueAsString(msg), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      JsonNode r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (r.has("error")) {
        throw new IOException(method + " failed: " + r.get("error"));
      }
      return r.path("result");
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(method + " got no reply within " + TIMEOUT.toSeconds() + " s: " + e, e);
    } finally {
      pending.remove(id);
    }
  }

  /**
   * Opens {@code html} in a fresh tab of {@code width} CSS pixels, waits for the load event, then
   * measures the charts and takes a full-page PNG screenshot. Errors are console errors, uncaught
   * exceptions and error log entries (failed or refused loads) seen until the measurement.
   */
  PageResult open(Path html, int width) throws IOException, InterruptedException {
    events.clear();
    String targetId = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
    String session = call(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
        .path("sessionId").asText();
    try {
      call(session, "Runtime.enable", Map.of());
      call(session, "Log.enable", Map.of());
      call(session, "Page.enable", Map.of());
      call(session, "Emulation.setDeviceMetricsOverride",
          Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
      List<String> errors = new ArrayList<>();
      JsonNode nav = call(session, "Page.navigate", Map.of("url", html.toAbsolutePath().toUri().toString()));
      if (nav.hasNonNull("errorText")) {
        errors.add("navigation failed: " + nav.get("errorText").asText());
      } else {
        awaitEvent(session, "Page.loadEventFired", errors);
      }
      JsonNode value = call(session, "Runtime.evaluate", Map.of("expression", CHECK_CHARTS, "returnByValue", true));
      if (value.has("exceptionDetails")) {
        throw new IOException("chart check script failed: " + value.get("exceptionDetails"));
      }
      JsonNode page = JSON.readTree(value.path("result").path("value").asText());
      List<ChartCheck> charts = new ArrayList<>();
      for (JsonNode c : page.path("charts")) {
        charts.add(new ChartCheck(c.path("label").asText(), c.path("width").asDouble(), c.path("height").asDouble(),
            c.path("drawn").asInt(), c.path("painted").asInt(), c.path("texts").asInt()));
      }
      JsonNode size = call(session, "Page.getLayoutMetrics", Map.of()).path("cssContentSize");
      double w = Math.ceil(size.path("width").asDouble(width));
      double h = Math.ceil(size.path("height").asDouble(900));
      String png = call(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
          "clip", Map.of("x", 0, "y", 0, "width", w, "height", h, "scale", 1))).path("data").asText();
      drainErrors(session, errors);
      return new PageResult(page.path("title").asText(), List.copyOf(errors), List.copyOf(charts),
          Base64.getDecoder().decode(png));
    } finally {
      call(null, "Target.closeTarget", Map.of("targetId", targetId));
    }
  }

  private void awaitEvent(String session, String method, List<String> errors) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
      if (e == null) {
        throw new IOException("no " + method + " within " + TIMEOUT.toSeconds() + " s; errors so far: " + errors);
      }
      if (!session.equals(e.path("sessionId").asText())) {
        continue;
      }
      collectError(e, errors);
      if (method.equals(e.path("method").asText())) {
        return;
      }
    }
  }

  private void drainErrors(String session, List<String> errors) {
    Deque<JsonNode> rest = new ArrayDeque<>();
    events.drainTo(rest);
    for (JsonNode e : rest) {
      if (session.equals(e.path("sessionId").asText())) {
        collectError(e, errors);
      }
    }
  }

  private static void collectError(JsonNode e, List<String> errors) {
    JsonNode p = e.path("params");
    switch (e.path("method").asText()) {
      case "Runtime.consoleAPICalled" -> {
        String type = p.path("type").asText();
        if (type.equals("error") || type.equals("assert")) {
          List<String> args = new ArrayList<>();
          p.path("args").forEach(a -> args.add(a.has("value") ? a.get("value").asText() : a.path("description").asText()));
          errors.add("console." + type + ": " + String.join(" ", args));
        }
      }
      case "Runtime.exceptionThrown" -> {
        JsonNode d = p.path("exceptionDetails");
        errors.add("exception: " + (d.path("exception").has("description")
            ? d.path("exception").path("description").asText() : d.path("text").asText()));
      }
      case "Log.entryAdded" -> {
        JsonNode entry = p.path("entry");
        if (entry.path("level").asText().equals("error")) {
          errors.add("log (" + entry.path("source").asText() + "): " + entry.path("text").asText()
              + (entry.has("url") ? " " + entry.path("url").asText() : ""));
        }
      }
      default -> {
        // other events are not errors
      }
    }
  }

  /** Asks the browser to quit, then ends the process tree if it has not; deletes the profile. */
  @Override
  public void close() {
    try {
      CompletableFuture<JsonNode> bye = new CompletableFuture<>();
      int id = ids.incrementAndGet();
      pending.put(id, bye);
      socket.sendText("{\"id\":" + id + ",\"method\":\"Browser.close\"}", true).get(5, TimeUnit.SECONDS);
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // fall through to killing the process
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      socket.abort();
      kill(process);
      deleteTree(profile);
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp profile is harmless
    }
  }

  /** The browser's stderr so far (diagnostics). */
  String stderr() {
    return text(stderr);
  }
}

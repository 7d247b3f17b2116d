package io.hedgekit.cli;

import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.engine.Book;
import io.hedgekit.risk.engine.GreeksResult;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.hedge.HedgeUniverse;
import io.hedgekit.risk.intraday.IntradayEvent;
import io.hedgekit.risk.intraday.IntradayLoop;
import io.hedgekit.risk.intraday.Mandates;
import io.hedgekit.risk.intraday.MarketUpdate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hedgekit watch}: the intraday loop over a stream of market updates. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {"Keep the book warm and reprice it on every market update: Greeks per update, VaR/ES by full "
        + "revaluation every N updates or every interval, limits and volatility triggers from a mandates file, "
        + "re-hedge proposals (never sent anywhere), and bad market data flagged instead of priced.",
        "Events are JSON lines (greeks, var, breach, rehedge, stale, rejected, trade) to --events, or to standard "
            + "output when it is not a terminal; a terminal shows one refreshing table instead."},
    footer = {"", "Updates (one JSON object a line):",
        "  {\"time\": \"2026-11-24T08:00:05Z\", \"underlying\": \"BTC\", \"spot\": 95120.5, \"source\": \"deribit-index\"}",
        "  {\"time\": \"2026-11-24T08:00:06Z\", \"underlying\": \"ETH\", \"vol_shift\": 0.02, \"funding_rate_8h\": 0.0001}",
        "  {\"time\": \"2026-11-24T08:00:07Z\", \"trade\": {\"id\": \"t1\", \"symbol\": \"BTC-26JUN26-80000-C\", \"quantity\": -5}}",
        "", "Example:",
        "  hedgekit watch --book examples/book.csv --market examples/market.json --mandates examples/mandates.json \\",
        "      --updates examples/updates.jsonl --events events.jsonl --var-every 50",
        "  tail -f feed.jsonl | hedgekit watch --book B --market M --mandates MANDATES.json --updates - | jq ."})
public final class WatchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  BookInputs inputs;

  @Mixin
  ScenarioInputs scenarioInputs;

  @Mixin
  BackendOptionsMixin backend;

  @Option(names = "--mandates", required = true, paramLabel = "FILE",
      description = "Limits, re-hedge bands, vol triggers, max_age_seconds, max_jump, cooldown_seconds, universe (JSON).")
  Path mandatesFile;

  @Option(names = "--universe", paramLabel = "FILE",
      description = "Hedge universe (overrides the mandates' \"universe\"); without one, breaches are reported only.")
  Path universeFile;

  @Option(names = "--updates", required = true, paramLabel = "FILE|-",
      description = "Market updates and trades as JSON lines; '-' reads standard input as lines arrive.")
  String updates;

  @Option(names = "--follow", description = "Keep reading a growing --updates file (like tail -f) until interrupted.")
  boolean follow;

  @Option(names = "--events", paramLabel = "FILE", description = "Write the events (JSON lines) to FILE.")
  Path eventsFile;

  @Option(names = "--var-every", paramLabel = "N",
      description = "VaR/ES every N priced updates (default 100 when neither this nor --var-interval is given).")
  Integer varEvery;

  @Option(names = "--var-interval", paramLabel = "DURATION",
      description = "VaR/ES when this much update time has passed since the last: 30s, 5m, 1h or PT30S.")
  String varInterval;

  @Option(names = "--apply-hedges", description = "Add proposed re-hedges to the in-memory book and continue from it.")
  boolean applyHedges;

  @Option(names = {"-q", "--quiet"}, description = "No backend line, no closing summary.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (varEvery != null && varInterval != null) {
      throw new UsageException("give --var-every or --var-interval, not both");
    }
    if (varEvery != null && varEvery < 1) {
      throw new UsageException("--var-every must be >= 1, was " + varEvery);
    }
    Duration interval = varInterval == null ? null : duration(varInterval);
    int every = varEvery != null ? varEvery : interval == null ? 100 : 0;
    if (follow && "-".equals(updates)) {
      throw new UsageException("--follow follows a file; standard input is read as it arrives anyway");
    }
    Path updatesPath = "-".equals(updates) ? null : Path.of(updates);
    if (updatesPath != null) {
      BookInputs.requireFile(updatesPath, "--updates");
    }
    BookInputs.requireFile(inputs.book, "--book");
    BookInputs.requireFile(inputs.market, "--market");
    BookInputs.requireFile(mandatesFile, "--mandates");
    Mandates mandates = Mandates.read(mandatesFile);
    Path universePath = universeFile != null ? universeFile : mandates.universe();
    if (universePath != null) {
      BookInputs.requireFile(universePath, universeFile != null ? "--universe" : "the mandates' universe");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    // The events file is a log appended as events happen (so an interrupted watch keeps what it
    // saw), not an atomic output; it is still checked before any work: never an input, a
    // writable directory, a JSON-lines name.
    OutputGuard.inputs(inputs.book, inputs.market, mandatesFile, universePath, updatesPath, scenarioInputs.scenarios)
        .output("--events", eventsFile, OutputGuard.JSON_LINES).check(stderr);
    boolean terminal = System.console() != null && System.console().isTerminal()
        && System.getenv("HEDGEKIT_NO_PROGRESS") == null;
    try (RiskEngine engine = backend.engine(quiet ? null : stderr);
        Writer events = eventsFile == null ? null : Files.newBufferedWriter(eventsFile, StandardCharsets.UTF_8)) {
      Market market = Market.read(inputs.market);
      Book book = engine.readBook(inputs.book);
      HedgeUniverse universe = universePath == null ? null : engine.readUniverse(universePath, market);
      ScenarioSet set = scenarioInputs.read(engine);
      Map<String, Long> counts = new LinkedHashMap<>();
      LiveTable table = terminal ? new LiveTable(stdout, mandates) : null;
      Consumer<IntradayEvent> sink = e -> {
        counts.merge(e.type(), 1L, Long::sum);
        try {
          if (events != null) {
            events.write(e.toJson());
            events.write('\n');
          } else if (!terminal) {
            stdout.println(e.toJson());
          }
        } catch (IOException x) {
          throw new java.io.UncheckedIOException("writing " + eventsFile + ": " + x.getMessage(), x);
        }
        if (table != null) {
          table.event(e);
        }
      };
      IntradayLoop loop = new IntradayLoop(engine, book, market, mandates, universe, set,
          new IntradayLoop.Options(every, interval, applyHedges, inputs.allowExpired), sink);
      if (table != null) {
        table.loop = loop;
      }
      try (BufferedReader in = updatesPath == null
          ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
          : Files.newBufferedReader(updatesPath, StandardCharsets.UTF_8)) {
        long lineNo = 0;
        StringBuilder partial = new StringBuilder();
        while (true) {
          String line = follow ? followLine(in, partial) : in.readLine();
          if (line == null) {
            if (!follow) {
              break;
            }
            flush(events, stdout);
            Thread.sleep(200);
            continue;
          }
          lineNo++;
          if (line.isBlank()) {
            continue;
          }
          loop.onUpdate(MarketUpdate.parse(line, lineNo, inputs.allowArbitrage));
          if (updatesPath == null || follow) {
            flush(events, stdout); // a live feed: each event out as soon as it exists
          }
        }
      }
      loop.finish();
      flush(events, stdout);
      if (table != null) {
        table.draw(true);
      }
      if (!quiet) {
        stderr.printf(Locale.ROOT, "watch: %d updates, %d events %s%s%n", loop.updates(), loop.events(), counts,
            eventsFile == null ? "" : " -> " + eventsFile);
        stderr.flush();
      }
    }
    return 0;
  }

  /**
   * The next complete line of a growing file, or null when no complete line is there yet (a line
   * still being written stays in {@code partial} until its newline arrives).
   */
  private static String followLine(BufferedReader in, StringBuilder partial) throws IOException {
    while (in.ready()) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      if (c == '\n') {
        String line = partial.toString();
        partial.setLength(0);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      }
      partial.append((char) c);
    }
    return null;
  }

  private static void flush(Writer events, PrintWriter stdout) throws IOException {
    if (events != null) {
      events.flush();
    }
    stdout.flush();
  }

  /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 250ms} or ISO-8601 ({@code PT30S}). */
  static Duration duration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (t.startsWith("pt") || t.startsWith("p")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        d = Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      } else if (t.endsWith("m")) {
        d = Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
      } else if (t.endsWith("h")) {
        d = Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 3600));
      } else {
        throw new NumberFormatException();
      }
      if (d.isNegative() || d.isZero()) {
        throw new UsageException("--var-interval must be > 0, was " + text);
      }
      return d;
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      throw new UsageException("--var-interval must be a duration like 30s, 5m, 1h or PT30S, was " + text);
    }
  }

  /** One refreshing table of Greeks against limits, redrawn at most five times a second. */
  static final class LiveTable {
    private final PrintWriter out;
    private final Mandates mandates;
    private final Map<String, String> status = new LinkedHashMap<>();
    IntradayLoop loop;
    private String lastVar = "";
    private String lastHedge = "";
    private String lastProblem = "";
    private long lastDraw;

    LiveTable(PrintWriter out, Mandates mandates) {
      this.out = out;
      this.mandates = mandates;
    }

    void event(IntradayEvent e) {
      switch (e.type()) {
        case "breach" -> status.put(String.valueOf(e.get("limit")), String.valueOf(e.get("state")));
        case "var" -> lastVar = e.get("results").toString();
        case "rehedge" -> lastHedge = e.time() + " " + (e.underlying() == null ? "book" : e.underlying()) + " "
            + e.get("status") + " " + e.get("target") + " " + e.get("tickets");
        case "stale", "rejected" -> lastProblem = e.time() + " " + e.type() + " " + e.underlying() + ": "
            + e.get("reason");
        default -> {
        }
      }
      draw(false);
    }

    void draw(boolean force) {
      long t = System.nanoTime();
      if (!force && t - lastDraw < 200_000_000L) {
        return;
      }
      lastDraw = t;
      GreeksResult g = loop == null ? null : loop.lastGreeks();
      StringBuilder sb = new StringBuilder("\033[H\033[2J");
      sb.append(String.format(Locale.ROOT, "hedgekit watch  updates %d  events %d%n%n", loop == null ? 0
          : loop.updates(), loop == null ? 0 : loop.events()));
      sb.append(String.format(Locale.ROOT, "%-6s %12s %12s %14s %12s %14s %12s  %s%n", "und", "spot", "delta coin",
          "delta USD", "gamma/1%", "vega/pt", "theta/day", "data"));
      if (g != null) {
        for (String u : g.underlyings()) {
          int ui = loop.book().indexOf(u);
          if (ui < 0) {
            continue;
          }
          GreeksResult.Desk d = g.desk(u);
          String data = loop.guard().isStale(u) ? "STALE" : loop.guard().isQuarantined(u) ? "QUARANTINED" : "ok";
          sb.append(String.format(Locale.ROOT, "%-6s %,12.2f %,12.2f %,14.0f %,12.2f %,14.0f %,12.0f  %s%n", u,
              loop.book().spot(ui), g.sum(u, "delta"), d.dollarDelta(), d.gammaPer1Pct(), d.vegaPerVolPoint(),
              d.thetaPerDay(), data));
        }
      }
      sb.append(String.format(Locale.ROOT, "%nlimits (%d):%n", mandates.limits().size() + mandates.volTriggers().size()));
      status.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-40s %s%n", k,
          v.equals("breached") ? "BREACHED" : v)));
      sb.append(String.format(Locale.ROOT, "%nVaR/ES: %s%nlast re-hedge: %s%nlast data problem: %s%n", lastVar,
          lastHedge, lastProblem));
      out.print(sb);
      out.flush();
    }
  }
}

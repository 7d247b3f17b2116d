package io.hedgekit.cli;

import static io.hedgekit.cli.Examples.BOOK;
import static io.hedgekit.cli.Examples.MARKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchCommandTest {
  private static final Path ROOT = ReadmeExampleTest.repoRoot();
  private static final String MANDATES = ROOT.resolve("examples/mandates.json").toString();
  private static final String UPDATES = ROOT.resolve("examples/updates.jsonl").toString();

  @TempDir
  Path dir;

  @Test
  void watch_theExample_writesEveryEventType() throws IOException {
    Path events = dir.resolve("events.jsonl");
    CliRun r = CliRun.of("watch", "--book", BOOK, "--market", MARKET, "--mandates", MANDATES, "--updates", UPDATES,
        "--events", events.toString(), "--apply-hedges", "--backend", "scalar", "-q");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.out(), "events go to the file; nothing extra on stdout");
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> ev = new ArrayList<>();
    for (String line : Files.readAllLines(events)) {
      ev.add(json.readTree(line));
    }
    Set<String> types = new TreeSet<>();
    for (int i = 0; i < ev.size(); i++) {
      assertEquals(i + 1, ev.get(i).get("seq").asLong());
      types.add(ev.get(i).get("type").asText());
    }
    assertEquals(Set.of("breach", "greeks", "rehedge", "rejected", "stale", "trade"), types);
    assertTrue(ev.stream().anyMatch(e -> e.get("type").asText().equals("rejected")
        && e.get("reason").asText().contains("spot jump of -90.0%")));
    assertTrue(ev.stream().anyMatch(e -> e.get("type").asText().equals("stale")
        && e.get("underlying").asText().equals("SOL") && e.get("reason").asText().startsWith("no update for")));
    assertTrue(ev.stream().anyMatch(e -> e.get("type").asText().equals("rehedge")
        && e.get("applied").asBoolean()));
  }

  @Test
  void watch_piped_writesEventsToStdout() {
    CliRun r = CliRun.of("watch", "--book", BOOK, "--market", MARKET, "--mandates", MANDATES, "--updates", UPDATES,
        "--backend", "scalar", "-q");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("{\"seq\":1,"), r.out().substring(0, 80));
  }

  @Test
  void watch_badOptions_exit2() throws IOException {
    CliRun r = CliRun.of("watch", "--book", BOOK, "--market", MARKET, "--mandates", MANDATES, "--updates", UPDATES,
        "--var-every", "5", "--var-interval", "30s");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("not both"), r.err());
    Path bad = dir.resolve("m.json");
    Files.writeString(bad, "{\"limits\": [{\"underlying\": \"BTC\", \"greek\": \"delta\", \"max_abs\": 0}]}");
    r = CliRun.of("watch", "--book", BOOK, "--market", MARKET, "--mandates", bad.toString(), "--updates", UPDATES);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("$.limits[0].max_abs: must be > 0"), r.err());
  }

  @Test
  void liveTable_showsGreeksAgainstLimitsAndTheDataState() throws IOException {
    java.io.StringWriter screen = new java.io.StringWriter();
    io.hedgekit.risk.intraday.Mandates m = io.hedgekit.risk.intraday.Mandates.read(Path.of(MANDATES));
    WatchCommand.LiveTable table = new WatchCommand.LiveTable(new java.io.PrintWriter(screen), m);
    try (io.hedgekit.risk.engine.RiskEngine engine = io.hedgekit.risk.engine.RiskEngine.builder().backend("scalar")
        .build()) {
      io.hedgekit.risk.engine.Market market = io.hedgekit.risk.engine.Market.read(Path.of(MARKET));
      io.hedgekit.risk.intraday.IntradayLoop loop = new io.hedgekit.risk.intraday.IntradayLoop(engine,
          engine.readBook(Path.of(BOOK)), market, m, null, null, io.hedgekit.risk.intraday.IntradayLoop.Options.defaults(),
          table::event);
      table.loop = loop;
      long n = 0;
      for (String line : Files.readAllLines(Path.of(UPDATES))) {
        loop.onUpdate(io.hedgekit.risk.intraday.MarketUpdate.parse(line, ++n));
        if (n == 160) {
          break; // SOL is silent by then
        }
      }
      screen.getBuffer().setLength(0);
      table.draw(true);
    }
    String s = screen.toString();
    assertTrue(s.startsWith("\033[H\033[2J"), "one refreshing screen");
    assertTrue(s.contains("delta coin"), s);
    assertTrue(s.lines().anyMatch(l -> l.startsWith("BTC ")), s);
    assertTrue(s.lines().anyMatch(l -> l.startsWith("SOL ") && l.endsWith("STALE")), s);
    assertTrue(s.contains("BTC delta coin") && s.contains("BREACHED"), s);
  }

  @Test
  void duration_acceptsShortAndIsoForms() {
    assertEquals(Duration.ofSeconds(30), WatchCommand.duration("30s"));
    assertEquals(Duration.ofMinutes(5), WatchCommand.duration("5m"));
    assertEquals(Duration.ofMillis(250), WatchCommand.duration("250ms"));
    assertEquals(Duration.ofSeconds(30), WatchCommand.duration("PT30S"));
  }
}

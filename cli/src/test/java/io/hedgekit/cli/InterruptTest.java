package io.hedgekit.cli;

import static io.hedgekit.cli.Examples.MARKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code hedgekit greeks} process while it writes its output: with SIGTERM it must
 * exit within 2 s, non-zero, leaving neither the output nor a temporary file; with SIGKILL the
 * output is absent or whole, and the next run writing the same output removes the temporary file
 * the killed one left and says so.
 */
class InterruptTest {
  private static final Path ROOT = ReadmeExampleTest.repoRoot();
  /** Enough rows that writing the Greeks takes seconds: the kill lands mid-write. */
  private static final int ROWS = 800_000;

  @TempDir
  static Path dir;
  static Path bigBook;

  @BeforeAll
  static void writeBigBook() throws IOException {
    bigBook = dir.resolve("big.csv");
    try (BufferedWriter w = Files.newBufferedWriter(bigBook)) {
      w.write("id,symbol,quantity\n");
      String[] symbols = {"BTC-26JUN26-80000-C", "BTC-25DEC26-90000-C", "BTC-27MAR26-62000-P", "BTC-PERPETUAL"};
      for (int i = 0; i < ROWS; i++) {
        w.write("p");
        w.write(Integer.toString(i));
        w.write(',');
        w.write(symbols[i & 3]);
        w.write(',');
        w.write(Integer.toString(1 + i % 17));
        w.write('\n');
      }
    }
  }

  private static Process startGreeks(Path book, Path out) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), HedgekitMain.class.getName(),
        "greeks", "--book", book.toString(), "--market", MARKET, "--out", out.toString(), "--backend", "scalar", "-q"));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child-" + out.getFileName() + ".log").toFile())
        .start();
  }

  private static List<Path> temps(Path out) throws IOException {
    String prefix = "." + out.getFileName() + ".";
    try (Stream<Path> s = Files.list(out.getParent())) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  /** Waits until the process has a temporary file with bytes in it, i.e. is writing its output. */
  private static void awaitWriting(Process p, Path out) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      assertTrue(p.isAlive(), "the child ended before it was killed: " + Files.readString(dir.resolve("child-" + out.getFileName() + ".log")));
      for (Path t : temps(out)) {
        if (Files.size(t) > 0) {
          return;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the child never started writing " + out);
  }

  @Test
  void sigterm_midWrite_exitsWithin2sNonZeroAndLeavesNothing() throws Exception {
    Path out = dir.resolve("term.csv");
    Process p = startGreeks(bigBook, out);
    awaitWriting(p, out);
    long t0 = System.nanoTime();
    p.destroy();
    assertTrue(p.waitFor(2, TimeUnit.SECONDS), "SIGTERM must end the run within 2 s");
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertNotEquals(0, p.exitValue(), "an interrupted run must not report success");
    assertFalse(Files.exists(out), "no output from an interrupted run");
    assertEquals(List.of(), temps(out), "the temporary file is removed on SIGTERM (took " + seconds + " s)");
  }

  @Test
  void sigkill_midWrite_outputAbsentOrWhole_andTheNextRunCleansUp() throws Exception {
    Path out = dir.resolve("kill.csv");
    Process p = startGreeks(bigBook, out);
    awaitWriting(p, out);
    p.destroyForcibly();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    if (Files.exists(out)) {
      try (Stream<String> lines = Files.lines(out)) {
        assertEquals(ROWS + 1, lines.count(), "an output that exists is whole");
      }
    }
    List<Path> left = temps(out);
    assertFalse(left.isEmpty(), "SIGKILL runs no cleanup: the temporary file stays (until the next run)");

    Path smallBook = ROOT.resolve("examples/book.csv");
    CliRun next = CliRun.of("greeks", "--book", smallBook.toString(), "--market", MARKET, "--out", out.toString(), "-q");
    assertEquals(0, next.exitCode(), next.err());
    for (Path t : left) {
      assertTrue(next.err().contains("removed " + t), next.err());
    }
    assertEquals(List.of(), temps(out), "the next run writing the same output removed what the killed run left");
    assertEquals(Files.readAllLines(smallBook).size(), Files.readAllLines(out).size(), "header plus one row per position");
  }
}

package io.hedgekit.cli;

import io.hedgekit.kernels.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar with rate and ETA on stderr, drawn only when a person is watching (a console
 * is attached and {@code --quiet} is off), redrawn at most 10 times a second; nothing at all when
 * output is piped.
 */
public final class TerminalProgress implements Progress, AutoCloseable {
  private final String label;
  private final String unit;
  private final PrintStream err;
  private final long start = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  private TerminalProgress(String label, String unit, PrintStream err) {
    this.label = label;
    this.unit = unit;
    this.err = err;
  }

  /** A bar on stderr when interactive and not quiet; else {@link Progress#NONE}. */
  public static Progress create(String label, String unit, boolean quiet) {
    boolean interactive = System.console() != null && System.console().isTerminal();
    if (quiet || !interactive || System.getenv("HEDGEKIT_NO_PROGRESS") != null) {
      return Progress.NONE;
    }
    return new TerminalProgress(label, unit, System.err);
  }

  /** Ends a bar started by {@link #create} (prints the newline); harmless for {@link Progress#NONE}. */
  public static void finish(Progress p) {
    if (p instanceof TerminalProgress t) {
      t.close();
    }
  }

  @Override
  public synchronized void update(long done, long total) {
    long now = System.nanoTime();
    if (now - lastDraw < 100_000_000L && (total < 0 || done < total)) {
      return;
    }
    lastDraw = now;
    double seconds = Math.max((now - start) / 1e9, 1e-9);
    double rate = done / seconds;
    StringBuilder line = new StringBuilder("\r").append(label).append(' ');
    if (total > 0) {
      int width = 30;
      int filled = (int) Math.min(width, width * done / total);
      line.append('[').append("#".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
      line.append(String.format(Locale.ROOT, "%3.0f%% ", 100.0 * done / total));
      double eta = rate > 0 ? (total - done) / rate : 0;
      line.append(String.format(Locale.ROOT, "%s/%s %s, %s %s/s, ETA %s", human(done), human(total), unit,
          human((long) rate), unit, duration(eta)));
    } else {
      line.append(String.format(Locale.ROOT, "%s %s, %s %s/s, %s", human(done), unit, human((long) rate), unit,
          duration(seconds)));
    }
    err.print(line);
    err.flush();
    drawn = true;
  }

  @Override
  public synchronized void close() {
    if (drawn) {
      err.println();
      err.flush();
      drawn = false;
    }
  }

  static String human(long n) {
    if (n >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.2fG", n / 1e9);
    }
    if (n >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.2fM", n / 1e6);
    }
    if (n >= 10_000L) {
      return String.format(Locale.ROOT, "%.1fk", n / 1e3);
    }
    return Long.toString(n);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}

package io.hedgekit.cli;

import io.hedgekit.kernels.BackendUnavailableException;
import io.hedgekit.kernels.InputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hedgekit} command line. Exit codes: 0 success, 2 bad input or usage (the message
 * names file, row, column and value), 1 internal error.
 */
@Command(name = "hedgekit",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Full-portfolio Greeks, VaR and hedges for books of crypto derivatives.",
    subcommands = {
        DemoCommand.class,
        GreeksCommand.class,
        CrosscheckCommand.class,
        DevicesCommand.class,
        BenchCommand.class,
        ScenariosCommand.class,
        VarCommand.class,
        StressCommand.class,
        BacktestCommand.class,
        HedgeCommand.class,
        ReportCommand.class,
        WhatIfCommand.class,
        WatchCommand.class,
        HedgeBacktestCommand.class,
        MarginCommand.class,
        CarryCommand.class,
        SmileCommand.class,
        ServeCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Start with:  hedgekit demo", "Each command has --help with an example."})
public final class HedgekitMain implements Runnable {

  /** Exit code for bad input or usage. */
  public static final int EXIT_BAD_INPUT = 2;
  /** Exit code for internal errors. */
  public static final int EXIT_INTERNAL = 1;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and returns the exit code (for tests and embedding). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  /** The configured picocli command line. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new HedgekitMain());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      Throwable e = ex;
      if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) {
        e = u.getCause();
      }
      if (e instanceof InputException || e instanceof UsageException) {
        err.println("hedgekit: error: " + e.getMessage());
        err.flush();
        return EXIT_BAD_INPUT;
      }
      if (e instanceof BackendUnavailableException) {
        err.println("hedgekit: error: " + e.getMessage());
        err.flush();
        return EXIT_BAD_INPUT;
      }
      if (e instanceof org.apache.arrow.memory.OutOfMemoryException) {
        err.println("hedgekit: error: out of off-heap memory: " + e.getMessage()
            + " (lower --cache-rows or --batch-rows, or free memory on this machine; README.md, section Memory)");
        err.flush();
        return EXIT_OUT_OF_MEMORY;
      }
      if (e instanceof java.nio.file.NoSuchFileException nf) {
        err.println("hedgekit: error: file not found: " + nf.getFile());
        err.flush();
        return EXIT_BAD_INPUT;
      }
      err.println("hedgekit: internal error: " + e);
      if (System.getenv("HEDGEKIT_DEBUG") != null) {
        e.printStackTrace(err);
      } else {
        err.println("  (set HEDGEKIT_DEBUG=1 for the stack trace, and please report it)");
      }
      err.flush();
      return EXIT_INTERNAL;
    });
    return cl;
  }

  /** Exit code when the JVM runs out of memory. */
  public static final int EXIT_OUT_OF_MEMORY = 3;

  public static void main(String[] args) {
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      if (e instanceof OutOfMemoryError oom) {
        outOfMemory(oom);
      }
      System.err.println("hedgekit: internal error in thread " + thread.getName() + ": " + e);
    });
    java.util.List<String> missingFlags = JvmFlags.missing();
    if (!missingFlags.isEmpty()) {
      System.err.println(JvmFlags.message(missingFlags));
      System.exit(EXIT_BAD_INPUT);
    }
    int code;
    try {
      code = commandLine().execute(args);
    } catch (OutOfMemoryError e) {
      outOfMemory(e);
      return;
    }
    System.exit(code);
  }

  /**
   * Ends the run on an OutOfMemoryError with a message naming the setting to raise; the exit runs
   * the shutdown hooks, which delete unfinished outputs.
   */
  private static void outOfMemory(OutOfMemoryError e) {
    System.err.println("hedgekit: error: out of memory (" + e.getMessage() + "; the heap limit is "
        + Runtime.getRuntime().maxMemory() / (1L << 20) + " MB). Raise it, e.g. HEDGEKIT_JAVA_OPTS=-Xmx8g ./hedgekit ...,"
        + " or lower --cache-rows; README.md, section Memory, says what grows with the input.");
    System.err.flush();
    System.exit(EXIT_OUT_OF_MEMORY);
  }
}

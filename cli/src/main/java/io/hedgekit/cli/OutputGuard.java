package io.hedgekit.cli;

import io.hedgekit.kernels.InputException;
import io.hedgekit.io.table.AtomicOutput;
import io.hedgekit.io.table.TableFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a command's output files before any work is done, so that a run never computes for
 * minutes and then fails to write, and never destroys an input:
 * <ul>
 *   <li>an output that is one of the inputs (after resolving links and relative paths, or the
 *       same file under two names) is refused, and so are two outputs naming one file;</li>
 *   <li>an extension the output cannot be written as is refused, listing the supported ones;</li>
 *   <li>the directory must exist and accept a new file (a trial temporary file is created and
 *       deleted), the output must not be a directory and its name not too long;</li>
 *   <li>temporary files that killed runs left for the same outputs are deleted, and said so.</li>
 * </ul>
 * Every refusal is a {@link UsageException} (exit 2) naming the option, the path and the reason.
 *
 * <pre>{@code
 * OutputGuard.inputs(book, market).output("--out", out, OutputGuard.JSON).check(stderr);
 * }</pre>
 */
final class OutputGuard {
  /** Extensions of JSON outputs. */
  static final Set<String> JSON = Set.of("json");
  /** Extensions of JSON-lines logs (one JSON object a line). */
  static final Set<String> JSON_LINES = Set.of("jsonl", "ndjson", "json", "log", "txt");
  /** Extensions of hedge ticket outputs. */
  static final Set<String> TICKETS = Set.of("csv", "json");
  /** Extensions of HTML outputs. */
  static final Set<String> HTML = Set.of("html", "htm");
  /** Extensions of table outputs (CSV or Arrow IPC): see {@link TableFormat#forOutput}. */
  static final Set<String> TABLE = Set.of("csv", "arrow", "arrows", "ipc", "feather");

  private final List<Path> inputs = new ArrayList<>();
  private final Map<String, Path> outputs = new LinkedHashMap<>();
  private final Map<String, Set<String>> extensions = new LinkedHashMap<>();

  private OutputGuard() {
  }

  /** A guard for a command reading these files (null entries are ignored). */
  static OutputGuard inputs(Path... files) {
    OutputGuard g = new OutputGuard();
    for (Path p : files) {
      if (p != null) {
        g.inputs.add(p);
      }
    }
    return g;
  }

  /** Adds an input (ignored when null). */
  OutputGuard input(Path file) {
    if (file != null) {
      inputs.add(file);
    }
    return this;
  }

  /**
   * Adds the output given with {@code option} (ignored when null).
   *
   * @param allowed the extensions it may have (lower case, no dot); a name without one is accepted
   */
  OutputGuard output(String option, Path file, Set<String> allowed) {
    if (file != null) {
      outputs.put(option, file);
      extensions.put(option, allowed);
    }
    return this;
  }

  /**
   * Runs the checks and removes stale temporary files of the outputs, saying so on {@code err}.
   *
   * @throws UsageException at the first output that cannot or must not be written
   */
  void check(PrintWriter err) {
    List<Map.Entry<String, Path>> seen = new ArrayList<>();
    for (Map.Entry<String, Path> o : outputs.entrySet()) {
      String option = o.getKey();
      Path out = o.getValue();
      checkExtension(option, out, extensions.get(option));
      for (Path in : inputs) {
        if (sameFile(out, in)) {
          throw new UsageException(option + " " + out + " is the input file " + in
              + "; writing it would destroy the input: choose another output file");
        }
      }
      for (Map.Entry<String, Path> earlier : seen) {
        if (sameFile(out, earlier.getValue())) {
          throw new UsageException(option + " " + out + " is the same file as " + earlier.getKey() + " "
              + earlier.getValue() + ": give each output its own file");
        }
      }
      seen.add(o);
      try {
        AtomicOutput.checkWritable(out);
      } catch (InputException e) {
        throw new UsageException(option + " " + e.getMessage());
      }
    }
    for (Path out : outputs.values()) {
      for (Path stale : AtomicOutput.removeStaleTemps(out)) {
        err.println("hedgekit: removed " + stale + ", a temporary file left by an interrupted run writing " + out);
      }
    }
    err.flush();
  }

  private static void checkExtension(String option, Path out, Set<String> allowed) {
    Path name = out.getFileName();
    String s = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    int dot = s.lastIndexOf('.');
    if (dot <= 0) {
      return;
    }
    String ext = s.substring(dot + 1);
    if (!allowed.contains(ext)) {
      throw new UsageException(option + " " + out + ": cannot write ." + ext + " files here; supported: "
          + String.join(", ", allowed.stream().sorted().map(e -> "." + e).toList()));
    }
  }

  /**
   * True when {@code a} and {@code b} are one file: the same path after resolving links, or
   * (when both exist) the same file under two names (hard links included).
   */
  static boolean sameFile(Path a, Path b) {
    try {
      if (Files.exists(a) && Files.exists(b)) {
        return Files.isSameFile(a, b);
      }
      return resolved(a).equals(resolved(b));
    } catch (IOException e) {
      return resolved(a).equals(resolved(b));
    }
  }

  /** The path with its existing directory resolved through links; the name kept as given. */
  private static Path resolved(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    try {
      return dir == null ? abs : dir.toRealPath().resolve(abs.getFileName());
    } catch (IOException e) {
      return abs;
    }
  }

  /** The table format of a table output; an unknown extension or a clash with {@code --format} is a usage error. */
  static TableFormat tableFormat(String option, Path out, TableFormat explicit) {
    try {
      return TableFormat.forOutput(out, explicit);
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + " " + e.getMessage());
    }
  }

  /** Something that writes (and commits) other outputs. */
  @FunctionalInterface
  interface OutputAction {
    void run() throws IOException;
  }

  /**
   * Writes {@code text} to {@code file} (skipped when null) and the command's other outputs with
   * {@code others}, so that all appear or none: the text stays in its temporary file until
   * {@code others} has finished, and is discarded if it fails.
   */
  static void writeTextWith(Path file, String text, OutputAction others) throws IOException {
    if (file == null) {
      others.run();
      return;
    }
    try (AtomicOutput out = AtomicOutput.open(file)) {
      out.stream().write(text.getBytes(StandardCharsets.UTF_8));
      others.run();
      out.commit();
    }
  }
}

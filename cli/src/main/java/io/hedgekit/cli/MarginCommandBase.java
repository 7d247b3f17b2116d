package io.hedgekit.cli;

import io.hedgekit.risk.engine.FileBook;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.margin.Collateral;
import io.hedgekit.risk.margin.MarginModel;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code hedgekit margin} and {@code hedgekit carry} share: the book, market, collateral and
 * model inputs, the backend, {@code --out FILE} / {@code --json} / {@code -q}, and the run (check
 * the paths, read the inputs, compute on the engine, write the JSON, print). A computation that
 * refuses its inputs ({@link IllegalArgumentException}) is a usage error.
 *
 * @param <R> the result
 */
abstract class MarginCommandBase<R> implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  BookInputs inputs;

  @Mixin
  MarginInputs margin;

  @Mixin
  BackendOptionsMixin backend;

  @Mixin
  JsonResultOptions output;

  /** The command's name, for error messages. */
  abstract String name();

  /** Whether the command needs {@code --collateral}. */
  abstract boolean needsCollateral();

  /** The result of the book on the engine. */
  abstract R compute(RiskEngine engine, FileBook book, Collateral collateral, MarginModel model);

  /** The result as JSON (what {@code --out} and {@code --json} write). */
  abstract String toJson(R result);

  /** The result as the table printed without {@code --json}. */
  abstract void printTable(PrintWriter stdout, R result);

  @Override
  public final Integer call() throws Exception {
    OutputGuard.inputs(inputs.book, inputs.market, margin.collateral, margin.model)
        .output("--out", output.out, OutputGuard.JSON).check(spec.commandLine().getErr());
    PrintWriter stdout = spec.commandLine().getOut();
    Collateral collateral = margin.collateral(needsCollateral(), name());
    MarginModel model = margin.model();
    try (RiskEngine engine = backend.engine(output.quiet ? null : spec.commandLine().getErr());
        FileBook book = inputs.openForPasses(engine)) {
      R result;
      try {
        result = compute(engine, book, collateral, model);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      String text = toJson(result);
      if (output.out != null) {
        CliArgs.writeText(output.out, text);
      }
      if (output.json) {
        stdout.println(text);
      } else {
        printTable(stdout, result);
      }
      stdout.flush();
    }
    return 0;
  }
}

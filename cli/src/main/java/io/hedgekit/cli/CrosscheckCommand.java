package io.hedgekit.cli;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.check.GreeksComparison;
import io.hedgekit.kernels.reference.ReferenceGreeksKernel;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.book.ArrowResolvedBook;
import io.hedgekit.risk.engine.FileBook;
import io.hedgekit.risk.engine.RiskEngine;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hedgekit crosscheck}: runs a backend against the scalar reference on a book and reports
 * the largest errors per output; exits 1 when any output is outside the accuracy contract
 * (1e-12 relative, or 1e-12 × spot × |size| absolute).
 */
@Command(name = "crosscheck", mixinStandardHelpOptions = true,
    description = "Compare a backend's Greeks with the scalar reference; exit 1 beyond the 1e-12 contract.",
    footer = {"", "Example:",
        "  hedgekit crosscheck --book examples/book.csv --market examples/market.json --backend cpu"})
public final class CrosscheckCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  BookInputs inputs;

  @Mixin
  BackendOptionsMixin backend;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int outputs = GreeksColumns.COUNT;
    double[] maxAbs = new double[outputs];
    double[] maxRel = new double[outputs];
    double[] worstRatio = new double[outputs];
    String[] worstId = new String[outputs];
    double[][] worstValues = new double[outputs][2];
    long positions = 0;
    ReferenceGreeksKernel reference = new ReferenceGreeksKernel();
    try (RiskEngine engine = backend.engine(spec.commandLine().getErr()); FileBook book = inputs.open(engine)) {
      try (ArrowResolvedBook.Pass pass = book.batches()) {
        while (pass.hasNext()) {
          try (ResolvedBatch batch = pass.next()) {
            int n = batch.columns().rows();
            GreeksColumns ref = GreeksColumns.allocateOnHeap(n);
            GreeksColumns got = GreeksColumns.allocateOnHeap(n);
            reference.compute(batch.columns(), ref);
            engine.computeBackend().greeks().compute(batch.columns(), got);
            List<GreeksComparison.OutputError> errors = GreeksComparison.compare(batch.columns(), ref, got);
            for (int c = 0; c < outputs; c++) {
              GreeksComparison.OutputError e = errors.get(c);
              maxAbs[c] = Math.max(maxAbs[c], e.maxAbsError());
              maxRel[c] = Math.max(maxRel[c], e.maxRelError());
              if (e.worstRow() >= 0 && (worstId[c] == null || e.worstRatio() > worstRatio[c])) {
                worstRatio[c] = e.worstRatio();
                worstId[c] = batch.id(e.worstRow());
                worstValues[c][0] = e.worstBackend();
                worstValues[c][1] = e.worstReference();
              }
            }
            positions += n;
          }
        }
      }
      out.printf(Locale.ROOT, "crosscheck %s vs scalar reference on %,d positions (contract: rel %.0e or abs %.0e x spot x |size|)%n",
          engine.backend(), positions, GreeksComparison.CONTRACT_TOLERANCE, GreeksComparison.CONTRACT_TOLERANCE);
    }
    out.printf(Locale.ROOT, "%-15s %12s %12s %10s  %s%n", "output", "max abs err", "max rel err", "of bound", "worst position");
    boolean ok = true;
    for (int c = 0; c < outputs; c++) {
      boolean within = worstRatio[c] <= 1.0;
      ok &= within;
      out.printf(Locale.ROOT, "%-15s %12.3e %12.3e %9.3f%s  %s%n", GreeksColumns.NAMES.get(c), maxAbs[c], maxRel[c],
          worstRatio[c], within ? " " : "!", worstId[c] == null ? "-"
              : worstId[c] + " (backend " + worstValues[c][0] + ", reference " + worstValues[c][1] + ")");
    }
    out.println(ok ? "PASS: every output within the contract" : "FAIL: outputs marked ! exceed the contract");
    out.flush();
    return ok ? 0 : 1;
  }
}

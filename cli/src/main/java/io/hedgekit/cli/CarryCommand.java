package io.hedgekit.cli;

import io.hedgekit.risk.engine.FileBook;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.margin.Carry;
import io.hedgekit.risk.margin.Collateral;
import io.hedgekit.risk.margin.MarginJson;
import io.hedgekit.risk.margin.MarginModel;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code hedgekit carry}: futures basis, perpetual funding and the book's cash-and-carry yield. */
@Command(name = "carry", mixinStandardHelpOptions = true,
    description = "Annualised basis of each listed future ((F/S)^(1/T) - 1), funding APR of each perpetual, and the"
        + " book's cash-and-carry pairs (long spot or coin collateral vs short futures/perps) net of the margin they tie up.",
    footer = {"", "Example:",
        "  hedgekit carry --book examples/book.csv --market examples/market.json --collateral examples/collateral.json"})
public final class CarryCommand extends MarginCommandBase<Carry.Report> {

  @Override
  String name() {
    return "carry";
  }

  @Override
  boolean needsCollateral() {
    return false;
  }

  @Override
  Carry.Report compute(RiskEngine engine, FileBook book, Collateral collateral, MarginModel model) {
    return engine.carry(book, collateral, model).result();
  }

  @Override
  String toJson(Carry.Report result) {
    return MarginJson.toJson(result);
  }

  @Override
  void printTable(PrintWriter stdout, Carry.Report result) {
    stdout.print(Carry.formatTable(result));
  }
}

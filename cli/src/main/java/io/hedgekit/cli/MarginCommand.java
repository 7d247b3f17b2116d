package io.hedgekit.cli;

import io.hedgekit.risk.engine.FileBook;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.margin.Collateral;
import io.hedgekit.risk.margin.MarginJson;
import io.hedgekit.risk.margin.MarginModel;
import io.hedgekit.risk.margin.MarginResult;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code hedgekit margin}: portfolio margin, equity and distance to liquidation. */
@Command(name = "margin", mixinStandardHelpOptions = true,
    description = "Deribit-style portfolio margin (risk matrix of spot x vol shocks by full revaluation, extended moves,"
        + " contingency), equity with collateral, and the spot move to liquidation per underlying and all together.",
    footer = {"", "Model and sources: docs/margin.md. IM = risk matrix + extended + contingency; MM = IM x maintenance ratio.",
        "", "Example:",
        "  hedgekit margin --book examples/book.csv --market examples/market.json --collateral examples/collateral.json"
            + " --model examples/margin_model.json --out margin.json"})
public final class MarginCommand extends MarginCommandBase<MarginResult> {

  @Override
  String name() {
    return "margin";
  }

  @Override
  boolean needsCollateral() {
    return true;
  }

  @Override
  MarginResult compute(RiskEngine engine, FileBook book, Collateral collateral, MarginModel model) {
    return engine.margin(book, collateral, model).result();
  }

  @Override
  String toJson(MarginResult result) {
    return MarginJson.toJson(result);
  }

  @Override
  void printTable(PrintWriter stdout, MarginResult result) {
    stdout.print(MarginJson.formatTable(result));
    if (output.out != null) {
      stdout.println("wrote " + output.out);
    }
  }
}

package io.hedgekit.cli;

import io.hedgekit.risk.margin.Collateral;
import io.hedgekit.risk.margin.MarginJson;
import io.hedgekit.risk.margin.MarginModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --collateral} and {@code --model}: what portfolio margin needs beside the book. */
public final class MarginInputs {

  @Option(names = "--collateral", paramLabel = "FILE",
      description = "Collateral JSON: {\"balances\": {\"BTC\": 2.5, \"USDC\": {\"amount\": 100000, \"haircut\": 0.02}}}.")
  Path collateral;

  @Option(names = "--model", paramLabel = "FILE",
      description = "Margin model JSON (default: built-in Deribit-style parameters; see examples/margin_model.json and docs/margin.md).")
  Path model;

  /** True when --collateral was given. */
  boolean present() {
    return collateral != null;
  }

  /** The collateral, or none when --collateral is absent and not {@code required}. */
  Collateral collateral(boolean required, String command) throws IOException {
    if (collateral == null) {
      if (required) {
        throw new UsageException(command + " needs --collateral FILE (e.g. examples/collateral.json)");
      }
      return Collateral.none();
    }
    BookInputs.requireFile(collateral, "--collateral");
    return MarginJson.parseCollateral(collateral.getFileName().toString(), Files.readString(collateral, StandardCharsets.UTF_8));
  }

  /** The model from --model, or the built-in default. */
  MarginModel model() throws IOException {
    if (model == null) {
      return MarginModel.defaults();
    }
    BookInputs.requireFile(model, "--model");
    return MarginJson.parseModel(model.getFileName().toString(), Files.readString(model, StandardCharsets.UTF_8));
  }
}

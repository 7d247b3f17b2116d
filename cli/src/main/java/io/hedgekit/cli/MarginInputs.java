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
    return readCollateral(collateral, "--collateral");
  }

  /** Collateral JSON from {@code file} (named in errors as the value of {@code option}). */
  static Collateral readCollateral(Path file, String option) throws IOException {
    BookInputs.requireFile(file, option);
    return MarginJson.parseCollateral(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /** A margin model JSON from {@code file} (named in errors as the value of {@code option}). */
  static MarginModel readModel(Path file, String option) throws IOException {
    BookInputs.requireFile(file, option);
    return MarginJson.parseModel(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /** The model from --model, or the built-in default. */
  MarginModel model() throws IOException {
    if (model == null) {
      return MarginModel.defaults();
    }
    return readModel(model, "--model");
  }
}

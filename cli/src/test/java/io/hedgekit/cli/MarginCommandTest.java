package io.hedgekit.cli;

import static io.hedgekit.cli.Examples.BOOK;
import static io.hedgekit.cli.Examples.MARKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** margin and carry on the shipped examples, through the command line. */
class MarginCommandTest {
  private static final Path ROOT = ReadmeExampleTest.repoRoot();
  private static final String COLLATERAL = ROOT.resolve("examples/collateral.json").toString();
  private static final String MODEL = ROOT.resolve("examples/margin_model.json").toString();

  @Test
  void margin_writesTheIssueJsonShape(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("m.json");
    CliRun r = CliRun.of("margin", "-q", "--backend", "scalar", "--book", BOOK, "--market", MARKET, "--collateral",
        COLLATERAL, "--model", MODEL, "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Distance to liquidation"), r.out());
    JsonNode m = new ObjectMapper().readTree(out.toFile());
    for (String f : new String[] {"im", "mm", "components", "equity", "margin_ratio", "worst_cell", "liquidation"}) {
      assertTrue(m.has(f), "missing " + f + " in " + m);
    }
    JsonNode c = m.get("components");
    assertEquals(m.get("im").asDouble(), c.get("risk_matrix").asDouble() + c.get("extended").asDouble()
        + c.get("contingency").asDouble(), 1e-6 * m.get("im").asDouble());
    assertEquals(0.8 * m.get("im").asDouble(), m.get("mm").asDouble(), 1e-9 * m.get("im").asDouble());
    assertEquals(m.get("mm").asDouble() / m.get("equity").asDouble(), m.get("margin_ratio").asDouble(), 1e-12);
    assertTrue(m.get("worst_cell").has("underlying") && m.get("worst_cell").has("spot_move") && m.get("worst_cell").has("vol"));
    assertTrue(m.get("liquidation").has("ALL") && m.get("liquidation").has("BTC"));
  }

  @Test
  void margin_badModelValueNamesFileFieldAndValue(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("bad_model.json");
    Files.writeString(model, "{\"underlyings\": {\"BTC\": {\"price_range\": 1.5}}}");
    CliRun r = CliRun.of("margin", "-q", "--book", BOOK, "--market", MARKET, "--collateral", COLLATERAL, "--model",
        model.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("bad_model.json") && r.err().contains("underlyings.BTC.price_range")
        && r.err().contains("1.5"), r.err());
  }

  @Test
  void margin_badCollateralNamesFileFieldAndValue(@TempDir Path dir) throws Exception {
    Path c = dir.resolve("coll.json");
    Files.writeString(c, "{\"balances\": {\"BTC\": {\"amount\": 2, \"haircut\": 1.2}}}");
    CliRun r = CliRun.of("margin", "-q", "--book", BOOK, "--market", MARKET, "--collateral", c.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("coll.json") && r.err().contains("balances.BTC.haircut") && r.err().contains("1.2"), r.err());
    Files.writeString(c, "{\"balances\": {\"USDC\": \"lots\"}}");
    r = CliRun.of("margin", "-q", "--book", BOOK, "--market", MARKET, "--collateral", c.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("balances.USDC") && r.err().contains("lots"), r.err());
    Files.writeString(c, "{\"balances\": {");
    r = CliRun.of("margin", "-q", "--book", BOOK, "--market", MARKET, "--collateral", c.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("coll.json") && r.err().contains("not valid JSON"), r.err());
  }

  @Test
  void margin_needsCollateral() {
    CliRun r = CliRun.of("margin", "-q", "--book", BOOK, "--market", MARKET);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--collateral"), r.err());
  }

  @Test
  void carry_reportsBasisFundingAndPairs(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("carry.json");
    CliRun r = CliRun.of("carry", "-q", "--backend", "scalar", "--book", BOOK, "--market", MARKET, "--collateral",
        COLLATERAL, "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode c = new ObjectMapper().readTree(out.toFile());
    JsonNode btcPerp = c.get("perpetuals").get(0);
    assertEquals(btcPerp.get("funding_rate_8h").asDouble() * 1095, btcPerp.get("funding_apr").asDouble(), 1e-12);
    JsonNode f = c.get("futures").get(0);
    assertEquals(Math.pow(f.get("forward").asDouble() / f.get("spot").asDouble(), 1 / f.get("years").asDouble()) - 1,
        f.get("annualised_basis").asDouble(), 1e-12);
    assertTrue(c.get("cash_and_carry").size() > 0, c.toString());
  }

  @Test
  void hedge_minMarginLowersInitialMargin() {
    CliRun r = CliRun.of("hedge", "-q", "--backend", "scalar", "--book", BOOK, "--market", MARKET, "--universe",
        ROOT.resolve("examples/universe.csv").toString(), "--target", "min-margin", "--collateral", COLLATERAL, "--model", MODEL);
    assertEquals(0, r.exitCode(), r.err());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("  IM +([0-9,]+) -> +([0-9,]+)").matcher(r.out());
    assertTrue(m.find(), r.out());
    double before = Double.parseDouble(m.group(1).replace(",", ""));
    double after = Double.parseDouble(m.group(2).replace(",", ""));
    assertTrue(after < before, r.out());
  }

  @Test
  void hedge_minMarginNeedsCollateral() {
    CliRun r = CliRun.of("hedge", "-q", "--book", BOOK, "--market", MARKET, "--universe",
        ROOT.resolve("examples/universe.csv").toString(), "--target", "min-margin");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--collateral"), r.err());
  }

  @Test
  void whatif_withCollateralShowsMarginBeforeAndAfter() {
    CliRun r = CliRun.of("whatif", "-q", "--backend", "scalar", "--book", BOOK, "--market", MARKET, "--add",
        ROOT.resolve("examples/trades.csv").toString(), "--collateral", COLLATERAL);
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Margin before -> after") && r.out().contains("liquidation ALL"), r.out());
    CliRun j = CliRun.of("whatif", "-q", "--backend", "scalar", "--book", BOOK, "--market", MARKET, "--add",
        ROOT.resolve("examples/trades.csv").toString(), "--collateral", COLLATERAL, "--json");
    assertEquals(0, j.exitCode(), j.err());
    try {
      JsonNode root = new ObjectMapper().readTree(j.out());
      assertTrue(root.get("margin").get("before").has("im") && root.get("margin").get("after").has("liquidation"), j.out());
    } catch (java.io.IOException e) {
      throw new AssertionError(j.out(), e);
    }
  }

  @Test
  void report_withCollateralHasTheMarginSection(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("r.html");
    CliRun r = CliRun.of("report", "-q", "--backend", "scalar", "--book", BOOK, "--market", MARKET, "--collateral",
        COLLATERAL, "--model", MODEL, "--out", html.toString());
    assertEquals(0, r.exitCode(), r.err());
    String page = Files.readString(html);
    assertTrue(page.contains("id=\"margin\"") && page.contains("Distance to liquidation") && page.contains("Carry and basis")
        && page.contains("risk matrix"), "margin section missing");
  }

  @Test
  void report_minMarginHedgeNeedsCollateralAndIsShownWithIt(@TempDir Path dir) throws Exception {
    String universe = ROOT.resolve("examples/universe.csv").toString();
    Path html = dir.resolve("r.html");
    CliRun none = CliRun.of("report", "-q", "--book", BOOK, "--market", MARKET, "--universe", universe, "--target",
        "min-margin", "--out", html.toString());
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("--collateral"), none.err());
    CliRun r = CliRun.of("report", "-q", "--backend", "scalar", "--book", BOOK, "--market", MARKET, "--universe", universe,
        "--target", "min-margin", "--collateral", COLLATERAL, "--model", MODEL, "--out", html.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("hedge min-margin"), r.out());
    String page = Files.readString(html);
    assertTrue(page.contains("minimise portfolio initial margin plus trading cost") && page.contains("id=\"margin\""),
        "min-margin hedge or margin section missing");
  }
}

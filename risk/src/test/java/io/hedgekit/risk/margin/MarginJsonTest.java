package io.hedgekit.risk.margin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.risk.var.TestBooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarginJsonTest {

  private static Path examples(String name) {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("examples"))) {
      p = p.getParent();
    }
    return p.resolve("examples").resolve(name);
  }

  @Test
  void parseModel_shippedExampleOverridesDefaultsPerUnderlying() throws Exception {
    MarginModel m = MarginJson.parseModel("margin_model.json", Files.readString(examples("margin_model.json")));
    assertEquals(0.8, m.maintenanceRatio());
    assertTrue(m.collateralInRiskMatrix());
    assertEquals(MarginParameters.DERIBIT_BTC, m.paramsFor("BTC"));
    assertEquals(0.2, m.paramsFor("ETH").priceRange());
    assertEquals(0.5, m.paramsFor("ETH").volRangeUp(), "ETH inherits the default's other fields");
    assertEquals(25_000, m.paramsFor("SOL").extendedDampenerUsd());
    assertEquals(MarginParameters.DERIBIT_BTC, m.paramsFor("XRP"), "an unlisted underlying uses the default");
    assertArrayEquals(new double[] {-0.16, -0.12, -0.08, -0.04, 0, 0.04, 0.08, 0.12, 0.16}, m.paramsFor("BTC").spotMoves(), 1e-15);
  }

  @Test
  void parseModel_errorsNameFileFieldAndValue() {
    InputException e = assertThrows(InputException.class,
        () -> MarginJson.parseModel("m.json", "{\"underlyings\": {\"ETH\": {\"price_steps\": 8}}}"));
    assertTrue(e.getMessage().contains("m.json") && e.getMessage().contains("underlyings.ETH.price_steps")
        && e.getMessage().contains("\"8\""), e.getMessage());
    e = assertThrows(InputException.class, () -> MarginJson.parseModel("m.json", "{\"default\": {\"price_rnage\": 0.1}}"));
    assertTrue(e.getMessage().contains("default.price_rnage") && e.getMessage().contains("unknown"), e.getMessage());
    e = assertThrows(InputException.class,
        () -> MarginJson.parseModel("m.json", "{\"default\": {\"extended_moves\": [0.5, -1.2]}}"));
    assertTrue(e.getMessage().contains("default.extended_moves"), e.getMessage());
    e = assertThrows(InputException.class, () -> MarginJson.parseModel("m.json", "{\"maintenance_ratio\": 0, \"default\": {}}"));
    assertTrue(e.getMessage().contains("maintenance_ratio"), e.getMessage());
    MarginModel onlyBtc = MarginJson.parseModel("m.json", "{\"underlyings\": {\"BTC\": {}}}");
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> onlyBtc.paramsFor("ETH"));
    assertTrue(missing.getMessage().contains("ETH"), missing.getMessage());
  }

  @Test
  void parseCollateral_amountsAndHaircuts() throws Exception {
    Collateral c = MarginJson.parseCollateral("collateral.json", Files.readString(examples("collateral.json")));
    assertEquals(4, c.balances().size());
    assertEquals(5 * 0.98, c.effectiveUnits("BTC"), 1e-12);
    assertEquals(150_000, c.effectiveUnits("USDC"), 1e-12);
    InputException e = assertThrows(InputException.class,
        () -> MarginJson.parseCollateral("c.json", "{\"balances\": {\"BTC\": -1}}"));
    assertTrue(e.getMessage().contains("c.json") && e.getMessage().contains("balances.BTC") && e.getMessage().contains("-1"),
        e.getMessage());
    e = assertThrows(InputException.class, () -> MarginJson.parseCollateral("c.json", "{\"BTC\": 1}"));
    assertTrue(e.getMessage().contains("balances"), e.getMessage());
  }

  @Test
  void toJson_hasTheIssueFields() throws Exception {
    try (ComputeBackend backend = TestBooks.scalar()) {
      var book = new TestBooks(List.of("BTC"), 95_000).inversePerp("BTC", 500_000, 95_000, 0).build(1);
      MarginResult r = new MarginEngine(backend, MarginModel.defaults()).compute(book,
          new Collateral(List.of(new Collateral.Balance("BTC", 1.5, 0))), Map.of());
      JsonNode j = new ObjectMapper().readTree(MarginJson.toJson(r));
      assertEquals(r.im(), j.get("im").asDouble(), 0);
      assertEquals(r.riskMatrix(), j.get("components").get("risk_matrix").asDouble(), 0);
      assertEquals("BTC", j.get("worst_cell").get("underlying").asText());
      assertEquals(-0.16, j.get("worst_cell").get("spot_move").asDouble(), 1e-15);
      assertEquals("unchanged", j.get("worst_cell").get("vol").asText(), "a book without vega names the vol-unchanged cell");
      assertEquals(r.liquidation("BTC").down().move(), j.get("liquidation").get("BTC").get("down").get("move").asDouble(), 0);
      assertEquals("none within ±90%", j.get("liquidation").get("BTC").get("up").asText());
      assertEquals(r.equity() / 95_000, j.get("equity_detail").get("equity_in_currency").get("BTC").asDouble(), 1e-9);
    }
  }
}

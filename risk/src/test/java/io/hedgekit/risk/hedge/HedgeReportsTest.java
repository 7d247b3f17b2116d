package io.hedgekit.risk.hedge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HedgeReportsTest {
  private static final List<HedgeTicket> TICKETS = List.of(new HedgeTicket("BTC-PERPETUAL", -19_000, 95.0),
      new HedgeTicket("odd,\"id\"", 0.3, 9.0));
  private static final BeforeAfter COMPARISON = new BeforeAfter(
      List.of(new UnderlyingRisk("BTC", 95_000, 2, 1e-5, 300, -50, 190_000)),
      List.of(new UnderlyingRisk("BTC", 95_000, 0.001, 1e-5, 300, -50, 95)),
      500, 0.975, new TailRisk.VarEs(8_000, 9_500), new TailRisk.VarEs(400, 450), 104.0);

  @Test
  void writeTicketsCsv_quotesOnlyWhatNeedsIt() {
    StringBuilder sb = new StringBuilder();
    HedgeReports.writeTicketsCsv(TICKETS, sb);
    assertEquals("id,quantity,cost_usd\nBTC-PERPETUAL,-19000,95\n\"odd,\"\"id\"\"\",0.3,9\n", sb.toString());
  }

  @Test
  void writeComparisonCsv_longFormWithPortfolioRows() {
    StringBuilder sb = new StringBuilder();
    HedgeReports.writeComparisonCsv(COMPARISON, sb);
    assertEquals("""
        scope,measure,before,after
        BTC,delta,2,0.001
        BTC,gamma,0.00001,0.00001
        BTC,vega,300,300
        BTC,theta,-50,-50
        BTC,dollar_delta,190000,95
        portfolio,var_97.5,8000,400
        portfolio,es_97.5,9500,450
        portfolio,cost_usd,0,104
        """, sb.toString());
  }

  @Test
  void writeJson_readsBackWithJackson() throws Exception {
    HedgeResult r = new HedgeResult(HedgeTarget.DELTA, TICKETS, Map.of("BTC-PERPETUAL", -18_999.7), COMPARISON, List.of("a note"));
    StringWriter w = new StringWriter();
    HedgeReports.writeJson(r, w);
    JsonNode root = new ObjectMapper().readTree(w.toString());
    assertEquals("delta", root.get("target").asText());
    assertEquals(-19_000, root.get("tickets").get(0).get("quantity").asDouble(), 0.0);
    assertEquals("odd,\"id\"", root.get("tickets").get(1).get("id").asText());
    assertEquals(-18_999.7, root.get("solved").get("BTC-PERPETUAL").asDouble(), 0.0);
    assertEquals(0.001, root.get("comparison").get("after").get(0).get("delta").asDouble(), 0.0);
    assertEquals(450, root.get("comparison").get("es_after").asDouble(), 0.0);
    assertEquals(104, root.get("comparison").get("total_cost_usd").asDouble(), 0.0);
    assertEquals("a note", root.get("notes").get(0).asText());
  }

  @Test
  void writeJson_writesNullVarEsWithoutScenarios() throws Exception {
    BeforeAfter noTail = new BeforeAfter(COMPARISON.before(), COMPARISON.after(), 0, 0.99, null, null, 0);
    StringWriter w = new StringWriter();
    HedgeReports.writeJson(new WhatIfResult(List.of(), noTail, List.of()), w);
    JsonNode c = new ObjectMapper().readTree(w.toString()).get("comparison");
    assertTrue(c.get("var_before").isNull() && c.get("es_after").isNull(), c.toString());
  }

  @Test
  void writeTicketsJson_isAnArrayOfTickets() throws Exception {
    StringWriter w = new StringWriter();
    HedgeReports.writeTicketsJson(TICKETS, w);
    JsonNode arr = new ObjectMapper().readTree(w.toString());
    assertEquals(2, arr.size());
    assertEquals(95.0, arr.get(0).get("cost_usd").asDouble(), 0.0);
  }

  @Test
  void formatTable_showsBeforeAfterTailAndCost() {
    String t = HedgeReports.formatTable(COMPARISON);
    assertTrue(t.contains("BTC        before"), t);
    assertTrue(t.contains("vega USD/volpt") && t.contains("theta USD/day"), t);
    // desk units: gamma 1e-5/USD at 95,000 is 0.0095 coins per 1% move; vega 300 per 1.00 is 3 per vol point
    assertTrue(t.contains("0.0095") && t.matches("(?s).*\\s3\\s.*"), t);
    assertTrue(t.contains("VaR 97.5%  8,000.00 -> 400.00 USD   ES 97.5%  9,500.00 -> 450.00 USD   (500 scenarios)"), t);
    assertTrue(t.endsWith("total cost 104.00 USD\n"), t);
  }

  @Test
  void confidenceLabel_dropsTrailingZeros() {
    assertEquals("99", HedgeReports.confidenceLabel(0.99));
    assertEquals("97.5", HedgeReports.confidenceLabel(0.975));
  }

  @Test
  void num_forPeople_noBinaryNoiseNoNegativeZeroNoExponent() {
    org.junit.jupiter.api.Assertions.assertEquals("191.6", HedgeReports.num(0.1 * 1916.0000000000002));
    org.junit.jupiter.api.Assertions.assertEquals("191.6", HedgeReports.num(191.60000000000002));
    org.junit.jupiter.api.Assertions.assertEquals("0", HedgeReports.num(-0.0));
    org.junit.jupiter.api.Assertions.assertEquals("-12.5", HedgeReports.num(-12.5));
    org.junit.jupiter.api.Assertions.assertEquals("25000000", HedgeReports.num(2.5e7));
    org.junit.jupiter.api.Assertions.assertEquals("0.000001234", HedgeReports.num(1.234e-6));
    org.junit.jupiter.api.Assertions.assertEquals("", HedgeReports.num(Double.NaN));
  }
}

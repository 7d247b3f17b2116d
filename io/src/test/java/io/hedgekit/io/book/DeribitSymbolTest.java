package io.hedgekit.io.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.ContractKind.Instrument;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DeribitSymbolTest {

  @Test
  void parse_inverseCall() {
    DeribitSymbol s = DeribitSymbol.parse("BTC-25DEC26-100000-C");
    assertEquals("BTC", s.underlying());
    assertNull(s.quote());
    assertTrue(s.inverse());
    assertEquals(ContractKind.INVERSE_CALL, s.kind());
    assertEquals(100000.0, s.strike());
    assertEquals(LocalDate.of(2026, 12, 25), s.expiryDate());
    assertEquals(Instant.parse("2026-12-25T08:00:00Z"), s.expiry());
    assertEquals(1_798_185_600_000L, s.expiry().toEpochMilli());
  }

  @Test
  void parse_inversePutSingleDigitDay() {
    DeribitSymbol s = DeribitSymbol.parse("ETH-5JAN27-3200-P");
    assertEquals(ContractKind.INVERSE_PUT, s.kind());
    assertEquals(LocalDate.of(2027, 1, 5), s.expiryDate());
    assertEquals(DeribitSymbol.parse("ETH-05JAN27-3200-P"), s);
  }

  @Test
  void parse_future() {
    DeribitSymbol s = DeribitSymbol.parse("BTC-27MAR26");
    assertEquals(ContractKind.INVERSE_FUTURE, s.kind());
    assertEquals(Instant.parse("2026-03-27T08:00:00Z"), s.expiry());
    assertTrue(Double.isNaN(s.strike()));
  }

  @Test
  void parse_perpetuals() {
    assertEquals(ContractKind.INVERSE_PERPETUAL, DeribitSymbol.parse("BTC-PERPETUAL").kind());
    DeribitSymbol linear = DeribitSymbol.parse("BTC_USDC-PERPETUAL");
    assertEquals(ContractKind.LINEAR_PERPETUAL, linear.kind());
    assertEquals("USDC", linear.quote());
    assertNull(linear.expiry());
  }

  @Test
  void parse_usdcSuffixMeansLinear() {
    DeribitSymbol s = DeribitSymbol.parse("SOL_USDC-25DEC26-200-C");
    assertEquals("SOL", s.underlying());
    assertEquals(ContractKind.LINEAR_CALL, s.kind());
    assertEquals(200.0, s.strike());
    assertEquals(ContractKind.LINEAR_FUTURE, DeribitSymbol.parse("ETH_USDC-26JUN26").kind());
  }

  @Test
  void parse_spotPair() {
    DeribitSymbol s = DeribitSymbol.parse("BTC_USDC");
    assertEquals(Instrument.SPOT, s.instrument());
    assertEquals(ContractKind.SPOT, s.kind());
  }

  @Test
  void parse_decimalStrikes() {
    assertEquals(1.5, DeribitSymbol.parse("XRP_USDC-26JUN26-1d5-C").strike());
    assertEquals(0.025, DeribitSymbol.parse("DOGE_USDC-26JUN26-0d025-P").strike());
  }

  @Test
  void parse_ignoresCaseAndSpace() {
    assertEquals(DeribitSymbol.parse("BTC-25DEC26-100000-C"), DeribitSymbol.parse(" btc-25dec26-100000-c "));
  }

  @Test
  void parse_malformedNamesTheSymbolAndProblem() {
    assertMalformed("BTC", "expected UNDERLYING-PERPETUAL");
    assertMalformed("BTC-25DEC26-100000", "expected UNDERLYING-PERPETUAL");
    assertMalformed("BTC-25DEC26-100000-C-X", "expected UNDERLYING-PERPETUAL");
    assertMalformed("BTC-25XYZ26-100000-C", "unknown month XYZ");
    assertMalformed("BTC-31FEB26", "no such date 31FEB26");
    assertMalformed("BTC-2026-12-25", "expiry must be DDMMMYY like 25DEC26, was 2026");
    assertMalformed("BTC-25DEC2026", "expiry must be DDMMMYY");
    assertMalformed("BTC-25DEC26-10k-C", "strike must be digits");
    assertMalformed("BTC-25DEC26-0-C", "strike must be > 0");
    assertMalformed("BTC-25DEC26-100000-X", "option type must be C or P, was X");
    assertMalformed("-PERPETUAL", "underlying must be letters and digits");
    assertMalformed("BTC_-PERPETUAL", "base and quote currency");
    assertMalformed("", "underlying must be letters and digits");
  }

  private static void assertMalformed(String symbol, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeribitSymbol.parse(symbol));
    assertTrue(e.getMessage().startsWith("malformed Deribit symbol " + symbol + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void format_roundTripsDeribitSpelling() {
    for (String s : new String[] {"BTC-25DEC26-100000-C", "ETH-5JAN27-3200-P", "BTC-27MAR26", "BTC-PERPETUAL",
        "BTC_USDC-PERPETUAL", "SOL_USDC-25DEC26-200-C", "XRP_USDC-26JUN26-1d5-C", "DOGE_USDC-26JUN26-0d025-P",
        "BTC_USDC"}) {
      assertEquals(s, DeribitSymbol.parse(s).format());
    }
    assertEquals("ETH-5JAN27-3200-P", DeribitSymbol.parse("eth-05jan27-3200.0-p").format());
  }

  @Test
  void constructor_rejectsInconsistentParts() {
    assertThrows(IllegalArgumentException.class,
        () -> new DeribitSymbol("BTC", null, Instrument.OPTION, LocalDate.of(2026, 1, 1), -1, true));
    assertThrows(IllegalArgumentException.class,
        () -> new DeribitSymbol("BTC", null, Instrument.PERPETUAL, LocalDate.of(2026, 1, 1), Double.NaN, false));
    assertThrows(IllegalArgumentException.class,
        () -> new DeribitSymbol("BTC", null, Instrument.SPOT, null, Double.NaN, false));
    assertEquals("BTC", new DeribitSymbol("btc", null, Instrument.PERPETUAL, null, Double.NaN, false).underlying());
  }
}

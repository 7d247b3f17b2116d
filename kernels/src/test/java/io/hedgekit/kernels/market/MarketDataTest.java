package io.hedgekit.kernels.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketDataTest {

  private static final Instant VALUATION = Instant.parse("2020-05-14T05:41:36.486Z");

  private static UnderlyingMarket flat(double spot) {
    return new UnderlyingMarket(spot, 0.0, 0.0, List.of(), 0.8, null, 0.0);
  }

  @Test
  void yearsTo_isActual365ToTheMillisecond() {
    MarketData m = new MarketData(VALUATION, Map.of("BTC", flat(9350)));
    // Deribit's 22MAY20 expiry (08:00 UTC) from the first row of the 2020-05-14 snapshot.
    Instant expiry = Instant.ofEpochMilli(1_590_134_400_000L);
    assertEquals((1_590_134_400_000L - 1_589_434_896_486L) / (365.0 * 86_400_000.0), m.yearsTo(expiry), 0.0);
    assertEquals(1.0, m.yearsTo(VALUATION.plusSeconds(365L * 86_400)), 0.0);
    assertEquals(-1.0 / 365, m.yearsTo(VALUATION.minusSeconds(86_400)), 1e-18);
    assertEquals(0.0, m.yearsTo(VALUATION), 0.0);
  }

  @Test
  void underlyingNames_inNameOrderWithStableIndices() {
    Map<String, UnderlyingMarket> u = new HashMap<>();
    u.put("SOL", flat(180));
    u.put("BTC", flat(95_000));
    u.put("ETH", flat(3_400));
    MarketData m = new MarketData(VALUATION, u);
    assertEquals(List.of("BTC", "ETH", "SOL"), m.underlyingNames());
    assertEquals(0, m.indexOf("BTC"));
    assertEquals(2, m.indexOf("SOL"));
    assertEquals(-1, m.indexOf("DOGE"));
    assertEquals(3_400, m.underlying("ETH").spot());
    assertNull(m.underlying("DOGE"));
    u.clear();
    assertEquals(3, m.underlyings().size(), "the market keeps its own copy");
  }

  @Test
  void constructor_rejectsEmptyMarketAndMissingTime() {
    assertEquals("market has no underlyings",
        assertThrows(IllegalArgumentException.class, () -> new MarketData(VALUATION, Map.of())).getMessage());
    assertThrows(NullPointerException.class, () -> new MarketData(null, Map.of("BTC", flat(1))));
  }
}

package io.hedgekit.risk.hedge;

import static io.hedgekit.risk.hedge.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

class HedgeUniverseTest {
  private static final Position PERP = linear(ContractKind.INVERSE_PERPETUAL, 0, 0, 10, 0, 0);

  private static String rejected(double cost, double lot, double min, double max) {
    return assertThrows(IllegalArgumentException.class, () -> new HedgeInstrument("BTC-PERPETUAL", PERP, cost, lot, min, max))
        .getMessage();
  }

  @Test
  void instrument_rejectsBadLots() {
    assertEquals("lot must be finite and > 0 contracts, was 0.0 (id BTC-PERPETUAL)", rejected(0.01, 0, Double.NaN, Double.NaN));
    assertEquals("lot must be finite and > 0 contracts, was -1.0 (id BTC-PERPETUAL)", rejected(0.01, -1, Double.NaN, Double.NaN));
    assertEquals("lot must be finite and > 0 contracts, was NaN (id BTC-PERPETUAL)", rejected(0.01, Double.NaN, Double.NaN, Double.NaN));
  }

  @Test
  void instrument_rejectsBadCosts() {
    assertEquals("cost must be finite and >= 0 USD per contract, was -0.5 (id BTC-PERPETUAL)", rejected(-0.5, 1, Double.NaN, Double.NaN));
    assertEquals("cost must be finite and >= 0 USD per contract, was NaN (id BTC-PERPETUAL)", rejected(Double.NaN, 1, Double.NaN, Double.NaN));
  }

  @Test
  void instrument_rejectsBadBounds() {
    assertEquals("min_quantity 5.0 is above max_quantity -5.0 (id BTC-PERPETUAL)", rejected(0.01, 1, 5, -5));
    assertEquals("min_quantity/max_quantity bound the signed traded quantity and must allow no trade (min <= 0 <= max),"
        + " were 0.2/0.8 (id BTC-PERPETUAL)", rejected(0.01, 1, 0.2, 0.8));
    assertEquals("min_quantity/max_quantity must be finite or empty (NaN = unbounded), were -Infinity/NaN (id BTC-PERPETUAL)",
        rejected(0.01, 1, Double.NEGATIVE_INFINITY, Double.NaN));
  }

  @Test
  void instrument_rejectsNonFiniteContractsAndNonPositiveSizes() {
    Position nanVol = option(ContractKind.LINEAR_CALL, 0, 1, 0.1, Double.NaN, 1);
    assertEquals("vol must be finite and > 0, was NaN (id C)",
        assertThrows(IllegalArgumentException.class, () -> instrument("C", nanVol, 1, 1)).getMessage());
    Position shortContract = option(ContractKind.LINEAR_CALL, 0, 1, 0.1, 0.5, -1);
    assertEquals("size (contract size, quantity 1) must be > 0, was -1.0 (id C)",
        assertThrows(IllegalArgumentException.class, () -> instrument("C", shortContract, 1, 1)).getMessage());
    assertEquals("hedge instrument id must not be blank",
        assertThrows(IllegalArgumentException.class, () -> instrument(" ", PERP, 1, 1)).getMessage());
  }

  @Test
  void instrument_boundsSnapInsideToLotMultiples() {
    HedgeInstrument h = new HedgeInstrument("X", PERP, 0, 0.1, -0.25, 0.3);
    assertEquals(-0.2, h.lowestQuantity(), 0.0);
    assertEquals(0.3, h.highestQuantity(), 0.0);
    HedgeInstrument free = instrument("Y", PERP, 0, 0.1);
    assertEquals(Double.NEGATIVE_INFINITY, free.lowestQuantity());
    assertEquals(Double.POSITIVE_INFINITY, free.highestQuantity());
  }

  @Test
  void instrument_entersFuturesAndPerpetualsAtTodaysPrice() {
    HedgeInstrument fut = instrument("F", linear(ContractKind.LINEAR_FUTURE, 0, 0.5, 1, 80_000, 0), 1, 1);
    assertEquals(95_000 * Math.exp((RATE - CARRY) * 0.5), fut.contract().entryPrice(), 1e-9);
    HedgeInstrument perp = instrument("P", linear(ContractKind.INVERSE_PERPETUAL, 0, 0, 10, 80_000, 0), 1, 1);
    assertEquals(95_000, perp.contract().entryPrice(), 0.0);
  }

  @Test
  void universe_rejectsDuplicateIdsAndBadUnderlyings() {
    HedgeInstrument a = instrument("A", PERP, 1, 1);
    assertEquals("duplicate instrument id A in the hedge universe (rows 0 and 1)",
        assertThrows(IllegalArgumentException.class, () -> universe(a, a)).getMessage());
    HedgeInstrument sol = instrument("S", new Position(ContractKind.SPOT, 5, 180, 180, 0, 1, 0, 0, 1, 0, 0), 1, 1);
    assertEquals("underlying index 5 of S is outside the 2 underlyings [BTC, ETH]",
        assertThrows(IllegalArgumentException.class, () -> universe(sol)).getMessage());
    assertEquals("the hedge universe has no instruments",
        assertThrows(IllegalArgumentException.class, () -> new HedgeUniverse(List.of(), UNDERLYINGS, SPOTS)).getMessage());
  }

  @Test
  void of_namesTheRowOfABadEntry() {
    var cols = columns(List.of(PERP, spot(1, 1)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HedgeUniverse.of(cols,
        List.of("BTC-PERPETUAL", "ETH"), UNDERLYINGS, SPOTS, new double[] {0.005, 0.1}, new double[] {1, 0}, null, null));
    assertEquals("hedge universe row 2: lot must be finite and > 0 contracts, was 0.0 (id ETH)", e.getMessage());
  }

  @Test
  void of_buildsTheUnitBookInRowOrder() {
    var cols = columns(List.of(PERP, spot(1, 0.5)));
    HedgeUniverse u = HedgeUniverse.of(cols, List.of("BTC-PERPETUAL", "ETH"), UNDERLYINGS, SPOTS, new double[] {0.005, 0.1},
        new double[] {1, 0.01}, new double[] {Double.NaN, -10}, new double[] {Double.NaN, 10});
    assertEquals(2, u.size());
    assertEquals(1, u.indexOf("ETH"));
    assertEquals(-1, u.indexOf("SOL"));
    assertEquals(List.of("BTC-PERPETUAL", "ETH"), u.unitBook().ids());
    assertEquals(0.5, u.unitBook().columns().row(1).size(), 0.0);
    assertEquals(-10, u.get(1).minQuantity(), 0.0);
  }

  @Test
  void onUnderlyings_appendsUnknownNamesAndKeepsIdenticalListsAsIs() {
    HedgeUniverse u = deskUniverse();
    assertSame(u, u.onUnderlyings(UNDERLYINGS, SPOTS));
    HedgeUniverse moved = u.onUnderlyings(List.of("SOL", "ETH"), new double[] {180, 3_400});
    assertEquals(List.of("SOL", "ETH", "BTC"), moved.underlyings());
    assertEquals(2, moved.get(0).underlying());
    assertEquals(1, moved.get(moved.indexOf("ETH-PERPETUAL")).underlying());
  }
}

package io.hedgekit.risk.hedge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HedgeTargetTest {

  @Test
  void parse_acceptsLabelsInAnyCase() {
    assertEquals(HedgeTarget.DELTA_GAMMA_VEGA, HedgeTarget.parse("Delta-Gamma-Vega"));
    assertEquals(HedgeTarget.MIN_ES, HedgeTarget.parse("min_es"));
    assertEquals(HedgeTarget.DELTA, HedgeTarget.parse(" delta "));
  }

  @Test
  void parse_rejectsUnknownNamesListingTheKnownOnes() {
    assertEquals("unknown hedge target 'gamma'; known: [delta, delta-gamma, delta-gamma-vega, min-variance, min-es, min-margin]",
        assertThrows(IllegalArgumentException.class, () -> HedgeTarget.parse("gamma")).getMessage());
  }
}

package io.hedgekit.risk.intraday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.InputException;
import io.hedgekit.risk.hedge.HedgeTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MandatesTest {
  @TempDir
  Path dir;

  @Test
  void read_theIssuesExample_withTheUniverseBesideTheFile() throws Exception {
    Path f = dir.resolve("mandates.json");
    Files.writeString(f, """
        {"max_age_seconds": 60, "max_jump": 0.25, "cooldown_seconds": 300, "universe": "universe.csv",
         "limits": [{"underlying": "BTC", "greek": "delta", "unit": "coin", "max_abs": 500, "target": "delta"},
                    {"underlying": "*", "greek": "vega", "unit": "usd_per_vol_point", "max_abs": 2000000,
                     "target": "delta-gamma-vega"},
                    {"scope": "book", "measure": "var", "confidence": 0.99, "max": 5000000}],
         "vol_trigger": {"underlying": "BTC", "window_seconds": 3600, "realised_vol_above": 1.2}}
        """);
    Mandates m = Mandates.read(f);
    assertEquals(60, m.maxAgeSeconds());
    assertEquals(0.25, m.maxJump());
    assertEquals(300, m.cooldownSeconds());
    assertEquals(dir.resolve("universe.csv").toAbsolutePath(), m.universe());
    assertEquals(3, m.limits().size());
    Mandates.Limit d = m.limits().get(0);
    assertEquals("BTC", d.underlying());
    assertEquals(Mandates.Measure.DELTA, d.measure());
    assertEquals(50, d.band(), "a tenth of the limit by default");
    assertEquals(275, d.clearsAt());
    assertEquals(HedgeTarget.DELTA_GAMMA_VEGA, m.limits().get(1).target());
    Mandates.Limit v = m.limits().get(2);
    assertTrue(v.isBook());
    assertEquals(HedgeTarget.MIN_VARIANCE, v.target());
    assertEquals(0.99, v.confidence());
    assertEquals(1.2, m.volTriggers().get(0).realisedVolAbove());
    assertEquals(HedgeTarget.DELTA, m.volTriggers().get(0).target());
  }

  @Test
  void read_badEntries_nameTheJsonPathAndValue() throws Exception {
    assertEquals("m.json, column $.limits[0].unit: must be one of [coin, usd] for a delta limit, was \"btc\"",
        error("{\"limits\": [{\"underlying\": \"BTC\", \"greek\": \"delta\", \"unit\": \"btc\", \"max_abs\": 5}]}"));
    assertTrue(error("{\"limits\": [{\"underlying\": \"BTC\", \"greek\": \"delta\", \"max_abs\": -5}]}")
        .contains("$.limits[0].max_abs: must be > 0"));
    assertTrue(error("{\"limits\": [{\"underlying\": \"BTC\", \"measure\": \"var\", \"max\": 5}]}")
        .contains("var and es limits are book-scope"));
    assertTrue(error("{\"max_jump\": \"big\"}").contains("$.max_jump: must be a finite number"));
    assertTrue(error("{\"maxjump\": 0.2}").contains("$.maxjump: unknown field"));
    assertTrue(error("{\"limits\": [{\"underlying\": \"BTC\", \"greek\": \"delta\", \"max_abs\": 5, \"band\": 6}]}")
        .contains("must be below the limit"));
    assertTrue(error("{\"limits\": [{\"underlying\": \"BTC\", \"greek\": \"delta\", \"max_abs\": 5, \"target\": \"min-margin\"}]}")
        .contains("min-margin is not a mandate target"));
  }

  private String error(String json) throws Exception {
    Path f = dir.resolve("m.json");
    Files.writeString(f, json);
    String msg = assertThrows(InputException.class, () -> Mandates.read(f)).getMessage();
    return msg.replace(f.toString(), "m.json");
  }
}

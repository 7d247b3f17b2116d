package io.hedgekit.kernels.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.ScenarioColumns;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioSetTest {

  /** Two scenarios × three steps, scenario-major (rows of a step are not contiguous). */
  private static ScenarioSet pathSet() {
    int[] scenario = {0, 0, 0, 1, 1, 1};
    int[] step = {1, 2, 3, 1, 2, 3};
    double[] horizon = {1, 2, 3, 1, 2, 3};
    double[] btc = {0.01, 0.02, 0.03, -0.01, -0.02, -0.03};
    double[] eth = {0.1, 0.2, 0.3, -0.1, -0.2, -0.3};
    double[] ethVol = {0.01, 0.02, 0.03, 0.04, 0.05, 0.06};
    return new ScenarioSet("paths", ScenarioMetadata.UNKNOWN, List.of("BTC", "ETH"), scenario, step, horizon,
        new double[][] {btc, eth}, new double[][] {null, ethVol});
  }

  @Test
  void columns_singleStepIsAViewInBookOrder() {
    double[] btc = {0.1, -0.2, 0.3};
    double[] eth = {0.5, 0.6, 0.7};
    ScenarioSet set = new ScenarioSet("s", ScenarioMetadata.UNKNOWN, List.of("BTC", "ETH"), new int[] {0, 1, 2}, null,
        new double[] {10, 10, 10}, new double[][] {btc, eth}, null);
    ScenarioColumns sc = set.columns(List.of("ETH", "BTC"), ScenarioSet.IMPLICIT_STEP);
    assertEquals(3, sc.scenarios());
    assertEquals(2, sc.underlyings());
    assertEquals(0.5, sc.spotReturn(0, 0));
    assertEquals(-0.2, sc.spotReturn(1, 1));
    assertNull(sc.volShift()[0]);
    assertEquals(10.0 / 365.0, sc.horizonYears(), 1e-15);
    // a view of the set's own array: same address space, no copy
    assertTrue(sc.spotReturn()[1].isReadOnly());
    assertEquals(3 * 8, sc.spotReturn()[1].byteSize());
  }

  @Test
  void columns_pathStepIsGatheredWithItsHorizon() {
    ScenarioSet set = pathSet();
    assertEquals(3, set.steps().size());
    assertEquals(3, set.lastStep().number());
    ScenarioColumns sc = set.columns(List.of("BTC", "ETH"), 2);
    assertEquals(2, sc.scenarios());
    assertEquals(0.02, sc.spotReturn(0, 0));
    assertEquals(-0.02, sc.spotReturn(0, 1));
    assertEquals(0.05, sc.volShift(1, 1));
    assertEquals(0.0, sc.volShift(0, 1));
    assertEquals(2.0 / 365.0, sc.horizonYears(), 1e-15);
    assertArrayEquals(new int[] {0, 1}, set.scenarioIds(2));
  }

  @Test
  void columns_missingUnderlyingIsNamed() {
    InputException e = assertThrows(InputException.class, () -> pathSet().columns(List.of("BTC", "SOL"), 1));
    assertEquals("paths", e.file());
    assertEquals("SOL_return", e.column());
    assertTrue(e.getMessage().contains("SOL"), e.getMessage());
  }

  @Test
  void step_unknownStepIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pathSet().step(4));
    assertTrue(e.getMessage().contains("no step 4"), e.getMessage());
  }

  @Test
  void constructor_rejectsNaNWithRowAndColumn() {
    ScenarioSet.InvalidRow e = assertThrows(ScenarioSet.InvalidRow.class, () -> new ScenarioSet("s",
        ScenarioMetadata.UNKNOWN, List.of("BTC"), new int[] {0, 1}, null, null, new double[][] {{0.1, Double.NaN}}, null));
    assertEquals(2, e.row());
    assertEquals("BTC_return", e.column());
  }

  @Test
  void constructor_rejectsHorizonThatChangesWithinAStep() {
    ScenarioSet.InvalidRow e = assertThrows(ScenarioSet.InvalidRow.class, () -> new ScenarioSet("s",
        ScenarioMetadata.UNKNOWN, List.of("BTC"), new int[] {0, 1}, null, new double[] {1, 2}, new double[][] {{0.1, 0.2}}, null));
    assertEquals(2, e.row());
    assertEquals("horizon_days", e.column());
  }

  @Test
  void constructor_rejectsEmptyAndMismatchedInput() {
    assertThrows(IllegalArgumentException.class, () -> new ScenarioSet("s", ScenarioMetadata.UNKNOWN, List.of("BTC"),
        new int[0], null, null, new double[][] {{}}, null));
    assertThrows(IllegalArgumentException.class, () -> new ScenarioSet("s", ScenarioMetadata.UNKNOWN, List.of("BTC"),
        new int[] {0, 1}, null, null, new double[][] {{0.1}}, null));
    assertThrows(IllegalArgumentException.class, () -> new ScenarioSet("s", ScenarioMetadata.UNKNOWN, List.of("BTC", "BTC"),
        new int[] {0}, null, null, new double[][] {{0.1}, {0.2}}, null));
  }

  @Test
  void steps_withoutHorizonColumnAreInstantaneous() {
    ScenarioSet set = new ScenarioSet("s", ScenarioMetadata.UNKNOWN, List.of("BTC"), new int[] {0}, null, null,
        new double[][] {{0.1}}, null);
    assertEquals(new ScenarioSet.Step(ScenarioSet.IMPLICIT_STEP, 1, 0.0), set.lastStep());
    assertEquals(0.0, set.columns(List.of("BTC"), 1).horizonYears());
  }

  @Test
  void of_numbersScenariosFromOneAtOneHorizon() {
    ScenarioSet set = ScenarioSet.of("mem", List.of("BTC", "ETH"), 10, new double[][] {{0.1, -0.2, 0.0}, {0.0, 0.3, 0.1}},
        new double[][] {null, {0.01, 0.02, 0.03}});
    assertEquals(3, set.rows());
    assertEquals(1, set.steps().size());
    assertEquals(10, set.lastStep().horizonDays());
    assertArrayEquals(new int[] {1, 2, 3}, set.scenarioIds(set.lastStep().number()));
    ScenarioColumns c = set.columns(List.of("ETH", "BTC"), set.lastStep().number());
    assertEquals(0.3, c.spotReturn(0, 1));
    assertEquals(0.02, c.volShift(0, 1));
    assertEquals(0.0, c.volShift(1, 1));
    assertEquals(10 / 365.0, c.horizonYears(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> ScenarioSet.of("mem", List.of("BTC"), 1, new double[][] {{Double.NaN}}, null));
  }
}

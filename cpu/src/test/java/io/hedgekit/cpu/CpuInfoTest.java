package io.hedgekit.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

class CpuInfoTest {

  @Test
  void detect_reportsThePreferredDoubleSpecies() {
    CpuInfo info = CpuInfo.detect();
    assertTrue(info.vectorApiPresent(), info.problem());
    assertNull(info.problem());
    assertEquals(DoubleVector.SPECIES_PREFERRED.vectorBitSize(), info.bitWidth());
    assertEquals(DoubleVector.SPECIES_PREFERRED.length(), info.doubleLanes());
    assertEquals(info.bitWidth() / 64, info.doubleLanes());
    assertEquals(DoubleVector.SPECIES_PREFERRED.toString(), info.speciesName());
    assertEquals(Runtime.getRuntime().availableProcessors(), info.availableProcessors());
    assertTrue(!info.cpuModel().isBlank());
  }

  @Test
  void describe_isOneLineWithWidthAndLanes() {
    String line = CpuInfo.detect().describe();
    assertTrue(line.contains(CpuInfo.detect().bitWidth() + "-bit vectors"), line);
    assertTrue(!line.contains("\n"), line);
  }
}

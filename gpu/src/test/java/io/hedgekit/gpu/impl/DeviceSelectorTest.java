package io.hedgekit.gpu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.gpu.DeviceInfo;
import io.hedgekit.kernels.BackendUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceSelectorTest {

  private static final List<DeviceInfo> MACHINE = List.of(
      device(0, "pthread-skylake-avx512-AMD EPYC", "CPU", true),
      device(1, "Intel(R) UHD Graphics 770", "GPU", false),
      device(2, "NVIDIA H100 80GB HBM3", "GPU", true),
      device(3, "NVIDIA A10", "GPU", true));

  private static DeviceInfo device(int index, String name, String type, boolean fp64) {
    return new DeviceInfo(index, "P" + index, name, type, 1L << 34, 1L << 32, 16, fp64, true, "OpenCL 3.0");
  }

  @Test
  void select_defaultPrefersFirstGpuWithDoublePrecision() {
    assertEquals(2, DeviceSelector.select(MACHINE, null));
    assertEquals(2, DeviceSelector.select(MACHINE, "  "));
  }

  @Test
  void select_defaultFallsBackToCpuDevice() {
    assertEquals(0, DeviceSelector.select(MACHINE.subList(0, 2), null));
  }

  @Test
  void select_byIndex() {
    assertEquals(3, DeviceSelector.select(MACHINE, "3"));
    assertEquals(0, DeviceSelector.select(MACHINE, " 0 "));
  }

  @Test
  void select_byNamePartIgnoringCase() {
    assertEquals(3, DeviceSelector.select(MACHINE, "a10"));
    assertEquals(0, DeviceSelector.select(MACHINE, "EPYC"));
    assertEquals(2, DeviceSelector.select(MACHINE, "nvidia"), "first match with fp64");
  }

  @Test
  void select_refusesDeviceWithoutDoublePrecision() {
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> DeviceSelector.select(MACHINE, "uhd"));
    assertTrue(e.getMessage().contains("no double precision") && e.getMessage().contains("UHD"), e.getMessage());
    assertThrows(BackendUnavailableException.class, () -> DeviceSelector.select(MACHINE, "1"));
  }

  @Test
  void select_refusesUnknownIndexOrName() {
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> DeviceSelector.select(MACHINE, "4"));
    assertTrue(e.getMessage().contains("0..3") && e.getMessage().contains("#2 NVIDIA H100"), e.getMessage());
    e = assertThrows(BackendUnavailableException.class, () -> DeviceSelector.select(MACHINE, "radeon"));
    assertTrue(e.getMessage().contains("radeon") && e.getMessage().contains("#3 NVIDIA A10"), e.getMessage());
  }

  @Test
  void select_refusesWhenNoDeviceHasDoublePrecision() {
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> DeviceSelector.select(List.of(MACHINE.get(1)), null));
    assertTrue(e.getMessage().contains("cl_khr_fp64"), e.getMessage());
    e = assertThrows(BackendUnavailableException.class, () -> DeviceSelector.select(List.of(), null));
    assertTrue(e.getMessage().contains("pocl-opencl-icd"), e.getMessage());
  }

  @Test
  void select_refusesBigEndianDevice() {
    DeviceInfo big = new DeviceInfo(0, "P", "BE", "GPU", 1L << 30, 1L << 28, 4, true, false, "OpenCL 1.2");
    assertThrows(BackendUnavailableException.class, () -> DeviceSelector.select(List.of(big), null));
  }
}

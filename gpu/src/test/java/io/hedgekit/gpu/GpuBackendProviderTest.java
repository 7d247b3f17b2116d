package io.hedgekit.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.BackendProvider;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.check.GreeksComparison;
import io.hedgekit.kernels.check.SyntheticBooks;
import io.hedgekit.kernels.reference.ReferenceGreeksKernel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuBackendProviderTest {

  private static DeviceInfo device(int index, String name, String type, boolean fp64) {
    return new DeviceInfo(index, "Test Platform", name, type, 1L << 32, 1L << 30, 8, fp64, true, "OpenCL 3.0");
  }

  @Test
  void serviceLoader_findsGpuProvider() {
    List<String> names = ServiceLoader.load(BackendProvider.class).stream().map(p -> p.get().name()).toList();
    assertTrue(names.contains("gpu"), names.toString());
  }

  @Test
  void availabilityOf_realGpuRanksAboveCpuBackend() {
    BackendProvider.Availability a = GpuBackendProvider.availabilityOf(
        List.of(device(0, "pthread-cpu", "CPU", true), device(1, "NVIDIA H100 80GB HBM3", "GPU", true)));
    assertTrue(a.usable());
    assertEquals(GpuBackendProvider.GPU_RANK, a.autoRank());
    assertTrue(a.autoRank() > 10, "cpu backend ranks 10");
    assertTrue(a.reason().contains("H100"), a.reason());
  }

  @Test
  void availabilityOf_cpuDeviceRanksBelowCpuBackend() {
    BackendProvider.Availability a = GpuBackendProvider.availabilityOf(List.of(device(0, "pthread-skylake", "CPU", true)));
    assertTrue(a.usable());
    assertEquals(GpuBackendProvider.CPU_DEVICE_RANK, a.autoRank());
    assertTrue(a.autoRank() < 10 && a.autoRank() > 0);
    assertTrue(a.reason().contains("pthread-skylake") && a.reason().contains("not a GPU"), a.reason());
  }

  @Test
  void availabilityOf_noDoublePrecisionIsUnusable() {
    BackendProvider.Availability a = GpuBackendProvider.availabilityOf(List.of(device(0, "Mali-G78", "GPU", false)));
    assertFalse(a.usable());
    assertTrue(a.reason().contains("cl_khr_fp64") && a.reason().contains("Mali-G78"), a.reason());
  }

  @Test
  void availabilityOf_noDeviceIsUnusable() {
    BackendProvider.Availability a = GpuBackendProvider.availabilityOf(List.of());
    assertFalse(a.usable());
    assertTrue(a.reason().contains("pocl-opencl-icd"), a.reason());
  }

  @Test
  void availability_matchesThisMachine() {
    BackendProvider.Availability a = new GpuBackendProvider().availability();
    List<String> lines = new GpuBackendProvider().describeDevices();
    System.out.println("gpu availability here: " + a + "\n  " + String.join("\n  ", lines));
    if (a.usable()) {
      assertTrue(lines.stream().anyMatch(l -> l.contains("fp64 yes")), lines.toString());
      assertTrue(a.autoRank() == GpuBackendProvider.GPU_RANK || a.autoRank() == GpuBackendProvider.CPU_DEVICE_RANK);
    } else {
      assertFalse(OpenClTestSupport.openClRequired(), "OpenCL required in CI but no device found: " + a.reason());
      assertEquals(0, a.autoRank());
    }
  }

  @Test
  void open_defaultChunkViaProviderMatchesReference() {
    try (GpuBackend probe = OpenClTestSupport.openOrSkip(GpuBackend.DEFAULT_CHUNK_ROWS)) {
      assertEquals(GpuBackend.DEFAULT_CHUNK_ROWS, probe.chunkRows());
      assertTrue(probe.buildMillis() > 0);
    }
    PositionColumns in = SyntheticBooks.mixed(4099, 5, 11, false);
    try (ComputeBackend backend = new GpuBackendProvider().open(BackendOptions.defaults())) {
      assertEquals("gpu", backend.name());
      GreeksColumns got = GreeksColumns.allocateOnHeap(in.rows());
      backend.greeks().compute(in, got);
      GreeksColumns want = GreeksColumns.allocateOnHeap(in.rows());
      new ReferenceGreeksKernel().compute(in, want);
      assertTrue(GreeksComparison.allWithin(GreeksComparison.compare(in, want, got)));
    }
  }

  @Test
  void open_byIndexAndByNamePartSelectSameDevice() {
    try (GpuBackend first = OpenClTestSupport.openOrSkip(64)) {
      DeviceInfo d = first.device();
      assertEquals(d, OpenClDevices.select(Integer.toString(d.index())));
      String part = d.name().substring(0, Math.min(6, d.name().length())).toUpperCase(java.util.Locale.ROOT);
      assertEquals(d, OpenClDevices.select(part));
      assertEquals(d, OpenClDevices.list().get(d.index()));
    }
  }

  @Test
  void close_isIdempotentAndLaterCallsAreRefused() {
    GpuBackend backend = OpenClTestSupport.openOrSkip(64);
    backend.close();
    backend.close();
    PositionColumns in = SyntheticBooks.mixed(3, 1, 1, false);
    assertThrows(IllegalStateException.class, () -> backend.greeks().compute(in, GreeksColumns.allocateOnHeap(3)));
  }

  @Test
  void open_withoutOpenClRuntimeReportsUnusableAndNeverCrashes(@TempDir Path emptyVendors)
      throws IOException, InterruptedException {
    // The ICD loader reads drivers from OCL_ICD_VENDORS: an empty directory = an OpenCL-less machine.
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), NoOpenClProbe.class.getName());
    pb.environment().put("OCL_ICD_VENDORS", emptyVendors.toString());
    pb.redirectErrorStream(true);
    Process process = pb.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    System.out.println("probe without OpenCL:\n" + output);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("usable=false"), output);
    assertTrue(output.contains("rank=0"), output);
    assertTrue(output.contains("pocl-opencl-icd"), output);
    assertTrue(output.contains("open=refused"), output);
    assertTrue(Files.isDirectory(emptyVendors));
  }
}

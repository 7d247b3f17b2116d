package io.hedgekit.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.BackendProvider;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import io.hedgekit.kernels.check.GreeksComparison;
import io.hedgekit.kernels.check.SyntheticBooks;
import io.hedgekit.kernels.reference.ReferenceGreeksKernel;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CpuBackendProviderTest {

  @Test
  void serviceLoader_findsTheCpuProvider() {
    List<String> names = ServiceLoader.load(BackendProvider.class).stream().map(p -> p.get().name()).toList();
    assertTrue(names.contains("cpu"), "providers: " + names);
  }

  @Test
  void availability_usableWithTheVectorModuleAndRankedBetweenScalarAndGpu() {
    BackendProvider.Availability a = new CpuBackendProvider().availability();
    assertTrue(a.usable(), a.reason());
    assertEquals(CpuBackendProvider.AUTO_RANK, a.autoRank());
    assertTrue(a.autoRank() > 0 && a.autoRank() < 20);
    assertTrue(a.reason().contains("-bit"), a.reason());
  }

  @Test
  void availabilityOf_withoutTheVectorModuleIsUnusableWithTheReason() {
    CpuInfo missing = new CpuInfo(false, "none", 0, 0, 2, "test cpu",
        "jdk.incubator.vector is not loaded; start the JVM with --add-modules jdk.incubator.vector");
    BackendProvider.Availability a = CpuBackendProvider.availabilityOf(missing);
    assertFalse(a.usable());
    assertTrue(a.reason().contains("--add-modules jdk.incubator.vector"), a.reason());
    assertTrue(missing.describe().contains("Vector API not usable"), missing.describe());
  }

  @Test
  void open_runsBothKernelsAndCloseIsIdempotent() {
    ComputeBackend backend = new CpuBackendProvider().open(new BackendOptions(2, null));
    assertEquals("cpu", backend.name());
    assertTrue(backend.description().contains("2 threads"), backend.description());
    PositionColumns book = SyntheticBooks.mixed(100, 2, 3, false);
    GreeksColumns got = GreeksColumns.allocateOnHeap(100);
    backend.greeks().compute(book, got);
    GreeksColumns ref = GreeksColumns.allocateOnHeap(100);
    new ReferenceGreeksKernel().compute(book, ref);
    assertTrue(GreeksComparison.allWithin(GreeksComparison.compare(book, ref, got)));
    PnlAccumulator pnl = PnlAccumulator.zeros(3, 2);
    backend.revaluation().revalue(book, ScenarioColumns.ofArrays(new double[][] {{0.1, 0, -0.1}, {0, 0, 0}}, null, 0.0),
        pnl);
    assertEquals(0.0, pnl.portfolio()[1], 1e-6, "no move, no time: P&L is zero up to rounding");
    backend.close();
    backend.close();
    assertThrows(IllegalStateException.class, () -> backend.greeks().compute(SyntheticBooks.mixed(40_000, 1, 1, false),
        GreeksColumns.allocateOnHeap(40_000)));
  }

  @Test
  void describeDevices_namesTheVectorWidthAndProcessors() {
    List<String> lines = new CpuBackendProvider().describeDevices();
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).startsWith("cpu: "), lines.get(0));
    assertTrue(lines.get(0).contains("processor"), lines.get(0));
  }
}

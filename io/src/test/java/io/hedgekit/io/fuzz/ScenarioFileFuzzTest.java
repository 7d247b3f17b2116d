package io.hedgekit.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.Progress;
import io.hedgekit.io.scenario.ScenarioFiles;
import io.hedgekit.kernels.scenario.ScenarioSet;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** Fuzzes the scenario file reader (CSV or Arrow IPC, told apart by content): a set, or an input error naming the file, never a leak. */
class ScenarioFileFuzzTest {

  @FuzzTest(maxExecutions = 5000, maxDuration = "2m")
  void read(byte[] bytes) {
    Path p = FuzzFiles.write("scenarios.dat", bytes);
    try (BufferAllocator allocator = new RootAllocator()) {
      ScenarioSet set = ScenarioFiles.read(p, allocator, Progress.NONE);
      if (set.rows() <= 0 || set.underlyings().isEmpty()) {
        throw new AssertionError("an empty scenario set was accepted");
      }
    } catch (InputException e) {
      FuzzFiles.namesTheInput(e, p);
    }
  }
}

package io.hedgekit.gpu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.gpu.OpenClException;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.junit.jupiter.api.Test;

class ClTest {

  @Test
  void run_wrapsClExceptionWithCallName() {
    OpenClException e = assertThrows(OpenClException.class, () -> Cl.run("clEnqueueWriteBuffer", () -> {
      throw new CLException("CL_MEM_OBJECT_ALLOCATION_FAILURE", CL.CL_MEM_OBJECT_ALLOCATION_FAILURE);
    }));
    assertEquals("clEnqueueWriteBuffer failed: CL_MEM_OBJECT_ALLOCATION_FAILURE", e.getMessage());
    assertEquals("clEnqueueWriteBuffer", e.call());
    assertEquals(-4, e.status());
  }

  @Test
  void roundUp_padsToWorkGroupMultiple() {
    assertEquals(64, Cl.roundUp(1, 64));
    assertEquals(64, Cl.roundUp(64, 64));
    assertEquals(4160, Cl.roundUp(4099, 64));
    assertEquals(64, Cl.roundUp(0, 64));
  }

  @Test
  void releaser_runsInReverseOrderAndKeepsGoingAfterFailure() {
    List<String> order = new ArrayList<>();
    Releaser r = new Releaser();
    r.add("clReleaseContext", () -> order.add("context"));
    r.add("clReleaseProgram", () -> {
      order.add("program");
      throw new CLException("CL_INVALID_PROGRAM", CL.CL_INVALID_PROGRAM);
    });
    r.add("clReleaseMemObject", () -> order.add("buffer"));
    OpenClException e = assertThrows(OpenClException.class, r::close);
    assertEquals(List.of("buffer", "program", "context"), order);
    assertTrue(e.getMessage().startsWith("clReleaseProgram failed"), e.getMessage());
    r.close(); // nothing left: idempotent
    assertEquals(3, order.size());
  }

  @Test
  void describeFailure_namesWhatToInstall() {
    String missing = ClDeviceScan.describeFailure(new UnsatisfiedLinkError("Could not initialize native OpenCL library"));
    assertTrue(missing.startsWith("no OpenCL runtime: install an OpenCL driver, e.g. apt-get install pocl-opencl-icd"),
        missing);
    String noDriver = ClDeviceScan.describeFailure(new CLException("CL_PLATFORM_NOT_FOUND_KHR", -1001));
    assertTrue(noDriver.contains("found no driver") && noDriver.contains("pocl-opencl-icd"), noDriver);
  }

  @Test
  void typeName_readsTheBitfield() {
    assertEquals("GPU", ClDeviceScan.typeName(CL.CL_DEVICE_TYPE_GPU | CL.CL_DEVICE_TYPE_DEFAULT));
    assertEquals("CPU", ClDeviceScan.typeName(CL.CL_DEVICE_TYPE_CPU));
    assertEquals("ACCELERATOR", ClDeviceScan.typeName(CL.CL_DEVICE_TYPE_ACCELERATOR));
    assertEquals("OTHER", ClDeviceScan.typeName(CL.CL_DEVICE_TYPE_CUSTOM));
  }
}

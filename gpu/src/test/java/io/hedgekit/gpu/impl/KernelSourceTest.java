package io.hedgekit.gpu.impl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelSourceTest {

  @Test
  void load_missingResourceIsAnError() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> KernelSource.load("/io/hedgekit/gpu/no_such_kernel.cl"));
    assertTrue(e.getMessage().contains("no_such_kernel.cl"), e.getMessage());
  }

  @Test
  void program_holdsEveryEntryPointAndRequiresDoublePrecision() {
    String program = KernelSource.program();
    assertTrue(program.startsWith("// First part"), "prelude first");
    assertTrue(program.contains("#pragma OPENCL EXTENSION cl_khr_fp64 : enable"));
    for (String kernel : new String[] {"greeks", "position_base", "revalue_tiles", "reduce_partials",
        "revalue_positions", "normal_cdf_values"}) {
      assertTrue(program.contains("__kernel void " + kernel + "("), kernel);
    }
    assertTrue(!program.contains("erfc("), "the CDF is Cody's, not the built-in erfc");
  }
}

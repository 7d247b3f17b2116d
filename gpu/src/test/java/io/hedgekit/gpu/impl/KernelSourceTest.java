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

  @Test
  void buildOptions_defineTheJavaConstantsAndTheSourcesHoldNoCopy() {
    String options = KernelSource.buildOptions();
    for (String define : new String[] {"-DKIND_LINEAR_CALL=0", "-DKIND_INVERSE_PUT=3", "-DKIND_SPOT=8", "-DKIND_COUNT=9",
        "-DOUT_VALUE=0", "-DOUT_VALUE_COIN=1", "-DOUT_VOLGA=9", "-DOUT_COUNT=10", "-DMIN_STDDEV=1.0E-12",
        "-DDAYS_PER_YEAR=365.0", "-DVOL_FLOOR=0.01", "-DMAX_VOL=10.0",
        "-DSQRT_TERM_REFERENCE_YEARS=" + (30.0 / 365.0), "-DSQRT_TERM_MIN_YEARS=" + (1.0 / 365.0)}) {
      assertTrue((" " + options + " ").contains(" " + define + " "), define + " in " + options);
    }
    String program = KernelSource.program();
    for (String name : new String[] {"KIND_", "OUT_", "MIN_STDDEV", "DAYS_PER_YEAR", "VOL_FLOOR", "MAX_VOL",
        "SQRT_TERM_"}) {
      assertTrue(!program.contains("#define " + name), "the .cl sources must not define " + name);
    }
  }
}

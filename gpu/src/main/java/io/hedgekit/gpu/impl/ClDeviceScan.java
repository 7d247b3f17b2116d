package io.hedgekit.gpu.impl;

import static org.jocl.CL.CL_DEVICE_DOUBLE_FP_CONFIG;
import static org.jocl.CL.CL_DEVICE_ENDIAN_LITTLE;
import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import io.hedgekit.gpu.DeviceInfo;
import io.hedgekit.kernels.BackendUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Finds the OpenCL platforms and devices once per process and chooses one for {@code --device}.
 * Never lets a missing OpenCL runtime crash the caller: it becomes a {@link #problem()} string.
 */
public final class ClDeviceScan {

  /** What to install when there is no OpenCL at all. */
  public static final String INSTALL_HINT = "install an OpenCL driver, e.g. apt-get install pocl-opencl-icd";

  /** OpenCL status of the ICD loader when it found no driver (CL_PLATFORM_NOT_FOUND_KHR). */
  static final int PLATFORM_NOT_FOUND_KHR = -1001;

  /** A device and the handles to open it. */
  public record Found(DeviceInfo info, cl_platform_id platform, cl_device_id device) {
  }

  private record Scan(List<Found> devices, String problem) {
  }

  private static final class Holder {
    static final Scan SCAN = scan();
  }

  private ClDeviceScan() {
  }

  /**
   * Every device of every platform, in listing order.
   *
   * @throws BackendUnavailableException if OpenCL cannot be used at all ({@link #problem()})
   */
  public static List<Found> devices() {
    Scan s = Holder.SCAN;
    if (s.problem() != null) {
      throw new BackendUnavailableException(s.problem());
    }
    return s.devices();
  }

  /** Why OpenCL cannot be used here (no runtime, no driver), or null if the scan worked. */
  public static String problem() {
    return Holder.SCAN.problem();
  }

  /** The device chosen by {@code spec}; see {@link DeviceSelector#select}. */
  public static Found select(String spec) {
    List<Found> all = devices();
    int index = DeviceSelector.select(all.stream().map(Found::info).toList(), spec);
    return all.get(index);
  }

  private static Scan scan() {
    try {
      Cl.init();
      return new Scan(List.copyOf(enumerate()), null);
    } catch (LinkageError e) {
      // JOCL could not load libOpenCL (no ICD loader installed) or its own native library.
      return new Scan(List.of(), describeFailure(e));
    } catch (CLException e) {
      return new Scan(List.of(), describeFailure(e));
    } catch (RuntimeException e) {
      return new Scan(List.of(), "OpenCL device scan failed: " + e + "; " + INSTALL_HINT);
    }
  }

  /** The one-line reason shown when the scan throws {@code t}. */
  static String describeFailure(Throwable t) {
    if (t instanceof LinkageError) {
      return "no OpenCL runtime: " + INSTALL_HINT + " (" + t.getClass().getSimpleName() + ": " + t.getMessage() + ")";
    }
    if (t instanceof CLException e && e.getStatus() == PLATFORM_NOT_FOUND_KHR) {
      return "no OpenCL platform: the OpenCL loader found no driver; " + INSTALL_HINT;
    }
    return "OpenCL device scan failed: " + t.getMessage() + "; " + INSTALL_HINT;
  }

  private static List<Found> enumerate() {
    int[] count = new int[1];
    clGetPlatformIDs(0, null, count);
    cl_platform_id[] platforms = new cl_platform_id[count[0]];
    clGetPlatformIDs(platforms.length, platforms, null);
    List<Found> found = new ArrayList<>();
    for (cl_platform_id platform : platforms) {
      String platformName = platformString(platform, CL_PLATFORM_NAME);
      int[] n = new int[1];
      try {
        clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, n);
      } catch (CLException e) {
        continue; // CL_DEVICE_NOT_FOUND: a platform with no devices
      }
      cl_device_id[] devices = new cl_device_id[n[0]];
      clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, devices.length, devices, null);
      for (cl_device_id d : devices) {
        String extensions = deviceString(d, CL_DEVICE_EXTENSIONS);
        boolean fp64 = extensions.contains("cl_khr_fp64") || deviceLong(d, CL_DEVICE_DOUBLE_FP_CONFIG) != 0;
        DeviceInfo info = new DeviceInfo(found.size(), platformName, deviceString(d, CL_DEVICE_NAME),
            typeName(deviceLong(d, CL_DEVICE_TYPE)), deviceLong(d, CL_DEVICE_GLOBAL_MEM_SIZE),
            deviceLong(d, CL_DEVICE_MAX_MEM_ALLOC_SIZE), deviceInt(d, CL_DEVICE_MAX_COMPUTE_UNITS), fp64,
            deviceInt(d, CL_DEVICE_ENDIAN_LITTLE) != 0, deviceString(d, CL_DEVICE_VERSION));
        found.add(new Found(info, platform, d));
      }
    }
    return found;
  }

  static String typeName(long type) {
    if ((type & CL_DEVICE_TYPE_GPU) != 0) {
      return "GPU";
    }
    if ((type & CL_DEVICE_TYPE_CPU) != 0) {
      return "CPU";
    }
    if ((type & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
      return "ACCELERATOR";
    }
    return "OTHER";
  }

  private static String platformString(cl_platform_id p, int param) {
    long[] size = new long[1];
    clGetPlatformInfo(p, param, 0, null, size);
    byte[] buf = new byte[(int) size[0]];
    clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null);
    return cString(buf);
  }

  private static String deviceString(cl_device_id d, int param) {
    long[] size = new long[1];
    clGetDeviceInfo(d, param, 0, null, size);
    byte[] buf = new byte[(int) size[0]];
    clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
    return cString(buf);
  }

  /** A cl_ulong / cl_bitfield / size_t parameter (all 8 bytes on 64-bit hosts). */
  private static long deviceLong(cl_device_id d, int param) {
    long[] v = new long[1];
    clGetDeviceInfo(d, param, Sizeof.cl_ulong, Pointer.to(v), null);
    return v[0];
  }

  private static int deviceInt(cl_device_id d, int param) {
    int[] v = new int[1];
    clGetDeviceInfo(d, param, Sizeof.cl_uint, Pointer.to(v), null);
    return v[0];
  }

  private static String cString(byte[] buf) {
    int end = 0;
    while (end < buf.length && buf[end] != 0) {
      end++;
    }
    return new String(buf, 0, end, StandardCharsets.UTF_8).trim();
  }
}

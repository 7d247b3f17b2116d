package io.hedgekit.gpu.impl;

import static org.jocl.CL.CL_MAP_READ;
import static org.jocl.CL.CL_MAP_WRITE;
import static org.jocl.CL.CL_MEM_ALLOC_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clEnqueueMapBuffer;
import static org.jocl.CL.clEnqueueMarkerWithWaitList;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueUnmapMemObject;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFlush;
import static org.jocl.CL.clReleaseMemObject;

import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PositionColumns;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_event;
import org.jocl.cl_mem;

/**
 * One of the two buffer sets of the chunk pipeline: a command queue's worth of pinned host
 * staging memory and device buffers for {@code cap} rows. While the device works on one set, the
 * host fills the other, so transfers overlap compute.
 *
 * <p>Staging memory is allocated by OpenCL ({@code CL_MEM_ALLOC_HOST_PTR}) and mapped once for
 * the set's lifetime: drivers pin such memory, so host-device copies run at full DMA speed
 * instead of going through a driver bounce buffer. Layout (column stride {@code cap}): ints =
 * [kind | underlying], in = [spot | strike | time | vol | rate | carry | size | entry | funding],
 * out = the ten Greeks columns.
 */
final class ChunkSet {

  /** float64 input columns in {@link #in} order (the order of the kernels' IN_* indices). */
  static final int DOUBLE_COLUMNS = 9;
  /** int32 input columns: kind and underlying. */
  static final int INT_COLUMNS = 2;

  final cl_command_queue queue;
  final int cap;
  /**
   * Whether host-device copies block. JOCL backs every non-blocking copy with a task on its own
   * "AsyncOpThread" that waits for the copy's event and then releases it; on PoCL that task raced
   * with releasing the engine's queues and context at close and killed the JVM with SIGILL (in
   * about one full test run in three, always right after a backend was closed). A CPU device has
   * no transfer to overlap with compute, so its copies block and no such task exists.
   */
  private final boolean blockingTransfers;
  final cl_mem deviceInts;
  final cl_mem deviceIn;
  final cl_mem deviceOut;
  final cl_mem deviceBase;
  private final ByteBuffer stagingIntsBuffer;
  private final ByteBuffer stagingInBuffer;
  private final ByteBuffer stagingOutBuffer;
  private final MemorySegment stagingInts;
  private final MemorySegment stagingIn;
  private final MemorySegment stagingOut;

  /** Creates the buffers; each is registered with {@code releaser} as soon as it exists. */
  ChunkSet(cl_context context, cl_command_queue queue, int cap, boolean blockingTransfers, Releaser releaser) {
    this.queue = queue;
    this.blockingTransfers = blockingTransfers;
    this.cap = cap;
    long intBytes = 4L * INT_COLUMNS * cap;
    long inBytes = 8L * DOUBLE_COLUMNS * cap;
    long outBytes = 8L * GreeksColumns.COUNT * cap;
    stagingIntsBuffer = pinned(context, intBytes, releaser);
    stagingInBuffer = pinned(context, inBytes, releaser);
    stagingOutBuffer = pinned(context, outBytes, releaser);
    stagingInts = MemorySegment.ofBuffer(stagingIntsBuffer);
    stagingIn = MemorySegment.ofBuffer(stagingInBuffer);
    stagingOut = MemorySegment.ofBuffer(stagingOutBuffer);
    deviceInts = buffer(context, CL_MEM_READ_ONLY, intBytes, releaser);
    deviceIn = buffer(context, CL_MEM_READ_ONLY, inBytes, releaser);
    deviceOut = buffer(context, CL_MEM_READ_WRITE, outBytes, releaser);
    deviceBase = buffer(context, CL_MEM_READ_WRITE, 8L * cap, releaser);
  }

  /** A device buffer registered for release. */
  static cl_mem buffer(cl_context context, long flags, long bytes, Releaser releaser) {
    cl_mem mem = Cl.get("clCreateBuffer", () -> clCreateBuffer(context, flags, bytes, null, null));
    releaser.add("clReleaseMemObject", () -> clReleaseMemObject(mem));
    return mem;
  }

  /** Pinned host memory: an ALLOC_HOST_PTR buffer mapped for the set's lifetime (unmapped on release). */
  private ByteBuffer pinned(cl_context context, long bytes, Releaser releaser) {
    cl_mem mem = buffer(context, CL_MEM_READ_WRITE | CL_MEM_ALLOC_HOST_PTR, bytes, releaser);
    ByteBuffer mapped = Cl.get("clEnqueueMapBuffer",
        () -> clEnqueueMapBuffer(queue, mem, true, CL_MAP_READ | CL_MAP_WRITE, 0, bytes, 0, null, null, null));
    releaser.add("clEnqueueUnmapMemObject", () -> clEnqueueUnmapMemObject(queue, mem, mapped, 0, null, null));
    return mapped;
  }

  /**
   * Copies rows {@code [from, from + n)} of the first {@code intColumns} int and
   * {@code doubleColumns} float64 columns of {@code in} into the staging memory.
   */
  void stage(PositionColumns in, int from, int n, int intColumns, int doubleColumns) {
    MemorySegment[] ints = {in.kind(), in.underlying()};
    for (int c = 0; c < intColumns; c++) {
      MemorySegment.copy(ints[c], 4L * from, stagingInts, 4L * c * cap, 4L * n);
    }
    MemorySegment[] doubles = {in.spot(), in.strike(), in.timeYears(), in.vol(), in.rate(), in.carry(), in.size(),
        in.entryPrice(), in.funding8h()};
    for (int c = 0; c < doubleColumns; c++) {
      MemorySegment.copy(doubles[c], 8L * from, stagingIn, 8L * c * cap, 8L * n);
    }
  }

  /** Enqueues host-to-device copies (non-blocking on a GPU) of the staged columns (n rows each). */
  void enqueueWrites(int n, int intColumns, int doubleColumns) {
    for (int c = 0; c < intColumns; c++) {
      long offset = 4L * c * cap;
      Cl.run("clEnqueueWriteBuffer", () -> clEnqueueWriteBuffer(queue, deviceInts, blockingTransfers, offset, 4L * n,
          Pointer.to(stagingIntsBuffer).withByteOffset(offset), 0, null, null));
    }
    for (int c = 0; c < doubleColumns; c++) {
      long offset = 8L * c * cap;
      Cl.run("clEnqueueWriteBuffer", () -> clEnqueueWriteBuffer(queue, deviceIn, blockingTransfers, offset, 8L * n,
          Pointer.to(stagingInBuffer).withByteOffset(offset), 0, null, null));
    }
  }

  /** Enqueues device-to-host copies (non-blocking on a GPU) of the ten Greeks columns (n rows each). */
  void enqueueGreeksReads(int n) {
    for (int c = 0; c < GreeksColumns.COUNT; c++) {
      long offset = 8L * c * cap;
      Cl.run("clEnqueueReadBuffer", () -> clEnqueueReadBuffer(queue, deviceOut, blockingTransfers, offset, 8L * n,
          Pointer.to(stagingOutBuffer).withByteOffset(offset), 0, null, null));
    }
  }

  /** Copies n rows of the ten staged Greeks columns to {@code out} rows {@code [from, from + n)}. */
  void unstageGreeks(MemorySegment[] out, int from, int n) {
    for (int c = 0; c < GreeksColumns.COUNT; c++) {
      MemorySegment.copy(stagingOut, 8L * c * cap, out[c], 8L * from, 8L * n);
    }
  }

  /** A marker event that completes when everything enqueued so far on this set's queue has; flushes. */
  cl_event markAndFlush() {
    cl_event event = new cl_event();
    Cl.run("clEnqueueMarkerWithWaitList", () -> clEnqueueMarkerWithWaitList(queue, 0, null, event));
    Cl.run("clFlush", () -> clFlush(queue));
    return event;
  }
}

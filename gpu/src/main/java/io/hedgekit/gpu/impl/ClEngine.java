package io.hedgekit.gpu.impl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_MEM_WRITE_ONLY;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueFillBuffer;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clGetKernelWorkGroupInfo;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseProgram;
import static org.jocl.CL.clWaitForEvents;

import io.hedgekit.gpu.DeviceInfo;
import io.hedgekit.gpu.OpenClException;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.ScenarioColumns;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * The OpenCL side of the gpu backend: one context, two in-order command queues, the program
 * (built once), and two {@link ChunkSet}s that form a double-buffered pipeline.
 *
 * <p>Every operation streams the position columns through the pipeline in chunks of {@code cap}
 * rows: chunk c goes to set c mod 2 on its own queue, so while the device computes chunk c the
 * host stages chunk c + 1 and its transfer is queued on the other queue. Before a set is reused
 * the host waits for the marker that ends its previous chunk (the writes, kernels and reads).
 *
 * <p>Operations are serialised ({@code synchronized}): the buffers are shared. Results do not
 * depend on timing: each output slot is written by one work item, and sums are taken in a fixed
 * order (see {@link #revalue}).
 */
public final class ClEngine implements AutoCloseable {

  /** Work-group size used unless the kernel allows fewer (64: a multiple of NVIDIA's 32 and AMD's 64 lanes). */
  static final int PREFERRED_LOCAL_SIZE = 64;
  /** Revaluation aims at about this many work items per chunk (enough to fill an H100: 132 SMs × 2048). */
  static final long TARGET_WORK_ITEMS = 1L << 18;
  /** At most this many row tiles per chunk, which bounds the partial-sum memory. */
  static final int MAX_TILES = 64;
  /** Float64 columns the Greeks kernel reads: spot..entry (not funding). */
  static final int GREEKS_DOUBLE_COLUMNS = 8;

  private final Releaser releaser = new Releaser();
  private final DeviceInfo info;
  private final cl_device_id device;
  private final cl_context context;
  private final cl_command_queue[] queues = new cl_command_queue[2];
  private final ChunkSet[] sets = new ChunkSet[2];
  private final int cap;
  private final long buildNanos;
  private final cl_kernel greeksKernel;
  private final cl_kernel baseKernel;
  private final cl_kernel tilesKernel;
  private final cl_kernel reduceKernel;
  private final cl_kernel positionsKernel;
  private final cl_kernel cdfKernel;
  private final cl_kernel tilesSmileKernel;
  private final cl_kernel positionsSmileKernel;
  private final long localSize;
  private boolean closed;

  /**
   * Creates the context, queues and buffers on {@code found} and builds the program.
   *
   * @param chunkRows rows per chunk (the capacity of each buffer set), ≥ 1
   * @throws OpenClException if an OpenCL call fails (everything built so far is released)
   */
  @SuppressWarnings("deprecation") // clCreateCommandQueue: the OpenCL 1.2 call, present on every platform
  public ClEngine(ClDeviceScan.Found found, int chunkRows) {
    if (chunkRows < 1) {
      throw new IllegalArgumentException("chunkRows must be >= 1, was " + chunkRows);
    }
    long largest = 8L * GreeksColumns.COUNT * chunkRows;
    if (largest > found.info().maxAllocationBytes()) {
      throw new IllegalArgumentException("chunkRows " + chunkRows + " needs " + largest + "-byte buffers, device "
          + found.info().name() + " allows " + found.info().maxAllocationBytes());
    }
    this.info = found.info();
    this.device = found.device();
    this.cap = chunkRows;
    try {
      cl_context_properties props = new cl_context_properties();
      props.addProperty(CL_CONTEXT_PLATFORM, found.platform());
      context = Cl.get("clCreateContext",
          () -> clCreateContext(props, 1, new cl_device_id[] {device}, null, null, null));
      releaser.add("clReleaseContext", () -> clReleaseContext(context));
      for (int k = 0; k < 2; k++) {
        cl_command_queue q = Cl.get("clCreateCommandQueue",
            () -> clCreateCommandQueue(context, device, 0, null));
        queues[k] = q;
        releaser.add("clReleaseCommandQueue", () -> clReleaseCommandQueue(q));
        // runs after every later-registered release (unmaps included) and before the queue goes
        releaser.add("clFinish", () -> clFinish(q));
      }
      long start = System.nanoTime();
      cl_program program = build();
      buildNanos = System.nanoTime() - start;
      greeksKernel = kernel(program, "greeks");
      baseKernel = kernel(program, "position_base");
      tilesKernel = kernel(program, "revalue_tiles");
      reduceKernel = kernel(program, "reduce_partials");
      positionsKernel = kernel(program, "revalue_positions");
      cdfKernel = kernel(program, "normal_cdf_values");
      tilesSmileKernel = kernel(program, "revalue_tiles_smile");
      positionsSmileKernel = kernel(program, "revalue_positions_smile");
      long local = PREFERRED_LOCAL_SIZE;
      for (cl_kernel k : new cl_kernel[] {greeksKernel, baseKernel, tilesKernel, reduceKernel, positionsKernel,
          tilesSmileKernel, positionsSmileKernel}) {
        local = Math.min(local, kernelWorkGroupSize(k));
      }
      localSize = local;
      for (int k = 0; k < 2; k++) {
        sets[k] = new ChunkSet(context, queues[k], cap, !info.isGpu(), releaser);
      }
    } catch (RuntimeException | Error e) {
      try {
        releaser.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private cl_program build() {
    String source = KernelSource.program();
    cl_program program = Cl.get("clCreateProgramWithSource",
        () -> clCreateProgramWithSource(context, 1, new String[] {source}, null, null));
    releaser.add("clReleaseProgram", () -> clReleaseProgram(program));
    try {
      clBuildProgram(program, 1, new cl_device_id[] {device}, KernelSource.buildOptions(), null, null);
    } catch (CLException e) {
      throw new OpenClException("clBuildProgram", e.getStatus(),
          e.getMessage() + " on " + info.name() + "; build log:\n" + buildLog(program), e);
    }
    return program;
  }

  private String buildLog(cl_program program) {
    try {
      long[] size = new long[1];
      clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
      byte[] log = new byte[(int) size[0]];
      clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
      return new String(log, StandardCharsets.UTF_8).trim();
    } catch (CLException e) {
      return "(no build log: " + e.getMessage() + ")";
    }
  }

  private cl_kernel kernel(cl_program program, String name) {
    cl_kernel k = Cl.get("clCreateKernel(" + name + ")", () -> clCreateKernel(program, name, null));
    releaser.add("clReleaseKernel", () -> clReleaseKernel(k));
    return k;
  }

  private long kernelWorkGroupSize(cl_kernel k) {
    long[] size = new long[1];
    Cl.run("clGetKernelWorkGroupInfo",
        () -> clGetKernelWorkGroupInfo(k, device, CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(size), null));
    return Math.max(1, size[0]);
  }

  /** The device this engine runs on. */
  public DeviceInfo device() {
    return info;
  }

  /** Rows per chunk. */
  public int chunkRows() {
    return cap;
  }

  /** Wall time of {@code clBuildProgram}, nanoseconds (includes the driver's compiler, or its cache). */
  public long buildNanos() {
    return buildNanos;
  }

  /** The 1-D work-group size used. */
  public long localSize() {
    return localSize;
  }

  // ---------------------------------------------------------------- operations

  /** Value and Greeks of every row of {@code in} into {@code out} (see GreeksKernel). */
  public synchronized void greeks(PositionColumns in, GreeksColumns out) {
    ensureOpen();
    if (out.rows() < in.rows()) {
      throw new IllegalArgumentException("output has " + out.rows() + " rows, input " + in.rows());
    }
    checkKinds(in);
    MemorySegment[] outColumns = out.columns();
    pipeline(in, in.rows(), 1, GREEKS_DOUBLE_COLUMNS, new Job() {
      @Override
      public void enqueue(int k, ChunkSet set, int from, int n) {
        runGreeksKernel(set, n);
        set.enqueueGreeksReads(n);
      }

      @Override
      public void drain(int k, ChunkSet set, int from, int n) {
        set.unstageGreeks(outColumns, from, n);
      }
    });
  }

  private void runGreeksKernel(ChunkSet set, int n) {
    Cl.arg(greeksKernel, 0, n);
    Cl.arg(greeksKernel, 1, cap);
    Cl.arg(greeksKernel, 2, set.deviceInts);
    Cl.arg(greeksKernel, 3, set.deviceIn);
    Cl.arg(greeksKernel, 4, set.deviceOut);
    launch1d(set.queue, greeksKernel, n, "greeks");
  }

  /**
   * Adds each scenario's P&amp;L, summed over the rows, to {@code out} (see RevaluationKernel).
   *
   * <p>Reduction: a chunk's n rows are cut into T tiles of ⌈n/T⌉ rows; work item (s, g) sums tile g for
   * scenario s in row order and adds the sums (portfolio and per underlying) into its own slots of
   * the partial buffer of the chunk's set. After the last chunk a second kernel adds, for each
   * (underlying or portfolio, scenario), set 0's tiles then set 1's tiles in tile order; the
   * host adds that into {@code out}. The order never depends on timing, so results repeat
   * bit for bit on a device.
   */
  public synchronized void revalue(PositionColumns p, ScenarioColumns sc, PnlAccumulator out) {
    ensureOpen();
    out.checkFits(sc);
    int m = sc.scenarios();
    int underlyings = sc.underlyings();
    checkKinds(p);
    checkUnderlyings(p, underlyings);
    if (p.rows() == 0 || m == 0) {
      return;
    }
    int slots = underlyings + 1;
    long count = (long) slots * m;
    int tiles = tilesFor(m, count);
    double[] result = new double[Math.toIntExact(count)];
    try (Releaser call = new Releaser()) {
      cl_mem[] scenarioBuffers = uploadScenarios(sc, call);
      boolean dynamic = !sc.volDynamics().isStickyStrikeParallel();
      cl_mem[] smile = dynamic ? uploadDynamics(sc.volDynamics(), underlyings, call) : null;
      cl_kernel tilesK = dynamic ? tilesSmileKernel : tilesKernel;
      cl_mem[] partial = new cl_mem[2];
      for (int k = 0; k < 2; k++) {
        partial[k] = ChunkSet.buffer(context, CL_MEM_READ_WRITE, 8L * tiles * count, call);
        cl_mem target = partial[k];
        Cl.run("clEnqueueFillBuffer", () -> clEnqueueFillBuffer(queues[0], target, Pointer.to(new double[] {0.0}),
            Sizeof.cl_double, 0, 8L * tiles * count, 0, null, null));
      }
      // queue 1 must see the scenarios and the zeroed partial sums
      Cl.run("clFinish", () -> clFinish(queues[0]));
      pipeline(p, p.rows(), ChunkSet.INT_COLUMNS, ChunkSet.DOUBLE_COLUMNS, new Job() {
        @Override
        public void enqueue(int k, ChunkSet set, int from, int n) {
          runBaseKernel(set, n);
          // tiles cut this chunk's n rows (not the capacity), so small books still use every tile
          int tile = (n + tiles - 1) / tiles;
          Cl.arg(tilesK, 0, n);
          Cl.arg(tilesK, 1, cap);
          Cl.arg(tilesK, 2, tile);
          Cl.arg(tilesK, 3, m);
          Cl.arg(tilesK, 4, underlyings);
          Cl.arg(tilesK, 5, sc.horizonYears());
          Cl.arg(tilesK, 6, set.deviceInts);
          Cl.arg(tilesK, 7, set.deviceIn);
          Cl.arg(tilesK, 8, set.deviceBase);
          Cl.arg(tilesK, 9, scenarioBuffers[0]);
          Cl.arg(tilesK, 10, scenarioBuffers[1]);
          Cl.arg(tilesK, 11, partial[k]);
          if (dynamic) {
            setDynamicsArgs(tilesK, 12, sc.volDynamics(), smile);
          }
          long local = Math.min(localSize, m);
          launch(set.queue, tilesK, new long[] {Cl.roundUp(m, local), tiles}, new long[] {local, 1},
              "revalue_tiles");
        }

        @Override
        public void drain(int k, ChunkSet set, int from, int n) {
          // sums stay on the device until every chunk is in
        }
      });
      cl_mem sums = ChunkSet.buffer(context, CL_MEM_WRITE_ONLY, 8L * count, call);
      Cl.arg(reduceKernel, 0, (int) count);
      Cl.arg(reduceKernel, 1, tiles);
      Cl.arg(reduceKernel, 2, partial[0]);
      Cl.arg(reduceKernel, 3, partial[1]);
      Cl.arg(reduceKernel, 4, sums);
      launch1d(queues[0], reduceKernel, (int) count, "reduce_partials");
      Cl.run("clEnqueueReadBuffer", () -> clEnqueueReadBuffer(queues[0], sums, true, 0, 8L * count,
          Pointer.to(result), 0, null, null));
    }
    double[] portfolio = out.portfolio();
    for (int s = 0; s < m; s++) {
      portfolio[s] += result[s];
    }
    for (int u = 0; u < underlyings; u++) {
      double[] byU = out.byUnderlying()[u];
      int offset = (1 + u) * m;
      for (int s = 0; s < m; s++) {
        byU[s] += result[offset + s];
      }
    }
  }

  /**
   * Row tiles per chunk for m scenarios: enough work items (tiles × m) to fill a large GPU, at
   * most {@link #MAX_TILES} and {@link #cap}, fewer if the partial sums would not fit one buffer.
   */
  private int tilesFor(int m, long count) {
    long wanted = Math.max(1, Math.min(MAX_TILES, (TARGET_WORK_ITEMS + m - 1) / m));
    wanted = Math.min(wanted, cap);
    long fit = info.maxAllocationBytes() / (8L * count);
    if (fit < 1) {
      throw new IllegalArgumentException("scenario set too large for " + info.name() + ": " + count
          + " per-scenario sums need " + 8L * count + " bytes, the device allows " + info.maxAllocationBytes()
          + " per buffer; split the scenarios");
    }
    return (int) Math.min(wanted, fit);
  }

  /** P&amp;L of every row in the chosen scenarios, {@code out[i·k + j]} (see RevaluationKernel). */
  public synchronized void revaluePositions(PositionColumns p, ScenarioColumns sc, int[] scenarioIndices,
      double[] out) {
    ensureOpen();
    int k = scenarioIndices.length;
    if (out.length < (long) p.rows() * k) {
      throw new IllegalArgumentException("out holds " + out.length + " values, need " + (long) p.rows() * k);
    }
    for (int j = 0; j < k; j++) {
      Objects.checkIndex(scenarioIndices[j], sc.scenarios());
    }
    checkKinds(p);
    checkUnderlyings(p, sc.underlyings());
    if (p.rows() == 0 || k == 0) {
      return;
    }
    long chunkOutBytes = 8L * cap * k;
    if (chunkOutBytes > info.maxAllocationBytes()) {
      throw new IllegalArgumentException(k + " scenarios × " + cap + " rows per chunk need " + chunkOutBytes
          + "-byte buffers, " + info.name() + " allows " + info.maxAllocationBytes() + "; ask for fewer scenarios");
    }
    int m = sc.scenarios();
    try (Releaser call = new Releaser()) {
      cl_mem[] scenarioBuffers = uploadScenarios(sc, call);
      boolean dynamic = !sc.volDynamics().isStickyStrikeParallel();
      cl_mem[] smile = dynamic ? uploadDynamics(sc.volDynamics(), sc.underlyings(), call) : null;
      cl_kernel positions = dynamic ? positionsSmileKernel : positionsKernel;
      cl_mem chosen = ChunkSet.buffer(context, CL_MEM_READ_ONLY, 4L * k, call);
      Cl.run("clEnqueueWriteBuffer", () -> clEnqueueWriteBuffer(queues[0], chosen, true, 0, 4L * k,
          Pointer.to(scenarioIndices), 0, null, null));
      cl_mem[] chunkOut = {
          ChunkSet.buffer(context, CL_MEM_WRITE_ONLY, chunkOutBytes, call),
          ChunkSet.buffer(context, CL_MEM_WRITE_ONLY, chunkOutBytes, call)};
      pipeline(p, p.rows(), ChunkSet.INT_COLUMNS, ChunkSet.DOUBLE_COLUMNS, new Job() {
        @Override
        public void enqueue(int set, ChunkSet chunk, int from, int n) {
          runBaseKernel(chunk, n);
          Cl.arg(positions, 0, n);
          Cl.arg(positions, 1, cap);
          Cl.arg(positions, 2, k);
          Cl.arg(positions, 3, m);
          Cl.arg(positions, 4, sc.horizonYears());
          Cl.arg(positions, 5, chunk.deviceInts);
          Cl.arg(positions, 6, chunk.deviceIn);
          Cl.arg(positions, 7, chunk.deviceBase);
          Cl.arg(positions, 8, chosen);
          Cl.arg(positions, 9, scenarioBuffers[0]);
          Cl.arg(positions, 10, scenarioBuffers[1]);
          Cl.arg(positions, 11, chunkOut[set]);
          if (dynamic) {
            setDynamicsArgs(positions, 12, sc.volDynamics(), smile);
          }
          long local = Math.min(localSize, k);
          launch(chunk.queue, positions, new long[] {Cl.roundUp(k, local), n}, new long[] {local, 1},
              "revalue_positions");
        }

        @Override
        public void drain(int set, ChunkSet chunk, int from, int n) {
          // the output is small next to the work (k pricings per row): a blocking read is enough
          Cl.run("clEnqueueReadBuffer", () -> clEnqueueReadBuffer(chunk.queue, chunkOut[set], true, 0,
              8L * n * k, Pointer.to(out).withByteOffset(8L * from * k), 0, null, null));
        }
      });
    }
  }

  private void runBaseKernel(ChunkSet set, int n) {
    Cl.arg(baseKernel, 0, n);
    Cl.arg(baseKernel, 1, cap);
    Cl.arg(baseKernel, 2, set.deviceInts);
    Cl.arg(baseKernel, 3, set.deviceIn);
    Cl.arg(baseKernel, 4, set.deviceBase);
    launch1d(set.queue, baseKernel, n, "position_base");
  }

  /** Spot returns and vol shifts as [underlying][scenario] device buffers (null vol rows as zeros). */
  private cl_mem[] uploadScenarios(ScenarioColumns sc, Releaser call) {
    int m = sc.scenarios();
    int u = sc.underlyings();
    int values = Math.toIntExact((long) u * m);
    double[] returns = new double[values];
    double[] shifts = new double[values];
    for (int i = 0; i < u; i++) {
      MemorySegment.copy(sc.spotReturn()[i], PositionColumns.DOUBLE, 0, returns, i * m, m);
      if (sc.volShift()[i] != null) {
        MemorySegment.copy(sc.volShift()[i], PositionColumns.DOUBLE, 0, shifts, i * m, m);
      }
    }
    cl_mem r = ChunkSet.buffer(context, CL_MEM_READ_ONLY, 8L * values, call);
    cl_mem v = ChunkSet.buffer(context, CL_MEM_READ_ONLY, 8L * values, call);
    Cl.run("clEnqueueWriteBuffer", () -> clEnqueueWriteBuffer(queues[0], r, true, 0, 8L * values,
        Pointer.to(returns), 0, null, null));
    Cl.run("clEnqueueWriteBuffer", () -> clEnqueueWriteBuffer(queues[0], v, true, 0, 8L * values,
        Pointer.to(shifts), 0, null, null));
    return new cl_mem[] {r, v};
  }

  /**
   * The smiles of vol dynamics as device buffers: offsets per underlying (padded to
   * {@code underlyings + 1}), slice times, slice parameters (each at least one element long).
   */
  private cl_mem[] uploadDynamics(io.hedgekit.kernels.VolDynamics d, int underlyings, Releaser call) {
    int[] given = d.offsets();
    int[] offsets = new int[underlyings + 1];
    for (int u = 0; u <= underlyings; u++) {
      offsets[u] = given[Math.min(u, given.length - 1)];
    }
    double[] times = d.times();
    double[] params = d.parameters();
    double[] t = times.length == 0 ? new double[1] : times;
    double[] p = params.length == 0 ? new double[5] : params;
    cl_mem o = ChunkSet.buffer(context, CL_MEM_READ_ONLY, 4L * offsets.length, call);
    cl_mem tm = ChunkSet.buffer(context, CL_MEM_READ_ONLY, 8L * t.length, call);
    cl_mem pm = ChunkSet.buffer(context, CL_MEM_READ_ONLY, 8L * p.length, call);
    Cl.run("clEnqueueWriteBuffer", () -> clEnqueueWriteBuffer(queues[0], o, true, 0, 4L * offsets.length,
        Pointer.to(offsets), 0, null, null));
    Cl.run("clEnqueueWriteBuffer", () -> clEnqueueWriteBuffer(queues[0], tm, true, 0, 8L * t.length,
        Pointer.to(t), 0, null, null));
    Cl.run("clEnqueueWriteBuffer", () -> clEnqueueWriteBuffer(queues[0], pm, true, 0, 8L * p.length,
        Pointer.to(p), 0, null, null));
    return new cl_mem[] {o, tm, pm};
  }

  private static void setDynamicsArgs(cl_kernel k, int first, io.hedgekit.kernels.VolDynamics d, cl_mem[] smile) {
    Cl.arg(k, first, d.shiftTerm() == io.hedgekit.kernels.VolDynamics.ShiftTerm.SQRT ? 1 : 0);
    Cl.arg(k, first + 1, smile[0]);
    Cl.arg(k, first + 2, smile[1]);
    Cl.arg(k, first + 3, smile[2]);
  }

  /** N(x) on the device for each x (the kernels' normal CDF, exposed for tests). */
  public synchronized double[] normalCdf(double[] x) {
    ensureOpen();
    double[] result = new double[x.length];
    if (x.length == 0) {
      return result;
    }
    try (Releaser call = new Releaser()) {
      cl_mem in = ChunkSet.buffer(context, CL_MEM_READ_ONLY, 8L * x.length, call);
      cl_mem out = ChunkSet.buffer(context, CL_MEM_WRITE_ONLY, 8L * x.length, call);
      Cl.run("clEnqueueWriteBuffer", () -> clEnqueueWriteBuffer(queues[0], in, true, 0, 8L * x.length,
          Pointer.to(x), 0, null, null));
      Cl.arg(cdfKernel, 0, x.length);
      Cl.arg(cdfKernel, 1, in);
      Cl.arg(cdfKernel, 2, out);
      launch1d(queues[0], cdfKernel, x.length, "normal_cdf_values");
      Cl.run("clEnqueueReadBuffer", () -> clEnqueueReadBuffer(queues[0], out, true, 0, 8L * x.length,
          Pointer.to(result), 0, null, null));
    }
    return result;
  }

  // ---------------------------------------------------------------- pipeline stages alone (benchmarks)

  /** Host-to-device transfer of the Greeks inputs of {@code in} through the pipeline, nothing else; bytes moved. */
  public synchronized long uploadOnly(PositionColumns in) {
    ensureOpen();
    pipeline(in, in.rows(), 1, GREEKS_DOUBLE_COLUMNS, Job.NONE);
    return (4L + 8L * GREEKS_DOUBLE_COLUMNS) * in.rows();
  }

  /** The Greeks kernel over {@code rows} rows of whatever the buffer sets hold, no transfers. */
  public synchronized void greeksKernelOnly(int rows) {
    ensureOpen();
    pipeline(null, rows, 0, 0, new Job() {
      @Override
      public void enqueue(int k, ChunkSet set, int from, int n) {
        runGreeksKernel(set, n);
      }

      @Override
      public void drain(int k, ChunkSet set, int from, int n) {
        // nothing to copy
      }
    });
  }

  /** Device-to-host transfer of {@code rows} rows of Greeks outputs into staging memory; bytes moved. */
  public synchronized long downloadOnly(int rows) {
    ensureOpen();
    pipeline(null, rows, 0, 0, new Job() {
      @Override
      public void enqueue(int k, ChunkSet set, int from, int n) {
        set.enqueueGreeksReads(n);
      }

      @Override
      public void drain(int k, ChunkSet set, int from, int n) {
        // staging only
      }
    });
    return 8L * GreeksColumns.COUNT * rows;
  }

  // ---------------------------------------------------------------- the pipeline

  /** What one operation does with a chunk once its inputs are on the device, and after it completes. */
  private interface Job {
    Job NONE = new Job() {
      @Override
      public void enqueue(int k, ChunkSet set, int from, int n) {
        // transfers only
      }

      @Override
      public void drain(int k, ChunkSet set, int from, int n) {
        // nothing to copy
      }
    };

    /** Enqueue kernels and non-blocking reads for rows [from, from + n) on set k's queue. */
    void enqueue(int k, ChunkSet set, int from, int n);

    /** Called once set k's commands for rows [from, from + n) have completed. */
    void drain(int k, ChunkSet set, int from, int n);
  }

  /**
   * Streams {@code rows} rows through the two buffer sets (see the class comment). {@code in} null
   * = no staging or transfers (kernel-only benchmarks). Returns when every chunk has completed and
   * been drained; on failure it still waits for both queues, so no command touches staging memory
   * after it returns.
   */
  private void pipeline(PositionColumns in, int rows, int intColumns, int doubleColumns, Job job) {
    int chunks = (int) ((rows + (long) cap - 1) / cap);
    cl_event[] inFlight = new cl_event[2];
    int[] from = new int[2];
    int[] count = new int[2];
    boolean completed = false;
    try {
      for (int c = 0; c < chunks; c++) {
        int k = c & 1;
        ChunkSet set = sets[k];
        if (inFlight[k] != null) {
          complete(k, inFlight, from, count, job);
        }
        int start = (int) ((long) c * cap);
        int n = Math.min(cap, rows - start);
        if (in != null) {
          set.stage(in, start, n, intColumns, doubleColumns);
          set.enqueueWrites(n, intColumns, doubleColumns);
        }
        job.enqueue(k, set, start, n);
        from[k] = start;
        count[k] = n;
        inFlight[k] = set.markAndFlush();
      }
      for (int c = Math.max(0, chunks - 2); c < chunks; c++) {
        complete(c & 1, inFlight, from, count, job);
      }
      completed = true;
    } finally {
      if (!completed) {
        for (int k = 0; k < 2; k++) {
          try {
            clFinish(queues[k]);
            if (inFlight[k] != null) {
              clReleaseEvent(inFlight[k]);
            }
          } catch (CLException ignored) {
            // the first failure is the one being thrown
          }
        }
      }
    }
  }

  private void complete(int k, cl_event[] inFlight, int[] from, int[] count, Job job) {
    cl_event event = inFlight[k];
    inFlight[k] = null;
    try {
      Cl.run("clWaitForEvents", () -> clWaitForEvents(1, new cl_event[] {event}));
    } finally {
      Cl.run("clReleaseEvent", () -> clReleaseEvent(event));
    }
    job.drain(k, sets[k], from[k], count[k]);
  }

  private void launch1d(cl_command_queue queue, cl_kernel kernel, int n, String name) {
    launch(queue, kernel, new long[] {Cl.roundUp(n, localSize)}, new long[] {localSize}, name);
  }

  private static void launch(cl_command_queue queue, cl_kernel kernel, long[] global, long[] local, String name) {
    Cl.run("clEnqueueNDRangeKernel(" + name + ")",
        () -> clEnqueueNDRangeKernel(queue, kernel, global.length, null, global, local, 0, null, null));
  }

  // ---------------------------------------------------------------- input checks (as the reference throws)

  private static void checkKinds(PositionColumns p) {
    ContractKind.checkCodes(p.kind(), p.rows());
  }


  private static void checkUnderlyings(PositionColumns p, int underlyings) {
    MemorySegment u = p.underlying();
    for (int i = 0; i < p.rows(); i++) {
      int index = u.getAtIndex(PositionColumns.INT, i);
      if (index < 0 || index >= underlyings) {
        throw new IllegalArgumentException("position row " + i + " has underlying index " + index
            + " but the scenario set moves " + underlyings + " underlyings");
      }
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the gpu backend is closed");
    }
  }

  /** Releases buffers, kernels, program, queues and context in reverse order of creation. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    releaser.close();
  }
}

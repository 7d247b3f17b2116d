package io.hedgekit.gpu;

import io.hedgekit.gpu.impl.ClDeviceScan;
import io.hedgekit.gpu.impl.ClEngine;
import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.BackendUnavailableException;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PnlAccumulator;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.RevaluationKernel;
import io.hedgekit.kernels.ScenarioColumns;
import java.util.Locale;

/**
 * The OpenCL backend: Greeks and scenario revaluation on a GPU (or any OpenCL device with double
 * precision, such as PoCL on a CPU), through JOCL.
 *
 * <p>Set-up builds the program once (see {@link #buildMillis()}) and allocates two sets of
 * pinned staging and device buffers of {@link #chunkRows()} rows; every call streams the columns
 * through them in chunks, double-buffered so that transfers overlap compute, and handles any row
 * count. {@link #close()} releases every OpenCL object in reverse order of creation.
 *
 * <p>Accuracy: the kernels port {@link io.hedgekit.kernels.reference.ReferencePricer} operation
 * by operation in double precision (Cody's normal CDF, no fma contraction), so each Greeks output
 * is within 1e-12 relative, or 1e-12 × spot × |size| absolute, of the reference
 * ({@link io.hedgekit.kernels.check.GreeksComparison#CONTRACT_TOLERANCE}); what differs is only
 * the device's exp/log (a few ulp). Scenario sums are within 1e-12 × Σ spot·|size| of the
 * reference per scenario and repeat bit for bit on the same device.
 *
 * <p>Portfolio sums ({@link #greekSums()}) use the interface's default,
 * {@link io.hedgekit.kernels.GreekSumsKernel#fromPerPosition}: the per-position kernel slice by
 * slice into a bounded host scratch, added in row order on the host. A device-side reduction
 * (no per-position download) is not written yet.
 *
 * <p>Calls on one instance are serialised (the buffers are shared), so one instance is safe to
 * use from several threads but does not run them in parallel.
 */
public final class GpuBackend implements ComputeBackend {

  /** Default rows per chunk: 128 Ki rows, about 20 MiB of staging per buffer set. */
  public static final int DEFAULT_CHUNK_ROWS = 1 << 17;

  private final ClEngine engine;
  private final GreeksKernel greeks;
  private final RevaluationKernel revaluation;

  private GpuBackend(ClEngine engine) {
    this.engine = engine;
    this.greeks = engine::greeks;
    this.revaluation = new RevaluationKernel() {
      @Override
      public void revalue(PositionColumns positions, ScenarioColumns scenarios, PnlAccumulator out) {
        engine.revalue(positions, scenarios, out);
      }

      @Override
      public void revaluePositions(PositionColumns positions, ScenarioColumns scenarios, int[] scenarioIndices,
          double[] out) {
        engine.revaluePositions(positions, scenarios, scenarioIndices, out);
      }
    };
  }

  /**
   * Opens the device chosen by {@code options.device()} with {@link #DEFAULT_CHUNK_ROWS}.
   *
   * @throws BackendUnavailableException if there is no OpenCL runtime, no matching device, or the
   *     device lacks double precision; the message says what was found and what to do
   * @throws OpenClException if an OpenCL call fails while setting up (e.g. the program build)
   */
  public static GpuBackend open(BackendOptions options) {
    return open(options, DEFAULT_CHUNK_ROWS);
  }

  /**
   * Opens with an explicit chunk size (rows per transfer; smaller uses less memory, larger
   * amortises per-transfer overhead on a real GPU).
   *
   * @throws IllegalArgumentException if {@code chunkRows} is < 1 or its buffers exceed the
   *     device's largest allocation
   */
  public static GpuBackend open(BackendOptions options, int chunkRows) {
    ClDeviceScan.Found found = ClDeviceScan.select(options.device());
    return new GpuBackend(new ClEngine(found, chunkRows));
  }

  @Override
  public String name() {
    return "gpu";
  }

  @Override
  public String description() {
    DeviceInfo d = engine.device();
    return String.format(Locale.ROOT,
        "OpenCL on %s [%s] (%s), fp64, 2 queues x %d-row chunks double-buffered, program built in %.0f ms",
        d.name(), d.type(), d.platform(), engine.chunkRows(), buildMillis());
  }

  @Override
  public GreeksKernel greeks() {
    return greeks;
  }

  @Override
  public RevaluationKernel revaluation() {
    return revaluation;
  }

  /** The device in use. */
  public DeviceInfo device() {
    return engine.device();
  }

  /** Rows per chunk (per transfer). */
  public int chunkRows() {
    return engine.chunkRows();
  }

  /**
   * Wall time of building the OpenCL program when this backend was opened, milliseconds. On PoCL
   * the first build in a machine compiles with LLVM (seconds); later ones hit its cache in
   * {@code ~/.cache/pocl}.
   */
  public double buildMillis() {
    return engine.buildNanos() / 1e6;
  }

  /**
   * Benchmark stage: moves the Greeks inputs of {@code in} (kind + 8 float64 columns) host to
   * device through the pipeline, without computing; returns the bytes moved.
   */
  public long benchmarkUpload(PositionColumns in) {
    return engine.uploadOnly(in);
  }

  /**
   * Benchmark stage: runs the Greeks kernel over {@code rows} rows, chunk by chunk, on whatever
   * the device buffers hold (call {@link #benchmarkUpload} first so they hold real positions),
   * with no transfers.
   */
  public void benchmarkGreeksKernel(int rows) {
    engine.greeksKernelOnly(rows);
  }

  /** Benchmark stage: moves {@code rows} rows of the ten Greeks outputs device to host; returns bytes moved. */
  public long benchmarkDownload(int rows) {
    return engine.downloadOnly(rows);
  }

  /** N(x) computed by the device's kernel code, for tests of the CDF port. */
  double[] deviceNormalCdf(double[] x) {
    return engine.normalCdf(x);
  }

  /** Releases every OpenCL object in reverse order of creation. Idempotent. */
  @Override
  public void close() {
    engine.close();
  }
}

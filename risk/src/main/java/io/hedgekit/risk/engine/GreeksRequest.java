package io.hedgekit.risk.engine;

import io.hedgekit.kernels.Progress;
import java.util.Objects;

/**
 * What a Greeks request returns besides the sums per underlying (always computed).
 *
 * @param buckets also sum per expiry and strike bucket of each underlying
 * @param perPosition also return every position's value and Greeks (80 bytes per position of
 *     Java heap); without it, repeated requests allocate nothing per position
 * @param progress told the positions done after each batch
 */
public record GreeksRequest(boolean buckets, boolean perPosition, Progress progress) {

  public GreeksRequest {
    Objects.requireNonNull(progress, "progress");
  }

  /**
   * Sums per underlying only: the cheapest request (what hedge sizing and limits need).
   *
   * <p>Requests without per-position output ({@code sums()}, {@link #withBuckets()}) run the
   * backend's {@link io.hedgekit.kernels.GreekSumsKernel} where it is a dedicated kernel
   * ({@link io.hedgekit.kernels.ComputeBackend#hasDedicatedGreekSums}: the cpu backend), which
   * writes no per-position output at all; their sums repeat bit for bit on the same resolved book (they depend on where its batches
   * start: {@link ResolvePolicy#batchRows}) and agree with the per-position sums of
   * {@link #andPerPosition()} requests (which do not depend on batches, and equal
   * {@code hedgekit greeks}'s bit for bit) within the kernel's bound, about 1e-12 relative. On
   * underlyings with a smile, and on the other backends, they take the per-position path (the
   * smile delta needs each position's vega).
   */
  public static GreeksRequest sums() {
    return new GreeksRequest(false, false, Progress.NONE);
  }

  /** Sums per underlying and per expiry and strike bucket (see {@link #sums()} for how they are taken). */
  public static GreeksRequest withBuckets() {
    return new GreeksRequest(true, false, Progress.NONE);
  }

  /** The same request, also returning per-position Greeks. */
  public GreeksRequest andPerPosition() {
    return new GreeksRequest(buckets, true, progress);
  }

  /** The same request, also summing per bucket. */
  public GreeksRequest andBuckets() {
    return new GreeksRequest(true, perPosition, progress);
  }

  /** The same request, reporting progress. */
  public GreeksRequest withProgress(Progress p) {
    return new GreeksRequest(buckets, perPosition, p);
  }
}

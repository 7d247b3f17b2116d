package io.hedgekit.cpu.impl;

import static io.hedgekit.cpu.impl.VectorNormal.ONE_OVER_SQRT_2PI;
import static io.hedgekit.cpu.impl.VectorNormal.SPECIES;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.NE;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreekSums;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.SumBuckets;
import io.hedgekit.kernels.reference.ReferencePricer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link GreeksKernel} of the {@code cpu} backend: the models of
 * {@link io.hedgekit.kernels.reference.ReferencePricer}, one SIMD lane per position, reading and
 * writing native (Arrow) columns in place.
 *
 * <p>Structure: blocks of {@link #BLOCK} rows, each a series of small loops over per-thread
 * buffers (C2 does not inline one loop holding the whole formula, and then boxes vectors).
 * Pass 1 reads the inputs and computes the arguments of the exponentials, log(S/K), d1 and d2;
 * then come the exponentials ({@link VectorMath}), the two normal CDFs in one loop
 * ({@link VectorNormal#cdfPair}) and one pass that computes and writes all ten outputs. Blocks of native rows are read and written
 * in place, vector by vector across the columns, by the pass that needs them (pass 1 and the
 * output pass for options, the packing pass and the linear pass for other blocks), so that all
 * column streams are in flight at once and memory traffic overlaps the arithmetic. Measured
 * (JMH, 4M options, one thread) this beat a bulk copy per column, which waits for each column's
 * memory in turn, by about 15%. Each pass exists once: blocks that cannot be read or written in
 * place go through a native staging that the passes reach the same way.
 *
 * <p>Mixed books: the option rows of a block are packed to the front of a dense staging (vector
 * compress), the expensive passes (exp, log, the two normal CDFs) run on options only, futures,
 * perpetuals and spot take one cheap pass over the whole block, and the option results are then
 * expanded over their lanes with masked stores. Without packing a random mixed book ran 30% slower
 * than the same rows sorted by kind (every vector evaluated the option formulas for its
 * five-ninths non-option lanes). Expired options and options with σ√T below
 * {@link ReferencePricer#MIN_STDDEV} take the reference's limit branches, lane by lane.
 *
 * <p>Arithmetic follows the reference formula by formula, with exact rewrites that save
 * transcendental functions and divisions: {@code e^{−qT} = e^{−rT}·e^{(r−q)T}},
 * {@code φ(d2) = φ(d1)·(S/K)·e^{(r−q)T}} (no exponential for the second CDF; lanes with
 * |d1| > 37, where φ(d1) nears underflow, evaluate φ(d2) directly), {@code e^{−d1²/2}} from d1²
 * held as a double-double (one exponential where the reference splits it in two, with the same
 * tail accuracy), and one reciprocal of S·σ√T from which 1/(σ√T), 1/σ and 1/S follow by
 * multiplication. {@code S/K} is a true division so that {@code log(S/K)} is exactly the
 * reference's. exp and log are {@link VectorMath}'s (same bits in every JIT tier). The normal CDF
 * is {@link VectorNormal#cdfPair}: one rational function for every |x| (not Cody's three regions
 * of the reference, which most vectors of a book would all evaluate), within 2.3e-16 absolute of
 * the reference, which the contract below needs because N enters every output multiplied by spot
 * or strike.
 *
 * <p>Accuracy (VectorGreeksKernelTest, on {@code SyntheticBooks.mixed} and
 * {@code SyntheticBooks.edgeCases} at 1..4099 rows, heap and off-heap, and on a grid of deep
 * ITM/OTM strikes, T from one minute to five years, vol 0.05..5, zero and negative rates and
 * carry): every output is within 1e-12 relative of the reference, or within 1e-12 × spot × |size|
 * absolute ({@link io.hedgekit.kernels.check.GreeksComparison}).
 *
 * <p>Memory: native columns are accessed through {@link #ALL}, a segment spanning all of memory
 * whose checks C2 folds away, after checking once per chunk that the columns are native, alive,
 * accessible from the thread and (outputs) writable; the caller must keep them alive until
 * {@link #compute} returns. Heap columns (tests, small hedge books,
 * {@link GreeksColumns#allocateOnHeap}) and the last rows of a range that do not fill a vector
 * are moved through the block's native staging with bulk copies ({@link MemorySegment#copy}),
 * padded with harmless rows, so that
 * vector access sites only ever see native memory (HotSpot profiles a memory-segment access site
 * JVM-wide, and a site that has seen both heap and native segments runs several times slower).
 *
 * <p>Sums mode ({@link #sumRows}, for {@link VectorGreekSumsKernel}): the same passes, with every
 * block's outputs left in its staging and added into per-cell accumulators there, so that no
 * output column is written.
 *
 * <p>Rows are split into fixed chunks of {@link #CHUNK} run on the {@link WorkerPool}; each row's
 * result depends only on that row (not on the thread, the chunk, the block's other kinds or its
 * neighbours in a vector), so any thread count gives bit-identical output.
 */
public final class VectorGreeksKernel implements GreeksKernel {

  /** Rows per unit of parallel work (a multiple of every lane count): {@link GreeksKernel#CHUNK_ROWS}. */
  public static final int CHUNK = GreeksKernel.CHUNK_ROWS;
  /**
   * Rows computed before each hand-over to a {@link GreeksKernel.RowsDone}: their 80 bytes of
   * outputs per row (80 KB) are still in the core's L2 cache when the reduction reads them.
   */
  static final int HANDOVER_ROWS = 1024;
  /**
   * Rows per block of passes. Smaller blocks read each input column in shorter bursts, which the
   * hardware prefetcher keeps up with: on a 4M-row book in memory 64 rows measured about 10%
   * faster than 256 (per position and sums), 128 midway, 32, 48 and 96 slower than 64
   * (bench/RESULTS-cpu.md, seventh session); in cache they are within noise.
   */
  static final int BLOCK = 64;
  /**
   * Sums mode: rows whose staged outputs are accumulated together ({@link #accumulateCellMajor}
   * reads them once per cell), a whole number of {@link #BLOCK}s; its per-cell flush into the
   * chunk's lanes is then paid once per 256 rows.
   */
  static final int SUM_BLOCK = 256;

  static final VectorSpecies<Integer> INT_SPECIES =
      VectorSpecies.of(int.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));
  private static final int LANES = SPECIES.length();
  /** Kinds whose bit is set here are coin-settled (codes 2, 3, 5, 7). */
  private static final int INVERSE_BITS = 0b1010_1100;
  /**
   * Among the option codes 0..3 (the only ones the option passes see), a put has bit 0 set and a
   * coin-settled option bit 1: one AND and one test per mask (checked against
   * {@link ContractKind} when the class loads).
   */
  private static final int OPTION_PUT_BIT = 1;
  private static final int OPTION_INVERSE_BIT = 2;

  static {
    for (ContractKind k : ContractKind.values()) {
      if (k.isInverse() != ((INVERSE_BITS >> k.code() & 1) != 0)
          || k.isOption() && (k.code() > 3 || k.isCall() == ((k.code() & OPTION_PUT_BIT) != 0)
              || k.isInverse() != ((k.code() & OPTION_INVERSE_BIT) != 0))) {
        throw new ExceptionInInitializerError("kind codes changed: " + k);
      }
    }
  }
  /** Above this |d1|, φ(d1) is within a factor e^19 of underflow; φ(d2) is then computed directly. */
  private static final double IDENTITY_LIMIT = 37.0;

  /**
   * All of native memory, for vector access at absolute addresses: its bounds, scope and
   * read-only state are constants, so C2 drops the per-access checks (about twenty instructions
   * each, which it does not hoist out of these loops for the callers' segments; in cache this
   * made the Greeks 10–15% faster). Used only on native columns whose sizes the column records
   * have checked and whose liveness, thread access and writability {@link #rows} checks before
   * each chunk; the caller must not close their arena while {@link #compute} runs.
   */
  private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

  /** Each thread's block buffers, reused across calls (about 50 KB of heap and 76 KB native per thread). */
  private static final ThreadLocal<Block> BLOCKS = ThreadLocal.withInitial(Block::new);

  private final WorkerPool pool;

  /** @param pool the threads to run on (not closed by this kernel) */
  public VectorGreeksKernel(WorkerPool pool) {
    this.pool = pool;
  }

  @Override
  public void compute(PositionColumns in, GreeksColumns out) {
    if (out.rows() < in.rows()) {
      throw new IllegalArgumentException("output has " + out.rows() + " rows, input " + in.rows());
    }
    int n = in.rows();
    MemorySegment[] cols = out.columns();
    int chunks = (n + CHUNK - 1) / CHUNK;
    pool.forEach(chunks, c -> {
      int from = c * CHUNK;
      rows(in, from, Math.min(n, from + CHUNK), cols, from);
    });
  }

  @Override
  public void compute(PositionColumns in, GreeksColumns out, RowsDone done) {
    if (out.rows() < in.rows()) {
      throw new IllegalArgumentException("output has " + out.rows() + " rows, input " + in.rows());
    }
    int n = in.rows();
    MemorySegment[] cols = out.columns();
    int chunks = (n + CHUNK - 1) / CHUNK;
    pool.forEach(chunks, c -> {
      int end = Math.min(n, c * CHUNK + CHUNK);
      for (int from = c * CHUNK; from < end; from += HANDOVER_ROWS) {
        int to = Math.min(end, from + HANDOVER_ROWS);
        rows(in, from, to, cols, from);
        done.rows(c, from, to);
      }
    });
  }

  /**
   * Today's USD value of rows {@code [from, to)} (the {@code value} output) into
   * {@code values[offset ..]}, on the calling thread.
   */
  static void values(PositionColumns in, int from, int to, double[] values, int offset) {
    rows(in, from, to, new MemorySegment[] {MemorySegment.ofArray(values)}, offset);
  }

  /**
   * Outputs of rows {@code [from, to)} of {@code in} into rows {@code outFrom ..} of {@code cols}:
   * all ten columns in {@link GreeksColumns#NAMES} order, or only the value when {@code cols}
   * holds one segment. Runs on the calling thread, block by block: {@link Block#load} (kinds,
   * and the other columns into the staging unless they are read in place), {@link Block#pack}
   * for blocks that mix kinds, {@link #options} for the option rows, {@link #linear} for futures,
   * perpetuals and spot, {@link Block#unpack} of the option outputs into mixed blocks, and
   * {@link Block#store} for outputs that are not written in place.
   */
  static void rows(PositionColumns in, int from, int to, MemorySegment[] cols, int outFrom) {
    Block bk = BLOCKS.get();
    bk.nanCoin = Double.NaN;
    boolean nativeIn = bk.bind(in, false);
    boolean nativeOut = cols.length == GreeksColumns.COUNT;
    for (MemorySegment c : cols) {
      nativeOut &= direct(c) && !c.isReadOnly();
    }
    for (int b = from; b < to; b += BLOCK) {
      int len = Math.min(BLOCK, to - b);
      int padded = (len + LANES - 1) / LANES * LANES;
      int outRow = outFrom + (b - from);
      // Whole vectors of native rows are read and written in place; heap columns and a ragged
      // end go through the block's native staging and bulk copies.
      boolean inPlace = nativeIn && len == padded;
      boolean outPlace = nativeOut && len == padded;
      MemorySegment[] dst = outPlace ? cols : bk.rowOut;
      block(bk, in, b, len, padded, inPlace, dst, outPlace ? outRow : 0);
      if (!outPlace) {
        bk.store(cols, outRow, len);
      }
    }
  }

  /**
   * The ten outputs of block rows {@code [b, b + len)} (padded to {@code padded}) into rows
   * {@code dstRow ..} of the native {@code dst}: {@link Block#load}, then the option passes on the
   * option rows (packed first when the block mixes kinds) and the linear pass on the others.
   */
  private static void block(Block bk, PositionColumns in, int b, int len, int padded, boolean inPlace,
      MemorySegment[] dst, int dstRow) {
    int options = bk.load(in, b, len, padded, inPlace);
    if (options == padded) {
      bk.useRowsAsDense();
      options(bk, padded, dst, dstRow);
    } else if (options > 0) {
      bk.pack(padded, options, (options + LANES - 1) / LANES * LANES);
      options(bk, (options + LANES - 1) / LANES * LANES, bk.packedOut, 0);
      linear(bk, padded, dst, dstRow);
      bk.unpack(dst, dstRow, padded);
    } else {
      linear(bk, padded, dst, dstRow);
    }
  }

  /**
   * Portfolio sums of rows {@code [from, to)} (one chunk of {@link VectorGreekSumsKernel}), on the
   * calling thread: each block's outputs are computed into the block's staging (no output column is
   * written), its cells found ({@link Block#keys}) and its ten outputs added into
   * {@code acc} ({@link #accumulate}).
   */
  static void sumRows(PositionColumns in, int from, int to, SumBuckets buckets, double[] expiryEdges,
      double[] strikeEdges, SumScratch acc) {
    Block bk = BLOCKS.get();
    bk.nanCoin = -0.0;
    boolean nativeIn = bk.bind(in, true);
    for (int group = from; group < to; group += SUM_BLOCK) {
      int groupLen = Math.min(SUM_BLOCK, to - group);
      // The underlyings first: their memory is then in flight while the passes run.
      if (bk.nativeKinds && groupLen % LANES == 0) {
        long und = in.underlying().address() + 4L * group;
        for (int j = 0; j < groupLen; j += LANES) {
          IntVector.fromMemorySegment(INT_SPECIES, ALL, und + 4L * j, ByteOrder.LITTLE_ENDIAN).intoArray(bk.underlying, j);
        }
      } else {
        MemorySegment.copy(in.underlying(), PositionColumns.INT, 4L * group, bk.underlying, 0, groupLen);
      }
      // Cell by cell, the group's blocks are staged one after the other and accumulated together;
      // otherwise each block is accumulated as soon as it is staged (its outputs still in L1).
      int staged = 0;
      for (int b = group; b < group + groupLen; b += BLOCK) {
        int len = Math.min(BLOCK, group + groupLen - b);
        int padded = (len + LANES - 1) / LANES * LANES;
        int at = acc.cellMajor ? staged : 0;
        block(bk, in, b, len, padded, nativeIn && len == padded, bk.rowOut, at);
        bk.keys(in, b, len, padded, at, b - group, buckets, expiryEdges, strikeEdges);
        if (acc.cellMajor) {
          staged += padded;
        } else {
          accumulate(bk, padded, acc);
        }
      }
      if (acc.cellMajor) {
        accumulateCellMajor(bk, staged, acc);
      }
    }
  }

  /**
   * Adds the block's ten staged outputs of {@code rows} rows into their cells' accumulators, row by
   * row ({@link GreekSums.Greek} order; the staged coin column already holds summands, −0.0 for a
   * linear contract: {@link Block#nanCoin}): for layouts of more than
   * {@link SumScratch#CELL_MAJOR_CELLS} cells, one accumulator per cell and output
   * ({@link SumScratch#width} 1), in row order. Padding rows (size 0) add zeros. One accumulator
   * per cell keeps a layout's accumulators in L1 (280 cells: 22 KB); vector-wide ones (a lane per
   * row mod 8, until the eighth session) took eight times that, and the sums with 280 buckets
   * 25–35% more time per row (bench/RESULTS.md, eighth session).
   */
  private static void accumulate(Block bk, int rows, SumScratch s) {
    long v0 = bk.rowOut[0].address();
    long v1 = bk.rowOut[1].address();
    long v2 = bk.rowOut[2].address();
    long v3 = bk.rowOut[3].address();
    long v4 = bk.rowOut[4].address();
    long v5 = bk.rowOut[5].address();
    long v6 = bk.rowOut[6].address();
    long v7 = bk.rowOut[7].address();
    long v8 = bk.rowOut[8].address();
    long v9 = bk.rowOut[9].address();
    int[] keys = bk.key;
    double[] acc = s.acc;
    final int g = GreekSums.Greek.COUNT;
    for (int i = 0; i < rows; i++) {
      int base = s.touch(keys[i]) * g;
      long o8 = 8L * i;
      acc[base] += ALL.get(PositionColumns.DOUBLE, v0 + o8);
      acc[base + 1] += ALL.get(PositionColumns.DOUBLE, v1 + o8);
      acc[base + 2] += ALL.get(PositionColumns.DOUBLE, v2 + o8);
      acc[base + 3] += ALL.get(PositionColumns.DOUBLE, v3 + o8);
      acc[base + 4] += ALL.get(PositionColumns.DOUBLE, v4 + o8);
      acc[base + 5] += ALL.get(PositionColumns.DOUBLE, v5 + o8);
      acc[base + 6] += ALL.get(PositionColumns.DOUBLE, v6 + o8);
      acc[base + 7] += ALL.get(PositionColumns.DOUBLE, v7 + o8);
      acc[base + 8] += ALL.get(PositionColumns.DOUBLE, v8 + o8);
      acc[base + 9] += ALL.get(PositionColumns.DOUBLE, v9 + o8);
    }
  }

  /**
   * {@link #accumulate} for layouts of at most {@link SumScratch#CELL_MAJOR_CELLS} cells (sums per
   * underlying): two cells at a time ({@link #sweepTwo}, the last of an odd count alone,
   * {@link #sweepOne}), each of the block's vectors adds its rows of a cell (a masked add) into
   * that cell's ten register accumulators, lane l taking rows l, l + width, … in row order from
   * −0.0; then each accumulator is added to its cell's lane accumulator. The rows are read once per
   * sweep from the cache-resident staging, and no accumulator goes through memory per vector:
   * about a fifth of the cost of {@link #accumulate} on a book of randomly mixed underlyings, where
   * nearly every vector mixes cells. Two cells per sweep give twenty independent chains of adds
   * where one gives ten, whose 4-cycle latency left the 512-bit ports half idle: 0.4 ns per row
   * less in L2, 0.6 at 4M rows, with five cells (bench/RESULTS.md, ninth session). The order is
   * fixed by the rows alone (block by block, from the chunk's first row), so the bits do not
   * depend on threads.
   */
  private static void accumulateCellMajor(Block bk, int rows, SumScratch s) {
    int[] keys = bk.key;
    // Only the cells between the group's least and greatest key can hold rows (a book kept grouped
    // by underlying mostly has one per group).
    IntVector low = IntVector.fromArray(INT_SPECIES, keys, 0);
    IntVector high = low;
    for (int j = LANES; j < rows; j += LANES) {
      IntVector k = IntVector.fromArray(INT_SPECIES, keys, j);
      low = low.min(k);
      high = high.max(k);
    }
    int last = high.reduceLanes(VectorOperators.MAX);
    int cell = low.reduceLanes(VectorOperators.MIN);
    // Two cells per sweep while two are left: twenty independent chains of adds instead of ten
    // (ten measured half the two 512-bit ports' throughput), and each staged vector read once
    // for both. Each cell's lanes still take its rows in row order.
    for (; cell < last; cell += 2) {
      sweepTwo(bk, rows, s, cell);
    }
    if (cell == last) {
      sweepOne(bk, rows, s, cell);
    }
  }

  /** {@link #accumulateCellMajor}'s sweep over cells {@code cell} and {@code cell + 1}. */
  private static void sweepTwo(Block bk, int rows, SumScratch s, int cell) {
    long a0 = bk.rowOut[0].address();
    long a1 = bk.rowOut[1].address();
    long a2 = bk.rowOut[2].address();
    long a3 = bk.rowOut[3].address();
    long a4 = bk.rowOut[4].address();
    long a5 = bk.rowOut[5].address();
    long a6 = bk.rowOut[6].address();
    long a7 = bk.rowOut[7].address();
    long a8 = bk.rowOut[8].address();
    long a9 = bk.rowOut[9].address();
    int[] keys = bk.key;
    double[] acc = s.acc;
    final int g = GreekSums.Greek.COUNT;
    DoubleVector r0 = DoubleVector.broadcast(SPECIES, -0.0);
    DoubleVector r1 = r0;
    DoubleVector r2 = r0;
    DoubleVector r3 = r0;
    DoubleVector r4 = r0;
    DoubleVector r5 = r0;
    DoubleVector r6 = r0;
    DoubleVector r7 = r0;
    DoubleVector r8 = r0;
    DoubleVector r9 = r0;
    DoubleVector q0 = r0;
    DoubleVector q1 = r0;
    DoubleVector q2 = r0;
    DoubleVector q3 = r0;
    DoubleVector q4 = r0;
    DoubleVector q5 = r0;
    DoubleVector q6 = r0;
    DoubleVector q7 = r0;
    DoubleVector q8 = r0;
    DoubleVector q9 = r0;
    for (int j = 0; j < rows; j += LANES) {
      IntVector k = IntVector.fromArray(INT_SPECIES, keys, j);
      VectorMask<Double> m = k.compare(EQ, cell).cast(SPECIES);
      VectorMask<Double> n = k.compare(EQ, cell + 1).cast(SPECIES);
      long j8 = 8L * j;
      DoubleVector v0 = DoubleVector.fromMemorySegment(SPECIES, ALL, a0 + j8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector v1 = DoubleVector.fromMemorySegment(SPECIES, ALL, a1 + j8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector v2 = DoubleVector.fromMemorySegment(SPECIES, ALL, a2 + j8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector v3 = DoubleVector.fromMemorySegment(SPECIES, ALL, a3 + j8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector v4 = DoubleVector.fromMemorySegment(SPECIES, ALL, a4 + j8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector v5 = DoubleVector.fromMemorySegment(SPECIES, ALL, a5 + j8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector v6 = DoubleVector.fromMemorySegment(SPECIES, ALL, a6 + j8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector v7 = DoubleVector.fromMemorySegment(SPECIES, ALL, a7 + j8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector v8 = DoubleVector.fromMemorySegment(SPECIES, ALL, a8 + j8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector v9 = DoubleVector.fromMemorySegment(SPECIES, ALL, a9 + j8, ByteOrder.LITTLE_ENDIAN);
      r0 = r0.add(v0, m);
      r1 = r1.add(v1, m);
      r2 = r2.add(v2, m);
      r3 = r3.add(v3, m);
      r4 = r4.add(v4, m);
      r5 = r5.add(v5, m);
      r6 = r6.add(v6, m);
      r7 = r7.add(v7, m);
      r8 = r8.add(v8, m);
      r9 = r9.add(v9, m);
      q0 = q0.add(v0, n);
      q1 = q1.add(v1, n);
      q2 = q2.add(v2, n);
      q3 = q3.add(v3, n);
      q4 = q4.add(v4, n);
      q5 = q5.add(v5, n);
      q6 = q6.add(v6, n);
      q7 = q7.add(v7, n);
      q8 = q8.add(v8, n);
      q9 = q9.add(v9, n);
    }
    int base = s.touch(cell) * (g * LANES);
    DoubleVector.fromArray(SPECIES, acc, base).add(r0).intoArray(acc, base);
    DoubleVector.fromArray(SPECIES, acc, base + LANES).add(r1).intoArray(acc, base + LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 2 * LANES).add(r2).intoArray(acc, base + 2 * LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 3 * LANES).add(r3).intoArray(acc, base + 3 * LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 4 * LANES).add(r4).intoArray(acc, base + 4 * LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 5 * LANES).add(r5).intoArray(acc, base + 5 * LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 6 * LANES).add(r6).intoArray(acc, base + 6 * LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 7 * LANES).add(r7).intoArray(acc, base + 7 * LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 8 * LANES).add(r8).intoArray(acc, base + 8 * LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 9 * LANES).add(r9).intoArray(acc, base + 9 * LANES);
    int next = s.touch(cell + 1) * (g * LANES);
    DoubleVector.fromArray(SPECIES, acc, next).add(q0).intoArray(acc, next);
    DoubleVector.fromArray(SPECIES, acc, next + LANES).add(q1).intoArray(acc, next + LANES);
    DoubleVector.fromArray(SPECIES, acc, next + 2 * LANES).add(q2).intoArray(acc, next + 2 * LANES);
    DoubleVector.fromArray(SPECIES, acc, next + 3 * LANES).add(q3).intoArray(acc, next + 3 * LANES);
    DoubleVector.fromArray(SPECIES, acc, next + 4 * LANES).add(q4).intoArray(acc, next + 4 * LANES);
    DoubleVector.fromArray(SPECIES, acc, next + 5 * LANES).add(q5).intoArray(acc, next + 5 * LANES);
    DoubleVector.fromArray(SPECIES, acc, next + 6 * LANES).add(q6).intoArray(acc, next + 6 * LANES);
    DoubleVector.fromArray(SPECIES, acc, next + 7 * LANES).add(q7).intoArray(acc, next + 7 * LANES);
    DoubleVector.fromArray(SPECIES, acc, next + 8 * LANES).add(q8).intoArray(acc, next + 8 * LANES);
    DoubleVector.fromArray(SPECIES, acc, next + 9 * LANES).add(q9).intoArray(acc, next + 9 * LANES);
  }

  /**
   * {@link #accumulateCellMajor}'s sweep over cell {@code cell} alone: {@link #sweepTwo} without
   * the second cell. (Kept apart: running a lone cell through sweepTwo with an empty second cell
   * measured 140.6 and 140.0 M/s against 141.8 and 141.0, and a shared helper for the flush is
   * not inlined within C2's node budget, which boxes the vectors.)
   */
  private static void sweepOne(Block bk, int rows, SumScratch s, int cell) {
    long a0 = bk.rowOut[0].address();
    long a1 = bk.rowOut[1].address();
    long a2 = bk.rowOut[2].address();
    long a3 = bk.rowOut[3].address();
    long a4 = bk.rowOut[4].address();
    long a5 = bk.rowOut[5].address();
    long a6 = bk.rowOut[6].address();
    long a7 = bk.rowOut[7].address();
    long a8 = bk.rowOut[8].address();
    long a9 = bk.rowOut[9].address();
    int[] keys = bk.key;
    double[] acc = s.acc;
    final int g = GreekSums.Greek.COUNT;
    DoubleVector r0 = DoubleVector.broadcast(SPECIES, -0.0);
    DoubleVector r1 = r0;
    DoubleVector r2 = r0;
    DoubleVector r3 = r0;
    DoubleVector r4 = r0;
    DoubleVector r5 = r0;
    DoubleVector r6 = r0;
    DoubleVector r7 = r0;
    DoubleVector r8 = r0;
    DoubleVector r9 = r0;
    for (int j = 0; j < rows; j += LANES) {
      VectorMask<Double> m = IntVector.fromArray(INT_SPECIES, keys, j).compare(EQ, cell).cast(SPECIES);
      long j8 = 8L * j;
      r0 = r0.add(DoubleVector.fromMemorySegment(SPECIES, ALL, a0 + j8, ByteOrder.LITTLE_ENDIAN), m);
      r1 = r1.add(DoubleVector.fromMemorySegment(SPECIES, ALL, a1 + j8, ByteOrder.LITTLE_ENDIAN), m);
      r2 = r2.add(DoubleVector.fromMemorySegment(SPECIES, ALL, a2 + j8, ByteOrder.LITTLE_ENDIAN), m);
      r3 = r3.add(DoubleVector.fromMemorySegment(SPECIES, ALL, a3 + j8, ByteOrder.LITTLE_ENDIAN), m);
      r4 = r4.add(DoubleVector.fromMemorySegment(SPECIES, ALL, a4 + j8, ByteOrder.LITTLE_ENDIAN), m);
      r5 = r5.add(DoubleVector.fromMemorySegment(SPECIES, ALL, a5 + j8, ByteOrder.LITTLE_ENDIAN), m);
      r6 = r6.add(DoubleVector.fromMemorySegment(SPECIES, ALL, a6 + j8, ByteOrder.LITTLE_ENDIAN), m);
      r7 = r7.add(DoubleVector.fromMemorySegment(SPECIES, ALL, a7 + j8, ByteOrder.LITTLE_ENDIAN), m);
      r8 = r8.add(DoubleVector.fromMemorySegment(SPECIES, ALL, a8 + j8, ByteOrder.LITTLE_ENDIAN), m);
      r9 = r9.add(DoubleVector.fromMemorySegment(SPECIES, ALL, a9 + j8, ByteOrder.LITTLE_ENDIAN), m);
    }
    int base = s.touch(cell) * (g * LANES);
    DoubleVector.fromArray(SPECIES, acc, base).add(r0).intoArray(acc, base);
    DoubleVector.fromArray(SPECIES, acc, base + LANES).add(r1).intoArray(acc, base + LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 2 * LANES).add(r2).intoArray(acc, base + 2 * LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 3 * LANES).add(r3).intoArray(acc, base + 3 * LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 4 * LANES).add(r4).intoArray(acc, base + 4 * LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 5 * LANES).add(r5).intoArray(acc, base + 5 * LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 6 * LANES).add(r6).intoArray(acc, base + 6 * LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 7 * LANES).add(r7).intoArray(acc, base + 7 * LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 8 * LANES).add(r8).intoArray(acc, base + 8 * LANES);
    DoubleVector.fromArray(SPECIES, acc, base + 9 * LANES).add(r9).intoArray(acc, base + 9 * LANES);
  }

  /**
   * Passes 1 to 6 over the block's {@code dense} option rows (a whole number of vectors, inputs
   * at {@link Block#dense}), the ten outputs written from row {@code row} of the native
   * {@code cols}.
   */
  private static void options(Block bk, int dense, MemorySegment[] cols, int row) {
    boolean limit = optionArguments(bk, dense);
    VectorMath.exp(bk.growth, 0, dense);
    VectorMath.exp(bk.dfR, 0, dense);
    halfSquareExponentials(bk, dense);
    if (bk.nearUnderflow) {
      directSecondExponential(bk, dense);
    }
    VectorNormal.cdfPair(bk.x, bk.e, bk.n, 0, dense, BLOCK);
    optionOutputs(bk, dense, cols, row);
    if (limit) {
      limitCases(bk, dense, cols, row);
    }
  }

  /**
   * Whether every column the kernel reads besides the kinds and underlying indices (checked
   * apart, {@link Block#bind}) can be read through {@link #ALL}: native, alive and accessible from
   * this thread (otherwise the bulk-copy path runs and the segment API reports the problem as
   * usual).
   */
  private static boolean isNative(PositionColumns p) {
    return direct(p.spot()) && direct(p.strike()) && direct(p.timeYears()) && direct(p.vol()) && direct(p.rate())
        && direct(p.carry()) && direct(p.size()) && direct(p.entryPrice());
  }

  private static boolean direct(MemorySegment s) {
    return s.isNative() && s.scope().isAlive() && s.isAccessibleBy(Thread.currentThread());
  }


  /**
   * One block's staging and intermediates, reused by the thread. Every pass reads the block's
   * inputs through {@link #ALL} at {@link #dense} (the columns themselves, or the native staging),
   * still in L1 after pass 1 (copying them to heap arrays for the later passes cost more than it
   * saved: 0.5 ns per row); intermediates are heap arrays, whose range checks C2 hoists out of the
   * loops (it does not hoist a segment's checks, about twenty scalar instructions per vector
   * access, unless the segment is {@link #ALL}).
   *
   * <p>Row order: {@code kind}, the staged inputs and outputs, and the linear pass's arrays.
   * Dense order (the block's option rows packed to the front): {@code pKind}, the packed staged
   * inputs and outputs, and the intermediates. x, e and n hold the d1 terms, then from index
   * BLOCK the d2 terms.
   */
  private static final class Block {
    private static final int DENSE = BLOCK + LANES; // a packed vector may be stored at BLOCK − 1
    /** Input columns, in the order of {@link #rows}, {@link #dense} and the staging. */
    static final int SPOT = 0;
    static final int STRIKE = 1;
    static final int TIME = 2;
    static final int VOL = 3;
    static final int RATE = 4;
    static final int CARRY = 5;
    static final int SIZE = 6;
    static final int ENTRY = 7;
    private static final int INPUTS = 8;
    /** Row padding of the inputs: a spot position of size 0 (harmless in every pass). */
    private static final double[] PAD = {1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0};
    /** Dense padding of the packed option inputs: a plain at-the-money call of size 0. */
    private static final double[] OPTION_PAD = {1.0, 1.0, 1.0, 0.5, 0.0, 0.0, 0.0};

    final int[] kind = new int[BLOCK];
    /** Whether the kinds (and in sums mode the underlying indices) can be read through {@link #ALL}. */
    boolean nativeKinds;
    /** Addresses of the call's native input columns ({@link #SPOT} .. {@link #ENTRY}) at row 0. */
    final long[] inputs = new long[INPUTS];

    /**
     * Starts a call on {@code in}: notes whether its kinds (and, for {@code sums}, its underlying
     * indices) can be read through {@link #ALL} and returns whether its other input columns can
     * ({@link #isNative}), noting their addresses when they can.
     */
    boolean bind(PositionColumns in, boolean sums) {
      nativeKinds = direct(in.kind()) && (!sums || direct(in.underlying()));
      boolean nativeIn = isNative(in);
      if (nativeIn) {
        MemorySegment[] columns = inputColumns(in);
        for (int c = 0; c < INPUTS; c++) {
          inputs[c] = columns[c].address();
        }
      }
      return nativeIn;
    }

    private static MemorySegment[] inputColumns(PositionColumns in) {
      return new MemorySegment[] {in.spot(), in.strike(), in.timeYears(), in.vol(), in.rate(), in.carry(), in.size(),
          in.entryPrice()};
    }
    /** Sums mode: the rows' underlying indices and cells ({@link #keys}). */
    final int[] underlying = new int[SUM_BLOCK];
    final int[] key = new int[SUM_BLOCK];
    /**
     * Native staging, owned by the thread's block and freed with it, each column {@code DENSE}
     * doubles: the row-order inputs of blocks not read in place (heap columns, a ragged end), the
     * packed option inputs, the packed option outputs, and the row-order outputs of blocks not
     * written in place. Every pass reaches it through {@link #ALL}, like the columns themselves,
     * so that one method of each pass serves every block.
     */
    private final MemorySegment staging =
        Arena.ofAuto().allocate(8L * DENSE * (2 * INPUTS + GreeksColumns.COUNT), 64);
    /**
     * Doubles between the starts of two staged output columns: {@link #SUM_BLOCK} and one cache
     * line, so that the ten columns a vector of rows touches do not start 2 KB apart (five of them
     * on the same L1 sets): 0.1–0.4 ns per row less for the sums (bench/RESULTS.md, ninth session).
     */
    private static final int ROW_STRIDE = SUM_BLOCK + 8;
    /** The row-order outputs: one block's, or in sums mode a {@link #SUM_BLOCK} of blocks'. */
    private final MemorySegment rowStaging = Arena.ofAuto().allocate(8L * ROW_STRIDE * GreeksColumns.COUNT, 64);
    /** Addresses of the block's row-order inputs ({@link #SPOT} .. {@link #ENTRY}) at its first row. */
    final long[] rows = new long[INPUTS];
    /** Addresses of pass 1's inputs ({@link #SPOT} .. {@link #SIZE}) at the first dense row. */
    final long[] dense = new long[INPUTS];
    /** Packed option outputs, and the row-order outputs of blocks not written in place. */
    final MemorySegment[] packedOut = new MemorySegment[GreeksColumns.COUNT];
    final MemorySegment[] rowOut = new MemorySegment[GreeksColumns.COUNT];
    // Kinds of the option rows in dense order (oKind is the row-order kind array when the block
    // holds only options).
    final int[] pKind = new int[DENSE];
    int[] oKind;
    // Dense intermediates.
    final double[] x = new double[BLOCK + DENSE]; // φ·d1, φ·d2 (φ = +1 call, −1 put)
    final double[] e = new double[BLOCK + DENSE]; // −hi/2, then exp(−d1²/2), exp(−d2²/2)
    final double[] n = new double[BLOCK + DENSE]; // −lo/2, then N(φ·d1), N(φ·d2)
    final double[] growth = new double[DENSE]; // (r−q)·T_eff, then e^{(r−q)T_eff}
    final double[] dfR = new double[DENSE]; // −r·T, then e^{−rT}
    final double[] sqrtT = new double[DENSE];
    final double[] sd = new double[DENSE]; // σ√T, or 1 in limit cases (keeps reciprocals finite)
    final double[] inv = new double[DENSE]; // 1/(S·sd)
    final double[] sk = new double[DENSE]; // S/K
    boolean nearUnderflow; // set by optionArguments
    /**
     * What the output passes write for a NaN coin value (a linear contract's): NaN, or in sums
     * mode ({@link #sumRows}) its summand −0.0 ({@link GreekSums.Greek#summand}), so that the
     * staged coin column holds summands for the accumulators to add.
     */
    double nanCoin;
    // Row order, for futures, perpetuals and spot.
    final double[] growthLinear = new double[BLOCK];
    final double[] time = new double[BLOCK];
    final double[] rate = new double[BLOCK];
    final double[] carry = new double[BLOCK];

    Block() {
      for (int c = 0; c < GreeksColumns.COUNT; c++) {
        packedOut[c] = column(2 * INPUTS + c);
        rowOut[c] = rowStaging.asSlice(8L * ROW_STRIDE * c, 8L * SUM_BLOCK);
      }
    }

    private MemorySegment column(int index) {
      return staging.asSlice(8L * DENSE * index, 8L * DENSE);
    }

    /**
     * Copies the kinds of block rows {@code [b, b + len)} of {@code in} into {@link #kind} (read
     * through {@link #ALL} when they are native and fill whole vectors, else in bulk), checks them and
     * returns the number of option rows. Points {@link #rows} at the block's inputs: the native
     * columns themselves when {@code inPlace} (native columns, whole vectors; addresses from
     * {@link #bind}), else the staging, into which the columns are copied in bulk and padded to
     * {@code padded} rows with spot rows of size 0. (A bulk copy of 64 kinds per block, and a
     * fresh array of the eight columns, cost 0.5–0.7 ns per row of the per-position kernel in L2:
     * bench/RESULTS.md, ninth session.)
     */
    int load(PositionColumns in, int b, int len, int padded, boolean inPlace) {
      int options = 0;
      if (nativeKinds && len == padded) {
        // Whole vectors of native kinds: read through ALL, checked and kept in one loop (a bulk
        // copy per block cost more than the loop).
        long kinds = in.kind().address() + 4L * b;
        for (int j = 0; j < padded; j += LANES) {
          IntVector k = IntVector.fromMemorySegment(INT_SPECIES, ALL, kinds + 4L * j, ByteOrder.LITTLE_ENDIAN);
          k.intoArray(kind, j);
          if (k.compare(LT, 0).or(k.compare(GE, ContractKind.COUNT)).anyTrue()) {
            throw badKind(in, j, j + LANES, b);
          }
          options += k.compare(LT, 4).trueCount();
        }
      } else {
        MemorySegment.copy(in.kind(), PositionColumns.INT, 4L * b, kind, 0, len);
        for (int i = len; i < padded; i++) {
          kind[i] = ContractKind.SPOT.code();
        }
        for (int j = 0; j < padded; j += LANES) {
          IntVector k = IntVector.fromArray(INT_SPECIES, kind, j);
          if (k.compare(LT, 0).or(k.compare(GE, ContractKind.COUNT)).anyTrue()) {
            throw badKind(in, j, Math.min(j + LANES, len), b);
          }
          options += k.compare(LT, 4).trueCount();
        }
      }
      if (inPlace) {
        for (int c = 0; c < INPUTS; c++) {
          rows[c] = inputs[c] + 8L * b;
        }
        return options;
      }
      MemorySegment[] columns = inputColumns(in);
      for (int c = 0; c < INPUTS; c++) {
        MemorySegment stage = column(c);
        MemorySegment.copy(columns[c], 8L * b, stage, 0, 8L * len);
        for (int i = len; i < padded; i++) {
          stage.set(PositionColumns.DOUBLE, 8L * i, PAD[c]);
        }
        rows[c] = stage.address();
      }
      return options;
    }

    /**
     * Sums mode, after {@link #load} and with the block's underlying indices in {@link #underlying}
     * from index {@code u0} (the block's place in its {@link #SUM_BLOCK}): the cell
     * ({@link SumBuckets#keyOf}) of each of the block's {@code padded} rows into {@link #key} from
     * index {@code at} (padding rows, spot of size 0: underlying 0), from the
     * underlying column, the kinds and the row-order time, strike and spot; the edges are the
     * layout's (null: no split). Checks the underlying indices.
     */
    void keys(PositionColumns in, int b, int len, int padded, int at, int u0, SumBuckets buckets,
        double[] expiryEdges, double[] strikeEdges) {
      for (int i = len; i < padded; i++) {
        underlying[u0 + i] = 0;
      }
      int underlyings = buckets.underlyings();
      int expiryBuckets = buckets.expiryBuckets();
      int strikeBuckets = buckets.strikeBuckets();
      long timeCol = rows[TIME];
      long strikeCol = rows[STRIKE];
      long spotCol = rows[SPOT];
      for (int j = 0; j < padded; j += LANES) {
        IntVector u = IntVector.fromArray(INT_SPECIES, underlying, u0 + j);
        if (u.compare(LT, 0).or(u.compare(GE, underlyings)).anyTrue()) {
          for (int l = j; l < len; l++) {
            if (underlying[u0 + l] < 0 || underlying[u0 + l] >= underlyings) {
              throw buckets.badUnderlying(underlying[u0 + l], b + l);
            }
          }
        }
        IntVector k = u;
        IntVector kinds = IntVector.fromArray(INT_SPECIES, kind, j);
        if (expiryEdges != null) {
          DoubleVector t = DoubleVector.fromMemorySegment(SPECIES, ALL, timeCol + 8L * j, ByteOrder.LITTLE_ENDIAN);
          IntVector e = IntVector.zero(INT_SPECIES);
          for (double edge : expiryEdges) {
            e = e.add(1, t.compare(GE, edge).cast(INT_SPECIES));
          }
          // Perpetuals and spot (codes >= 6) have no expiry: the undated bucket.
          k = k.mul(expiryBuckets).add(e.blend(expiryBuckets - 1, kinds.compare(GE, 6)));
        }
        if (strikeEdges != null) {
          DoubleVector moneyness = DoubleVector.fromMemorySegment(SPECIES, ALL, strikeCol + 8L * j, ByteOrder.LITTLE_ENDIAN)
              .div(DoubleVector.fromMemorySegment(SPECIES, ALL, spotCol + 8L * j, ByteOrder.LITTLE_ENDIAN));
          IntVector sb = IntVector.zero(INT_SPECIES);
          for (double edge : strikeEdges) {
            sb = sb.add(1, moneyness.compare(GE, edge).cast(INT_SPECIES));
          }
          // Futures, perpetuals and spot (codes >= 4) have no strike: the no-strike bucket.
          k = k.mul(strikeBuckets).add(sb.blend(strikeBuckets - 1, kinds.compare(GE, 4)));
        }
        k.intoArray(key, at + j);
      }
    }

    /** Every row is an option: pass 1 reads the row-order inputs. */
    void useRowsAsDense() {
      System.arraycopy(rows, 0, dense, 0, INPUTS);
      oKind = kind;
    }

    /**
     * Packs the option rows' inputs to the front of the staging (vector compress) and pads them to
     * {@code denseRows} with at-the-money calls of size 0; pass 1 then reads them there.
     */
    void pack(int rowCount, int options, int denseRows) {
      long spotIn = rows[SPOT];
      long strikeIn = rows[STRIKE];
      long timeIn = rows[TIME];
      long volIn = rows[VOL];
      long rateIn = rows[RATE];
      long carryIn = rows[CARRY];
      long sizeIn = rows[SIZE];
      long spotOut = column(INPUTS + SPOT).address();
      long strikeOut = column(INPUTS + STRIKE).address();
      long timeOut = column(INPUTS + TIME).address();
      long volOut = column(INPUTS + VOL).address();
      long rateOut = column(INPUTS + RATE).address();
      long carryOut = column(INPUTS + CARRY).address();
      long sizeOut = column(INPUTS + SIZE).address();
      int d = 0;
      for (int j = 0; j < rowCount; j += LANES) {
        IntVector k = IntVector.fromArray(INT_SPECIES, kind, j);
        VectorMask<Integer> optI = k.compare(LT, 4);
        if (!optI.anyTrue()) {
          continue;
        }
        VectorMask<Double> opt = optI.cast(SPECIES);
        long j8 = 8L * j;
        long d8 = 8L * d;
        k.compress(optI).intoArray(pKind, d);
        DoubleVector.fromMemorySegment(SPECIES, ALL, spotIn + j8, ByteOrder.LITTLE_ENDIAN).compress(opt)
            .intoMemorySegment(ALL, spotOut + d8, ByteOrder.LITTLE_ENDIAN);
        DoubleVector.fromMemorySegment(SPECIES, ALL, strikeIn + j8, ByteOrder.LITTLE_ENDIAN).compress(opt)
            .intoMemorySegment(ALL, strikeOut + d8, ByteOrder.LITTLE_ENDIAN);
        DoubleVector.fromMemorySegment(SPECIES, ALL, timeIn + j8, ByteOrder.LITTLE_ENDIAN).compress(opt)
            .intoMemorySegment(ALL, timeOut + d8, ByteOrder.LITTLE_ENDIAN);
        DoubleVector.fromMemorySegment(SPECIES, ALL, volIn + j8, ByteOrder.LITTLE_ENDIAN).compress(opt)
            .intoMemorySegment(ALL, volOut + d8, ByteOrder.LITTLE_ENDIAN);
        DoubleVector.fromMemorySegment(SPECIES, ALL, rateIn + j8, ByteOrder.LITTLE_ENDIAN).compress(opt)
            .intoMemorySegment(ALL, rateOut + d8, ByteOrder.LITTLE_ENDIAN);
        DoubleVector.fromMemorySegment(SPECIES, ALL, carryIn + j8, ByteOrder.LITTLE_ENDIAN).compress(opt)
            .intoMemorySegment(ALL, carryOut + d8, ByteOrder.LITTLE_ENDIAN);
        DoubleVector.fromMemorySegment(SPECIES, ALL, sizeIn + j8, ByteOrder.LITTLE_ENDIAN).compress(opt)
            .intoMemorySegment(ALL, sizeOut + d8, ByteOrder.LITTLE_ENDIAN);
        d += optI.trueCount();
      }
      for (int c = 0; c <= SIZE; c++) {
        dense[c] = column(INPUTS + c).address();
        for (int i = options; i < denseRows; i++) {
          ALL.set(PositionColumns.DOUBLE, dense[c] + 8L * i, OPTION_PAD[c]);
        }
      }
      for (int i = options; i < denseRows; i++) {
        pKind[i] = 0;
      }
      oKind = pKind;
    }

    /**
     * Writes the packed option outputs over the option lanes of the block's {@code rowCount} rows
     * of {@code cols} from row {@code row} (vector expand, masked stores); the other lanes keep
     * what the linear pass wrote. Written out column by column: a loop over the columns would make
     * one access site serve ten column streams, which C2 compiles worse.
     */
    void unpack(MemorySegment[] cols, int row, int rowCount) {
      long base = 8L * row;
      long col0 = cols[0].address();
      long col1 = cols[1].address();
      long col2 = cols[2].address();
      long col3 = cols[3].address();
      long col4 = cols[4].address();
      long col5 = cols[5].address();
      long col6 = cols[6].address();
      long col7 = cols[7].address();
      long col8 = cols[8].address();
      long col9 = cols[9].address();
      long p0 = packedOut[0].address();
      long p1 = packedOut[1].address();
      long p2 = packedOut[2].address();
      long p3 = packedOut[3].address();
      long p4 = packedOut[4].address();
      long p5 = packedOut[5].address();
      long p6 = packedOut[6].address();
      long p7 = packedOut[7].address();
      long p8 = packedOut[8].address();
      long p9 = packedOut[9].address();
      int d = 0;
      for (int j = 0; j < rowCount; j += LANES) {
        VectorMask<Integer> optI = IntVector.fromArray(INT_SPECIES, kind, j).compare(LT, 4);
        if (!optI.anyTrue()) {
          continue;
        }
        VectorMask<Double> opt = optI.cast(SPECIES);
        long o8 = base + 8L * j;
        long d8 = 8L * d;
        DoubleVector.fromMemorySegment(SPECIES, ALL, p0 + d8, ByteOrder.LITTLE_ENDIAN).expand(opt)
            .intoMemorySegment(ALL, col0 + o8, ByteOrder.LITTLE_ENDIAN, opt);
        DoubleVector.fromMemorySegment(SPECIES, ALL, p1 + d8, ByteOrder.LITTLE_ENDIAN).expand(opt)
            .intoMemorySegment(ALL, col1 + o8, ByteOrder.LITTLE_ENDIAN, opt);
        DoubleVector.fromMemorySegment(SPECIES, ALL, p2 + d8, ByteOrder.LITTLE_ENDIAN).expand(opt)
            .intoMemorySegment(ALL, col2 + o8, ByteOrder.LITTLE_ENDIAN, opt);
        DoubleVector.fromMemorySegment(SPECIES, ALL, p3 + d8, ByteOrder.LITTLE_ENDIAN).expand(opt)
            .intoMemorySegment(ALL, col3 + o8, ByteOrder.LITTLE_ENDIAN, opt);
        DoubleVector.fromMemorySegment(SPECIES, ALL, p4 + d8, ByteOrder.LITTLE_ENDIAN).expand(opt)
            .intoMemorySegment(ALL, col4 + o8, ByteOrder.LITTLE_ENDIAN, opt);
        DoubleVector.fromMemorySegment(SPECIES, ALL, p5 + d8, ByteOrder.LITTLE_ENDIAN).expand(opt)
            .intoMemorySegment(ALL, col5 + o8, ByteOrder.LITTLE_ENDIAN, opt);
        DoubleVector.fromMemorySegment(SPECIES, ALL, p6 + d8, ByteOrder.LITTLE_ENDIAN).expand(opt)
            .intoMemorySegment(ALL, col6 + o8, ByteOrder.LITTLE_ENDIAN, opt);
        DoubleVector.fromMemorySegment(SPECIES, ALL, p7 + d8, ByteOrder.LITTLE_ENDIAN).expand(opt)
            .intoMemorySegment(ALL, col7 + o8, ByteOrder.LITTLE_ENDIAN, opt);
        DoubleVector.fromMemorySegment(SPECIES, ALL, p8 + d8, ByteOrder.LITTLE_ENDIAN).expand(opt)
            .intoMemorySegment(ALL, col8 + o8, ByteOrder.LITTLE_ENDIAN, opt);
        DoubleVector.fromMemorySegment(SPECIES, ALL, p9 + d8, ByteOrder.LITTLE_ENDIAN).expand(opt)
            .intoMemorySegment(ALL, col9 + o8, ByteOrder.LITTLE_ENDIAN, opt);
        d += optI.trueCount();
      }
    }

    /** Copies the first {@code len} staged output rows into rows {@code row ..} of the columns {@code cols} asks for. */
    void store(MemorySegment[] cols, int row, int len) {
      for (int c = 0; c < cols.length; c++) {
        MemorySegment.copy(rowOut[c], 0, cols[c], 8L * row, 8L * len);
      }
    }
  }

  /**
   * Pass 1 (dense option rows): the arguments of e^{(r−q)T} and e^{−rT}, √T, σ√T, 1/(S·σ√T),
   * S/K, then log(S/K) ({@link VectorMath#log(DoubleVector)}, inlined), φ·d1 and φ·d2 (φ = +1
   * call, −1 put), and −d1²/2 as a double-double (−hi/2, −lo/2 with hi + lo = d1² exactly), so
   * that e^{−d1²/2} keeps full relative accuracy in the tails — the purpose of the reference's
   * split e^{−ys²/2}·e^{−(y−ys)(y+ys)/2}, here with one exponential. Sets
   * {@link Block#nearUnderflow} when a lane needs e^{−d2²/2} computed directly (|d1| > 37, where
   * e^{−d1²/2} nears underflow, and |d2| below the CDF's limit). Returns whether a lane takes a
   * limit branch (T ≤ 0 or σ√T below {@link ReferencePricer#MIN_STDDEV}).
   */
  private static boolean optionArguments(Block bk, int options) {
    long[] src = bk.dense;
    long spotCol = src[Block.SPOT];
    long strikeCol = src[Block.STRIKE];
    long timeCol = src[Block.TIME];
    long volCol = src[Block.VOL];
    long rateCol = src[Block.RATE];
    long carryCol = src[Block.CARRY];
    int[] kindArr = bk.oKind;
    double[] growthArr = bk.growth;
    double[] dfRArr = bk.dfR;
    double[] sqrtTArr = bk.sqrtT;
    double[] sdArr = bk.sd;
    double[] invArr = bk.inv;
    double[] skArr = bk.sk;
    double[] xArr = bk.x;
    double[] eArr = bk.e;
    double[] nArr = bk.n;
    boolean limit = false;
    boolean direct = false;
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    for (int j = 0; j < options; j += LANES) {
      long o8 = 8L * j;
      DoubleVector t = DoubleVector.fromMemorySegment(SPECIES, ALL, timeCol + o8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector r = DoubleVector.fromMemorySegment(SPECIES, ALL, rateCol + o8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector q = DoubleVector.fromMemorySegment(SPECIES, ALL, carryCol + o8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector s = DoubleVector.fromMemorySegment(SPECIES, ALL, spotCol + o8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector vol = DoubleVector.fromMemorySegment(SPECIES, ALL, volCol + o8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector strike = DoubleVector.fromMemorySegment(SPECIES, ALL, strikeCol + o8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector rq = r.sub(q);
      DoubleVector te = t.max(0.0);
      rq.mul(te).intoArray(growthArr, j);
      r.neg().mul(te).intoArray(dfRArr, j);
      DoubleVector sqrtT = t.sqrt();
      sqrtT.intoArray(sqrtTArr, j);
      DoubleVector sd = vol.mul(sqrtT);
      VectorMask<Double> special = t.compare(LE, 0.0).or(sd.compare(LT, ReferencePricer.MIN_STDDEV));
      if (special.anyTrue()) {
        limit = true;
        sd = sd.blend(one, special);
      }
      sd.intoArray(sdArr, j);
      DoubleVector inv = one.div(s.mul(sd));
      inv.intoArray(invArr, j);
      DoubleVector rSd = s.mul(inv); // 1/(σ√T)
      // A true division: log(S/K) must be the reference's (exactly 0 at the money).
      DoubleVector sk = s.div(strike);
      sk.intoArray(skArr, j);
      DoubleVector d1 = VectorMath.log(sk).add(rq.mul(t)).mul(rSd).add(sd.mul(0.5));
      DoubleVector d2 = d1.sub(sd);
      DoubleVector phi = one.blend(-1.0, IntVector.fromArray(INT_SPECIES, kindArr, j).and(OPTION_PUT_BIT)
          .compare(NE, 0).cast(SPECIES));
      d1.mul(phi).intoArray(xArr, j);
      d2.mul(phi).intoArray(xArr, BLOCK + j);
      // e^{−y²/2} with y² carried as hi + lo (exact product by fma): exp(−hi/2)·(1 − lo/2) keeps
      // full relative accuracy in the tails, as the reference's split does, with one exponential.
      DoubleVector y = d1.abs().min(VectorNormal.EXP_CLAMP);
      DoubleVector hi = y.mul(y);
      hi.mul(-0.5).intoArray(eArr, j);
      y.fma(y, hi.neg()).mul(-0.5).intoArray(nArr, j);
      direct |= y.compare(GT, IDENTITY_LIMIT).and(d2.abs().compare(LT, VectorNormal.LOWER_LIMIT)).anyTrue();
    }
    bk.nearUnderflow = direct;
    return limit;
  }

  /**
   * Pass 3 (after the exponentials of pass 2): e^{−d1²/2} = e^{−hi/2}·(1 − lo/2) (the correction
   * is exact to 1e-27), and
   * e^{−d2²/2} = e^{−d1²/2}·(S/K)·e^{(r−q)T} (φ(d2)/φ(d1) written out), which saves the second
   * CDF's exponential.
   */
  private static void halfSquareExponentials(Block bk, int options) {
    double[] eArr = bk.e;
    double[] nArr = bk.n;
    double[] growthArr = bk.growth;
    double[] skArr = bk.sk;
    VectorMath.exp(eArr, 0, options);
    for (int j = 0; j < options; j += LANES) {
      DoubleVector eHi = DoubleVector.fromArray(SPECIES, eArr, j);
      DoubleVector e1 = eHi.fma(DoubleVector.fromArray(SPECIES, nArr, j), eHi); // e^{hi}·(1 + lo)
      e1.intoArray(eArr, j);
      e1.mul(DoubleVector.fromArray(SPECIES, skArr, j).mul(DoubleVector.fromArray(SPECIES, growthArr, j)))
          .intoArray(eArr, BLOCK + j);
    }
  }

  /**
   * The rare lanes where |d1| > 37 but |d2| is below the CDF's limit: e^{−d2²/2} from the split
   * formula directly (scalar; such lanes need σ√T of several units).
   */
  private static void directSecondExponential(Block bk, int options) {
    double[] xArr = bk.x;
    double[] eArr = bk.e;
    for (int j = 0; j < options; j++) {
      double y1 = Math.abs(xArr[j]);
      double y2 = Math.abs(xArr[BLOCK + j]);
      if (y1 > IDENTITY_LIMIT && y2 < VectorNormal.LOWER_LIMIT) {
        double ys = Math.floor(y2 * 16.0) / 16.0;
        eArr[BLOCK + j] = Math.exp(-ys * ys * 0.5) * Math.exp(-(y2 - ys) * (y2 + ys) * 0.5);
      }
    }
  }

  /**
   * Pass 5 (after the CDFs of pass 4): the ten outputs of the dense option rows (limit cases are
   * overwritten by {@link #limitCases}), written from row {@code row} of the native {@code cols}:
   * the output columns themselves when the block is theirs row for row (ten column streams in
   * flight while the arithmetic runs), else the block's staging.
   * Value = φ·(S e^{−qT} N(φd1) − K e^{−rT} N(φd2)).
   */
  private static void optionOutputs(Block bk, int options, MemorySegment[] cols, int row) {
    DoubleVector nanCoin = DoubleVector.broadcast(SPECIES, bk.nanCoin); // see Block#nanCoin
    long base = 8L * row;
    long out0 = cols[0].address() + base;
    long out1 = cols[1].address() + base;
    long out2 = cols[2].address() + base;
    long out3 = cols[3].address() + base;
    long out4 = cols[4].address() + base;
    long out5 = cols[5].address() + base;
    long out6 = cols[6].address() + base;
    long out7 = cols[7].address() + base;
    long out8 = cols[8].address() + base;
    long out9 = cols[9].address() + base;
    double[] xArr = bk.x;
    double[] eArr = bk.e;
    double[] nArr = bk.n;
    double[] growthArr = bk.growth;
    double[] dfRArr = bk.dfR;
    double[] sqrtTArr = bk.sqrtT;
    double[] sdArr = bk.sd;
    double[] invArr = bk.inv;
    int[] kindArr = bk.oKind;
    long[] dense = bk.dense;
    long spotCol = dense[Block.SPOT];
    long strikeCol = dense[Block.STRIKE];
    long timeCol = dense[Block.TIME];
    long volCol = dense[Block.VOL];
    long rateCol = dense[Block.RATE];
    long carryCol = dense[Block.CARRY];
    long sizeCol = dense[Block.SIZE];
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    for (int j = 0; j < options; j += LANES) {
      IntVector kind = IntVector.fromArray(INT_SPECIES, kindArr, j);
      VectorMask<Double> put = kind.and(OPTION_PUT_BIT).compare(NE, 0).cast(SPECIES);
      VectorMask<Double> inverse = kind.and(OPTION_INVERSE_BIT).compare(NE, 0).cast(SPECIES);
      DoubleVector phi = one.blend(-1.0, put);
      DoubleVector dfR = DoubleVector.fromArray(SPECIES, dfRArr, j);
      DoubleVector dfQ = dfR.mul(DoubleVector.fromArray(SPECIES, growthArr, j)); // e^{−rT}·e^{(r−q)T}
      DoubleVector n1 = DoubleVector.fromArray(SPECIES, nArr, j);
      DoubleVector n2 = DoubleVector.fromArray(SPECIES, nArr, BLOCK + j);
      DoubleVector inv = DoubleVector.fromArray(SPECIES, invArr, j);
      DoubleVector s = DoubleVector.fromMemorySegment(SPECIES, ALL, spotCol + 8L * j, ByteOrder.LITTLE_ENDIAN);
      DoubleVector k = DoubleVector.fromMemorySegment(SPECIES, ALL, strikeCol + 8L * j, ByteOrder.LITTLE_ENDIAN);
      DoubleVector size = DoubleVector.fromMemorySegment(SPECIES, ALL, sizeCol + 8L * j, ByteOrder.LITTLE_ENDIAN);
      DoubleVector phiSize = size.mul(phi);
      DoubleVector sDfQ = s.mul(dfQ);
      // φ·size·S e^{−qT} N(φd1) and φ·size·K e^{−rT} N(φd2): value, theta and rho from them.
      DoubleVector a1 = sDfQ.mul(n1).mul(phiSize);
      DoubleVector a2 = k.mul(dfR).mul(n2).mul(phiSize);
      DoubleVector value = a1.sub(a2);
      value.intoMemorySegment(ALL, out0 + 8L * j, ByteOrder.LITTLE_ENDIAN);
      // Inverse options: coin value = value/S and the premium-adjusted delta; linear options: NaN.
      DoubleVector invSpot = DoubleVector.fromArray(SPECIES, sdArr, j).mul(inv);
      DoubleVector coin = value.mul(invSpot).blend(Double.NaN, inverse.not());
      coin = coin.blend(nanCoin, coin.test(VectorOperators.IS_NAN));
      DoubleVector delta = dfQ.mul(n1).mul(phiSize);
      coin.intoMemorySegment(ALL, out1 + 8L * j, ByteOrder.LITTLE_ENDIAN);
      delta.intoMemorySegment(ALL, out2 + 8L * j, ByteOrder.LITTLE_ENDIAN);
      delta.blend(delta.sub(coin), inverse).intoMemorySegment(ALL, out3 + 8L * j, ByteOrder.LITTLE_ENDIAN);
      DoubleVector sqrtT = DoubleVector.fromArray(SPECIES, sqrtTArr, j);
      DoubleVector rSd = s.mul(inv); // 1/(σ√T)
      DoubleVector pdf = DoubleVector.fromArray(SPECIES, eArr, j).mul(ONE_OVER_SQRT_2PI);
      DoubleVector vol = DoubleVector.fromMemorySegment(SPECIES, ALL, volCol + 8L * j, ByteOrder.LITTLE_ENDIAN);
      DoubleVector spotPdf = sDfQ.mul(pdf);
      DoubleVector dfQPdf = dfQ.mul(pdf);
      DoubleVector rVol = sqrtT.mul(rSd); // 1/σ
      DoubleVector vega = spotPdf.mul(sqrtT);
      DoubleVector decay = spotPdf.mul(vol).mul(vol.mul(rSd)).mul(-0.5); // −S e^{−qT} φ(d1) σ/(2√T)
      DoubleVector q = DoubleVector.fromMemorySegment(SPECIES, ALL, carryCol + 8L * j, ByteOrder.LITTLE_ENDIAN);
      DoubleVector r = DoubleVector.fromMemorySegment(SPECIES, ALL, rateCol + 8L * j, ByteOrder.LITTLE_ENDIAN);
      DoubleVector t = DoubleVector.fromMemorySegment(SPECIES, ALL, timeCol + 8L * j, ByteOrder.LITTLE_ENDIAN);
      dfQPdf.mul(inv).mul(size).intoMemorySegment(ALL, out4 + 8L * j, ByteOrder.LITTLE_ENDIAN);
      vega.mul(size).intoMemorySegment(ALL, out5 + 8L * j, ByteOrder.LITTLE_ENDIAN);
      q.fma(a1, decay.mul(size)).sub(r.mul(a2)).intoMemorySegment(ALL, out6 + 8L * j, ByteOrder.LITTLE_ENDIAN);
      a2.mul(t).intoMemorySegment(ALL, out7 + 8L * j, ByteOrder.LITTLE_ENDIAN);
      // With x1 = φ·d1 and x2 = φ·d2 as stored (φ² = 1): vanna = −e^{−qT}φ(d1)·d2/σ·size =
      // −e^{−qT}φ(d1)·x2/σ·φ·size, volga = vega·d1·d2/σ·size = vega·x1·x2/σ·size.
      DoubleVector x2Vol = DoubleVector.fromArray(SPECIES, xArr, BLOCK + j).mul(rVol);
      dfQPdf.mul(x2Vol).mul(phiSize).neg().intoMemorySegment(ALL, out8 + 8L * j, ByteOrder.LITTLE_ENDIAN);
      vega.mul(DoubleVector.fromArray(SPECIES, xArr, j)).mul(x2Vol).mul(size)
          .intoMemorySegment(ALL, out9 + 8L * j, ByteOrder.LITTLE_ENDIAN);
    }
  }

  /**
   * Pass 6: the reference's limit branches for option rows, written over pass 5's outputs in
   * {@code cols} from row {@code row} (masked stores, only where a lane takes a branch):
   * expired options (intrinsic value at spot, delta a step whose value at the strike is 1/2) and
   * zero variance (the discounted intrinsic value of the forward, or nothing).
   */
  private static void limitCases(Block bk, int options, MemorySegment[] cols, int row) {
    DoubleVector nanCoin = DoubleVector.broadcast(SPECIES, bk.nanCoin); // see Block#nanCoin
    long base = 8L * row;
    long out0 = cols[0].address();
    long out1 = cols[1].address();
    long out2 = cols[2].address();
    long out3 = cols[3].address();
    long out4 = cols[4].address();
    long out5 = cols[5].address();
    long out6 = cols[6].address();
    long out7 = cols[7].address();
    long out8 = cols[8].address();
    long out9 = cols[9].address();
    double[] growthArr = bk.growth;
    double[] dfRArr = bk.dfR;
    double[] sqrtTArr = bk.sqrtT;
    int[] kindArr = bk.oKind;
    long[] dense = bk.dense;
    long spotCol = dense[Block.SPOT];
    long strikeCol = dense[Block.STRIKE];
    long timeCol = dense[Block.TIME];
    long volCol = dense[Block.VOL];
    long rateCol = dense[Block.RATE];
    long carryCol = dense[Block.CARRY];
    long sizeCol = dense[Block.SIZE];
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    DoubleVector zero = DoubleVector.zero(SPECIES);
    for (int j = 0; j < options; j += LANES) {
      DoubleVector t = DoubleVector.fromMemorySegment(SPECIES, ALL, timeCol + 8L * j, ByteOrder.LITTLE_ENDIAN);
      DoubleVector sd = DoubleVector.fromMemorySegment(SPECIES, ALL, volCol + 8L * j, ByteOrder.LITTLE_ENDIAN).mul(DoubleVector.fromArray(SPECIES, sqrtTArr, j));
      VectorMask<Double> special = t.compare(LE, 0.0).or(sd.compare(LT, ReferencePricer.MIN_STDDEV));
      if (!special.anyTrue()) {
        continue;
      }
      VectorMask<Double> expired = t.compare(LE, 0.0).and(special);
      IntVector kind = IntVector.fromArray(INT_SPECIES, kindArr, j);
      DoubleVector phi = one.blend(-1.0, kind.and(OPTION_PUT_BIT).compare(NE, 0).cast(SPECIES));
      VectorMask<Double> inverse = kind.and(OPTION_INVERSE_BIT).compare(NE, 0).cast(SPECIES);
      DoubleVector s = DoubleVector.fromMemorySegment(SPECIES, ALL, spotCol + 8L * j, ByteOrder.LITTLE_ENDIAN);
      DoubleVector k = DoubleVector.fromMemorySegment(SPECIES, ALL, strikeCol + 8L * j, ByteOrder.LITTLE_ENDIAN);
      DoubleVector r = DoubleVector.fromMemorySegment(SPECIES, ALL, rateCol + 8L * j, ByteOrder.LITTLE_ENDIAN);
      DoubleVector q = DoubleVector.fromMemorySegment(SPECIES, ALL, carryCol + 8L * j, ByteOrder.LITTLE_ENDIAN);
      DoubleVector size = DoubleVector.fromMemorySegment(SPECIES, ALL, sizeCol + 8L * j, ByteOrder.LITTLE_ENDIAN);
      DoubleVector growth = DoubleVector.fromArray(SPECIES, growthArr, j);
      DoubleVector dfR = DoubleVector.fromArray(SPECIES, dfRArr, j);
      DoubleVector dfQ = dfR.mul(growth);
      DoubleVector sDfQ = s.mul(dfQ);
      DoubleVector kDfR = k.mul(dfR);
      // Zero variance: discounted intrinsic value of the forward when in the money, else nothing.
      VectorMask<Double> otm = s.mul(growth).sub(k).mul(phi).compare(GT, 0.0).not();
      DoubleVector value = sDfQ.sub(kDfR).mul(phi).blend(zero, otm);
      DoubleVector delta = dfQ.mul(phi).blend(zero, otm);
      DoubleVector theta = q.mul(sDfQ).sub(r.mul(kDfR)).mul(phi).blend(zero, otm);
      DoubleVector rho = kDfR.mul(t).mul(phi).blend(zero, otm);
      // Expired: intrinsic value at spot; the step's derivative at the strike is taken as 1/2.
      DoubleVector intrinsic = s.sub(k).mul(phi);
      DoubleVector step = zero.blend(0.5, intrinsic.compare(EQ, 0.0)).blend(one, intrinsic.compare(GT, 0.0));
      value = value.blend(intrinsic.max(0.0), expired).mul(size);
      delta = delta.blend(step.mul(phi), expired).mul(size);
      DoubleVector coin = value.div(s).blend(Double.NaN, inverse.not());
      coin = coin.blend(nanCoin, coin.test(VectorOperators.IS_NAN));
      long o8 = base + 8L * j;
      value.intoMemorySegment(ALL, out0 + o8, ByteOrder.LITTLE_ENDIAN, special);
      coin.intoMemorySegment(ALL, out1 + o8, ByteOrder.LITTLE_ENDIAN, special);
      delta.intoMemorySegment(ALL, out2 + o8, ByteOrder.LITTLE_ENDIAN, special);
      delta.blend(delta.sub(coin), inverse).intoMemorySegment(ALL, out3 + o8, ByteOrder.LITTLE_ENDIAN, special);
      DoubleVector none = size.mul(0.0).add(0.0); // as the reference: 0 × size
      none.intoMemorySegment(ALL, out4 + o8, ByteOrder.LITTLE_ENDIAN, special);
      none.intoMemorySegment(ALL, out5 + o8, ByteOrder.LITTLE_ENDIAN, special);
      theta.blend(zero, expired).mul(size).intoMemorySegment(ALL, out6 + o8, ByteOrder.LITTLE_ENDIAN, special);
      rho.blend(zero, expired).mul(size).intoMemorySegment(ALL, out7 + o8, ByteOrder.LITTLE_ENDIAN, special);
      none.intoMemorySegment(ALL, out8 + o8, ByteOrder.LITTLE_ENDIAN, special);
      none.intoMemorySegment(ALL, out9 + o8, ByteOrder.LITTLE_ENDIAN, special);
    }
  }

  /**
   * Pass 7 (row order, every lane, inputs at {@link Block#rows}, outputs from row {@code row} of
   * the native {@code cols}; option lanes are overwritten afterwards by {@link Block#unpack}): futures and perpetuals
   * (value F − entry when linear, S/entry − 1/growth when inverse, with F = S for perpetuals) and
   * spot (value S).
   */
  private static void linear(Block bk, int rows, MemorySegment[] cols, int row) {
    DoubleVector nanCoin = DoubleVector.broadcast(SPECIES, bk.nanCoin); // see Block#nanCoin
    long spotCol = bk.rows[Block.SPOT];
    long timeCol = bk.rows[Block.TIME];
    long rateCol = bk.rows[Block.RATE];
    long carryCol = bk.rows[Block.CARRY];
    long sizeCol = bk.rows[Block.SIZE];
    long entryCol = bk.rows[Block.ENTRY];
    long outBase = 8L * row;
    long out0 = cols[0].address();
    long out1 = cols[1].address();
    long out2 = cols[2].address();
    long out3 = cols[3].address();
    long out4 = cols[4].address();
    long out5 = cols[5].address();
    long out6 = cols[6].address();
    long out7 = cols[7].address();
    long out8 = cols[8].address();
    long out9 = cols[9].address();
    double[] growthArr = bk.growthLinear;
    int[] kindArr = bk.kind;
    double[] timeArr = bk.time;
    double[] rateArr = bk.rate;
    double[] carryArr = bk.carry;
    for (int j = 0; j < rows; j += LANES) {
      long o8 = 8L * j;
      IntVector kind = IntVector.fromArray(INT_SPECIES, kindArr, j);
      DoubleVector t = DoubleVector.fromMemorySegment(SPECIES, ALL, timeCol + o8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector r = DoubleVector.fromMemorySegment(SPECIES, ALL, rateCol + o8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector q = DoubleVector.fromMemorySegment(SPECIES, ALL, carryCol + o8, ByteOrder.LITTLE_ENDIAN);
      t.intoArray(timeArr, j);
      r.intoArray(rateArr, j);
      q.intoArray(carryArr, j);
      DoubleVector rq = r.sub(q);
      // Perpetuals and spot (codes ≥ 6) are priced at t = 0, futures at max(t, 0).
      DoubleVector te = t.max(0.0).blend(0.0, kind.compare(GE, 6).cast(SPECIES));
      rq.mul(te).intoArray(growthArr, j);
    }
    VectorMath.exp(growthArr, 0, rows);
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    DoubleVector zero = DoubleVector.zero(SPECIES);
    for (int j = 0; j < rows; j += LANES) {
      long o8 = 8L * j;
      long p8 = outBase + 8L * j;
      IntVector kind = IntVector.fromArray(INT_SPECIES, kindArr, j);
      VectorMask<Double> inverse = IntVector.broadcast(INT_SPECIES, INVERSE_BITS).lanewise(LSHR, kind).and(1)
          .compare(NE, 0).cast(SPECIES);
      VectorMask<Double> spot = kind.compare(EQ, ContractKind.SPOT.code()).cast(SPECIES);
      DoubleVector s = DoubleVector.fromMemorySegment(SPECIES, ALL, spotCol + o8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector entry = DoubleVector.fromMemorySegment(SPECIES, ALL, entryCol + o8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector size = DoubleVector.fromMemorySegment(SPECIES, ALL, sizeCol + o8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector growth = DoubleVector.fromArray(SPECIES, growthArr, j);
      DoubleVector fwd = s.mul(growth);
      DoubleVector r2 = one.div(entry.mul(fwd)); // one division gives 1/entry, 1/F and 1/growth
      DoubleVector invEntry = fwd.mul(r2);
      DoubleVector invFwd = entry.mul(r2);
      DoubleVector invGrowth = s.mul(invFwd);
      DoubleVector value = fwd.sub(entry).blend(s.mul(invEntry).sub(invGrowth), inverse).blend(s, spot).mul(size);
      value.intoMemorySegment(ALL, out0 + p8, ByteOrder.LITTLE_ENDIAN);
      DoubleVector t = DoubleVector.fromMemorySegment(SPECIES, ALL, timeCol + 8L * j, ByteOrder.LITTLE_ENDIAN);
      DoubleVector rq = DoubleVector.fromMemorySegment(SPECIES, ALL, rateCol + 8L * j, ByteOrder.LITTLE_ENDIAN).sub(DoubleVector.fromMemorySegment(SPECIES, ALL, carryCol + 8L * j, ByteOrder.LITTLE_ENDIAN));
      VectorMask<Double> timeless = kind.compare(GE, 6).cast(SPECIES);
      DoubleVector te = t.max(0.0).blend(0.0, timeless);
      DoubleVector delta = growth.blend(invEntry, inverse).blend(one, spot).mul(size);
      // Only a live dated future's forward decays towards spot: perpetuals, spot and expired
      // futures have theta 0; rho = te·F (or te/growth) is 0 for them as te = 0.
      DoubleVector perGrowth = fwd.blend(invGrowth, inverse);
      DoubleVector theta = rq.neg().mul(perGrowth).blend(zero, t.compare(GT, 0.0).not().or(timeless));
      DoubleVector coin = invEntry.sub(invFwd).mul(size).blend(Double.NaN, inverse.not());
      coin = coin.blend(nanCoin, coin.test(VectorOperators.IS_NAN));
      coin.intoMemorySegment(ALL, out1 + p8, ByteOrder.LITTLE_ENDIAN);
      delta.intoMemorySegment(ALL, out2 + p8, ByteOrder.LITTLE_ENDIAN);
      delta.intoMemorySegment(ALL, out3 + p8, ByteOrder.LITTLE_ENDIAN);
      // The reference multiplies its zero Greeks by the size too: +0, or NaN for a NaN size.
      DoubleVector none = size.mul(0.0).add(0.0);
      none.intoMemorySegment(ALL, out4 + p8, ByteOrder.LITTLE_ENDIAN);
      none.intoMemorySegment(ALL, out5 + p8, ByteOrder.LITTLE_ENDIAN);
      theta.mul(size).intoMemorySegment(ALL, out6 + p8, ByteOrder.LITTLE_ENDIAN);
      te.mul(perGrowth).blend(zero, spot).mul(size).intoMemorySegment(ALL, out7 + p8, ByteOrder.LITTLE_ENDIAN);
      none.intoMemorySegment(ALL, out8 + p8, ByteOrder.LITTLE_ENDIAN);
      none.intoMemorySegment(ALL, out9 + p8, ByteOrder.LITTLE_ENDIAN);
    }
  }

  /**
   * The error for the first bad kind code in rows {@code [block + from, block + to)} of {@code in}
   * ({@code from} and {@code to} relative to the block's first row {@code block}); the row is
   * reported book-wide.
   */
  static IllegalArgumentException badKind(PositionColumns in, int from, int to, int block) {
    for (int i = block + from; i < block + to; i++) {
      int code = in.kind().getAtIndex(PositionColumns.INT, i);
      if (code < 0 || code >= ContractKind.COUNT) {
        return ContractKind.badCode(code, i);
      }
    }
    throw new IllegalStateException("no bad kind in rows " + (block + from) + ".." + (block + to));
  }
}

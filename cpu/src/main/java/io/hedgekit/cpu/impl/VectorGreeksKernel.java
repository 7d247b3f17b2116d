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
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.reference.ReferencePricer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link GreeksKernel} of the {@code cpu} backend: the models of
 * {@link io.hedgekit.kernels.reference.ReferencePricer}, one SIMD lane per position, reading and
 * writing native (Arrow) columns in place.
 *
 * <p>Structure: blocks of {@link #BLOCK} rows, each a series of small loops over per-thread
 * heap arrays (C2 does not inline one loop holding the whole formula, and then boxes vectors).
 * Pass 1 reads the inputs and computes the arguments of the exponentials, log(S/K), d1 and d2;
 * then come the exponentials ({@link VectorMath}), the two normal CDFs ({@link VectorNormal}) and
 * one pass that computes and writes all ten outputs. Blocks of native rows are read and written
 * in place, vector by vector across the columns, by the pass that needs them (pass 1 and the
 * output pass for blocks of options, the linear pass for blocks of futures, perpetuals and
 * spot, one interleaved read and write for mixed blocks), so that all column streams are in
 * flight at once and memory traffic overlaps the arithmetic. Measured (JMH, 4M options, one
 * thread) this beat a bulk copy per column, which waits for each column's memory in turn, by
 * about 15%.
 *
 * <p>Mixed books: the option rows of a block are packed to the front of dense arrays (vector
 * compress), the expensive passes (exp, log, the two normal CDFs) run on options only, and the
 * results are expanded back into their lanes when the block is written; futures, perpetuals and
 * spot take one cheap pass over the block. Without packing a random mixed book ran 30% slower
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
 * reference's. exp and log are {@link VectorMath}'s (same bits in every JIT tier) and the normal
 * CDF is {@link VectorNormal}'s (Cody, as the reference).
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
 * are moved with bulk copies ({@link MemorySegment#copy}), padded with harmless rows, so that
 * vector access sites only ever see native memory (HotSpot profiles a memory-segment access site
 * JVM-wide, and a site that has seen both heap and native segments runs several times slower).
 *
 * <p>Rows are split into fixed chunks of {@link #CHUNK} run on the {@link WorkerPool}; each row's
 * result depends only on that row (not on the thread, the chunk, the block's other kinds or its
 * neighbours in a vector), so any thread count gives bit-identical output.
 */
public final class VectorGreeksKernel implements GreeksKernel {

  /** Rows per unit of parallel work (a multiple of every lane count). */
  public static final int CHUNK = 16_384;
  /** Rows per block of passes (128 and 512 measured slower, in cache and on a 4M book). */
  static final int BLOCK = 256;

  static final VectorSpecies<Integer> INT_SPECIES =
      VectorSpecies.of(int.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));
  private static final int LANES = SPECIES.length();
  /** Kinds whose bit is set here are puts (codes 1, 3) and coin-settled (codes 2, 3, 5, 7). */
  private static final int PUT_BITS = 0b1010;
  private static final int INVERSE_BITS = 0b1010_1100;
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

  /** Each thread's block buffers, reused across calls (about 100 KB per thread). */
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
   * and the other columns unless pass 1 reads them in place), {@link Block#pack} for blocks that
   * mix kinds, {@link #optionArguments}, the exponentials, {@link #halfSquareExponentials}, the
   * CDFs, {@link #optionOutputs}, {@link #limitCases} when a lane needs them, {@link #linear} for
   * futures, perpetuals and spot, then the block's outputs are written.
   */
  static void rows(PositionColumns in, int from, int to, MemorySegment[] cols, int outFrom) {
    Block bk = BLOCKS.get();
    boolean nativeIn = isNative(in);
    boolean nativeOut = cols.length == GreeksColumns.COUNT;
    for (MemorySegment c : cols) {
      nativeOut &= direct(c) && !c.isReadOnly();
    }
    for (int b = from; b < to; b += BLOCK) {
      int len = Math.min(BLOCK, to - b);
      int padded = (len + LANES - 1) / LANES * LANES;
      int outRow = outFrom + (b - from);
      // Whole vectors of native rows are read and written in place; heap columns and a ragged
      // end go through the block's arrays and bulk copies.
      boolean inPlace = nativeIn && len == padded;
      boolean outPlace = nativeOut && len == padded;
      int options = bk.load(in, b, len, padded, inPlace, inPlace && outPlace);
      boolean allOptions = options == padded;
      if (options > 0) {
        int dense = (options + LANES - 1) / LANES * LANES;
        // Blocks of options read in place are the dense order themselves; every other block with
        // options (mixed kinds, heap columns, a ragged end) is packed into the native staging.
        boolean packed = !(allOptions && inPlace);
        if (packed) {
          bk.pack(padded, options, dense);
        } else {
          bk.useRowsAsDense(in, b);
        }
        boolean limit = optionArguments(bk, dense);
        VectorMath.exp(bk.growth, 0, dense);
        VectorMath.exp(bk.dfR, 0, dense);
        halfSquareExponentials(bk, dense);
        if (bk.nearUnderflow) {
          directSecondExponential(bk, dense);
        }
        VectorNormal.cdf(bk.x, bk.e, bk.n, 0, dense);
        VectorNormal.cdf(bk.x, bk.e, bk.n, BLOCK, BLOCK + dense);
        // Option outputs go straight into the columns when the block is theirs row for row,
        // else into the native staging, from which the block's store expands them.
        boolean direct = !packed && outPlace;
        MemorySegment[] dst = direct ? cols : bk.stagedOut;
        int dstRow = direct ? outRow : 0;
        optionOutputs(bk, dense, dst, dstRow);
        if (limit) {
          limitCases(bk, dense, dst, dstRow);
        }
        if (direct) {
          continue;
        }
      }
      if (options == 0 && inPlace && outPlace) {
        linearInPlace(bk, padded, in, b, cols, outRow);
        continue;
      }
      if (!allOptions) {
        linear(bk, padded);
      }
      if (outPlace) {
        bk.storeInPlace(cols, outRow, padded, options > 0);
      } else {
        if (options > 0) {
          bk.unpack(padded);
        }
        bk.store(cols, outRow, len);
      }
    }
  }

  /**
   * Whether every column the kernel reads besides the kinds (copied in bulk) can be read through
   * {@link #ALL}: native, alive and accessible from this thread (otherwise the bulk-copy path
   * runs and the segment API reports the problem as usual).
   */
  private static boolean isNative(PositionColumns p) {
    return direct(p.spot()) && direct(p.strike()) && direct(p.timeYears()) && direct(p.vol()) && direct(p.rate())
        && direct(p.carry()) && direct(p.size()) && direct(p.entryPrice());
  }

  private static boolean direct(MemorySegment s) {
    return s.isNative() && s.scope().isAlive() && s.isAccessibleBy(Thread.currentThread());
  }


  /**
   * One block's columns and intermediates, reused by the thread. Passes after the first read
   * inputs from heap arrays rather than from the columns: a vector access to a segment carries
   * about twenty scalar instructions of checks that C2 does not hoist out of these loops, where
   * array range checks are hoisted. The exception is the native {@code staging}, which pass 1 and
   * the option output pass reach through {@link #ALL} like the columns themselves, so that one
   * method of each serves every block.
   *
   * <p>Row order: {@code kind .. entry} and {@code out}. Dense order (the block's option rows
   * packed to the front): the {@code o*} inputs, which alias the row-order arrays when the block
   * holds only options, the intermediates, and the staged option outputs. x, e and n hold the d1
   * terms, then from index BLOCK the d2 terms.
   */
  private static final class Block {
    private static final int DENSE = BLOCK + LANES; // a packed vector may be stored at BLOCK − 1
    final int[] kind = new int[BLOCK];
    final double[] spot = new double[BLOCK];
    final double[] strike = new double[BLOCK];
    final double[] time = new double[BLOCK];
    final double[] vol = new double[BLOCK];
    final double[] rate = new double[BLOCK];
    final double[] carry = new double[BLOCK];
    final double[] size = new double[BLOCK];
    final double[] entry = new double[BLOCK];
    final double[][] out = new double[GreeksColumns.COUNT][BLOCK];
    // Packed option rows (blocks not read in place): kinds, then the inputs pass 1 keeps on the heap.
    final int[] pKind = new int[DENSE];
    final double[] pSpot = new double[DENSE];
    final double[] pStrike = new double[DENSE];
    final double[] pTime = new double[DENSE];
    final double[] pVol = new double[DENSE];
    final double[] pRate = new double[DENSE];
    final double[] pCarry = new double[DENSE];
    final double[] pSize = new double[DENSE];
    /**
     * Native staging, owned by the thread's block and freed with it: the packed inputs pass 1
     * reads (columns {@link #TIME} .. {@link #SIZE}, DENSE rows each), then the ten outputs of
     * {@link #optionOutputs} for blocks that are not written in place. Pass 1 and the output pass
     * thus read and write native memory only, whichever block they serve.
     */
    private final MemorySegment staging =
        Arena.ofAuto().allocate(8L * DENSE * (SOURCES + GreeksColumns.COUNT), 64);
    final MemorySegment[] stagedOut = new MemorySegment[GreeksColumns.COUNT];
    /** Addresses of pass 1's inputs at the block's first dense row, indexed {@link #TIME} .. {@link #SIZE}. */
    final long[] src = new long[SOURCES];
    // The option inputs and outputs in dense order (the row arrays or the packed ones).
    int[] oKind;
    double[] oSpot;
    double[] oStrike;
    double[] oTime;
    double[] oVol;
    double[] oRate;
    double[] oCarry;
    double[] oSize;
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

    /** Pass 1's inputs: indices into {@link #src} and staging columns. */
    static final int SOURCES = 7;
    static final int TIME = 0;
    static final int RATE = 1;
    static final int CARRY = 2;
    static final int SPOT = 3;
    static final int VOL = 4;
    static final int STRIKE = 5;
    static final int SIZE = 6;

    Block() {
      for (int c = 0; c < GreeksColumns.COUNT; c++) {
        stagedOut[c] = staging.asSlice(8L * DENSE * (SOURCES + c), 8L * DENSE);
      }
    }

    private long stagedIn(int column) {
      return staging.address() + 8L * DENSE * column;
    }

    private long stagedOutAddress(int column) {
      return stagedIn(SOURCES + column);
    }
    final double[] growthLinear = new double[BLOCK]; // row order, for futures, perpetuals and spot

    /**
     * Copies the kinds of block rows {@code [b, b + len)} of {@code in}, checks them and returns
     * the number of option rows. Unless {@code inPlace} (native columns, whole vectors) also
     * copies the other columns the block's kinds need, padded to {@code padded} rows with spot
     * rows of size 0. In place, blocks of options (and blocks of other kinds when
     * {@code linearInPlace}) are read by their first pass, other blocks by {@link #copyInterleaved}.
     */
    int load(PositionColumns in, int b, int len, int padded, boolean inPlace, boolean linearInPlace) {
      MemorySegment.copy(in.kind(), PositionColumns.INT, 4L * b, kind, 0, len);
      for (int i = len; i < padded; i++) {
        kind[i] = ContractKind.SPOT.code();
      }
      int options = 0;
      for (int j = 0; j < padded; j += LANES) {
        IntVector k = IntVector.fromArray(INT_SPECIES, kind, j);
        if (k.compare(LT, 0).or(k.compare(GE, ContractKind.COUNT)).anyTrue()) {
          throw badKind(in, j, Math.min(j + LANES, len), b);
        }
        options += k.compare(LT, 4).trueCount();
      }
      if (inPlace) {
        // Blocks of options, and of linear kinds written in place, are read by their first pass.
        if (options < padded && !(options == 0 && linearInPlace)) {
          copyInterleaved(in, b, padded, options > 0);
        }
        return options;
      }
      long o8 = 8L * b;
      copy(in.spot(), o8, spot, len, padded, 1.0);
      copy(in.timeYears(), o8, time, len, padded, 0.0);
      copy(in.rate(), o8, rate, len, padded, 0.0);
      copy(in.carry(), o8, carry, len, padded, 0.0);
      copy(in.size(), o8, size, len, padded, 0.0);
      if (options > 0) {
        copy(in.strike(), o8, strike, len, padded, 1.0);
        copy(in.vol(), o8, vol, len, padded, 0.0);
      }
      if (options < padded) {
        copy(in.entryPrice(), o8, entry, len, padded, 1.0);
      }
      return options;
    }

    /**
     * Reads the block's native columns vector by vector across the columns (strike and vol only
     * if it holds options): one pass that keeps all the column streams in flight at once, where
     * a bulk copy per column would wait for each column's memory in turn.
     */
    private void copyInterleaved(PositionColumns in, int b, int rows, boolean options) {
      long spotCol = in.spot().address();
      long strikeCol = in.strike().address();
      long timeCol = in.timeYears().address();
      long volCol = in.vol().address();
      long rateCol = in.rate().address();
      long carryCol = in.carry().address();
      long sizeCol = in.size().address();
      long entryCol = in.entryPrice().address();
      for (int j = 0; j < rows; j += LANES) {
        long o8 = 8L * (b + j);
        DoubleVector.fromMemorySegment(SPECIES, ALL, spotCol + o8, ByteOrder.LITTLE_ENDIAN).intoArray(spot, j);
        DoubleVector.fromMemorySegment(SPECIES, ALL, timeCol + o8, ByteOrder.LITTLE_ENDIAN).intoArray(time, j);
        DoubleVector.fromMemorySegment(SPECIES, ALL, rateCol + o8, ByteOrder.LITTLE_ENDIAN).intoArray(rate, j);
        DoubleVector.fromMemorySegment(SPECIES, ALL, carryCol + o8, ByteOrder.LITTLE_ENDIAN).intoArray(carry, j);
        DoubleVector.fromMemorySegment(SPECIES, ALL, sizeCol + o8, ByteOrder.LITTLE_ENDIAN).intoArray(size, j);
        DoubleVector.fromMemorySegment(SPECIES, ALL, entryCol + o8, ByteOrder.LITTLE_ENDIAN).intoArray(entry, j);
        if (options) {
          DoubleVector.fromMemorySegment(SPECIES, ALL, strikeCol + o8, ByteOrder.LITTLE_ENDIAN).intoArray(strike, j);
          DoubleVector.fromMemorySegment(SPECIES, ALL, volCol + o8, ByteOrder.LITTLE_ENDIAN).intoArray(vol, j);
        }
      }
    }

    private static void copy(MemorySegment col, long offset, double[] to, int len, int padded, double pad) {
      MemorySegment.copy(col, PositionColumns.DOUBLE, offset, to, 0, len);
      for (int i = len; i < padded; i++) {
        to[i] = pad;
      }
    }

    /**
     * Every row is an option, read in place from the native columns of {@code in} from row
     * {@code firstRow}: the dense order is the row order.
     */
    void useRowsAsDense(PositionColumns in, int firstRow) {
      long o8 = 8L * firstRow;
      src[TIME] = in.timeYears().address() + o8;
      src[RATE] = in.rate().address() + o8;
      src[CARRY] = in.carry().address() + o8;
      src[SPOT] = in.spot().address() + o8;
      src[VOL] = in.vol().address() + o8;
      src[STRIKE] = in.strike().address() + o8;
      src[SIZE] = in.size().address() + o8;
      oKind = kind;
      oSpot = spot;
      oStrike = strike;
      oTime = time;
      oVol = vol;
      oRate = rate;
      oCarry = carry;
      oSize = size;
    }

    /**
     * Packs the option rows to the front of the native staging (vector compress), pads them to
     * {@code dense} with at-the-money calls of size 0, and makes the staging pass 1's source.
     */
    void pack(int rows, int options, int dense) {
      long timeIn = stagedIn(TIME);
      long rateIn = stagedIn(RATE);
      long carryIn = stagedIn(CARRY);
      long spotIn = stagedIn(SPOT);
      long volIn = stagedIn(VOL);
      long strikeIn = stagedIn(STRIKE);
      long sizeIn = stagedIn(SIZE);
      int d = 0;
      for (int j = 0; j < rows; j += LANES) {
        IntVector k = IntVector.fromArray(INT_SPECIES, kind, j);
        VectorMask<Integer> optI = k.compare(LT, 4);
        if (!optI.anyTrue()) {
          continue;
        }
        VectorMask<Double> opt = optI.cast(SPECIES);
        long d8 = 8L * d;
        k.compress(optI).intoArray(pKind, d);
        DoubleVector.fromArray(SPECIES, time, j).compress(opt).intoMemorySegment(ALL, timeIn + d8, ByteOrder.LITTLE_ENDIAN);
        DoubleVector.fromArray(SPECIES, rate, j).compress(opt).intoMemorySegment(ALL, rateIn + d8, ByteOrder.LITTLE_ENDIAN);
        DoubleVector.fromArray(SPECIES, carry, j).compress(opt).intoMemorySegment(ALL, carryIn + d8, ByteOrder.LITTLE_ENDIAN);
        DoubleVector.fromArray(SPECIES, spot, j).compress(opt).intoMemorySegment(ALL, spotIn + d8, ByteOrder.LITTLE_ENDIAN);
        DoubleVector.fromArray(SPECIES, vol, j).compress(opt).intoMemorySegment(ALL, volIn + d8, ByteOrder.LITTLE_ENDIAN);
        DoubleVector.fromArray(SPECIES, strike, j).compress(opt).intoMemorySegment(ALL, strikeIn + d8, ByteOrder.LITTLE_ENDIAN);
        DoubleVector.fromArray(SPECIES, size, j).compress(opt).intoMemorySegment(ALL, sizeIn + d8, ByteOrder.LITTLE_ENDIAN);
        d += optI.trueCount();
      }
      // Lanes past the last option: a plain at-the-money call of size 0 (no special paths).
      for (int i = options; i < dense; i++) {
        long i8 = 8L * i;
        pKind[i] = 0;
        ALL.set(PositionColumns.DOUBLE, timeIn + i8, 1.0);
        ALL.set(PositionColumns.DOUBLE, rateIn + i8, 0.0);
        ALL.set(PositionColumns.DOUBLE, carryIn + i8, 0.0);
        ALL.set(PositionColumns.DOUBLE, spotIn + i8, 1.0);
        ALL.set(PositionColumns.DOUBLE, volIn + i8, 0.5);
        ALL.set(PositionColumns.DOUBLE, strikeIn + i8, 1.0);
        ALL.set(PositionColumns.DOUBLE, sizeIn + i8, 0.0);
      }
      src[TIME] = timeIn;
      src[RATE] = rateIn;
      src[CARRY] = carryIn;
      src[SPOT] = spotIn;
      src[VOL] = volIn;
      src[STRIKE] = strikeIn;
      src[SIZE] = sizeIn;
      oKind = pKind;
      oSpot = pSpot;
      oStrike = pStrike;
      oTime = pTime;
      oVol = pVol;
      oRate = pRate;
      oCarry = pCarry;
      oSize = pSize;
    }


    /** Expands the staged option outputs into the option lanes of {@code out}. */
    void unpack(int rows) {
      int d = 0;
      for (int j = 0; j < rows; j += LANES) {
        VectorMask<Integer> optI = IntVector.fromArray(INT_SPECIES, kind, j).compare(LT, 4);
        if (!optI.anyTrue()) {
          continue;
        }
        VectorMask<Double> opt = optI.cast(SPECIES);
        for (int c = 0; c < GreeksColumns.COUNT; c++) {
          double[] oc = out[c];
          DoubleVector staged = DoubleVector.fromMemorySegment(SPECIES, ALL, stagedOutAddress(c) + 8L * d, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, oc, j).blend(staged.expand(opt), opt).intoArray(oc, j);
        }
        d += optI.trueCount();
      }
    }

    /** Copies the first {@code len} rows of the output columns {@code cols} asks for into rows {@code row ..}. */
    void store(MemorySegment[] cols, int row, int len) {
      for (int c = 0; c < cols.length; c++) {
        MemorySegment.copy(out[c], 0, cols[c], PositionColumns.DOUBLE, 8L * row, len);
      }
    }

    /**
     * Writes the block's {@code rows} rows (whole vectors) of all ten outputs into rows
     * {@code row ..} of the native {@code cols}, vector by vector across the columns, with the
     * dense option outputs expanded into their lanes when {@code packed}. Written out column by
     * column: a loop over the columns would make one access site see ten segments, and C2 then
     * re-checks each one at every store.
     */
    void storeInPlace(MemorySegment[] cols, int row, int rows, boolean packed) {
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
      double[] out0 = out[0];
      double[] out1 = out[1];
      double[] out2 = out[2];
      double[] out3 = out[3];
      double[] out4 = out[4];
      double[] out5 = out[5];
      double[] out6 = out[6];
      double[] out7 = out[7];
      double[] out8 = out[8];
      double[] out9 = out[9];
      long p0 = stagedOutAddress(0);
      long p1 = stagedOutAddress(1);
      long p2 = stagedOutAddress(2);
      long p3 = stagedOutAddress(3);
      long p4 = stagedOutAddress(4);
      long p5 = stagedOutAddress(5);
      long p6 = stagedOutAddress(6);
      long p7 = stagedOutAddress(7);
      long p8 = stagedOutAddress(8);
      long p9 = stagedOutAddress(9);
      int d = 0;
      for (int j = 0; j < rows; j += LANES) {
        long o8 = 8L * (row + j);
        VectorMask<Integer> optI = IntVector.fromArray(INT_SPECIES, kind, j).compare(LT, 4);
        if (packed && optI.anyTrue()) {
          VectorMask<Double> opt = optI.cast(SPECIES);
          DoubleVector.fromArray(SPECIES, out0, j).blend(DoubleVector.fromMemorySegment(SPECIES, ALL, p0 + 8L * d, ByteOrder.LITTLE_ENDIAN).expand(opt), opt)
              .intoMemorySegment(ALL, col0 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out1, j).blend(DoubleVector.fromMemorySegment(SPECIES, ALL, p1 + 8L * d, ByteOrder.LITTLE_ENDIAN).expand(opt), opt)
              .intoMemorySegment(ALL, col1 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out2, j).blend(DoubleVector.fromMemorySegment(SPECIES, ALL, p2 + 8L * d, ByteOrder.LITTLE_ENDIAN).expand(opt), opt)
              .intoMemorySegment(ALL, col2 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out3, j).blend(DoubleVector.fromMemorySegment(SPECIES, ALL, p3 + 8L * d, ByteOrder.LITTLE_ENDIAN).expand(opt), opt)
              .intoMemorySegment(ALL, col3 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out4, j).blend(DoubleVector.fromMemorySegment(SPECIES, ALL, p4 + 8L * d, ByteOrder.LITTLE_ENDIAN).expand(opt), opt)
              .intoMemorySegment(ALL, col4 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out5, j).blend(DoubleVector.fromMemorySegment(SPECIES, ALL, p5 + 8L * d, ByteOrder.LITTLE_ENDIAN).expand(opt), opt)
              .intoMemorySegment(ALL, col5 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out6, j).blend(DoubleVector.fromMemorySegment(SPECIES, ALL, p6 + 8L * d, ByteOrder.LITTLE_ENDIAN).expand(opt), opt)
              .intoMemorySegment(ALL, col6 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out7, j).blend(DoubleVector.fromMemorySegment(SPECIES, ALL, p7 + 8L * d, ByteOrder.LITTLE_ENDIAN).expand(opt), opt)
              .intoMemorySegment(ALL, col7 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out8, j).blend(DoubleVector.fromMemorySegment(SPECIES, ALL, p8 + 8L * d, ByteOrder.LITTLE_ENDIAN).expand(opt), opt)
              .intoMemorySegment(ALL, col8 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out9, j).blend(DoubleVector.fromMemorySegment(SPECIES, ALL, p9 + 8L * d, ByteOrder.LITTLE_ENDIAN).expand(opt), opt)
              .intoMemorySegment(ALL, col9 + o8, ByteOrder.LITTLE_ENDIAN);
          d += optI.trueCount();
        } else {
          DoubleVector.fromArray(SPECIES, out0, j).intoMemorySegment(ALL, col0 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out1, j).intoMemorySegment(ALL, col1 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out2, j).intoMemorySegment(ALL, col2 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out3, j).intoMemorySegment(ALL, col3 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out4, j).intoMemorySegment(ALL, col4 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out5, j).intoMemorySegment(ALL, col5 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out6, j).intoMemorySegment(ALL, col6 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out7, j).intoMemorySegment(ALL, col7 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out8, j).intoMemorySegment(ALL, col8 + o8, ByteOrder.LITTLE_ENDIAN);
          DoubleVector.fromArray(SPECIES, out9, j).intoMemorySegment(ALL, col9 + o8, ByteOrder.LITTLE_ENDIAN);
        }
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
    long[] src = bk.src;
    long spotCol = src[Block.SPOT];
    long strikeCol = src[Block.STRIKE];
    long timeCol = src[Block.TIME];
    long volCol = src[Block.VOL];
    long rateCol = src[Block.RATE];
    long carryCol = src[Block.CARRY];
    long sizeCol = src[Block.SIZE];
    double[] sizeArr = bk.oSize;
    double[] spotArr = bk.oSpot;
    double[] strikeArr = bk.oStrike;
    double[] timeArr = bk.oTime;
    double[] volArr = bk.oVol;
    double[] rateArr = bk.oRate;
    double[] carryArr = bk.oCarry;
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
      // The inputs the output pass needs again, kept on the heap (kind was copied by Block.load).
      t.intoArray(timeArr, j);
      r.intoArray(rateArr, j);
      q.intoArray(carryArr, j);
      s.intoArray(spotArr, j);
      vol.intoArray(volArr, j);
      strike.intoArray(strikeArr, j);
      DoubleVector.fromMemorySegment(SPECIES, ALL, sizeCol + o8, ByteOrder.LITTLE_ENDIAN).intoArray(sizeArr, j);
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
      VectorMask<Double> put = IntVector.broadcast(INT_SPECIES, PUT_BITS)
          .lanewise(LSHR, IntVector.fromArray(INT_SPECIES, kindArr, j)).and(1).compare(NE, 0).cast(SPECIES);
      d1.blend(d1.neg(), put).intoArray(xArr, j);
      d2.blend(d2.neg(), put).intoArray(xArr, BLOCK + j);
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
    double[] xArr = bk.x;
    double[] eArr = bk.e;
    double[] nArr = bk.n;
    double[] growthArr = bk.growth;
    double[] dfRArr = bk.dfR;
    double[] sqrtTArr = bk.sqrtT;
    double[] sdArr = bk.sd;
    double[] invArr = bk.inv;
    int[] kindArr = bk.oKind;
    double[] spotArr = bk.oSpot;
    double[] strikeArr = bk.oStrike;
    double[] timeArr = bk.oTime;
    double[] volArr = bk.oVol;
    double[] rateArr = bk.oRate;
    double[] carryArr = bk.oCarry;
    double[] sizeArr = bk.oSize;
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    for (int j = 0; j < options; j += LANES) {
      IntVector kind = IntVector.fromArray(INT_SPECIES, kindArr, j);
      VectorMask<Double> put = IntVector.broadcast(INT_SPECIES, PUT_BITS).lanewise(LSHR, kind).and(1).compare(NE, 0)
          .cast(SPECIES);
      VectorMask<Double> inverse = IntVector.broadcast(INT_SPECIES, INVERSE_BITS).lanewise(LSHR, kind).and(1)
          .compare(NE, 0).cast(SPECIES);
      DoubleVector phi = one.blend(-1.0, put);
      DoubleVector dfR = DoubleVector.fromArray(SPECIES, dfRArr, j);
      DoubleVector dfQ = dfR.mul(DoubleVector.fromArray(SPECIES, growthArr, j)); // e^{−rT}·e^{(r−q)T}
      DoubleVector n1 = DoubleVector.fromArray(SPECIES, nArr, j);
      DoubleVector n2 = DoubleVector.fromArray(SPECIES, nArr, BLOCK + j);
      DoubleVector inv = DoubleVector.fromArray(SPECIES, invArr, j);
      DoubleVector s = DoubleVector.fromArray(SPECIES, spotArr, j);
      DoubleVector k = DoubleVector.fromArray(SPECIES, strikeArr, j);
      DoubleVector size = DoubleVector.fromArray(SPECIES, sizeArr, j);
      DoubleVector phiSize = size.mul(phi);
      DoubleVector sDfQ = s.mul(dfQ);
      DoubleVector a1 = sDfQ.mul(n1);
      DoubleVector a2 = k.mul(dfR).mul(n2);
      DoubleVector value = a1.sub(a2).mul(phiSize);
      value.intoMemorySegment(ALL, out0 + base + 8L * j, ByteOrder.LITTLE_ENDIAN);
      // Inverse options: coin value = value/S and the premium-adjusted delta; linear options: NaN.
      DoubleVector invSpot = DoubleVector.fromArray(SPECIES, sdArr, j).mul(inv);
      DoubleVector coin = value.mul(invSpot).blend(Double.NaN, inverse.not());
      DoubleVector delta = dfQ.mul(n1).mul(phiSize);
      coin.intoMemorySegment(ALL, out1 + base + 8L * j, ByteOrder.LITTLE_ENDIAN);
      delta.intoMemorySegment(ALL, out2 + base + 8L * j, ByteOrder.LITTLE_ENDIAN);
      delta.blend(delta.sub(coin), inverse).intoMemorySegment(ALL, out3 + base + 8L * j, ByteOrder.LITTLE_ENDIAN);
      DoubleVector sqrtT = DoubleVector.fromArray(SPECIES, sqrtTArr, j);
      DoubleVector rSd = s.mul(inv); // 1/(σ√T)
      DoubleVector d1 = DoubleVector.fromArray(SPECIES, xArr, j).mul(phi);
      DoubleVector d2 = DoubleVector.fromArray(SPECIES, xArr, BLOCK + j).mul(phi);
      DoubleVector pdf = DoubleVector.fromArray(SPECIES, eArr, j).mul(ONE_OVER_SQRT_2PI);
      DoubleVector vol = DoubleVector.fromArray(SPECIES, volArr, j);
      DoubleVector spotPdf = sDfQ.mul(pdf);
      DoubleVector dfQPdf = dfQ.mul(pdf);
      DoubleVector rVol = sqrtT.mul(rSd); // 1/σ
      DoubleVector vega = spotPdf.mul(sqrtT);
      DoubleVector decay = spotPdf.mul(vol).mul(vol.mul(rSd)).mul(-0.5); // −S e^{−qT} φ(d1) σ/(2√T)
      DoubleVector q = DoubleVector.fromArray(SPECIES, carryArr, j);
      DoubleVector r = DoubleVector.fromArray(SPECIES, rateArr, j);
      DoubleVector t = DoubleVector.fromArray(SPECIES, timeArr, j);
      dfQPdf.mul(inv).mul(size).intoMemorySegment(ALL, out4 + base + 8L * j, ByteOrder.LITTLE_ENDIAN);
      vega.mul(size).intoMemorySegment(ALL, out5 + base + 8L * j, ByteOrder.LITTLE_ENDIAN);
      q.mul(a1).sub(r.mul(a2)).mul(phiSize).add(decay.mul(size))
          .intoMemorySegment(ALL, out6 + base + 8L * j, ByteOrder.LITTLE_ENDIAN);
      a2.mul(t).mul(phiSize).intoMemorySegment(ALL, out7 + base + 8L * j, ByteOrder.LITTLE_ENDIAN);
      dfQPdf.mul(d2).mul(rVol).neg().mul(size).intoMemorySegment(ALL, out8 + base + 8L * j, ByteOrder.LITTLE_ENDIAN);
      vega.mul(d1).mul(d2).mul(rVol).mul(size).intoMemorySegment(ALL, out9 + base + 8L * j, ByteOrder.LITTLE_ENDIAN);
    }
  }

  /**
   * Pass 6: the reference's limit branches for option rows, written over pass 5's outputs in
   * {@code cols} from row {@code row} (masked stores, only where a lane takes a branch):
   * expired options (intrinsic value at spot, delta a step whose value at the strike is 1/2) and
   * zero variance (the discounted intrinsic value of the forward, or nothing).
   */
  private static void limitCases(Block bk, int options, MemorySegment[] cols, int row) {
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
    double[] spotArr = bk.oSpot;
    double[] strikeArr = bk.oStrike;
    double[] timeArr = bk.oTime;
    double[] volArr = bk.oVol;
    double[] rateArr = bk.oRate;
    double[] carryArr = bk.oCarry;
    double[] sizeArr = bk.oSize;
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    DoubleVector zero = DoubleVector.zero(SPECIES);
    for (int j = 0; j < options; j += LANES) {
      DoubleVector t = DoubleVector.fromArray(SPECIES, timeArr, j);
      DoubleVector sd = DoubleVector.fromArray(SPECIES, volArr, j).mul(DoubleVector.fromArray(SPECIES, sqrtTArr, j));
      VectorMask<Double> special = t.compare(LE, 0.0).or(sd.compare(LT, ReferencePricer.MIN_STDDEV));
      if (!special.anyTrue()) {
        continue;
      }
      VectorMask<Double> expired = t.compare(LE, 0.0).and(special);
      IntVector kind = IntVector.fromArray(INT_SPECIES, kindArr, j);
      DoubleVector phi = one.blend(-1.0, IntVector.broadcast(INT_SPECIES, PUT_BITS).lanewise(LSHR, kind).and(1)
          .compare(NE, 0).cast(SPECIES));
      VectorMask<Double> inverse = IntVector.broadcast(INT_SPECIES, INVERSE_BITS).lanewise(LSHR, kind).and(1)
          .compare(NE, 0).cast(SPECIES);
      DoubleVector s = DoubleVector.fromArray(SPECIES, spotArr, j);
      DoubleVector k = DoubleVector.fromArray(SPECIES, strikeArr, j);
      DoubleVector r = DoubleVector.fromArray(SPECIES, rateArr, j);
      DoubleVector q = DoubleVector.fromArray(SPECIES, carryArr, j);
      DoubleVector size = DoubleVector.fromArray(SPECIES, sizeArr, j);
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
      long o8 = base + 8L * j;
      value.intoMemorySegment(ALL, out0 + o8, ByteOrder.LITTLE_ENDIAN, special);
      coin.intoMemorySegment(ALL, out1 + o8, ByteOrder.LITTLE_ENDIAN, special);
      delta.intoMemorySegment(ALL, out2 + o8, ByteOrder.LITTLE_ENDIAN, special);
      delta.blend(delta.sub(coin), inverse).intoMemorySegment(ALL, out3 + o8, ByteOrder.LITTLE_ENDIAN, special);
      zero.intoMemorySegment(ALL, out4 + o8, ByteOrder.LITTLE_ENDIAN, special);
      zero.intoMemorySegment(ALL, out5 + o8, ByteOrder.LITTLE_ENDIAN, special);
      theta.blend(zero, expired).mul(size).intoMemorySegment(ALL, out6 + o8, ByteOrder.LITTLE_ENDIAN, special);
      rho.blend(zero, expired).mul(size).intoMemorySegment(ALL, out7 + o8, ByteOrder.LITTLE_ENDIAN, special);
      zero.intoMemorySegment(ALL, out8 + o8, ByteOrder.LITTLE_ENDIAN, special);
      zero.intoMemorySegment(ALL, out9 + o8, ByteOrder.LITTLE_ENDIAN, special);
    }
  }

  /**
   * Pass 7 (row order, every lane; option lanes are replaced when the block is written): futures and perpetuals
   * (value F − entry when linear, S/entry − 1/growth when inverse, with F = S for perpetuals) and
   * spot (value S).
   */
  private static void linear(Block bk, int rows) {
    double[][] out = bk.out;
    double[] out0 = out[0];
    double[] out1 = out[1];
    double[] out2 = out[2];
    double[] out3 = out[3];
    double[] out4 = out[4];
    double[] out5 = out[5];
    double[] out6 = out[6];
    double[] out7 = out[7];
    double[] out8 = out[8];
    double[] out9 = out[9];
    double[] growthArr = bk.growthLinear;
    int[] kindArr = bk.kind;
    double[] spotArr = bk.spot;
    double[] timeArr = bk.time;
    double[] rateArr = bk.rate;
    double[] carryArr = bk.carry;
    double[] sizeArr = bk.size;
    double[] entryArr = bk.entry;
    for (int j = 0; j < rows; j += LANES) {
      IntVector kind = IntVector.fromArray(INT_SPECIES, kindArr, j);
      DoubleVector t = DoubleVector.fromArray(SPECIES, timeArr, j);
      DoubleVector rq = DoubleVector.fromArray(SPECIES, rateArr, j).sub(DoubleVector.fromArray(SPECIES, carryArr, j));
      // Perpetuals and spot (codes ≥ 6) are priced at t = 0, futures at max(t, 0).
      DoubleVector te = t.max(0.0).blend(0.0, kind.compare(GE, 6).cast(SPECIES));
      rq.mul(te).intoArray(growthArr, j);
    }
    VectorMath.exp(growthArr, 0, rows);
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    DoubleVector zero = DoubleVector.zero(SPECIES);
    for (int j = 0; j < rows; j += LANES) {
      IntVector kind = IntVector.fromArray(INT_SPECIES, kindArr, j);
      VectorMask<Double> inverse = IntVector.broadcast(INT_SPECIES, INVERSE_BITS).lanewise(LSHR, kind).and(1)
          .compare(NE, 0).cast(SPECIES);
      VectorMask<Double> spot = kind.compare(EQ, ContractKind.SPOT.code()).cast(SPECIES);
      DoubleVector s = DoubleVector.fromArray(SPECIES, spotArr, j);
      DoubleVector entry = DoubleVector.fromArray(SPECIES, entryArr, j);
      DoubleVector size = DoubleVector.fromArray(SPECIES, sizeArr, j);
      DoubleVector growth = DoubleVector.fromArray(SPECIES, growthArr, j);
      DoubleVector fwd = s.mul(growth);
      DoubleVector r2 = one.div(entry.mul(fwd)); // one division gives 1/entry, 1/F and 1/growth
      DoubleVector invEntry = fwd.mul(r2);
      DoubleVector invFwd = entry.mul(r2);
      DoubleVector invGrowth = s.mul(invFwd);
      DoubleVector value = fwd.sub(entry).blend(s.mul(invEntry).sub(invGrowth), inverse).blend(s, spot).mul(size);
      value.intoArray(out0, j);
      DoubleVector t = DoubleVector.fromArray(SPECIES, timeArr, j);
      DoubleVector rq = DoubleVector.fromArray(SPECIES, rateArr, j).sub(DoubleVector.fromArray(SPECIES, carryArr, j));
      VectorMask<Double> timeless = kind.compare(GE, 6).cast(SPECIES);
      DoubleVector te = t.max(0.0).blend(0.0, timeless);
      DoubleVector delta = growth.blend(invEntry, inverse).blend(one, spot).mul(size);
      // Only a live dated future's forward decays towards spot: perpetuals, spot and expired
      // futures have theta 0; rho = te·F (or te/growth) is 0 for them as te = 0.
      DoubleVector perGrowth = fwd.blend(invGrowth, inverse);
      DoubleVector theta = rq.neg().mul(perGrowth).blend(zero, t.compare(GT, 0.0).not().or(timeless));
      DoubleVector coin = invEntry.sub(invFwd).mul(size).blend(Double.NaN, inverse.not());
      coin.intoArray(out1, j);
      delta.intoArray(out2, j);
      delta.intoArray(out3, j);
      zero.intoArray(out4, j);
      zero.intoArray(out5, j);
      theta.mul(size).intoArray(out6, j);
      te.mul(perGrowth).blend(zero, spot).mul(size).intoArray(out7, j);
      zero.intoArray(out8, j);
      zero.intoArray(out9, j);
    }
  }

  /**
   * {@link #linear} for a block of futures, perpetuals and spot read from and written to native
   * columns in place (the linear twin of the in-place option passes).
   */
  private static void linearInPlace(Block bk, int rows, PositionColumns in, int firstRow, MemorySegment[] cols,
      int row) {
    long spotCol = in.spot().address();
    long timeCol = in.timeYears().address();
    long rateCol = in.rate().address();
    long carryCol = in.carry().address();
    long sizeCol = in.size().address();
    long entryCol = in.entryPrice().address();
    long inBase = 8L * firstRow;
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
      long o8 = inBase + 8L * j;
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
      long o8 = inBase + 8L * j;
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
      DoubleVector t = DoubleVector.fromArray(SPECIES, timeArr, j);
      DoubleVector rq = DoubleVector.fromArray(SPECIES, rateArr, j).sub(DoubleVector.fromArray(SPECIES, carryArr, j));
      VectorMask<Double> timeless = kind.compare(GE, 6).cast(SPECIES);
      DoubleVector te = t.max(0.0).blend(0.0, timeless);
      DoubleVector delta = growth.blend(invEntry, inverse).blend(one, spot).mul(size);
      // Only a live dated future's forward decays towards spot: perpetuals, spot and expired
      // futures have theta 0; rho = te·F (or te/growth) is 0 for them as te = 0.
      DoubleVector perGrowth = fwd.blend(invGrowth, inverse);
      DoubleVector theta = rq.neg().mul(perGrowth).blend(zero, t.compare(GT, 0.0).not().or(timeless));
      DoubleVector coin = invEntry.sub(invFwd).mul(size).blend(Double.NaN, inverse.not());
      coin.intoMemorySegment(ALL, out1 + p8, ByteOrder.LITTLE_ENDIAN);
      delta.intoMemorySegment(ALL, out2 + p8, ByteOrder.LITTLE_ENDIAN);
      delta.intoMemorySegment(ALL, out3 + p8, ByteOrder.LITTLE_ENDIAN);
      zero.intoMemorySegment(ALL, out4 + p8, ByteOrder.LITTLE_ENDIAN);
      zero.intoMemorySegment(ALL, out5 + p8, ByteOrder.LITTLE_ENDIAN);
      theta.mul(size).intoMemorySegment(ALL, out6 + p8, ByteOrder.LITTLE_ENDIAN);
      te.mul(perGrowth).blend(zero, spot).mul(size).intoMemorySegment(ALL, out7 + p8, ByteOrder.LITTLE_ENDIAN);
      zero.intoMemorySegment(ALL, out8 + p8, ByteOrder.LITTLE_ENDIAN);
      zero.intoMemorySegment(ALL, out9 + p8, ByteOrder.LITTLE_ENDIAN);
    }
  }

  /** The error for the first bad kind code in block rows {@code [from, to)}; rows are reported book-wide. */
  private static IllegalArgumentException badKind(PositionColumns in, int from, int to, int firstRow) {
    for (int i = from; i < to; i++) {
      int code = in.kind().getAtIndex(PositionColumns.INT, i);
      if (code < 0 || code >= ContractKind.COUNT) {
        return new IllegalArgumentException("contract kind code must be 0.." + (ContractKind.COUNT - 1)
            + ", was " + code + " (row " + (firstRow + i) + ")");
      }
    }
    throw new IllegalStateException("no bad kind in rows " + from + ".." + to);
  }
}

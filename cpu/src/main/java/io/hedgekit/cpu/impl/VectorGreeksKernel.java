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
 * <p>Mixed books: options are sorted into a homogeneous run within each block of {@link #BLOCK}
 * rows, not handled by masks alone. The first pass packs the block's option rows to the front of
 * a dense scratch (vector compress), the expensive passes (exp, log, the two normal CDFs) run on
 * options only, and the output passes expand the results back into row order and write them
 * with stores masked to the option lanes; futures, perpetuals and spot take one cheap masked
 * pass. Measured on 4M positions (bench/RESULTS-cpu.md): masks alone ran a random mixed book 30%
 * slower than the same rows sorted by kind, because every vector evaluated the option formulas
 * for its five-ninths non-option lanes; packing recovers that without the caller sorting anything
 * and costs nothing on an options-only book. Expired options and options with σ√T below
 * {@link ReferencePricer#MIN_STDDEV} take the reference's limit branches, lane by lane.
 *
 * <p>Arithmetic follows the reference formula by formula, with exact rewrites that save
 * transcendental functions and divisions: {@code e^{−qT} = e^{−rT}·e^{(r−q)T}} (one exponential
 * serves options and futures), {@code φ(d2) = φ(d1)·(S/K)·e^{(r−q)T}} (no exponential for the
 * second CDF; lanes with |d1| > 37, where φ(d1) nears underflow, evaluate φ(d2) directly),
 * {@code e^{−d1²/2}} from d1² held as a double-double (one exponential where the reference splits
 * it in two, with the same tail accuracy), and one reciprocal of S·σ√T from which 1/(σ√T), 1/√T,
 * 1/σ and 1/S follow by multiplication. {@code S/K} is a true division so that {@code log(S/K)}
 * is exactly the reference's. exp and log are {@link VectorMath}'s (same bits in every JIT tier)
 * and the normal CDF is {@link VectorNormal}'s (Cody, as the reference).
 *
 * <p>Accuracy (VectorGreeksKernelTest, on {@code SyntheticBooks.mixed} and
 * {@code SyntheticBooks.edgeCases} at 1..4099 rows and on a grid of deep ITM/OTM strikes, T from
 * one minute to five years, vol 0.05..5, zero and negative rates and carry): every output is
 * within 1e-12 relative of the reference, or within 1e-12 × spot × |size| absolute
 * ({@link io.hedgekit.kernels.check.GreeksComparison}); the worst error found is below 0.2% of
 * that allowance.
 *
 * <p>Memory: the vector loads and stores only ever see native memory, because HotSpot profiles a
 * memory-segment access site JVM-wide and a site that has seen both heap and native segments
 * runs several times slower for everyone. Native columns are read and written in place; heap
 * columns (tests, small hedge books, {@link GreeksColumns#allocateOnHeap}) and the last rows of a
 * range that do not fill a vector are staged through a native buffer of one block.
 *
 * <p>Rows are split into fixed chunks of {@link #CHUNK} run on the {@link WorkerPool}; each row's
 * result depends only on that row (not on the thread, the chunk or its neighbours in a vector),
 * so any thread count gives bit-identical output.
 */
public final class VectorGreeksKernel implements GreeksKernel {

  /** Rows per unit of parallel work (a multiple of every lane count). */
  public static final int CHUNK = 16_384;
  /** Rows per block of passes; the block's intermediates (16 KB) stay in L1. */
  static final int BLOCK = 256;

  static final VectorSpecies<Integer> INT_SPECIES =
      VectorSpecies.of(int.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));
  private static final int LANES = SPECIES.length();
  private static final ByteOrder LE_ORDER = ByteOrder.LITTLE_ENDIAN;
  /** Kinds whose bit is set here are puts (codes 1, 3) and coin-settled (codes 2, 3, 5, 7). */
  private static final int PUT_BITS = 0b1010;
  private static final int INVERSE_BITS = 0b1010_1100;
  /** Above this |d1|, φ(d1) is within a factor e^19 of underflow; φ(d2) is then computed directly. */
  private static final double IDENTITY_LIMIT = 37.0;
  /** Flags returned by {@link #prepare}: what the block holds. */
  private static final int HAS_OPTION = 1;
  private static final int HAS_LIMIT_CASE = 2;
  private static final int HAS_LINEAR = 4;

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
   * holds one segment. Runs on the calling thread.
   *
   * <p>Works in blocks of {@link #BLOCK} rows and in passes, each its own small loop so that C2
   * inlines all of it and keeps every vector in registers (C2 stops inlining a method's own
   * callees once the method is large, and a vector passed to a method that is not inlined is
   * boxed): {@link #prepare} (packs the option rows; discount factors, 1/(S·σ√T), S/K),
   * {@link #growthDiscountLog}, {@link #arguments} (d1, d2), {@link #halfSquareExponentials}, the
   * normal CDF of both arguments ({@link VectorNormal#cdf}), then the outputs of options
   * ({@link #optionPrices}, {@link #optionGreeks}), of their limit cases ({@link #limitCases})
   * and of futures, perpetuals and spot ({@link #linear}). Output passes write only their own
   * lanes and run only if the block holds such rows.
   */
  static void rows(PositionColumns in, int from, int to, MemorySegment[] cols, int outFrom) {
    boolean nativeIn = isNative(in);
    boolean nativeOut = true;
    for (MemorySegment c : cols) {
      nativeOut &= c.isNative();
    }
    try (BlockStage stage = new BlockStage(BLOCK, cols.length)) {
      Scratch sc = new Scratch();
      for (int b = from; b < to; b += BLOCK) {
        int len = Math.min(BLOCK, to - b);
        int padded = (len + LANES - 1) / LANES * LANES;
        boolean whole = padded == len;
        PositionColumns src = nativeIn && whole ? in.slice(b, len) : stage.load(in, b, len, padded);
        int outRow = outFrom + (b - from);
        boolean direct = nativeOut && whole;
        MemorySegment[] dst = direct ? slices(cols, outRow, len) : stage.outputs();
        int found = prepare(src, padded, sc, b);
        growthDiscountLog(padded, sc, found);
        if ((found & HAS_OPTION) != 0) {
          int options = sc.denseOptions();
          boolean nearUnderflow = arguments(options, sc);
          halfSquareExponentials(options, sc);
          if (nearUnderflow) {
            directSecondExponential(options, sc);
          }
          VectorNormal.cdf(sc.x, sc.e, sc.n, 0, options);
          VectorNormal.cdf(sc.x, sc.e, sc.n, BLOCK, BLOCK + options);
          optionPrices(src, padded, sc, dst);
          if (dst.length > 1) {
            optionGreeks(src, padded, sc, dst);
          }
        }
        if ((found & HAS_LIMIT_CASE) != 0) {
          limitCases(src, padded, sc, dst);
        }
        if ((found & HAS_LINEAR) != 0) {
          linear(src, padded, sc, dst);
        }
        if (!direct) {
          stage.store(cols, outRow, len);
        }
      }
    }
  }

  private static boolean isNative(PositionColumns p) {
    return p.kind().isNative() && p.underlying().isNative() && p.spot().isNative() && p.strike().isNative()
        && p.timeYears().isNative() && p.vol().isNative() && p.rate().isNative() && p.carry().isNative()
        && p.size().isNative() && p.entryPrice().isNative() && p.funding8h().isNative();
  }

  private static MemorySegment[] slices(MemorySegment[] cols, int row, int len) {
    MemorySegment[] s = new MemorySegment[cols.length];
    for (int c = 0; c < cols.length; c++) {
      s[c] = cols[c].asSlice(8L * row, 8L * len);
    }
    return s;
  }

  /**
   * Per-block intermediates. Option quantities are dense: the block's option rows packed in row
   * order (index = rank among the block's options), so that the option passes work on options
   * only; {@code growthLinear} is in block order, for futures, perpetuals and spot. x, e and n
   * hold the d1 terms, then the d2 terms from index BLOCK.
   */
  private static final class Scratch {
    private static final int DENSE = BLOCK + LANES; // a packed vector may be stored at BLOCK − 1
    final double[] x = new double[BLOCK + DENSE]; // φ·d1, φ·d2 (φ = +1 call, −1 put)
    final double[] e = new double[BLOCK + DENSE]; // −hi/2, then exp(−d1²/2), exp(−d2²/2)
    final double[] n = new double[BLOCK + DENSE]; // −lo/2, then N(φ·d1), N(φ·d2)
    final double[] growthLinear = new double[BLOCK]; // (r−q)·T_eff, then e^{(r−q)T_eff}
    final double[] growth = new double[DENSE]; // the same for options
    final double[] dfR = new double[DENSE]; // −r·T, then e^{−rT}
    final double[] sqrtT = new double[DENSE];
    final double[] sd = new double[DENSE]; // σ√T, or 1 in limit cases (keeps reciprocals finite)
    final double[] inv = new double[DENSE]; // 1/(S·sd)
    final double[] rSd = new double[DENSE]; // 1/sd
    final double[] phi = new double[DENSE]; // +1 call, −1 put
    final double[] sk = new double[DENSE]; // S/K
    final double[] logSk = new double[DENSE];
    final double[] rqT = new double[DENSE]; // (r − q)·T
    int options; // option rows in the block

    /** The option count rounded up to whole vectors (the packed lanes past it are zeros). */
    int denseOptions() {
      return (options + LANES - 1) / LANES * LANES;
    }
  }

  /**
   * Pass 1 (arithmetic only): the arguments of e^{(r−q)T} (in row order, for futures) and, packed
   * for the option rows, of e^{(r−q)T} and e^{−rT}, √T, σ√T, 1/(S·σ√T), 1/(σ√T), S/K, (r−q)·T and
   * the put/call sign; sets {@link Scratch#options}. Returns which of {@link #HAS_OPTION},
   * {@link #HAS_LIMIT_CASE}, {@link #HAS_LINEAR} the block holds.
   */
  private static int prepare(PositionColumns in, int rows, Scratch sc, int firstRow) {
    double[] growthLinArr = sc.growthLinear;
    double[] growthArr = sc.growth;
    double[] dfRArr = sc.dfR;
    double[] sqrtTArr = sc.sqrtT;
    double[] sdArr = sc.sd;
    double[] invArr = sc.inv;
    double[] rSdArr = sc.rSd;
    double[] phiArr = sc.phi;
    double[] skArr = sc.sk;
    double[] rqTArr = sc.rqT;
    MemorySegment kindCol = in.kind();
    MemorySegment spotCol = in.spot();
    MemorySegment strikeCol = in.strike();
    MemorySegment timeCol = in.timeYears();
    MemorySegment volCol = in.vol();
    MemorySegment rateCol = in.rate();
    MemorySegment carryCol = in.carry();
    int found = 0;
    int d = 0; // option rows so far: the dense index
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    for (int j = 0; j < rows; j += LANES) {
      long o8 = 8L * j;
      IntVector kind = IntVector.fromMemorySegment(INT_SPECIES, kindCol, 4L * j, LE_ORDER);
      if (kind.compare(LT, 0).or(kind.compare(GE, ContractKind.COUNT)).anyTrue()) {
        throw badKind(in, j, rows, firstRow);
      }
      VectorMask<Integer> optI = kind.compare(LT, 4);
      DoubleVector t = DoubleVector.fromMemorySegment(SPECIES, timeCol, o8, LE_ORDER);
      DoubleVector r = DoubleVector.fromMemorySegment(SPECIES, rateCol, o8, LE_ORDER);
      DoubleVector rq = r.sub(DoubleVector.fromMemorySegment(SPECIES, carryCol, o8, LE_ORDER));
      // Perpetuals and spot (codes ≥ 6) are priced at t = 0, futures at max(t, 0).
      DoubleVector te = t.max(0.0).blend(0.0, kind.compare(GE, 6).cast(SPECIES));
      DoubleVector growthArg = rq.mul(te);
      if (!optI.allTrue()) {
        found |= HAS_LINEAR;
        growthArg.intoArray(growthLinArr, j);
      }
      if (!optI.anyTrue()) {
        continue;
      }
      found |= HAS_OPTION;
      // Option lanes are packed (compressed) to the front of the dense scratch, so that the
      // passes in between work only on options whatever the mix of kinds.
      VectorMask<Double> opt = optI.cast(SPECIES);
      DoubleVector s = DoubleVector.fromMemorySegment(SPECIES, spotCol, o8, LE_ORDER);
      growthArg.compress(opt).intoArray(growthArr, d);
      r.neg().mul(te).compress(opt).intoArray(dfRArr, d);
      DoubleVector sqrtT = t.sqrt();
      sqrtT.compress(opt).intoArray(sqrtTArr, d);
      DoubleVector sd = DoubleVector.fromMemorySegment(SPECIES, volCol, o8, LE_ORDER).mul(sqrtT);
      VectorMask<Double> special = t.compare(LE, 0.0).or(sd.compare(LT, ReferencePricer.MIN_STDDEV)).and(opt);
      if (special.anyTrue()) {
        found |= HAS_LIMIT_CASE;
        sd = sd.blend(one, special);
      }
      sd.compress(opt).intoArray(sdArr, d);
      DoubleVector inv = one.div(s.mul(sd));
      inv.compress(opt).intoArray(invArr, d);
      s.mul(inv).compress(opt).intoArray(rSdArr, d);
      // A true division: log(S/K) must be the reference's (exactly 0 at the money).
      s.div(DoubleVector.fromMemorySegment(SPECIES, strikeCol, o8, LE_ORDER)).compress(opt).intoArray(skArr, d);
      rq.mul(t).compress(opt).intoArray(rqTArr, d);
      one.blend(-1.0, IntVector.broadcast(INT_SPECIES, PUT_BITS).lanewise(LSHR, kind).and(1).compare(NE, 0)
          .cast(SPECIES)).compress(opt).intoArray(phiArr, d);
      d += opt.trueCount();
    }
    sc.options = d;
    return found;
  }


  /** Pass 2: e^{(r−q)T}, e^{−rT} and log(S/K), in place ({@link VectorMath}: same bits in every JIT tier). */
  private static void growthDiscountLog(int rows, Scratch sc, int found) {
    if ((found & HAS_LINEAR) != 0) {
      VectorMath.exp(sc.growthLinear, 0, rows);
    }
    if ((found & HAS_OPTION) != 0) {
      int options = sc.denseOptions();
      VectorMath.exp(sc.growth, 0, options);
      VectorMath.exp(sc.dfR, 0, options);
      VectorMath.log(sc.sk, sc.logSk, 0, options);
    }
  }


  /**
   * Pass 3 (arithmetic only): φ·d1 and φ·d2, and −d1²/2 as a double-double (−hi/2, −lo/2 with
   * hi + lo = d1² exactly), so that e^{−d1²/2} keeps full relative accuracy in the tails — the
   * purpose of the reference's split e^{−ys²/2}·e^{−(y−ys)(y+ys)/2}, here with one exponential.
   * Returns whether a lane needs e^{−d2²/2} computed directly (|d1| > 37, where e^{−d1²/2} nears
   * underflow, and |d2| below the CDF's limit).
   */
  private static boolean arguments(int options, Scratch sc) {
    double[] xArr = sc.x;
    double[] eArr = sc.e;
    double[] nArr = sc.n;
    double[] sdArr = sc.sd;
    double[] rSdArr = sc.rSd;
    double[] phiArr = sc.phi;
    double[] logSkArr = sc.logSk;
    double[] rqTArr = sc.rqT;
    boolean direct = false;
    for (int j = 0; j < options; j += LANES) {
      DoubleVector sd = DoubleVector.fromArray(SPECIES, sdArr, j);
      DoubleVector phi = DoubleVector.fromArray(SPECIES, phiArr, j);
      DoubleVector d1 = DoubleVector.fromArray(SPECIES, logSkArr, j).add(DoubleVector.fromArray(SPECIES, rqTArr, j))
          .mul(DoubleVector.fromArray(SPECIES, rSdArr, j)).add(sd.mul(0.5));
      DoubleVector d2 = d1.sub(sd);
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
    return direct;
  }


  /**
   * Pass 4: e^{−d1²/2} = e^{−hi/2}·(1 − lo/2) (the correction is exact to 1e-27), and
   * e^{−d2²/2} = e^{−d1²/2}·(S/K)·e^{(r−q)T} (φ(d2)/φ(d1) written out), which saves the second
   * CDF's exponential.
   */
  private static void halfSquareExponentials(int options, Scratch sc) {
    double[] eArr = sc.e;
    double[] nArr = sc.n;
    double[] growthArr = sc.growth;
    double[] skArr = sc.sk;
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
  private static void directSecondExponential(int options, Scratch sc) {
    double[] xArr = sc.x;
    double[] eArr = sc.e;
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
   * Pass 6: value, coin value, delta and premium-adjusted delta of the option rows (limit cases
   * are overwritten by {@link #limitCases}). Value = φ·(S e^{−qT} N(φd1) − K e^{−rT} N(φd2)).
   */
  private static void optionPrices(PositionColumns in, int rows, Scratch sc, MemorySegment[] out) {
    boolean valueOnly = out.length == 1;
    MemorySegment out0 = out[0];
    MemorySegment out1 = valueOnly ? null : out[1];
    MemorySegment out2 = valueOnly ? null : out[2];
    MemorySegment out3 = valueOnly ? null : out[3];
    double[] nArr = sc.n;
    double[] growthArr = sc.growth;
    double[] dfRArr = sc.dfR;
    double[] sdArr = sc.sd;
    double[] invArr = sc.inv;
    double[] phiArr = sc.phi;
    MemorySegment kindCol = in.kind();
    MemorySegment spotCol = in.spot();
    MemorySegment strikeCol = in.strike();
    MemorySegment sizeCol = in.size();
    int d = 0;
    for (int j = 0; j < rows; j += LANES) {
      long o8 = 8L * j;
      IntVector kind = IntVector.fromMemorySegment(INT_SPECIES, kindCol, 4L * j, LE_ORDER);
      VectorMask<Integer> optI = kind.compare(LT, 4);
      if (!optI.anyTrue()) {
        continue;
      }
      VectorMask<Double> opt = optI.cast(SPECIES);
      // The dense (packed) option values of these lanes, expanded back into lane position.
      DoubleVector phi = DoubleVector.fromArray(SPECIES, phiArr, d).expand(opt);
      DoubleVector dfR = DoubleVector.fromArray(SPECIES, dfRArr, d).expand(opt);
      DoubleVector dfQ = dfR.mul(DoubleVector.fromArray(SPECIES, growthArr, d).expand(opt)); // e^{−rT}·e^{(r−q)T}
      DoubleVector n1 = DoubleVector.fromArray(SPECIES, nArr, d).expand(opt);
      DoubleVector n2 = DoubleVector.fromArray(SPECIES, nArr, BLOCK + d).expand(opt);
      DoubleVector invSpot = DoubleVector.fromArray(SPECIES, sdArr, d).mul(DoubleVector.fromArray(SPECIES, invArr, d))
          .expand(opt);
      d += opt.trueCount();
      DoubleVector s = DoubleVector.fromMemorySegment(SPECIES, spotCol, o8, LE_ORDER);
      DoubleVector k = DoubleVector.fromMemorySegment(SPECIES, strikeCol, o8, LE_ORDER);
      DoubleVector phiSize = DoubleVector.fromMemorySegment(SPECIES, sizeCol, o8, LE_ORDER).mul(phi);
      DoubleVector a1 = s.mul(dfQ).mul(n1);
      DoubleVector a2 = k.mul(dfR).mul(n2);
      DoubleVector value = a1.sub(a2).mul(phiSize);
      value.intoMemorySegment(out0, o8, LE_ORDER, opt);
      if (valueOnly) {
        continue;
      }
      VectorMask<Double> inverse = IntVector.broadcast(INT_SPECIES, INVERSE_BITS).lanewise(LSHR, kind).and(1)
          .compare(NE, 0).cast(SPECIES);
      // Inverse options: coin value = value/S and the premium-adjusted delta; linear options: NaN.
      DoubleVector coin = value.mul(invSpot).blend(Double.NaN, inverse.not());
      DoubleVector delta = dfQ.mul(n1).mul(phiSize);
      coin.intoMemorySegment(out1, o8, LE_ORDER, opt);
      delta.intoMemorySegment(out2, o8, LE_ORDER, opt);
      delta.blend(delta.sub(coin), inverse).intoMemorySegment(out3, o8, LE_ORDER, opt);
    }
  }


  /** Pass 7: gamma, vega, theta, rho, vanna and volga of the option rows. */
  private static void optionGreeks(PositionColumns in, int rows, Scratch sc, MemorySegment[] out) {
    MemorySegment out4 = out[4];
    MemorySegment out5 = out[5];
    MemorySegment out6 = out[6];
    MemorySegment out7 = out[7];
    MemorySegment out8 = out[8];
    MemorySegment out9 = out[9];
    double[] xArr = sc.x;
    double[] eArr = sc.e;
    double[] nArr = sc.n;
    double[] growthArr = sc.growth;
    double[] dfRArr = sc.dfR;
    double[] sqrtTArr = sc.sqrtT;
    double[] invArr = sc.inv;
    double[] rSdArr = sc.rSd;
    double[] phiArr = sc.phi;
    MemorySegment kindCol = in.kind();
    MemorySegment spotCol = in.spot();
    MemorySegment strikeCol = in.strike();
    MemorySegment timeCol = in.timeYears();
    MemorySegment volCol = in.vol();
    MemorySegment rateCol = in.rate();
    MemorySegment carryCol = in.carry();
    MemorySegment sizeCol = in.size();
    int d = 0;
    for (int j = 0; j < rows; j += LANES) {
      long o8 = 8L * j;
      IntVector kind = IntVector.fromMemorySegment(INT_SPECIES, kindCol, 4L * j, LE_ORDER);
      VectorMask<Integer> optI = kind.compare(LT, 4);
      if (!optI.anyTrue()) {
        continue;
      }
      VectorMask<Double> opt = optI.cast(SPECIES);
      DoubleVector phi = DoubleVector.fromArray(SPECIES, phiArr, d).expand(opt);
      DoubleVector dfR = DoubleVector.fromArray(SPECIES, dfRArr, d).expand(opt);
      DoubleVector dfQ = dfR.mul(DoubleVector.fromArray(SPECIES, growthArr, d).expand(opt));
      DoubleVector sqrtT = DoubleVector.fromArray(SPECIES, sqrtTArr, d).expand(opt);
      DoubleVector inv = DoubleVector.fromArray(SPECIES, invArr, d).expand(opt);
      DoubleVector rSd = DoubleVector.fromArray(SPECIES, rSdArr, d).expand(opt); // 1/(σ√T)
      DoubleVector d1 = DoubleVector.fromArray(SPECIES, xArr, d).expand(opt).mul(phi);
      DoubleVector d2 = DoubleVector.fromArray(SPECIES, xArr, BLOCK + d).expand(opt).mul(phi);
      DoubleVector pdf = DoubleVector.fromArray(SPECIES, eArr, d).expand(opt).mul(ONE_OVER_SQRT_2PI);
      DoubleVector n1 = DoubleVector.fromArray(SPECIES, nArr, d).expand(opt);
      DoubleVector n2 = DoubleVector.fromArray(SPECIES, nArr, BLOCK + d).expand(opt);
      d += opt.trueCount();
      DoubleVector s = DoubleVector.fromMemorySegment(SPECIES, spotCol, o8, LE_ORDER);
      DoubleVector vol = DoubleVector.fromMemorySegment(SPECIES, volCol, o8, LE_ORDER);
      DoubleVector size = DoubleVector.fromMemorySegment(SPECIES, sizeCol, o8, LE_ORDER);
      DoubleVector phiSize = size.mul(phi);
      DoubleVector sDfQ = s.mul(dfQ);
      DoubleVector spotPdf = sDfQ.mul(pdf);
      DoubleVector dfQPdf = dfQ.mul(pdf);
      DoubleVector rVol = sqrtT.mul(rSd); // 1/σ
      DoubleVector vega = spotPdf.mul(sqrtT);
      DoubleVector decay = spotPdf.mul(vol).mul(vol.mul(rSd)).mul(-0.5); // −S e^{−qT} φ(d1) σ/(2√T)
      DoubleVector a1 = sDfQ.mul(n1);
      DoubleVector a2 = DoubleVector.fromMemorySegment(SPECIES, strikeCol, o8, LE_ORDER).mul(dfR).mul(n2);
      DoubleVector q = DoubleVector.fromMemorySegment(SPECIES, carryCol, o8, LE_ORDER);
      DoubleVector r = DoubleVector.fromMemorySegment(SPECIES, rateCol, o8, LE_ORDER);
      DoubleVector t = DoubleVector.fromMemorySegment(SPECIES, timeCol, o8, LE_ORDER);
      dfQPdf.mul(inv).mul(size).intoMemorySegment(out4, o8, LE_ORDER, opt);
      vega.mul(size).intoMemorySegment(out5, o8, LE_ORDER, opt);
      q.mul(a1).sub(r.mul(a2)).mul(phiSize).add(decay.mul(size)).intoMemorySegment(out6, o8, LE_ORDER, opt);
      a2.mul(t).mul(phiSize).intoMemorySegment(out7, o8, LE_ORDER, opt);
      dfQPdf.mul(d2).mul(rVol).neg().mul(size).intoMemorySegment(out8, o8, LE_ORDER, opt);
      vega.mul(d1).mul(d2).mul(rVol).mul(size).intoMemorySegment(out9, o8, LE_ORDER, opt);
    }
  }


  /**
   * Pass 8: the reference's limit branches for option rows, written over passes 6 and 7:
   * expired options (intrinsic value at spot, delta a step whose value at the strike is 1/2) and
   * zero variance (the discounted intrinsic value of the forward, or nothing).
   */
  private static void limitCases(PositionColumns in, int rows, Scratch sc, MemorySegment[] out) {
    MemorySegment out0 = out[0];
    MemorySegment out1 = out.length > 1 ? out[1] : null;
    MemorySegment out2 = out.length > 2 ? out[2] : null;
    MemorySegment out3 = out.length > 3 ? out[3] : null;
    MemorySegment out4 = out.length > 4 ? out[4] : null;
    MemorySegment out5 = out.length > 5 ? out[5] : null;
    MemorySegment out6 = out.length > 6 ? out[6] : null;
    MemorySegment out7 = out.length > 7 ? out[7] : null;
    MemorySegment out8 = out.length > 8 ? out[8] : null;
    MemorySegment out9 = out.length > 9 ? out[9] : null;
    double[] growthArr = sc.growth;
    double[] dfRArr = sc.dfR;
    double[] sqrtTArr = sc.sqrtT;
    double[] phiArr = sc.phi;
    MemorySegment kindCol = in.kind();
    MemorySegment spotCol = in.spot();
    MemorySegment strikeCol = in.strike();
    MemorySegment timeCol = in.timeYears();
    MemorySegment volCol = in.vol();
    MemorySegment rateCol = in.rate();
    MemorySegment carryCol = in.carry();
    MemorySegment sizeCol = in.size();
    boolean valueOnly = out.length == 1;
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    DoubleVector zero = DoubleVector.zero(SPECIES);
    int d = 0;
    for (int j = 0; j < rows; j += LANES) {
      long o8 = 8L * j;
      IntVector kind = IntVector.fromMemorySegment(INT_SPECIES, kindCol, 4L * j, LE_ORDER);
      VectorMask<Integer> optI = kind.compare(LT, 4);
      if (!optI.anyTrue()) {
        continue;
      }
      VectorMask<Double> opt = optI.cast(SPECIES);
      int here = d; // dense index of this vector's first option
      d += opt.trueCount();
      DoubleVector t = DoubleVector.fromMemorySegment(SPECIES, timeCol, o8, LE_ORDER);
      DoubleVector sd = DoubleVector.fromMemorySegment(SPECIES, volCol, o8, LE_ORDER)
          .mul(DoubleVector.fromArray(SPECIES, sqrtTArr, here).expand(opt));
      VectorMask<Double> special = t.compare(LE, 0.0).or(sd.compare(LT, ReferencePricer.MIN_STDDEV)).and(opt);
      if (!special.anyTrue()) {
        continue;
      }
      VectorMask<Double> expired = t.compare(LE, 0.0).and(special);
      DoubleVector s = DoubleVector.fromMemorySegment(SPECIES, spotCol, o8, LE_ORDER);
      DoubleVector k = DoubleVector.fromMemorySegment(SPECIES, strikeCol, o8, LE_ORDER);
      DoubleVector r = DoubleVector.fromMemorySegment(SPECIES, rateCol, o8, LE_ORDER);
      DoubleVector q = DoubleVector.fromMemorySegment(SPECIES, carryCol, o8, LE_ORDER);
      DoubleVector size = DoubleVector.fromMemorySegment(SPECIES, sizeCol, o8, LE_ORDER);
      DoubleVector phi = DoubleVector.fromArray(SPECIES, phiArr, here).expand(opt);
      DoubleVector growth = DoubleVector.fromArray(SPECIES, growthArr, here).expand(opt);
      DoubleVector dfR = DoubleVector.fromArray(SPECIES, dfRArr, here).expand(opt);
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
      value.intoMemorySegment(out0, o8, LE_ORDER, special);
      if (valueOnly) {
        continue;
      }
      delta = delta.blend(step.mul(phi), expired).mul(size);
      VectorMask<Double> inverse = IntVector.broadcast(INT_SPECIES, INVERSE_BITS).lanewise(LSHR, kind).and(1)
          .compare(NE, 0).cast(SPECIES);
      DoubleVector coin = value.div(s).blend(Double.NaN, inverse.not());
      coin.intoMemorySegment(out1, o8, LE_ORDER, special);
      delta.intoMemorySegment(out2, o8, LE_ORDER, special);
      delta.blend(delta.sub(coin), inverse).intoMemorySegment(out3, o8, LE_ORDER, special);
      zero.intoMemorySegment(out4, o8, LE_ORDER, special);
      zero.intoMemorySegment(out5, o8, LE_ORDER, special);
      theta.blend(zero, expired).mul(size).intoMemorySegment(out6, o8, LE_ORDER, special);
      rho.blend(zero, expired).mul(size).intoMemorySegment(out7, o8, LE_ORDER, special);
      zero.intoMemorySegment(out8, o8, LE_ORDER, special);
      zero.intoMemorySegment(out9, o8, LE_ORDER, special);
    }
  }

  /**
   * Pass 9: futures and perpetuals (value F − entry when linear, S/entry − 1/growth when inverse,
   * with F = S for perpetuals) and spot (value S).
   */
  private static void linear(PositionColumns in, int rows, Scratch sc, MemorySegment[] out) {
    MemorySegment out0 = out[0];
    MemorySegment out1 = out.length > 1 ? out[1] : null;
    MemorySegment out2 = out.length > 2 ? out[2] : null;
    MemorySegment out3 = out.length > 3 ? out[3] : null;
    MemorySegment out4 = out.length > 4 ? out[4] : null;
    MemorySegment out5 = out.length > 5 ? out[5] : null;
    MemorySegment out6 = out.length > 6 ? out[6] : null;
    MemorySegment out7 = out.length > 7 ? out[7] : null;
    MemorySegment out8 = out.length > 8 ? out[8] : null;
    MemorySegment out9 = out.length > 9 ? out[9] : null;
    double[] growthArr = sc.growthLinear;
    MemorySegment kindCol = in.kind();
    MemorySegment spotCol = in.spot();
    MemorySegment timeCol = in.timeYears();
    MemorySegment rateCol = in.rate();
    MemorySegment carryCol = in.carry();
    MemorySegment sizeCol = in.size();
    MemorySegment entryCol = in.entryPrice();
    boolean valueOnly = out.length == 1;
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    DoubleVector zero = DoubleVector.zero(SPECIES);
    for (int j = 0; j < rows; j += LANES) {
      long o8 = 8L * j;
      IntVector kind = IntVector.fromMemorySegment(INT_SPECIES, kindCol, 4L * j, LE_ORDER);
      VectorMask<Integer> linI = kind.compare(GE, 4);
      if (!linI.anyTrue()) {
        continue;
      }
      VectorMask<Double> lin = linI.cast(SPECIES);
      VectorMask<Double> inverse = IntVector.broadcast(INT_SPECIES, INVERSE_BITS).lanewise(LSHR, kind).and(1)
          .compare(NE, 0).cast(SPECIES);
      VectorMask<Double> spot = kind.compare(EQ, ContractKind.SPOT.code()).cast(SPECIES);
      DoubleVector s = DoubleVector.fromMemorySegment(SPECIES, spotCol, o8, LE_ORDER);
      DoubleVector entry = DoubleVector.fromMemorySegment(SPECIES, entryCol, o8, LE_ORDER);
      DoubleVector size = DoubleVector.fromMemorySegment(SPECIES, sizeCol, o8, LE_ORDER);
      DoubleVector growth = DoubleVector.fromArray(SPECIES, growthArr, j);
      DoubleVector fwd = s.mul(growth);
      DoubleVector r2 = one.div(entry.mul(fwd)); // one division gives 1/entry, 1/F and 1/growth
      DoubleVector invEntry = fwd.mul(r2);
      DoubleVector invFwd = entry.mul(r2);
      DoubleVector invGrowth = s.mul(invFwd);
      DoubleVector value = fwd.sub(entry).blend(s.mul(invEntry).sub(invGrowth), inverse).blend(s, spot).mul(size);
      value.intoMemorySegment(out0, o8, LE_ORDER, lin);
      if (valueOnly) {
        continue;
      }
      DoubleVector t = DoubleVector.fromMemorySegment(SPECIES, timeCol, o8, LE_ORDER);
      DoubleVector rq = DoubleVector.fromMemorySegment(SPECIES, rateCol, o8, LE_ORDER)
          .sub(DoubleVector.fromMemorySegment(SPECIES, carryCol, o8, LE_ORDER));
      VectorMask<Double> timeless = kind.compare(GE, 6).cast(SPECIES);
      DoubleVector te = t.max(0.0).blend(0.0, timeless);
      DoubleVector delta = growth.blend(invEntry, inverse).blend(one, spot).mul(size);
      // Only a live dated future's forward decays towards spot: perpetuals, spot and expired
      // futures have theta 0; rho = te·F (or te/growth) is 0 for them as te = 0.
      DoubleVector perGrowth = fwd.blend(invGrowth, inverse);
      DoubleVector theta = rq.neg().mul(perGrowth).blend(zero, t.compare(GT, 0.0).not().or(timeless));
      DoubleVector coin = invEntry.sub(invFwd).mul(size).blend(Double.NaN, inverse.not());
      coin.intoMemorySegment(out1, o8, LE_ORDER, lin);
      delta.intoMemorySegment(out2, o8, LE_ORDER, lin);
      delta.intoMemorySegment(out3, o8, LE_ORDER, lin);
      zero.intoMemorySegment(out4, o8, LE_ORDER, lin);
      zero.intoMemorySegment(out5, o8, LE_ORDER, lin);
      theta.mul(size).intoMemorySegment(out6, o8, LE_ORDER, lin);
      te.mul(perGrowth).blend(zero, spot).mul(size).intoMemorySegment(out7, o8, LE_ORDER, lin);
      zero.intoMemorySegment(out8, o8, LE_ORDER, lin);
      zero.intoMemorySegment(out9, o8, LE_ORDER, lin);
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

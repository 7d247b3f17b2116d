package io.hedgekit.cpu.impl;

import static io.hedgekit.cpu.impl.VectorNormal.SPECIES;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.IS_NAN;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;

/**
 * exp and log over arrays, lane by lane, built only from IEEE operations (add, multiply, fused
 * multiply-add, divide, bit moves).
 *
 * <p>Why not the Vector API's {@code EXP} and {@code LOG}: C2 compiles them to SVML calls, but the
 * interpreter and C1 run the fallback {@code Math.exp} per lane, and the two differ in the last
 * bit for a few percent of inputs. Results would then depend on how far the JIT had got, so the
 * same book could sum differently on two runs or two thread counts. Every operation used here
 * gives the same bits in every tier, at every vector width and on every CPU.
 *
 * <p>Accuracy (VectorMathTest, against {@code Math.exp} and {@code Math.log}): within 1 ulp.
 * {@link #exp} flushes results below the smallest normal double (x < −708.39) to 0, returns
 * +∞ above 709.78 and NaN for NaN; {@link #log} returns NaN below 0 and for NaN, −∞ at 0 and +∞
 * at +∞, and handles subnormal inputs.
 *
 * <p>Cost: about 1.0 ns per lane for each (SVML: 0.75 for exp, 0.9 for log) on the Zen 4 of
 * bench/RESULTS-cpu.md; the loops hold no call, so nothing is spilled around them.
 */
public final class VectorMath {

  private static final int LANES = SPECIES.length();

  private static final double LOG2_E = 1.4426950408889634;
  /** ln 2 split (fdlibm): the high part has 32 trailing zero bits, so k·LN2_HI is exact. */
  private static final double LN2_HI = 6.93147180369123816490e-01;
  private static final double LN2_LO = 1.90821492927058770002e-10;
  /** 1.5·2^52: adding it rounds to an integer held in the low bits of the result. */
  private static final double ROUND_MAGIC = 6755399441055744.0;
  private static final long ROUND_MAGIC_BITS = Double.doubleToRawLongBits(ROUND_MAGIC);
  private static final double EXP_MAX = 709.782712893384;
  /** Vectors whose every |x| is at most this take {@link #exp}'s path without range reduction. */
  private static final double EXP_SMALL = 0.25;
  /** Up to here round(x/ln2) ≤ 1023, so 2^k is one normal double. */
  private static final double EXP_SINGLE_SCALE = 709.0;
  private static final double EXP_MIN = -708.3964185322641; // ln(Double.MIN_NORMAL)
  private static final double SQRT2 = 1.4142135623730951;
  private static final double TWO_54 = 18014398509481984.0;
  private static final long MANTISSA = 0x000f_ffff_ffff_ffffL;
  private static final long ONE_BITS = 0x3ff0_0000_0000_0000L;
  private static final double TWO_52 = 4503599627370496.0;
  // fdlibm e_log.c: log(1 + f) = f − hfsq + s·(hfsq + R), R a minimax polynomial in s².
  private static final double LG1 = 6.666666666666735130e-01;
  private static final double LG2 = 3.999999999940941908e-01;
  private static final double LG3 = 2.857142874366239149e-01;
  private static final double LG4 = 2.222219843214978396e-01;
  private static final double LG5 = 1.818357216161805012e-01;
  private static final double LG6 = 1.531383769920937332e-01;
  private static final double LG7 = 1.479819860511658591e-01;
  private static final long TWO_52_BITS = Double.doubleToRawLongBits(TWO_52);

  private VectorMath() {
  }

  /**
   * x[i] ← e^{x[i]} for i in {@code [from, to)}, a whole number of vectors.
   *
   * <p>x = k·ln2 + r with |r| ≤ ln2/2 (Cody-Waite, with fma), e^r by its Taylor polynomial to
   * degree 13 (truncation below 5e-18), scaled by 2^k built in the exponent bits. A vector whose
   * every |x| is at most 1/4 (the discount and growth factors of most positions) skips the
   * reduction and the scaling: the same polynomial of x itself (truncation below 1e-19), about
   * half the operations.
   */
  public static void exp(double[] x, int from, int to) {
    checkWhole(from, to);
    for (int i = from; i < to; i += LANES) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
      // Small arguments (discount and growth factors: r·T and (r − q)·T) need no range reduction:
      // the polynomial below is e^x itself (truncation below 1e-19 for |x| ≤ 1/4).
      boolean small = v.abs().compare(LE, EXP_SMALL).allTrue();
      DoubleVector r = v;
      DoubleVector t = v;
      if (!small) {
        DoubleVector c = v.max(EXP_MIN); // NaN stays NaN
        t = c.mul(LOG2_E).add(ROUND_MAGIC);
        DoubleVector k = t.sub(ROUND_MAGIC); // round(x/ln2)
        r = k.fma(DoubleVector.broadcast(SPECIES, -LN2_HI), c).sub(k.mul(LN2_LO));
      }
      DoubleVector p = r.fma(1.0 / 6227020800.0, 1.0 / 479001600.0)
          .fma(r, DoubleVector.broadcast(SPECIES, 1.0 / 39916800.0))
          .fma(r, DoubleVector.broadcast(SPECIES, 1.0 / 3628800.0))
          .fma(r, DoubleVector.broadcast(SPECIES, 1.0 / 362880.0))
          .fma(r, DoubleVector.broadcast(SPECIES, 1.0 / 40320.0))
          .fma(r, DoubleVector.broadcast(SPECIES, 1.0 / 5040.0))
          .fma(r, DoubleVector.broadcast(SPECIES, 1.0 / 720.0))
          .fma(r, DoubleVector.broadcast(SPECIES, 1.0 / 120.0))
          .fma(r, DoubleVector.broadcast(SPECIES, 1.0 / 24.0))
          .fma(r, DoubleVector.broadcast(SPECIES, 1.0 / 6.0))
          .fma(r, DoubleVector.broadcast(SPECIES, 0.5))
          .fma(r, DoubleVector.broadcast(SPECIES, 1.0))
          .fma(r, DoubleVector.broadcast(SPECIES, 1.0));
      if (small) {
        p.intoArray(x, i);
        continue;
      }
      // 2^k built in the exponent field: t's low bits hold k, so (bits(t) − bits(magic) + 1023) << 52.
      LongVector kBits = t.viewAsIntegralLanes().sub(ROUND_MAGIC_BITS);
      DoubleVector result = p.mul(kBits.add(1023).lanewise(LSHL, 52).viewAsFloatingLanes())
          .blend(0.0, v.compare(LT, EXP_MIN));
      VectorMask<Double> high = v.compare(GT, EXP_SINGLE_SCALE);
      if (high.anyTrue()) {
        // k may be 1024 here: scale in two normal halves, and overflow to +∞ beyond EXP_MAX.
        LongVector k1 = kBits.lanewise(ASHR, 1);
        DoubleVector big = p.mul(k1.add(1023).lanewise(LSHL, 52).viewAsFloatingLanes())
            .mul(kBits.sub(k1).add(1023).lanewise(LSHL, 52).viewAsFloatingLanes())
            .blend(Double.POSITIVE_INFINITY, v.compare(GT, EXP_MAX));
        result = result.blend(big, high);
      }
      result.intoArray(x, i);
    }
  }

  /**
   * out[i] ← log(x[i]) for i in {@code [from, to)}, a whole number of vectors ({@code out} may be
   * {@code x}).
   *
   * <p>x = m·2^e with m in [√½, √2), then fdlibm's method: f = m − 1, s = f/(2 + f),
   * log m = f − (f²/2 − s·(f²/2 + R(s²))) with R fdlibm's degree-7 minimax polynomial, and
   * log x = e·ln2 + log m with ln 2 split in two. log(1) is exactly 0.
   */
  public static void log(double[] x, double[] out, int from, int to) {
    checkWhole(from, to);
    for (int i = from; i < to; i += LANES) {
      log(DoubleVector.fromArray(SPECIES, x, i)).intoArray(out, i);
    }
  }

  /**
   * log of every lane, as {@link #log(double[], double[], int, int)}. Small enough for C2 to
   * inline into a caller's loop (it must be: a vector passed to a call that is not inlined is
   * boxed), so kernels can take a logarithm without a pass over memory. Vectors with a lane that
   * is not a positive normal double take a separate, rarely used path.
   */
  static DoubleVector log(DoubleVector v) {
    if (v.compare(GE, Double.MIN_NORMAL).and(v.compare(LE, Double.MAX_VALUE)).allTrue()) {
      return logOfNormal(v, DoubleVector.zero(SPECIES));
    }
    return logOfAny(v);
  }

  /** log for lanes that are not all positive normal doubles: subnormals scaled up, then 0, ∞, NaN and negatives. */
  private static DoubleVector logOfAny(DoubleVector v) {
    VectorMask<Double> subnormal = v.compare(LT, Double.MIN_NORMAL);
    DoubleVector w = v.blend(v.mul(TWO_54), subnormal);
    return logOfNormal(w, DoubleVector.zero(SPECIES).blend(54.0, subnormal))
        .blend(Double.NaN, v.compare(LT, 0.0).or(v.test(IS_NAN)))
        .blend(Double.NEGATIVE_INFINITY, v.compare(EQ, 0.0))
        .blend(Double.POSITIVE_INFINITY, v.compare(EQ, Double.POSITIVE_INFINITY));
  }

  /** log(w) − bias·ln 2 for positive normal w (fdlibm's method, see {@link #log(double[], double[], int, int)}). */
  private static DoubleVector logOfNormal(DoubleVector w, DoubleVector bias) {
    LongVector bits = w.viewAsIntegralLanes();
    // The biased exponent (0..2047) as a double: placed in the mantissa of 2^52, then 2^52 removed.
    DoubleVector e = bits.lanewise(LSHR, 52).or(TWO_52_BITS).viewAsFloatingLanes().sub(TWO_52 + 1023.0).sub(bias);
    DoubleVector m = bits.and(MANTISSA).or(ONE_BITS).viewAsFloatingLanes();
    VectorMask<Double> high = m.compare(GT, SQRT2);
    m = m.blend(m.mul(0.5), high);
    e = e.add(1.0, high);
    // fdlibm's e_log: f = m − 1 exactly, s = f/(2 + f), log(1 + f) = f − (hfsq − s·(hfsq + R(s²))).
    DoubleVector f = m.sub(1.0);
    DoubleVector sf = f.div(f.add(2.0));
    DoubleVector z = sf.mul(sf);
    DoubleVector rz = z.fma(LG7, LG6).fma(z, DoubleVector.broadcast(SPECIES, LG5))
        .fma(z, DoubleVector.broadcast(SPECIES, LG4)).fma(z, DoubleVector.broadcast(SPECIES, LG3))
        .fma(z, DoubleVector.broadcast(SPECIES, LG2)).fma(z, DoubleVector.broadcast(SPECIES, LG1)).mul(z);
    DoubleVector hfsq = f.mul(f).mul(0.5);
    return e.mul(LN2_HI).sub(hfsq.sub(sf.mul(hfsq.add(rz)).add(e.mul(LN2_LO))).sub(f));
  }

  private static void checkWhole(int from, int to) {
    if ((to - from) % LANES != 0) {
      throw new IllegalArgumentException("range must be a whole number of vectors of " + LANES + ", was "
          + from + ".." + to);
    }
  }
}

package io.hedgekit.cpu.impl;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The standard normal CDF of {@link io.hedgekit.kernels.reference.NormalDistribution}, lane by
 * lane: W. J. Cody's rational Chebyshev approximation with the same constants, the same three
 * regions (|x| ≤ 0.67449, ≤ √32, < 37.5193) and the same split of {@code exp(−y²/2)} into
 * {@code exp(−ys²/2)·exp(−del/2)} with ys = y rounded down to 1/16.
 *
 * <p>The caller supplies {@code exp(−y²/2)} (the kernels compute it in their own passes, split as
 * above, or from the identity φ(d2) = φ(d1)·(S/K)·e^{(r−q)T}). Differences from the scalar code,
 * all below 1e-15 relative: the polynomials are evaluated with fused multiply-add (Horner, one
 * rounding per step instead of two), and region 3 is evaluated in y² instead of 1/y² so that
 * every lane needs exactly one division. VectorNormalTest holds the result to 1e-14 relative of
 * the reference in the lower tail down to −37.5 and to 2.3e-16 (2 ulp of 1) absolute everywhere.
 *
 * <p>The CDF is a loop over arrays, one compilation unit with no calls inside: a method that
 * takes or returns vectors and is not inlined boxes them, and C2 stops inlining a method's own
 * callees once the method is large.
 */
public final class VectorNormal {

  /** The double species every kernel of this module uses (the widest the CPU runs natively). */
  public static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

  /** 1/√(2π). */
  static final double ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
  /** Region boundaries, as in the reference. */
  static final double SPLIT1 = 0.67448975;
  static final double SPLIT2 = 5.656854249492380195206754896838;
  static final double LOWER_LIMIT = 37.5193;
  /** Beyond this |x| the half-square exponential underflows to 0; kernels clamp here first. */
  static final double EXP_CLAMP = 40.0;

  // Region 1: N(x) = 1/2 + x·R(x²).
  private static final double A0 = 2.2352520354606839287;
  private static final double A1 = 161.02823106855587881;
  private static final double A2 = 1067.6894854603709582;
  private static final double A3 = 18154.981253343561249;
  private static final double A4 = 0.065682337918207449113;
  private static final double B0 = 47.20258190468824187;
  private static final double B1 = 976.09855173777669322;
  private static final double B2 = 10260.932208618978205;
  private static final double B3 = 45507.789335026729956;
  // Region 2: N(−y) = exp(−y²/2)·R(y).
  private static final double C0 = 0.39894151208813466764;
  private static final double C1 = 8.8831497943883759412;
  private static final double C2 = 93.506656132177855979;
  private static final double C3 = 597.27027639480026226;
  private static final double C4 = 2494.5375852903726711;
  private static final double C5 = 6848.1904505362823326;
  private static final double C6 = 11602.651437647350124;
  private static final double C7 = 9842.7148383839780218;
  private static final double C8 = 1.0765576773720192317e-8;
  private static final double D0 = 22.266688044328115691;
  private static final double D1 = 235.38790178262499861;
  private static final double D2 = 1519.377599407554805;
  private static final double D3 = 6485.558298266760755;
  private static final double D4 = 18615.571640885098091;
  private static final double D5 = 34900.952721145977266;
  private static final double D6 = 38912.003286093271411;
  private static final double D7 = 19685.429676859990727;
  // Region 3: N(−y) = exp(−y²/2)/y·(1/√(2π) − R(1/y²)/y²).
  private static final double P0 = 0.21589853405795699;
  private static final double P1 = 0.1274011611602473639;
  private static final double P2 = 0.022235277870649807;
  private static final double P3 = 0.001421619193227893466;
  private static final double P4 = 2.9112874951168792e-5;
  private static final double P5 = 0.02307344176494017303;
  private static final double Q0 = 1.28426009614491121;
  private static final double Q1 = 0.468238212480865118;
  private static final double Q2 = 0.0659881378689285515;
  private static final double Q3 = 0.00378239633202758244;
  private static final double Q4 = 7.29751555083966205e-5;

  // cdfPair: N(−y) = e^{−y²/2}·P(y)/Q(y) with P = Σ MPk·y^k, Q = 1 + Σ MQk·y^k (see cdfPair).
  private static final double MP0 = 0.5;
  private static final double MP1 = 0.48304390313354145;
  private static final double MP2 = 0.23814585378844338;
  private static final double MP3 = 0.06992487654108423;
  private static final double MP4 = 0.012740731798433966;
  private static final double MP5 = 0.0013516254025325587;
  private static final double MP6 = 6.539290196414855e-05;
  private static final double MP7 = -2.084536022188442e-10;
  private static final double MQ1 = 1.76397236706995;
  private static final double MQ2 = 1.3837380249448084;
  private static final double MQ3 = 0.6278882961153932;
  private static final double MQ4 = 0.17874360094883723;
  private static final double MQ5 = 0.03209268927993251;
  private static final double MQ6 = 0.0033885402562504174;
  private static final double MQ7 = 0.00016389223075136618;

  private VectorNormal() {
  }

  private static void checkWhole(int from, int to) {
    if ((to - from) % SPECIES.length() != 0) {
      throw new IllegalArgumentException("cdf range must be a whole number of vectors of "
          + SPECIES.length() + ", was " + from + ".." + to);
    }
  }

  /**
   * Writes N(x[i]) into {@code n[i]} for i in {@code [from, to)} (a whole number of vectors), given {@code e[i]} =
   * {@link #expHalfSquare}(|x[i]|) (or an equal value obtained otherwise, e.g. from the identity
   * φ(d2) = φ(d1)·(S/K)·e^{(r−q)T}). Lanes beyond 37.5193 give exactly 0 or 1 and NaN gives NaN,
   * as in the reference, provided its {@code e} is NaN too (as the kernels supply it: e is
   * computed from x); a NaN x with a finite e gives NaN or 1 depending on the other lanes of its
   * vector. {@code n} may be {@code x} or {@code e}.
   *
   * <p>Each region's rational function is reduced to one numerator and one denominator per lane,
   * so a vector that mixes regions still costs a single division. Region 3 is evaluated in
   * w = y² rather than 1/y² (numerator and denominator multiplied by w⁵), which removes the
   * reference's division before the polynomials. The whole loop is one method, so C2 keeps every
   * vector in registers.
   */
  public static void cdf(double[] x, double[] e, double[] n, int from, int to) {
    checkWhole(from, to);
    DoubleVector zero = DoubleVector.zero(SPECIES);
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    for (int i = from; i < to; i += SPECIES.length()) {
      DoubleVector xv = DoubleVector.fromArray(SPECIES, x, i);
      DoubleVector y = xv.abs();
      VectorMask<Double> in1 = y.compare(VectorOperators.LE, SPLIT1);
      VectorMask<Double> in12 = y.compare(VectorOperators.LE, SPLIT2);
      VectorMask<Double> below = y.compare(VectorOperators.LT, LOWER_LIMIT);
      VectorMask<Double> in2 = in12.andNot(in1);
      VectorMask<Double> in3 = below.andNot(in12);
      DoubleVector num = zero;
      DoubleVector den = one;
      // The polynomials are written out here rather than in helpers: C2 stops inlining a
      // method's own (non-force-inline) callees once the method is large, and a helper that is
      // not inlined boxes the vectors it takes and returns.
      if (in2.anyTrue()) {
        num = y.fma(C8, C0).lanewise(VectorOperators.FMA, y, C1).lanewise(VectorOperators.FMA, y, C2)
            .lanewise(VectorOperators.FMA, y, C3).lanewise(VectorOperators.FMA, y, C4)
            .lanewise(VectorOperators.FMA, y, C5).lanewise(VectorOperators.FMA, y, C6)
            .lanewise(VectorOperators.FMA, y, C7);
        den = y.add(D0).lanewise(VectorOperators.FMA, y, D1).lanewise(VectorOperators.FMA, y, D2)
            .lanewise(VectorOperators.FMA, y, D3).lanewise(VectorOperators.FMA, y, D4)
            .lanewise(VectorOperators.FMA, y, D5).lanewise(VectorOperators.FMA, y, D6)
            .lanewise(VectorOperators.FMA, y, D7);
      }
      if (in1.anyTrue()) {
        DoubleVector xsq = xv.mul(xv);
        num = num.blend(xsq.fma(A4, A0).lanewise(VectorOperators.FMA, xsq, A1)
            .lanewise(VectorOperators.FMA, xsq, A2).lanewise(VectorOperators.FMA, xsq, A3), in1);
        den = den.blend(xsq.add(B0).lanewise(VectorOperators.FMA, xsq, B1)
            .lanewise(VectorOperators.FMA, xsq, B2).lanewise(VectorOperators.FMA, xsq, B3), in1);
      }
      if (in3.anyTrue()) {
        // tail/e = (1/√(2π) − N3/(w·D3))/y = (w·D3/√(2π) − N3)/(w·D3·y), with N3, D3 the
        // reference's polynomials in 1/w times w⁵ (coefficients reversed).
        DoubleVector w = y.mul(y);
        DoubleVector wd = w.mul(w.fma(Q4, Q3).lanewise(VectorOperators.FMA, w, Q2)
            .lanewise(VectorOperators.FMA, w, Q1).lanewise(VectorOperators.FMA, w, Q0)
            .lanewise(VectorOperators.FMA, w, 1.0));
        DoubleVector n3 = w.fma(P4, P3).lanewise(VectorOperators.FMA, w, P2)
            .lanewise(VectorOperators.FMA, w, P1).lanewise(VectorOperators.FMA, w, P0)
            .lanewise(VectorOperators.FMA, w, P5);
        num = num.blend(wd.mul(ONE_OVER_SQRT_2PI).sub(n3), in3);
        den = den.blend(wd.mul(y), in3);
      }
      DoubleVector q = num.div(den);
      DoubleVector ev = DoubleVector.fromArray(SPECIES, e, i);
      DoubleVector tail = ev.mul(q).blend(zero, below.or(y.test(VectorOperators.IS_NAN)).not());
      DoubleVector cdf = one.sub(tail).blend(tail, xv.compare(VectorOperators.LE, 0.0))
          .blend(xv.mul(q).add(0.5), in1);
      cdf.intoArray(n, i);
    }
  }
  /**
   * The normal CDF for the Greeks kernel: N at lanes {@code [from, to)} and at lanes
   * {@code [from + second, to + second)} of {@code x} (a whole number of vectors; {@code e} as for
   * {@link #cdf}), from one rational function for the whole range instead of Cody's three: N(−y)
   * = e^{−y²/2}·P(y)/Q(y) for y = |x| below 37.5193 (P, Q of degree 7: {@code MP0..MP7},
   * {@code MQ1..MQ7}), 0 beyond, and N(x) = 1 − N(−x) for x > 0. Most vectors of a book mix all
   * three of Cody's regions, and every region a vector touches costs its whole rational function,
   * so this is about a third of {@link #cdf}'s arithmetic; the two halves also share one division
   * (the quotients are P₁·Q₂/(Q₁·Q₂) and P₂·Q₁/(Q₁·Q₂)).
   *
   * <p>P/Q is a weighted minimax fit of e^{y²/2}·N(−y) on [0, 9] for absolute error in N (made for
   * this kernel with mpmath, Loeb–Lawson iteration at 34 digits: 3.5e-18 before rounding; P and Q
   * are positive on [0, 37.52], and beyond 9, where e^{−y²/2} < 3e-18, P/Q stays within 1.2% of
   * the function, which tends to 1/(y√(2π))). Accuracy in double: within 2.3e-16 <em>absolute</em> of the reference everywhere
   * (VectorNormalTest), which is what the Greeks kernel needs: its outputs are held to 1e-12
   * relative or 1e-12 × spot × |size| absolute, and N enters them multiplied by spot or strike.
   * It is not accurate relative to tiny tail probabilities (below about 1e-16), so
   * {@link #cdf} remains the function for callers that need those. NaN gives NaN; the two halves'
   * lanes do not affect each other.
   */
  public static void cdfPair(double[] x, double[] e, double[] n, int from, int to, int second) {
    checkWhole(from, to);
    DoubleVector zero = DoubleVector.zero(SPECIES);
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    for (int i = from; i < to; i += SPECIES.length()) {
      DoubleVector xvA = DoubleVector.fromArray(SPECIES, x, i);
      DoubleVector xvB = DoubleVector.fromArray(SPECIES, x, i + second);
      DoubleVector yA = xvA.abs();
      DoubleVector yB = xvB.abs();
      VectorMask<Double> nanA = yA.test(VectorOperators.IS_NAN);
      VectorMask<Double> nanB = yB.test(VectorOperators.IS_NAN);
      // Evaluated at min(y, limit), NaN as 0, so that every quotient is finite and one lane's
      // value cannot spoil the other half's through the shared division.
      DoubleVector cA = yA.min(LOWER_LIMIT).blend(0.0, nanA);
      DoubleVector cB = yB.min(LOWER_LIMIT).blend(0.0, nanB);
      DoubleVector pA = cA.fma(MP7, MP6).lanewise(VectorOperators.FMA, cA, MP5)
          .lanewise(VectorOperators.FMA, cA, MP4).lanewise(VectorOperators.FMA, cA, MP3)
          .lanewise(VectorOperators.FMA, cA, MP2).lanewise(VectorOperators.FMA, cA, MP1)
          .lanewise(VectorOperators.FMA, cA, MP0);
      DoubleVector qA = cA.fma(MQ7, MQ6).lanewise(VectorOperators.FMA, cA, MQ5)
          .lanewise(VectorOperators.FMA, cA, MQ4).lanewise(VectorOperators.FMA, cA, MQ3)
          .lanewise(VectorOperators.FMA, cA, MQ2).lanewise(VectorOperators.FMA, cA, MQ1)
          .lanewise(VectorOperators.FMA, cA, 1.0);
      DoubleVector pB = cB.fma(MP7, MP6).lanewise(VectorOperators.FMA, cB, MP5)
          .lanewise(VectorOperators.FMA, cB, MP4).lanewise(VectorOperators.FMA, cB, MP3)
          .lanewise(VectorOperators.FMA, cB, MP2).lanewise(VectorOperators.FMA, cB, MP1)
          .lanewise(VectorOperators.FMA, cB, MP0);
      DoubleVector qB = cB.fma(MQ7, MQ6).lanewise(VectorOperators.FMA, cB, MQ5)
          .lanewise(VectorOperators.FMA, cB, MQ4).lanewise(VectorOperators.FMA, cB, MQ3)
          .lanewise(VectorOperators.FMA, cB, MQ2).lanewise(VectorOperators.FMA, cB, MQ1)
          .lanewise(VectorOperators.FMA, cB, 1.0);
      DoubleVector r = one.div(qA.mul(qB));
      DoubleVector tailA = DoubleVector.fromArray(SPECIES, e, i).mul(pA.mul(qB).mul(r))
          .blend(zero, yA.compare(VectorOperators.LT, LOWER_LIMIT).or(nanA).not());
      DoubleVector tailB = DoubleVector.fromArray(SPECIES, e, i + second).mul(pB.mul(qA).mul(r))
          .blend(zero, yB.compare(VectorOperators.LT, LOWER_LIMIT).or(nanB).not());
      one.sub(tailA).blend(tailA, xvA.compare(VectorOperators.LE, 0.0)).intoArray(n, i);
      one.sub(tailB).blend(tailB, xvB.compare(VectorOperators.LE, 0.0)).intoArray(n, i + second);
    }
  }

  /**
   * {@link #cdf} of lanes {@code [from, to)} (a whole number of vectors), and in the same loop the
   * scenario vols of another option for its lanes {@code [smileFrom, smileTo)} (no more lanes than
   * the CDF's; done in the loop's first iterations): its
   * {@link io.hedgekit.kernels.VolDynamics#laneCoefficients} at {@code smile[at ..]}, from
   * {@code returns[j]} and {@code shifts[j]} (null: no shifts) into {@code vols[j]}, by the
   * operations of {@link
   * io.hedgekit.kernels.VolDynamics#scenarioVol} (the same as VectorRevaluationKernel's own vol
   * loop, so the same bits). The two are independent: in one loop body the vols' square roots run
   * on the divider while the CDF's polynomials keep the multiply-add units busy, which two loops
   * one after the other do not allow (measured: CpuSmileRevaluationBenchmark, bench/RESULTS.md).
   */
  static void cdfAndSmileVols(double[] x, double[] e, double[] n, int from, int to, double[] smile, int at,
      double[] returns, double[] shifts, int smileFrom, int smileTo, double[] vols) {
    if ((to - from) % SPECIES.length() != 0 || (smileTo - smileFrom) % SPECIES.length() != 0
        || smileTo - smileFrom > to - from) {
      throw new IllegalArgumentException("cdf range must be a whole number of vectors of " + SPECIES.length()
          + " and at least as long as the vols', was " + from + ".." + to + " and " + smileFrom + ".." + smileTo);
    }
    int slices = (int) smile[at + io.hedgekit.kernels.VolDynamics.SLICES];
    DoubleVector x1 = DoubleVector.broadcast(SPECIES, smile[at + io.hedgekit.kernels.VolDynamics.X1]);
    DoubleVector s1 = DoubleVector.broadcast(SPECIES, smile[at + io.hedgekit.kernels.VolDynamics.S1]);
    DoubleVector b1 = DoubleVector.broadcast(SPECIES, smile[at + io.hedgekit.kernels.VolDynamics.B1]);
    DoubleVector x2 = DoubleVector.broadcast(SPECIES, smile[at + io.hedgekit.kernels.VolDynamics.X2]);
    DoubleVector s2 = DoubleVector.broadcast(SPECIES, smile[at + io.hedgekit.kernels.VolDynamics.S2]);
    DoubleVector b2 = DoubleVector.broadcast(SPECIES, smile[at + io.hedgekit.kernels.VolDynamics.B2]);
    DoubleVector lin0 = DoubleVector.broadcast(SPECIES, smile[at + io.hedgekit.kernels.VolDynamics.L]);
    DoubleVector slope = DoubleVector.broadcast(SPECIES, smile[at + io.hedgekit.kernels.VolDynamics.R]);
    double volNow = smile[at + io.hedgekit.kernels.VolDynamics.VOL_NOW];
    double vol = smile[at + io.hedgekit.kernels.VolDynamics.VOL];
    DoubleVector scale = DoubleVector.broadcast(SPECIES, smile[at + io.hedgekit.kernels.VolDynamics.SCALE]);
    DoubleVector zero = DoubleVector.zero(SPECIES);
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    for (int i = from, j = smileFrom; i < to; i += SPECIES.length(), j += SPECIES.length()) {
      if (j < smileTo) {
      // The other option's vols of these lanes (VectorRevaluationKernel.smileVols).
      DoubleVector ret = DoubleVector.fromArray(SPECIES, returns, j);
      DoubleVector v = DoubleVector.broadcast(SPECIES, vol);
      if (slices > 0) {
        DoubleVector y1 = x1.sub(ret);
        DoubleVector w = y1.fma(y1, s1).lanewise(VectorOperators.SQRT).fma(b1, ret.fma(slope, lin0));
        if (slices == 2) {
          DoubleVector y2 = x2.sub(ret);
          w = y2.fma(y2, s2).lanewise(VectorOperators.SQRT).fma(b2, w);
        }
        v = w.max(0.0).lanewise(VectorOperators.SQRT).sub(volNow).add(vol);
      }
      if (shifts != null) {
        v = DoubleVector.fromArray(SPECIES, shifts, j).fma(scale, v);
      }
      v.intoArray(vols, j);
      }
      DoubleVector xv = DoubleVector.fromArray(SPECIES, x, i);
      DoubleVector y = xv.abs();
      VectorMask<Double> in1 = y.compare(VectorOperators.LE, SPLIT1);
      VectorMask<Double> in12 = y.compare(VectorOperators.LE, SPLIT2);
      VectorMask<Double> below = y.compare(VectorOperators.LT, LOWER_LIMIT);
      VectorMask<Double> in2 = in12.andNot(in1);
      VectorMask<Double> in3 = below.andNot(in12);
      DoubleVector num = zero;
      DoubleVector den = one;
      // The polynomials are written out here rather than in helpers: C2 stops inlining a
      // method's own (non-force-inline) callees once the method is large, and a helper that is
      // not inlined boxes the vectors it takes and returns.
      if (in2.anyTrue()) {
        num = y.fma(C8, C0).lanewise(VectorOperators.FMA, y, C1).lanewise(VectorOperators.FMA, y, C2)
            .lanewise(VectorOperators.FMA, y, C3).lanewise(VectorOperators.FMA, y, C4)
            .lanewise(VectorOperators.FMA, y, C5).lanewise(VectorOperators.FMA, y, C6)
            .lanewise(VectorOperators.FMA, y, C7);
        den = y.add(D0).lanewise(VectorOperators.FMA, y, D1).lanewise(VectorOperators.FMA, y, D2)
            .lanewise(VectorOperators.FMA, y, D3).lanewise(VectorOperators.FMA, y, D4)
            .lanewise(VectorOperators.FMA, y, D5).lanewise(VectorOperators.FMA, y, D6)
            .lanewise(VectorOperators.FMA, y, D7);
      }
      if (in1.anyTrue()) {
        DoubleVector xsq = xv.mul(xv);
        num = num.blend(xsq.fma(A4, A0).lanewise(VectorOperators.FMA, xsq, A1)
            .lanewise(VectorOperators.FMA, xsq, A2).lanewise(VectorOperators.FMA, xsq, A3), in1);
        den = den.blend(xsq.add(B0).lanewise(VectorOperators.FMA, xsq, B1)
            .lanewise(VectorOperators.FMA, xsq, B2).lanewise(VectorOperators.FMA, xsq, B3), in1);
      }
      if (in3.anyTrue()) {
        // tail/e = (1/√(2π) − N3/(w·D3))/y = (w·D3/√(2π) − N3)/(w·D3·y), with N3, D3 the
        // reference's polynomials in 1/w times w⁵ (coefficients reversed).
        DoubleVector w = y.mul(y);
        DoubleVector wd = w.mul(w.fma(Q4, Q3).lanewise(VectorOperators.FMA, w, Q2)
            .lanewise(VectorOperators.FMA, w, Q1).lanewise(VectorOperators.FMA, w, Q0)
            .lanewise(VectorOperators.FMA, w, 1.0));
        DoubleVector n3 = w.fma(P4, P3).lanewise(VectorOperators.FMA, w, P2)
            .lanewise(VectorOperators.FMA, w, P1).lanewise(VectorOperators.FMA, w, P0)
            .lanewise(VectorOperators.FMA, w, P5);
        num = num.blend(wd.mul(ONE_OVER_SQRT_2PI).sub(n3), in3);
        den = den.blend(wd.mul(y), in3);
      }
      DoubleVector q = num.div(den);
      DoubleVector ev = DoubleVector.fromArray(SPECIES, e, i);
      DoubleVector tail = ev.mul(q).blend(zero, below.or(y.test(VectorOperators.IS_NAN)).not());
      DoubleVector cdf = one.sub(tail).blend(tail, xv.compare(VectorOperators.LE, 0.0))
          .blend(xv.mul(q).add(0.5), in1);
      cdf.intoArray(n, i);
    }
  }

}

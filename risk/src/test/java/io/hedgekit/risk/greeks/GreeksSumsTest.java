package io.hedgekit.risk.greeks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PositionColumns;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GreeksSumsTest {
  private static final int N = 1000;

  /** Random outputs for N rows over two underlyings; linear rows get NaN coin values, as the kernels write. */
  private static Object[] book(long seed) {
    return book(seed, N);
  }

  private static Object[] book(long seed, int N) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] kind = new int[N];
    int[] und = new int[N];
    double[][] d = new double[9][N];
    GreeksColumns out = GreeksColumns.allocateOnHeap(N);
    for (int i = 0; i < N; i++) {
      kind[i] = rnd.nextInt(ContractKind.COUNT);
      und[i] = rnd.nextInt(3) == 0 ? 1 : 0;
      d[0][i] = und[i] == 0 ? 95_000 : 3_000;
      d[1][i] = d[0][i] * rnd.nextDouble(0.5, 1.5);
      d[2][i] = rnd.nextDouble(-0.01, 2);
      for (int c = 0; c < GreeksColumns.COUNT; c++) {
        double v = rnd.nextDouble(-1e6, 1e6);
        if (c == 1 && !ContractKind.ofCode(kind[i]).isInverse()) {
          v = Double.NaN;
        }
        out.columns()[c].setAtIndex(PositionColumns.DOUBLE, i, v);
      }
    }
    PositionColumns p = PositionColumns.ofArrays(kind, und, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
    return new Object[] {p, out};
  }

  @Test
  void add_sumsEachUnderlyingInRowOrder_skippingNaN() {
    Object[] b = book(1);
    PositionColumns p = (PositionColumns) b[0];
    GreeksColumns out = (GreeksColumns) b[1];
    GreeksSums sums = new GreeksSums(List.of("BTC", "ETH"), new double[] {95_000, 3_000}, false);
    sums.add(p, out);
    double[][] want = new double[2][GreeksColumns.COUNT];
    long[] count = new long[2];
    for (int i = 0; i < N; i++) {
      int u = p.underlying().getAtIndex(PositionColumns.INT, i);
      count[u]++;
      for (int c = 0; c < GreeksColumns.COUNT; c++) {
        double v = out.get(c, i);
        if (!Double.isNaN(v)) {
          want[u][c] += v;
        }
      }
    }
    PortfolioGreeks g = sums.portfolio();
    assertArrayEquals(want[0], g.sums()[0]);
    assertArrayEquals(want[1], g.sums()[1]);
    assertArrayEquals(count, g.positions());
    assertEquals(N, g.totalPositions());
  }

  @Test
  void add_batchByBatch_givesBitIdenticalSumsAndBuckets() {
    Object[] b = book(2);
    PositionColumns p = (PositionColumns) b[0];
    GreeksColumns out = (GreeksColumns) b[1];
    GreeksSums whole = new GreeksSums(List.of("BTC", "ETH"), new double[] {95_000, 3_000}, true);
    whole.add(p, out);
    for (int batch : new int[] {1, 7, 64, 999}) {
      GreeksSums parts = new GreeksSums(List.of("BTC", "ETH"), new double[] {95_000, 3_000}, true);
      for (int from = 0; from < N; from += batch) {
        int n = Math.min(batch, N - from);
        parts.add(p.slice(from, n), out.slice(from, n));
      }
      for (int u = 0; u < 2; u++) {
        assertArrayEquals(whole.portfolio().sums()[u], parts.portfolio().sums()[u], "batch " + batch);
      }
      for (GreeksSums.Dimension d : GreeksSums.Dimension.values()) {
        assertEquals(java.util.Arrays.deepToString(whole.buckets(d).sums()), java.util.Arrays.deepToString(parts.buckets(d).sums()));
        assertEquals(java.util.Arrays.deepToString(whole.buckets(d).positions()),
            java.util.Arrays.deepToString(parts.buckets(d).positions()));
      }
    }
  }

  @Test
  void buckets_holdEveryPositionByExpiryAndOnlyOptionsByStrike() {
    Object[] b = book(3);
    PositionColumns p = (PositionColumns) b[0];
    GreeksSums sums = new GreeksSums(List.of("BTC", "ETH"), new double[] {95_000, 3_000}, true);
    sums.add(p, (GreeksColumns) b[1]);
    long options = 0;
    for (int i = 0; i < N; i++) {
      options += ContractKind.ofCode(p.kind().getAtIndex(PositionColumns.INT, i)).isOption() ? 1 : 0;
    }
    assertEquals(N, java.util.Arrays.stream(sums.buckets(GreeksSums.Dimension.EXPIRY).positions())
        .flatMapToLong(java.util.Arrays::stream).sum());
    assertEquals(options, java.util.Arrays.stream(sums.buckets(GreeksSums.Dimension.STRIKE).positions())
        .flatMapToLong(java.util.Arrays::stream).sum());
    assertThrows(IllegalStateException.class,
        () -> new GreeksSums(List.of("BTC"), new double[] {1}, false).buckets(GreeksSums.Dimension.EXPIRY));
  }

  /** Rows of three and a half chunks: more than one chunk, and a last one left open. */
  private static final int BIG = 3 * GreeksKernel.CHUNK_ROWS + GreeksKernel.CHUNK_ROWS / 2 + 17;

  @Test
  void add_sumsChunksFromZeroInRowOrder_thenChunksInOrder() {
    Object[] b = book(4, BIG);
    PositionColumns p = (PositionColumns) b[0];
    GreeksColumns out = (GreeksColumns) b[1];
    GreeksSums sums = new GreeksSums(List.of("BTC", "ETH"), new double[] {95_000, 3_000}, false);
    sums.add(p, out);
    double[][] want = new double[2][GreeksColumns.COUNT];
    for (int from = 0; from < BIG; from += GreeksKernel.CHUNK_ROWS) {
      double[][] chunk = new double[2][GreeksColumns.COUNT];
      for (int i = from; i < Math.min(BIG, from + GreeksKernel.CHUNK_ROWS); i++) {
        int u = p.underlying().getAtIndex(PositionColumns.INT, i);
        for (int c = 0; c < GreeksColumns.COUNT; c++) {
          double v = out.get(c, i);
          if (!Double.isNaN(v)) {
            chunk[u][c] += v;
          }
        }
      }
      for (int u = 0; u < 2; u++) {
        for (int c = 0; c < GreeksColumns.COUNT; c++) {
          want[u][c] += chunk[u][c];
        }
      }
    }
    assertArrayEquals(want[0], sums.portfolio().sums()[0]);
    assertArrayEquals(want[1], sums.portfolio().sums()[1]);
    assertEquals(BIG, sums.portfolio().totalPositions());
  }

  @Test
  void add_batchesAcrossChunkBoundaries_giveBitIdenticalSums() {
    Object[] b = book(5, BIG);
    PositionColumns p = (PositionColumns) b[0];
    GreeksColumns out = (GreeksColumns) b[1];
    GreeksSums whole = new GreeksSums(List.of("BTC", "ETH"), new double[] {95_000, 3_000}, true);
    whole.add(p, out);
    GreeksSums noBuckets = new GreeksSums(List.of("BTC", "ETH"), new double[] {95_000, 3_000}, false);
    noBuckets.add(p, out);
    for (int u = 0; u < 2; u++) {
      assertArrayEquals(noBuckets.portfolio().sums()[u], whole.portfolio().sums()[u], "with and without buckets");
    }
    assertArrayEquals(noBuckets.portfolio().positions(), whole.portfolio().positions());
    for (int batch : new int[] {1000, 16_383, GreeksKernel.CHUNK_ROWS, 20_000, 65_536}) {
      GreeksSums parts = new GreeksSums(List.of("BTC", "ETH"), new double[] {95_000, 3_000}, true);
      for (int from = 0; from < BIG; from += batch) {
        int n = Math.min(batch, BIG - from);
        parts.add(p.slice(from, n), out.slice(from, n));
      }
      assertSameSums(whole, parts, "batch " + batch);
    }
  }

  @Test
  void chunks_filledFromManyThreadsInAnyOrder_giveTheBitsOfAdd() throws Exception {
    Object[] b = book(6, BIG);
    PositionColumns p = (PositionColumns) b[0];
    GreeksColumns out = (GreeksColumns) b[1];
    java.util.function.Supplier<GreeksSums> fresh = () -> new GreeksSums(List.of("BTC", "ETH"),
        new double[] {95_000, 3_000}, true);
    GreeksSums sequential = fresh.get();
    GreeksSums parallel = fresh.get();
    GreeksSums.Chunks reuse = null;
    int batch = 2 * GreeksKernel.CHUNK_ROWS;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      for (int from = 0; from < BIG; from += batch) {
        int n = Math.min(batch, BIG - from);
        PositionColumns bp = p.slice(from, n);
        GreeksColumns bo = out.slice(from, n);
        sequential.add(bp, bo);
        GreeksSums.Chunks chunks = parallel.chunks(bp, bo, reuse);
        assertTrue(chunks != null && (reuse == null || chunks == reuse), "chunk boundary, chunks reused");
        reuse = chunks;
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        int count = (n + GreeksKernel.CHUNK_ROWS - 1) / GreeksKernel.CHUNK_ROWS;
        for (int c = count - 1; c >= 0; c--) { // last chunk first, each in three ranges
          int c0 = c;
          done.add(pool.submit(() -> {
            int lo = c0 * GreeksKernel.CHUNK_ROWS;
            int hi = Math.min(n, lo + GreeksKernel.CHUNK_ROWS);
            int mid1 = lo + (hi - lo) / 3;
            int mid2 = lo + 2 * (hi - lo) / 3;
            chunks.rows(c0, lo, mid1);
            chunks.rows(c0, mid1, mid2);
            chunks.rows(c0, mid2, hi);
          }));
        }
        for (java.util.concurrent.Future<?> f : done) {
          f.get();
        }
        parallel.fold(chunks);
      }
    } finally {
      pool.shutdown();
    }
    assertSameSums(sequential, parallel, "parallel");
    // After rows that end inside a chunk, the batch's chunks are not the book's: no parallel path.
    GreeksSums ragged = fresh.get();
    ragged.add(p.slice(0, 10), out.slice(0, 10));
    assertEquals(null, ragged.chunks(p.slice(10, 100), out.slice(10, 100), null));
  }

  private static void assertSameSums(GreeksSums a, GreeksSums b, String what) {
    for (int u = 0; u < 2; u++) {
      assertArrayEquals(a.portfolio().sums()[u], b.portfolio().sums()[u], what);
    }
    assertArrayEquals(a.portfolio().positions(), b.portfolio().positions(), what);
    for (GreeksSums.Dimension d : GreeksSums.Dimension.values()) {
      assertEquals(java.util.Arrays.deepToString(a.buckets(d).sums()), java.util.Arrays.deepToString(b.buckets(d).sums()),
          what);
      assertEquals(java.util.Arrays.deepToString(a.buckets(d).positions()),
          java.util.Arrays.deepToString(b.buckets(d).positions()), what);
    }
  }

  @Test
  void deskUnits_followTheDeskConventions() {
    assertEquals(2 * 95_000, DeskUnits.dollarDelta(2, 95_000), 0);
    assertEquals(1e-4 * 95_000 * 0.01, DeskUnits.gammaPer1Pct(1e-4, 95_000), 1e-18);
    assertEquals(12.5, DeskUnits.vegaPerVolPoint(1250), 0);
    assertEquals(-1, DeskUnits.thetaPerDay(-365), 0);
    assertEquals(3, DeskUnits.rhoPer1Pct(300), 0);
  }
}

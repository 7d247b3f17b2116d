package io.hedgekit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.risk.engine.Book;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.ResolvedPositions;
import io.hedgekit.risk.engine.RiskEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor's cache of resolved partitions between a VaR run's passes: bounded, owned, per run. */
class PassCacheTest {
  @TempDir
  Path dir;
  RiskEngine engine;
  Book book;
  Market market;

  @BeforeEach
  void setUp() throws Exception {
    engine = RiskEngine.builder().backend("scalar").build();
    book = engine.readBook(SparkFixtures.bookCsv(dir, 200, 30, 3));
    market = Market.read(SparkFixtures.market(dir));
  }

  @AfterEach
  void tearDown() {
    engine.close(); // fails on leaked Arrow memory
  }

  private ResolvedPositions resolved() {
    return engine.resolve(book, market);
  }

  @Test
  void offerThenTake_returnsTheSameAndEmpties() {
    PassCache c = new PassCache();
    ResolvedPositions r = resolved();
    long size = PassCache.sizeOf(r);
    assertTrue(size >= r.allocatedBytes() + 200 * PassCache.HEAP_BYTES_PER_POSITION);
    assertTrue(c.offer("run", 3, r, 10 * size));
    assertEquals(size, c.usedBytes());
    assertNull(c.take("run", 2));
    assertNull(c.take("other", 3));
    assertSame(r, c.take("run", 3));
    assertEquals(0, c.usedBytes());
    assertEquals(1, c.hits());
    assertEquals(2, c.misses());
    assertFalse(r.isClosed(), "the taker owns it");
    r.close();
  }

  @Test
  void offer_overBudget_refusesAndCloses() {
    PassCache c = new PassCache();
    ResolvedPositions a = resolved();
    long size = PassCache.sizeOf(a);
    assertTrue(c.offer("run", 0, a, size + size / 2));
    ResolvedPositions b = resolved();
    assertFalse(c.offer("run", 1, b, size + size / 2), "an entry of the same run is never evicted");
    assertTrue(b.isClosed());
    assertFalse(a.isClosed());
    assertEquals(1, c.refused());
    assertFalse(c.offer("run", 2, resolved(), 0), "budget 0 keeps nothing");
    c.clear();
    assertTrue(a.isClosed());
    assertEquals(0, c.size());
  }

  @Test
  void offer_evictsOtherRunsOldestFirst() {
    PassCache c = new PassCache();
    ResolvedPositions old1 = resolved();
    long size = PassCache.sizeOf(old1);
    long budget = 2 * size + size / 2;
    assertTrue(c.offer("old", 0, old1, budget));
    ResolvedPositions old2 = resolved();
    assertTrue(c.offer("old", 1, old2, budget));
    ResolvedPositions fresh = resolved();
    assertTrue(c.offer("new", 0, fresh, budget));
    assertTrue(old1.isClosed());
    assertFalse(old2.isClosed());
    assertEquals(2, c.size());
    c.dropRun("old");
    assertTrue(old2.isClosed());
    assertEquals(1, c.size());
    assertEquals(size, c.usedBytes());
    c.clear();
    assertTrue(fresh.isClosed());
  }

  @Test
  void offer_sameKeyAgain_replacesAndClosesTheEarlierAttempt() {
    PassCache c = new PassCache();
    ResolvedPositions first = resolved();
    long size = PassCache.sizeOf(first);
    assertTrue(c.offer("run", 0, first, 10 * size));
    ResolvedPositions retry = resolved();
    assertTrue(c.offer("run", 0, retry, 10 * size));
    assertTrue(first.isClosed());
    assertEquals(size, c.usedBytes());
    assertSame(retry, c.take("run", 0));
    retry.close();
  }
}

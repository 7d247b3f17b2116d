package io.hedgekit.risk.engine;

import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.market.VolSmile;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.book.BookResolver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A {@link Book} resolved against a {@link Market}: kernel-ready columns in Arrow memory (about
 * 80 bytes per position) that any number of requests reuse — resolve once, revalue many times.
 * Immutable and thread-safe: concurrent requests may share it.
 *
 * <p>Made by {@link RiskEngine#resolve}; owns a child allocator of the engine. Close it when done
 * (the engine closes what is left when it closes). A request still running when it is closed
 * finishes first: the memory is freed when the last one ends. Afterwards every use throws
 * {@link IllegalStateException} — new requests, and also kernel views
 * ({@link ResolvedBatch#columns()}) kept from before, which are scoped to the book's lifetime.
 */
public final class ResolvedPositions implements ResolvedBook, AutoCloseable {
  private final Book book;
  private final Market market;
  private final List<String> underlyings;
  private final double[] spots;
  private final List<Part> parts;
  private final List<Rejection> rejected;
  private final long positions;
  private final BufferAllocator allocator;
  private final Runnable onFree;
  private int leases;
  private boolean closed;
  private boolean freed;

  /** One batch: resolved columns and, per row, the position's index in the book. */
  private static final class Part {
    final BookResolver.Resolved resolved;
    final long firstRow;
    final int[] bookIndex;
    /**
     * Rows per cell of the layouts asked for (per underlying, the engine's buckets), counted on
     * first use; at most {@link #LAYOUTS_KEPT} layouts are kept.
     */
    private final java.util.concurrent.ConcurrentHashMap<io.hedgekit.kernels.SumBuckets, long[]> cellCounts =
        new java.util.concurrent.ConcurrentHashMap<>();

    Part(BookResolver.Resolved resolved, long firstRow, int[] bookIndex) {
      this.resolved = resolved;
      this.firstRow = firstRow;
      this.bookIndex = bookIndex;
    }

    long[] perCell(io.hedgekit.kernels.SumBuckets layout) {
      long[] counts = cellCounts.get(layout);
      if (counts == null) {
        counts = ResolvedBatch.countPerCell(resolved.columns(), layout);
        if (cellCounts.size() < LAYOUTS_KEPT) {
          cellCounts.putIfAbsent(layout, counts);
        }
      }
      return counts.clone();
    }
  }

  /** Sum layouts whose cell counts each batch keeps. */
  private static final int LAYOUTS_KEPT = 4;

  private ResolvedPositions(Book book, Market market, List<String> underlyings, double[] spots, List<Part> parts,
      List<Rejection> rejected, BufferAllocator allocator, Runnable onFree) {
    this.book = book;
    this.market = market;
    this.underlyings = underlyings;
    this.spots = spots;
    this.parts = parts;
    this.rejected = List.copyOf(rejected);
    long n = 0;
    for (Part p : parts) {
      n += p.bookIndex.length;
    }
    this.positions = n;
    this.allocator = allocator;
    this.onFree = onFree;
  }

  /**
   * Resolves {@code book} against {@code market} into memory from {@code allocator}, which the
   * result owns (closes) from then on, also when this throws.
   */
  static ResolvedPositions resolve(Book book, Market market, ResolvePolicy policy, BufferAllocator allocator,
      Runnable onFree) {
    BookResolver.RowRules rules = new BookResolver.RowRules(market.data(), market.name(),
        market.hasVolShift() ? market.volShifts() : null, policy.allowExpired());
    List<Part> parts = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    int[] ints = new int[2];
    double[] doubles = new double[9];
    try {
      int n = book.size();
      int next = 0;
      long firstRow = 0;
      int cap = Math.min(policy.batchRows(), Math.max(n, 1));
      int[] accepted = new int[cap];
      // The batch's resolved rows, before they are copied into Arrow vectors of the exact size.
      int[][] intRows = new int[cap][];
      double[][] doubleRows = new double[cap][];
      while (next < n) {
        // Take the next batchRows resolvable positions.
        int count = 0;
        while (next < n && count < accepted.length) {
          BookResolver.Problem p = rules.resolve(book.underlying(next), book.kind(next), book.strike(next),
              book.expiryMillis(next), book.quantity(next), book.contractSize(next), book.vol(next),
              book.entryPrice(next), ints, doubles);
          if (p == null) {
            intRows[count] = ints.clone();
            doubleRows[count] = doubles.clone();
            accepted[count++] = next;
          } else if (policy.isLenient()) {
            rejected.add(new Rejection(book.id(next), book.sourceRow(next), p.column(), p.value(), p.reason()));
          } else {
            throw new InputException(book.name(), book.sourceRow(next), p.column(), p.value(), p.reason());
          }
          next++;
        }
        if (count == 0) {
          break;
        }
        int[] index = java.util.Arrays.copyOf(accepted, count);
        int rows = count;
        BookResolver.Resolved resolved = BookResolver.allocate(rows, allocator, v -> {
          for (int i = 0; i < rows; i++) {
            v.set(i, intRows[i], doubleRows[i]);
          }
        });
        parts.add(new Part(resolved, firstRow, index));
        firstRow += rows;
      }
      return new ResolvedPositions(book, market, rules.underlyings(), rules.spots(), List.copyOf(parts), rejected,
          allocator, onFree);
    } catch (RuntimeException | Error e) {
      for (Part p : parts) {
        p.resolved.close();
      }
      allocator.close();
      onFree.run();
      throw e;
    }
  }

  /** The book resolved. */
  public Book book() {
    return book;
  }

  /** The market snapshot it was resolved against. */
  public Market market() {
    return market;
  }

  /** Positions priced (the book's, less the rejected ones). */
  public long positions() {
    return positions;
  }

  /** Positions left out by lenient resolution, in book order (empty when strict). */
  public List<Rejection> rejected() {
    return rejected;
  }

  @Override
  public List<String> underlyings() {
    return underlyings;
  }

  @Override
  public List<VolSmile> smiles() {
    return ResolvedBook.smilesOf(market.data(), underlyings);
  }

  @Override
  public double[] spots() {
    return spots.clone();
  }

  /**
   * A pass over the batches, in book order. The batches' {@code close()} does nothing; their
   * columns stay valid until this book is closed.
   *
   * @throws IllegalStateException if this book is closed
   */
  @Override
  public Iterator<ResolvedBatch> batches() {
    checkOpen();
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < parts.size();
      }

      @Override
      public ResolvedBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return view(parts.get(next++));
      }
    };
  }

  private ResolvedBatch view(Part part) {
    PositionColumns columns = part.resolved.columns();
    return new ResolvedBatch() {
      @Override
      public PositionColumns columns() {
        return columns;
      }

      @Override
      public String id(int row) {
        return book.id(part.bookIndex[row]);
      }

      @Override
      public String underlyingName(int row) {
        return underlyings.get(columns.underlying().getAtIndex(PositionColumns.INT, row));
      }

      @Override
      public long firstRow() {
        return part.firstRow;
      }

      @Override
      public long[] positionsPerCell(io.hedgekit.kernels.SumBuckets layout) {
        return part.perCell(layout);
      }

      @Override
      public void close() {
        // held by the resolved book
      }
    };
  }

  /** Arrow memory held, bytes. */
  public long allocatedBytes() {
    return allocator.getAllocatedMemory();
  }

  /** Whether {@link #close()} was called. */
  public synchronized boolean isClosed() {
    return closed;
  }

  private synchronized void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this resolved book is closed");
    }
  }

  /** Marks a request as using this book; pair with {@link #release()}. */
  synchronized void acquire() {
    checkOpen();
    leases++;
  }

  /** Ends a request's use; frees the memory if the book was closed meanwhile. */
  synchronized void release() {
    leases--;
    if (closed && leases == 0) {
      free();
    }
  }

  /** Frees the memory now, or when the last running request ends. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (leases == 0) {
      free();
    }
  }

  private void free() {
    if (freed) {
      return;
    }
    freed = true;
    for (int i = parts.size() - 1; i >= 0; i--) {
      parts.get(i).resolved.close();
    }
    allocator.close();
    onFree.run();
  }
}

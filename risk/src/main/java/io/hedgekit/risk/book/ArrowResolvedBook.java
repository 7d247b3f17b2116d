package io.hedgekit.risk.book;

import io.hedgekit.io.book.BookBatch;
import io.hedgekit.io.book.BookReader;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.kernels.market.VolSmile;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.ResolvedBook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A book file resolved against a market, streamed in Arrow record batches: each pass reopens the
 * file, so a book of any size is never held in memory at once. Memory comes from the given
 * allocator, released as each batch is closed.
 *
 * <p>Optionally the batches of the first complete pass are kept (up to {@code cacheRows} rows), so
 * that commands reading the book several times (VaR and its contributions, the demo's report)
 * read and resolve it once: later passes return the same batches, whose {@code close()} then
 * does nothing. A book larger than the limit is streamed on every pass as without a cache.
 * {@link #close()} frees the kept batches; a book with a cache must be closed.
 */
public final class ArrowResolvedBook implements ResolvedBook, AutoCloseable {
  private final Path file;
  private final BookResolver resolver;
  private final BufferAllocator allocator;
  private final ResolveOptions options;
  private final long cacheRows;
  /** Batches of the pass being kept, or of the complete pass when {@link #cacheComplete}. */
  private final List<Batch> cache = new ArrayList<>();
  private long cachedRows;
  private boolean cacheComplete;
  private boolean cacheAbandoned;

  /**
   * @param file book file (CSV or Arrow IPC)
   * @param market market data
   * @param marketFile market file name, for messages
   * @param allocator parent allocator; batches allocate from it and free on close
   */
  public ArrowResolvedBook(Path file, MarketData market, String marketFile, BufferAllocator allocator,
      ResolveOptions options) {
    this(file, market, marketFile, allocator, options, 0);
  }

  /**
   * As above, keeping the batches of the first complete pass in memory when the book has at most
   * {@code cacheRows} rows (0 = never; about 200 bytes of Arrow memory per row).
   */
  public ArrowResolvedBook(Path file, MarketData market, String marketFile, BufferAllocator allocator,
      ResolveOptions options, long cacheRows) {
    if (cacheRows < 0) {
      throw new IllegalArgumentException("cacheRows must be >= 0, was " + cacheRows);
    }
    this.file = file;
    this.resolver = new BookResolver(market, marketFile, options.allowExpired());
    this.allocator = allocator;
    this.options = options;
    this.cacheRows = cacheRows;
  }

  /** Whether later passes are served from memory (the first complete pass fitted the cache). */
  public boolean cached() {
    return cacheComplete;
  }

  /** Frees the kept batches (batches still held by a caller are freed when it closes them). */
  @Override
  public void close() {
    dropCache();
    cacheAbandoned = true;
  }

  private void dropCache() {
    for (Batch b : cache) {
      b.release();
    }
    cache.clear();
    cachedRows = 0;
    cacheComplete = false;
  }

  /** The book file. */
  public Path file() {
    return file;
  }

  /** The market this book is resolved against. */
  public MarketData market() {
    return resolver.market();
  }

  @Override
  public List<String> underlyings() {
    return resolver.underlyings();
  }

  @Override
  public List<VolSmile> smiles() {
    return ResolvedBook.smilesOf(resolver.market(), resolver.underlyings());
  }

  @Override
  public double[] spots() {
    return resolver.spots();
  }

  /** A resolved batch with the book rows it came from; close it to free both. */
  public static final class Batch implements ResolvedBatch {
    private final BookBatch source;
    private final BookResolver.Resolved resolved;
    private final long firstRow;
    private final List<String> underlyings;
    /** Kept by the book's cache: the caller's close does not free it. */
    private boolean kept;
    private boolean closedByCaller;
    private boolean freed;

    Batch(BookBatch source, BookResolver.Resolved resolved, long firstRow, List<String> underlyings) {
      this.source = source;
      this.resolved = resolved;
      this.firstRow = firstRow;
      this.underlyings = underlyings;
    }

    /** The book rows as read (ids, kinds, expiries, extra columns...). */
    public BookBatch source() {
      return source;
    }

    @Override
    public PositionColumns columns() {
      return resolved.columns();
    }

    @Override
    public String id(int row) {
      return source.id(row);
    }

    @Override
    public String underlyingName(int row) {
      return underlyings.get(resolved.columns().underlying().getAtIndex(PositionColumns.INT, row));
    }

    @Override
    public long firstRow() {
      return firstRow;
    }

    @Override
    public void close() {
      closedByCaller = true;
      if (!kept) {
        free();
      }
    }

    /** The cache lets go: freed now if its caller is done with it, else when the caller closes it. */
    void release() {
      kept = false;
      if (closedByCaller) {
        free();
      }
    }

    private void free() {
      if (!freed) {
        freed = true;
        resolved.close();
        source.close();
      }
    }
  }

  /**
   * A fresh pass over the file. The reader closes itself when exhausted; call
   * {@link Pass#close()} when stopping early.
   */
  @Override
  public Pass batches() {
    if (cacheComplete) {
      for (Batch b : cache) {
        b.closedByCaller = false;
      }
      return new Pass(List.copyOf(cache).iterator());
    }
    // A pass abandoned before its end (or a second pass begun meanwhile) leaves an incomplete cache.
    dropCache();
    boolean keep = cacheRows > 0 && !cacheAbandoned;
    return new Pass(keep, options.instrumentList()
        ? BookReader.openInstruments(file, allocator, options.batchRows(), options.extraNumericColumns())
        : BookReader.open(file, allocator, options.batchRows(), options.extraNumericColumns()));
  }

  /** One pass over the book: an iterator of resolved batches that owns the open reader. */
  public final class Pass implements Iterator<ResolvedBatch>, AutoCloseable {
    private final BookReader reader;
    private final Iterator<Batch> kept;
    private long nextRow;
    private boolean closed;
    private boolean keep;

    Pass(boolean keep, BookReader reader) {
      this.keep = keep;
      this.reader = reader;
      this.kept = null;
    }

    /** A pass over the kept batches. */
    Pass(Iterator<Batch> kept) {
      this.reader = null;
      this.kept = kept;
    }

    @Override
    public boolean hasNext() {
      if (closed) {
        return false;
      }
      boolean more = kept != null ? kept.hasNext() : reader.hasNext();
      if (!more) {
        if (keep) {
          cacheComplete = true;
          keep = false;
        }
        close();
      }
      return more;
    }

    @Override
    public Batch next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (kept != null) {
        return kept.next();
      }
      BookBatch source = reader.next();
      try {
        BookResolver.Resolved resolved = resolver.resolve(source, allocator);
        Batch b = new Batch(source, resolved, nextRow, resolver.underlyings());
        nextRow += source.rows();
        if (keep) {
          if (cachedRows + source.rows() <= cacheRows) {
            b.kept = true;
            cache.add(b);
            cachedRows += source.rows();
          } else {
            // Too big to keep: stream this and every later pass.
            keep = false;
            cacheAbandoned = true;
            dropCache();
          }
        }
        return b;
      } catch (RuntimeException e) {
        source.close();
        close();
        throw e;
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        if (reader != null) {
          reader.close();
        }
        if (keep) { // stopped before the end: what was kept is not the whole book
          keep = false;
          dropCache();
        }
      }
    }
  }
}

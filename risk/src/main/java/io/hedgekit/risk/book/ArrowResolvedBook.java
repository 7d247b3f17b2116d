package io.hedgekit.risk.book;

import io.hedgekit.io.book.BookBatch;
import io.hedgekit.io.book.BookReader;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.market.MarketData;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.ResolvedBook;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A book file resolved against a market, streamed in Arrow record batches: each pass reopens the
 * file, so a book of any size is never held in memory at once. Memory comes from a child of the
 * given allocator, released as each batch is closed.
 */
public final class ArrowResolvedBook implements ResolvedBook {
  private final Path file;
  private final BookResolver resolver;
  private final BufferAllocator allocator;
  private final ResolveOptions options;

  /**
   * @param file book file (CSV or Arrow IPC)
   * @param market market data
   * @param marketFile market file name, for messages
   * @param allocator parent allocator; batches allocate from it and free on close
   */
  public ArrowResolvedBook(Path file, MarketData market, String marketFile, BufferAllocator allocator,
      ResolveOptions options) {
    this.file = file;
    this.resolver = new BookResolver(market, marketFile, options.allowExpired());
    this.allocator = allocator;
    this.options = options;
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
  public double[] spots() {
    return resolver.spots();
  }

  /** A resolved batch with the book rows it came from; close it to free both. */
  public static final class Batch implements ResolvedBatch {
    private final BookBatch source;
    private final BookResolver.Resolved resolved;
    private final long firstRow;
    private final List<String> underlyings;

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
      resolved.close();
      source.close();
    }
  }

  /**
   * A fresh pass over the file. The reader closes itself when exhausted; call
   * {@link Pass#close()} when stopping early.
   */
  @Override
  public Pass batches() {
    return new Pass(options.instrumentList()
        ? BookReader.openInstruments(file, allocator, options.batchRows(), options.extraNumericColumns())
        : BookReader.open(file, allocator, options.batchRows(), options.extraNumericColumns()));
  }

  /** One pass over the book: an iterator of resolved batches that owns the open reader. */
  public final class Pass implements Iterator<ResolvedBatch>, AutoCloseable {
    private final BookReader reader;
    private long nextRow;
    private boolean closed;

    Pass(BookReader reader) {
      this.reader = reader;
    }

    @Override
    public boolean hasNext() {
      if (closed) {
        return false;
      }
      boolean more = reader.hasNext();
      if (!more) {
        close();
      }
      return more;
    }

    @Override
    public Batch next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      BookBatch source = reader.next();
      try {
        BookResolver.Resolved resolved = resolver.resolve(source, allocator);
        Batch b = new Batch(source, resolved, nextRow, resolver.underlyings());
        nextRow += source.rows();
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
        reader.close();
      }
    }
  }
}

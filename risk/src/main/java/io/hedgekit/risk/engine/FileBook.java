package io.hedgekit.risk.engine;

import io.hedgekit.kernels.market.VolSmile;
import io.hedgekit.risk.ResolvedBook;
import io.hedgekit.risk.book.ArrowResolvedBook;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A book file streamed batch by batch and resolved against a market as it is read, so a book of
 * any size is never held in memory at once (optionally the first complete pass is kept, up to
 * {@code cacheRows} rows, for requests that read the book several times). For books that fit in
 * memory and are revalued often, prefer {@link Book#read} + {@link RiskEngine#resolve}.
 *
 * <p>Resolution is strict: the first bad row is an {@link io.hedgekit.kernels.InputException} naming
 * file, row, column and value. Thread-safe in that the engine runs one request at a time on it
 * (others wait). Owns a child allocator of the engine: close it.
 */
public final class FileBook implements ResolvedBook, AutoCloseable {
  private final ArrowResolvedBook book;
  private final BufferAllocator allocator;
  private final Market market;
  private final Runnable onClose;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  FileBook(Path file, Market market, ResolvePolicy policy, long cacheRows, BufferAllocator allocator, Runnable onClose) {
    this.allocator = allocator;
    this.market = market;
    this.onClose = onClose;
    if (market.hasVolShift()) {
      allocator.close();
      onClose.run();
      throw new IllegalArgumentException("a file book is resolved against unshifted market data; use Book.read and "
          + "RiskEngine.resolve for a vol-shifted market");
    }
    this.book = new ArrowResolvedBook(file, market.data(), market.name(), allocator,
        io.hedgekit.risk.book.ResolveOptions.defaults().withAllowExpired(policy.allowExpired())
            .withBatchRows(policy.batchRows()), cacheRows);
  }

  /** The book file. */
  public Path file() {
    return book.file();
  }

  /** The market it is resolved against. */
  public Market market() {
    return market;
  }

  /** Whether later passes are served from memory. */
  public boolean cached() {
    return book.cached();
  }

  @Override
  public List<String> underlyings() {
    return book.underlyings();
  }

  @Override
  public List<VolSmile> smiles() {
    return book.smiles();
  }

  @Override
  public double[] spots() {
    return book.spots();
  }

  /** A fresh pass over the file (close it when stopping early); see {@link ArrowResolvedBook#batches()}. */
  @Override
  public ArrowResolvedBook.Pass batches() {
    if (closed) {
      throw new IllegalStateException("this file book is closed");
    }
    return book.batches();
  }

  /** Runs a request alone on this book. */
  <T> T exclusive(java.util.function.Supplier<T> request) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("this file book is closed");
      }
      return request.get();
    } finally {
      lock.unlock();
    }
  }

  /** Frees the kept batches and the allocator (waits for a running request). Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      book.close();
      allocator.close();
      onClose.run();
    } finally {
      lock.unlock();
    }
  }
}

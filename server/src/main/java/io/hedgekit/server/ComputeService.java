package io.hedgekit.server;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What the Flight service needs from the engine, in Arrow terms only: books and scenario sets
 * arrive as {@link ArrowReader}s, results leave as {@link VectorSchemaRoot} batches handed to a
 * {@link BatchSink}. The Flight layer knows nothing else of the engine, so replacing the engine
 * means replacing the one implementation ({@link RiskComputeService}).
 *
 * <p>Thread-safety: an implementation is shared by all requests and must be safe for concurrent
 * calls. {@link Market}, {@link Book} and {@link Scenarios} are immutable once returned and may
 * be used by many requests at once; a {@link Book} is closed only when no request uses it.
 *
 * <p>Failures: bad input is a {@link ServiceException} of kind {@code INVALID_ARGUMENT} whose
 * message is the same text the CLI prints (file or name, row, column, value); a row limit is
 * {@code RESOURCE_EXHAUSTED}; a cancelled sink stops the work with {@code CANCELLED}. Arrow's
 * {@code OutOfMemoryException} from a limited allocator passes through unchanged.
 */
public interface ComputeService extends AutoCloseable {

  /** hedgekit version. */
  String version();

  /** Name of the compute backend in use (scalar, cpu, gpu). */
  String backend();

  /** Why that backend was chosen (one line). */
  String backendReason();

  /** Columns of per-position Greeks: as {@code hedgekit greeks --format arrow} writes them. */
  Schema greeksSchema();

  /** Market data, immutable; an update makes a new one. */
  interface Market {
    /** Underlying names. */
    List<String> underlyings();

    /** Valuation time, ISO-8601. */
    String valuationTime();

    /** Number of intraday updates applied since it was put. */
    long updates();
  }

  /** A validated book held in memory (off-heap, in its own allocator); close it to free that memory. */
  interface Book extends AutoCloseable {
    /** Positions. */
    long rows();

    /** Off-heap bytes held. */
    long bytes();

    /** The schema the client sent. */
    Schema schema();

    @Override
    void close();
  }

  /** A validated scenario set held in memory. */
  interface Scenarios {
    /** Rows (scenarios × steps). */
    long rows();

    /** Bytes held (heap arrays). */
    long bytes();

    /** The schema the client sent. */
    Schema schema();
  }

  /** Receives result batches; each batch is valid only during the call. */
  interface BatchSink {
    /** Sends or keeps {@code batch}; may block for back-pressure; throws CANCELLED when the caller left. */
    void accept(VectorSchemaRoot batch);

    /** Throws a CANCELLED {@link ServiceException} when the caller has gone; cheap. */
    void checkCancelled();
  }

  /**
   * A VaR request.
   *
   * @param confidence confidence levels, each in (0, 1)
   * @param method {@code full}, {@code greeks} or {@code both} (as {@code hedgekit var --method})
   * @param top top ES contributors to return, >= 0
   * @param step scenario step (null: the last)
   * @param netting price identical instruments once (as the CLI's default)
   */
  record VarQuery(List<Double> confidence, String method, int top, Integer step, boolean netting) {
  }

  /**
   * A stress request.
   *
   * @param spotMoves relative spot moves (−0.5 = −50%), or null for the CLI's default grid
   * @param volMoves absolute vol moves (0.1 = +10 vol points), or null for the default
   */
  record StressQuery(double[] spotMoves, double[] volMoves) {
  }

  /** Parses a market JSON object (the format of market files); {@code name} appears in messages. */
  Market market(byte[] json, String name);

  /**
   * Applies one intraday update line {@code {"time": ISO, "underlying": U, "spot": S, "vol_shift": dv}}
   * (the format of {@code hedgekit watch}'s update stream) to {@code market}, returning a new
   * market; {@code vol_shift} is the shift from the stored snapshot, replacing the previous one.
   */
  Market update(Market market, byte[] updateJson, String name);

  /**
   * Reads and validates a whole book from {@code rows} into memory allocated from a child of
   * {@code parent} limited to {@code maxBytes}.
   *
   * @param maxRows at most this many positions (RESOURCE_EXHAUSTED beyond)
   */
  Book storeBook(ArrowReader rows, String name, BufferAllocator parent, long maxBytes, long maxRows);

  /** Reads and validates a whole scenario set from {@code rows}. */
  Scenarios storeScenarios(ArrowReader rows, String name, long maxRows);

  /**
   * Streams per-position Greeks of a book that arrives batch by batch: one input batch of at
   * most 65,536 rows in memory at a time, each result batch handed to {@code sink} before the
   * next is read.
   *
   * @param allowExpired value expired positions at intrinsic instead of rejecting them
   * @return positions computed
   */
  long greeks(ArrowReader rows, String name, Market market, boolean allowExpired, long maxRows,
      BufferAllocator allocator, BatchSink sink);

  /** Per-position Greeks of a stored book, batch by batch. */
  long greeks(Book book, Market market, boolean allowExpired, BufferAllocator allocator, BatchSink sink);

  /**
   * VaR/ES of a stored book over a stored scenario set: one table of figures
   * ({@code row_type} = figure, then by_underlying) and then the top contributors, with the
   * whole result as JSON in the schema metadata {@code hedgekit.result}.
   */
  void var(Book book, Market market, Scenarios scenarios, VarQuery query, boolean allowExpired,
      BufferAllocator allocator, BatchSink sink);

  /** Stress grid of a stored book: one row per (underlying or ALL, spot move, vol move). */
  void stress(Book book, Market market, StressQuery query, boolean allowExpired, BufferAllocator allocator,
      BatchSink sink);

  /**
   * An allocator for the server's transport (Flight buffers), from the same root as the
   * service's results so that result batches move to the wire without a copy; close it before
   * the service.
   */
  BufferAllocator newAllocator(String name);

  /** Releases the backend. */
  @Override
  void close();
}

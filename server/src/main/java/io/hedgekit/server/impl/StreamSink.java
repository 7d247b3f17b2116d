package io.hedgekit.server.impl;

import io.hedgekit.server.ComputeService;
import io.hedgekit.server.ServiceException;
import java.util.List;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Sends result batches to a Flight client, one at a time, waiting before each until gRPC can take
 * more ({@link BackpressureStrategy.CallbackBackpressureStrategy}): a slow reader slows the
 * computation instead of making the server buffer its results. A client that reads nothing for
 * {@code stallMillis} is dropped; a cancelled client stops the work at the next batch.
 */
final class StreamSink implements ComputeService.BatchSink, AutoCloseable {
  private final ServerStreamListener listener;
  private final BufferAllocator allocator;
  private final long stallMillis;
  private final BackpressureStrategy backpressure = new BackpressureStrategy.CallbackBackpressureStrategy();
  private VectorSchemaRoot out;

  StreamSink(ServerStreamListener listener, BufferAllocator allocator, long stallMillis) {
    this.listener = listener;
    this.allocator = allocator;
    this.stallMillis = stallMillis;
    backpressure.register(listener);
  }

  @Override
  public void checkCancelled() {
    if (listener.isCancelled()) {
      throw new ServiceException(ServiceException.Kind.CANCELLED, "the client cancelled the call");
    }
  }

  @Override
  public void accept(VectorSchemaRoot batch) {
    checkCancelled();
    if (out == null) {
      out = VectorSchemaRoot.create(batch.getSchema(), allocator);
      listener.start(out);
    }
    waitUntilReady();
    List<FieldVector> from = batch.getFieldVectors();
    List<FieldVector> to = out.getFieldVectors();
    for (int c = 0; c < from.size(); c++) {
      from.get(c).makeTransferPair(to.get(c)).transfer();
    }
    out.setRowCount(batch.getRowCount());
    listener.putNext(); // the message holds its own references to the buffers
    out.clear();
  }

  private void waitUntilReady() {
    long deadline = System.nanoTime() + stallMillis * 1_000_000L;
    while (true) {
      BackpressureStrategy.WaitResult r = backpressure.waitForListener(Math.min(stallMillis, 1000));
      switch (r) {
        case READY -> {
          return;
        }
        case CANCELLED -> throw new ServiceException(ServiceException.Kind.CANCELLED, "the client cancelled the call");
        default -> {
          checkCancelled();
          if (System.nanoTime() > deadline) {
            throw new ServiceException(ServiceException.Kind.RESOURCE_EXHAUSTED,
                "the client read no results for " + stallMillis / 1000.0 + " s; the call was dropped");
          }
        }
      }
    }
  }

  /** Ends the stream; with no batch sent, sends an empty one with {@code schema} first. */
  void finish(Schema schema) {
    if (out == null) {
      out = VectorSchemaRoot.create(schema, allocator);
      listener.start(out);
    }
    listener.completed();
  }

  @Override
  public void close() {
    if (out != null) {
      out.close();
    }
  }
}

package io.hedgekit.server.impl;

import io.hedgekit.server.ServiceException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The record batches of a client's Flight stream as an {@link ArrowReader}, one batch in memory
 * at a time (the Flight stream itself asks gRPC for only a few messages ahead). Counts rows and
 * stops with RESOURCE_EXHAUSTED past {@code maxRows}. Closing it leaves the Flight stream to
 * Flight. Dictionary-encoded columns are refused (send plain text columns).
 */
final class FlightStreamReader extends ArrowReader {
  private final FlightStream stream;
  private final long maxRows;
  private final String name;
  private long rows;

  FlightStreamReader(FlightStream stream, BufferAllocator allocator, long maxRows, String name) {
    super(allocator);
    this.stream = stream;
    this.maxRows = maxRows;
    this.name = name;
  }

  @Override
  protected Schema readSchema() {
    Schema schema = stream.getSchema();
    for (Field f : schema.getFields()) {
      if (f.getDictionary() != null) {
        throw new ServiceException(ServiceException.Kind.INVALID_ARGUMENT,
            name + ", column " + f.getName() + ": dictionary-encoded columns are not accepted over Flight; send plain utf8");
      }
    }
    return schema;
  }

  @Override
  public boolean loadNextBatch() throws java.io.IOException {
    prepareLoadNextBatch();
    if (!stream.next()) {
      return false;
    }
    rows += stream.getRoot().getRowCount();
    if (rows > maxRows) {
      throw new ServiceException(ServiceException.Kind.RESOURCE_EXHAUSTED,
          name + ": more than " + maxRows + " rows (the server's --max-rows)");
    }
    loadRecordBatch(new VectorUnloader(stream.getRoot()).getRecordBatch());
    return true;
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  protected void closeReadSource() {
    // the Flight stream belongs to Flight
  }
}

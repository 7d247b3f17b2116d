package io.hedgekit.io.impl;

import io.hedgekit.kernels.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.ipc.message.ArrowBlock;

/** Checks of Arrow IPC file blocks before Arrow's reader trusts them, and of the batches it loads. */
public final class ArrowBlocks {
  private ArrowBlocks() {
  }

  /**
   * Full validation of a loaded record batch's vectors (offsets monotonic and inside the data,
   * validity and data buffers large enough), so that damaged files fail here with an input error
   * instead of deep in a getter ({@code NegativeArraySizeException} from a string whose offsets
   * run backwards: a fuzzing finding).
   *
   * @param rowsBefore data rows before this batch, for the message
   * @throws InputException naming {@code file}
   */
  public static void validate(java.util.List<? extends org.apache.arrow.vector.FieldVector> vectors, String file,
      long rowsBefore) {
    for (org.apache.arrow.vector.FieldVector v : vectors) {
      try {
        org.apache.arrow.vector.util.ValueVectorUtility.validateFull(v);
      } catch (RuntimeException e) {
        throw new InputException(file, 0, v.getName(), null, "truncated or damaged Arrow IPC data in the record batch after"
            + " data row " + rowsBefore + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
      }
    }
  }

  /**
   * Checks that a record batch's block, its field nodes and the buffers its metadata declares lie inside the file.
   * Arrow's reader (19.0) does not: it slices out of bounds, throws and leaks the batch's body
   * buffer (a fuzzing finding; see ArrowBookReaderTest). Call it before loading each block.
   *
   * @throws InputException naming {@code file} when the block is damaged
   */
  public static void check(FileChannel channel, ArrowBlock block, int index, String file) throws IOException {
    long size = channel.size();
    long offset = block.getOffset();
    int metadataLength = block.getMetadataLength();
    long bodyLength = block.getBodyLength();
    if (offset < 0 || metadataLength < 8 || bodyLength < 0 || offset + metadataLength + bodyLength > size) {
      throw new InputException(file, 0, null, null, "truncated or not an Arrow IPC file (record batch " + index
          + " lies outside the file's " + size + " bytes)");
    }
    ByteBuffer metadata = ByteBuffer.allocate(metadataLength).order(ByteOrder.LITTLE_ENDIAN);
    while (metadata.hasRemaining() && channel.read(metadata, offset + metadata.position()) >= 0) {
      // positional reads leave the reader's position alone
    }
    try {
      int prefix = metadata.getInt(0) == -1 ? 8 : 4;
      Message message = Message.getRootAsMessage(metadata.position(prefix).slice().order(ByteOrder.LITTLE_ENDIAN));
      if (message.headerType() != MessageHeader.RecordBatch) {
        throw new IllegalArgumentException("block is not a record batch");
      }
      RecordBatch batch = (RecordBatch) message.header(new RecordBatch());
      if ((long) batch.nodesLength() * 16 > metadataLength || (long) batch.buffersLength() * 16 > metadataLength) {
        throw new IllegalArgumentException("the metadata declares more field nodes or buffers than it can hold");
      }
      for (int n = 0; n < batch.nodesLength(); n++) {
        org.apache.arrow.flatbuf.FieldNode node = batch.nodes(n);
        if (node.length() < 0 || node.nullCount() < 0 || node.nullCount() > node.length()) {
          throw new IllegalArgumentException("field node " + n + " has length " + node.length() + " and " + node.nullCount()
              + " nulls");
        }
      }
      for (int b = 0; b < batch.buffersLength(); b++) {
        org.apache.arrow.flatbuf.Buffer buffer = batch.buffers(b);
        if (buffer.offset() < 0 || buffer.length() < 0 || buffer.offset() + buffer.length() > bodyLength) {
          throw new IllegalArgumentException("buffer " + b + " lies outside the batch body");
        }
      }
    } catch (RuntimeException e) {
      throw new InputException(file, 0, null, null, "truncated or not an Arrow IPC file (record batch " + index + ": "
          + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
  }

}

package io.hedgekit.io.book;

import io.hedgekit.io.Expiries;
import io.hedgekit.io.impl.ArrowBlocks;
import io.hedgekit.io.impl.TrackingAllocator;
import io.hedgekit.kernels.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Rows of an Arrow IPC book, file format (starts with the {@code ARROW1} magic) or stream format,
 * one record batch in memory at a time.
 *
 * <p>Text columns may be Utf8, LargeUtf8, Utf8View or dictionary-encoded text; numeric columns
 * any int or float type (a float NaN counts as missing, as pandas writes it); times a timestamp
 * (any unit, read as UTC), a date (08:00 UTC) or text. Other types are read through their text form.
 */
final class ArrowRowSource implements RowSource {
  private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private enum Type { TEXT, NUMBER, TIME, OTHER }

  /** Typed access to one column of the current record batch. */
  private interface Cells {
    Type type();

    boolean isNull(int i);

    String text(int i);

    double number(int i);

    long millis(int i);
  }

  private final ArrowReader reader;
  /** The file, for checking record batch blocks before Arrow reads them (file format only; null for a caller's reader). */
  private final FileChannel channel;
  /**
   * What the reader allocates, so that buffers Arrow loses on a damaged batch are freed at close
   * (null for a caller's reader, whose allocator the caller owns).
   */
  private final TrackingAllocator tracking;
  private boolean loadFailed;
  private int nextBlock;
  private final String file;
  private final VectorSchemaRoot root;
  private final List<String> columns;
  private final Cells[] cells;
  // Decoded text of the current row, so isMissing and text decode a cell once.
  private final String[] textCache;
  private final long[] textCacheRow;
  private int index = -1;
  private int batchRows;
  private long row;

  private ArrowRowSource(ArrowReader reader, FileChannel channel, TrackingAllocator tracking, String file) throws IOException {
    this.reader = reader;
    this.channel = channel;
    this.tracking = tracking;
    this.file = file;
    this.root = reader.getVectorSchemaRoot();
    List<String> names = new ArrayList<>();
    for (Field f : root.getSchema().getFields()) {
      names.add(f.getName().strip().toLowerCase(Locale.ROOT));
    }
    this.columns = List.copyOf(names);
    this.cells = new Cells[names.size()];
    this.textCache = new String[names.size()];
    this.textCacheRow = new long[names.size()];
  }

  /** Opens an Arrow IPC file or stream; the format is detected from the leading magic bytes. */
  static ArrowRowSource open(Path path, String file, BufferAllocator allocator) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    ArrowReader reader = null;
    TrackingAllocator tracking = new TrackingAllocator(allocator);
    try {
      ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      while (head.hasRemaining() && channel.read(head) >= 0) {
        // read until 8 bytes or the end of a short file
      }
      boolean fileFormat = head.position() >= MAGIC.length
          && java.util.Arrays.equals(java.util.Arrays.copyOf(head.array(), MAGIC.length), MAGIC);
      if (!fileFormat && !looksLikeStream(head, channel.size())) {
        // Checked here because the stream reader would trust a garbage length and allocate it.
        throw new InputException(file, 0, null, null,
            "truncated or not an Arrow IPC file or stream (no ARROW1 magic and no IPC message at the start)");
      }
      channel.position(0);
      reader = fileFormat ? new ArrowFileReader(channel, tracking) : new ArrowStreamReader(channel, tracking);
      ArrowRowSource source = new ArrowRowSource(reader, channel, tracking, file);
      return source.withUniqueColumns();
    } catch (InputException e) {
      closeQuietly(reader, channel, e);
      tracking.releaseLeftovers();
      throw e;
    } catch (IOException | RuntimeException e) {
      closeQuietly(reader, channel, e);
      tracking.releaseLeftovers();
      throw new InputException(file, 0, null, null,
          "truncated or not an Arrow IPC file or stream (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
  }

  /** This source, after checking that no column name appears twice in its schema. */
  private ArrowRowSource withUniqueColumns() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String c : columns) {
      if (!seen.add(c)) {
        throw new InputException(file, 0, c, null, "column appears twice in the schema");
      }
    }
    return this;
  }

  /**
   * Rows of record batches an {@link ArrowReader} already open in memory delivers (a service's
   * stream, a {@code VectorSchemaRoot} wrapped as a reader); closing the source closes the reader.
   */
  static ArrowRowSource of(ArrowReader reader, String file) {
    try {
      ArrowRowSource source = new ArrowRowSource(reader, null, null, file);
      return source.withUniqueColumns();
    } catch (IOException e) {
      throw new InputException(file, 0, null, null,
          "not a readable Arrow stream (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
  }

  /**
   * True if the bytes start like an IPC stream: the continuation marker 0xFFFFFFFF, or (format
   * before Arrow 0.15) a positive metadata length that fits in the file.
   */
  private static boolean looksLikeStream(ByteBuffer head, long fileSize) {
    if (head.position() < 4) {
      return false;
    }
    int first = head.getInt(0);
    return first == -1 || (first > 0 && first <= fileSize - 4);
  }

  private static void closeQuietly(ArrowReader reader, FileChannel channel, Exception primary) {
    try {
      if (reader != null) {
        reader.close();
      }
      channel.close();
    } catch (IOException | RuntimeException suppressed) {
      primary.addSuppressed(suppressed);
    }
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public boolean advance() throws IOException {
    while (index + 1 >= batchRows) {
      if (!loadNextBatch()) {
        return false;
      }
      batchRows = root.getRowCount();
      index = -1;
      List<FieldVector> vectors = root.getFieldVectors();
      ArrowBlocks.validate(vectors, file, row);
      for (int c = 0; c < cells.length; c++) {
        cells[c] = cellsOf(vectors.get(c));
      }
    }
    index++;
    row++;
    return true;
  }

  private boolean loadNextBatch() {
    if (tracking != null) {
      tracking.mark();
    }
    loadFailed = true;
    try {
      if (channel != null && reader instanceof ArrowFileReader fileReader && nextBlock < fileReader.getRecordBlocks().size()) {
        ArrowBlocks.check(channel, fileReader.getRecordBlocks().get(nextBlock), nextBlock, file);
        nextBlock++;
      }
      boolean loaded = reader.loadNextBatch();
      loadFailed = false;
      return loaded;
    } catch (InputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InputException(file, 0, null, null, "truncated or not an Arrow IPC file or stream (record batch after data row "
          + row + ": " + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
  }

  private Cells cellsOf(FieldVector v) {
    Field field = v.getField();
    if (field.getDictionary() != null) {
      Dictionary dict = reader.lookup(field.getDictionary().getId());
      BaseIntVector indices = (BaseIntVector) v;
      Cells values = cellsOf(dict.getVector());
      return new Cells() {
        public Type type() {
          return values.type();
        }

        public boolean isNull(int i) {
          return v.isNull(i) || values.isNull((int) indices.getValueAsLong(i));
        }

        public String text(int i) {
          return values.text((int) indices.getValueAsLong(i));
        }

        public double number(int i) {
          return values.number((int) indices.getValueAsLong(i));
        }

        public long millis(int i) {
          return values.millis((int) indices.getValueAsLong(i));
        }
      };
    }
    if (v instanceof VariableWidthFieldVector text
        && (field.getType() instanceof ArrowType.Utf8 || field.getType() instanceof ArrowType.LargeUtf8
            || field.getType() instanceof ArrowType.Utf8View)) {
      return new Cells() {
        public Type type() {
          return Type.TEXT;
        }

        public boolean isNull(int i) {
          return text.isNull(i) || text.getValueLength(i) == 0;
        }

        public String text(int i) {
          return new String(text.get(i), StandardCharsets.UTF_8).strip();
        }

        public double number(int i) {
          throw new UnsupportedOperationException();
        }

        public long millis(int i) {
          throw new UnsupportedOperationException();
        }
      };
    }
    if (v instanceof FloatingPointVector fp) {
      return new Cells() {
        public Type type() {
          return Type.NUMBER;
        }

        public boolean isNull(int i) {
          return fp.isNull(i) || Double.isNaN(fp.getValueAsDouble(i));
        }

        public String text(int i) {
          return Double.toString(fp.getValueAsDouble(i));
        }

        public double number(int i) {
          return fp.getValueAsDouble(i);
        }

        public long millis(int i) {
          throw new UnsupportedOperationException();
        }
      };
    }
    if (v instanceof BaseIntVector iv) {
      return new Cells() {
        public Type type() {
          return Type.NUMBER;
        }

        public boolean isNull(int i) {
          return iv.isNull(i);
        }

        public String text(int i) {
          return Long.toString(iv.getValueAsLong(i));
        }

        public double number(int i) {
          return iv.getValueAsLong(i);
        }

        public long millis(int i) {
          throw new UnsupportedOperationException();
        }
      };
    }
    if (v instanceof TimeStampVector ts) {
      ArrowType.Timestamp type = (ArrowType.Timestamp) field.getType();
      return timeCells(v, i -> switch (type.getUnit()) {
        case SECOND -> Math.multiplyExact(ts.get(i), 1000L);
        case MILLISECOND -> ts.get(i);
        case MICROSECOND -> Math.floorDiv(ts.get(i), 1000L);
        case NANOSECOND -> Math.floorDiv(ts.get(i), 1_000_000L);
      });
    }
    if (v instanceof DateDayVector dd) {
      return timeCells(v, i -> Expiries.atDeribitExpiry(LocalDate.ofEpochDay(dd.get(i))).toEpochMilli());
    }
    if (v instanceof DateMilliVector dm) {
      return timeCells(v, i -> Expiries.atDeribitExpiry(LocalDate.ofEpochDay(Math.floorDiv(dm.get(i), MILLIS_PER_DAY))).toEpochMilli());
    }
    return new Cells() {
      public Type type() {
        return Type.OTHER;
      }

      public boolean isNull(int i) {
        return v.isNull(i);
      }

      public String text(int i) {
        return String.valueOf(v.getObject(i)).strip();
      }

      public double number(int i) {
        throw new UnsupportedOperationException();
      }

      public long millis(int i) {
        throw new UnsupportedOperationException();
      }
    };
  }

  private static Cells timeCells(FieldVector v, java.util.function.IntToLongFunction toMillis) {
    return new Cells() {
      public Type type() {
        return Type.TIME;
      }

      public boolean isNull(int i) {
        return v.isNull(i);
      }

      public String text(int i) {
        return Instant.ofEpochMilli(toMillis.applyAsLong(i)).toString();
      }

      public double number(int i) {
        throw new UnsupportedOperationException();
      }

      public long millis(int i) {
        return toMillis.applyAsLong(i);
      }
    };
  }

  @Override
  public long row() {
    return row;
  }

  @Override
  public boolean isMissing(int column) {
    Type t = cells[column].type();
    if (t == Type.NUMBER || t == Type.TIME) {
      // Their text is never blank: missing means null (or NaN), found without formatting the value.
      return cells[column].isNull(index);
    }
    return text(column) == null;
  }

  @Override
  public String text(int column) {
    if (textCacheRow[column] != row) {
      textCacheRow[column] = row;
      String t = cells[column].isNull(index) ? null : cells[column].text(index);
      textCache[column] = t == null || t.isEmpty() ? null : t;
    }
    return textCache[column];
  }

  @Override
  public boolean isNumeric(int column) {
    return cells[column].type() == Type.NUMBER;
  }

  @Override
  public double number(int column) {
    return cells[column].number(index);
  }

  @Override
  public boolean isTime(int column) {
    return cells[column].type() == Type.TIME;
  }

  @Override
  public long epochMillis(int column) {
    return cells[column].millis(index);
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } finally {
      if (loadFailed && tracking != null) {
        tracking.releaseLeftovers();
      }
    }
  }
}

package io.hedgekit.io.impl;

import io.hedgekit.kernels.InputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming RFC-4180 tokenizer: comma separated, fields optionally in double quotes with
 * {@code ""} for a quote inside, CRLF or LF line ends (quoted fields may span lines). Whitespace
 * around every field is trimmed (inside quotes it is kept). A leading UTF-8 byte order mark is
 * skipped.
 *
 * <p>Records are numbered from 0 (the header); a syntax error is an {@link InputException} whose
 * row is the number of the record it occurs in.
 */
public final class CsvRecordReader implements Closeable {
  private final Reader in;
  private final String file;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int len;
  private boolean eof;
  private boolean started;
  private long record = -1;
  private final ArrayList<String> fields = new ArrayList<>();
  private final StringBuilder sb = new StringBuilder();

  /**
   * @param in the text, read sequentially (wrap nothing: this class buffers)
   * @param file file name for error messages
   */
  public CsvRecordReader(Reader in, String file) {
    this.in = in;
    this.file = file;
  }

  /** Number of the record last returned by {@link #next()} (0 = first record), −1 before. */
  public long recordNumber() {
    return record;
  }

  /**
   * The next record's fields, or null at the end of the input. A blank line is a record with no
   * fields (an empty list). The list is reused by the next call.
   *
   * @throws InputException on an unterminated quoted field or text after a closing quote
   */
  public List<String> next() throws IOException {
    if (!started) {
      started = true;
      if (fill() && buf[pos] == '\uFEFF') {
        pos++;
      }
    }
    if (pos >= len && !fill()) {
      return null;
    }
    record++;
    fields.clear();
    boolean anyContent = false;
    while (true) {
      sb.setLength(0);
      skipBlanks();
      boolean quoted = false;
      if (pos < len && buf[pos] == '"') {
        quoted = true;
        anyContent = true;
        pos++;
        readQuoted();
        skipBlanks();
      } else {
        readUnquoted();
      }
      String field = quoted ? sb.toString() : sb.toString().strip();
      if (!field.isEmpty()) {
        anyContent = true;
      }
      fields.add(field);
      if (pos >= len && !fill()) {
        break;
      }
      char c = buf[pos];
      if (c == ',') {
        pos++;
        anyContent = true;
        continue;
      }
      if (c == '\r' || c == '\n') {
        pos++;
        if (c == '\r' && (pos < len || fill()) && buf[pos] == '\n') {
          pos++;
        }
        break;
      }
      throw new InputException(file, record, null, null,
          "CSV syntax: unexpected character '" + c + "' after a closing quote");
    }
    if (!anyContent) {
      fields.clear();
    }
    return fields;
  }

  private void skipBlanks() throws IOException {
    while ((pos < len || fill()) && (buf[pos] == ' ' || buf[pos] == '\t')) {
      pos++;
    }
  }

  private void readUnquoted() throws IOException {
    while (pos < len || fill()) {
      int start = pos;
      while (pos < len) {
        char c = buf[pos];
        if (c == ',' || c == '\n' || c == '\r') {
          sb.append(buf, start, pos - start);
          return;
        }
        pos++;
      }
      sb.append(buf, start, pos - start);
    }
  }

  private void readQuoted() throws IOException {
    while (true) {
      if (pos >= len && !fill()) {
        throw new InputException(file, record, null, null, "CSV syntax: quoted field is not closed before the end of the file");
      }
      int start = pos;
      while (pos < len && buf[pos] != '"') {
        pos++;
      }
      sb.append(buf, start, pos - start);
      if (pos < len) {
        pos++;
        if ((pos < len || fill()) && buf[pos] == '"') {
          sb.append('"');
          pos++;
        } else {
          return;
        }
      }
    }
  }

  /** Refills the buffer when it is used up; false at the end of the input. */
  private boolean fill() throws IOException {
    if (pos < len) {
      return true;
    }
    if (eof) {
      return false;
    }
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    pos = 0;
    if (n < 0) {
      len = 0;
      eof = true;
      return false;
    }
    len = n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

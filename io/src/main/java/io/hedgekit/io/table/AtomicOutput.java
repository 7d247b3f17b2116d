package io.hedgekit.io.table;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a
 * half-written one: bytes go to a temporary file in the target's directory, which
 * {@link #commit()} flushes to disk and renames over the target ({@code ATOMIC_MOVE}). Closing
 * without committing, or any failure, deletes the temporary file and leaves the target as it was.
 *
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.open(target)) {
 *   out.stream().write(bytes);
 *   out.commit();
 * }
 * }</pre>
 */
public final class AtomicOutput implements Closeable {
  private static final int BUFFER_BYTES = 1 << 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final BufferedOutputStream buffered;
  private final OutputStream stream;
  private boolean committed;
  private boolean closed;

  private AtomicOutput(Path target, Path temp, FileChannel channel) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
    this.buffered = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
    // Closing what callers wrap around the stream must not close the file before commit().
    this.stream = new FilterOutputStream(buffered) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  /**
   * Starts writing {@code target} (its directory must exist).
   *
   * @throws IOException if the temporary file cannot be created
   */
  public static AtomicOutput open(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temp = createTemp(dir, absolute.getFileName().toString());
    try {
      return new AtomicOutput(absolute, temp, FileChannel.open(temp, StandardOpenOption.WRITE));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /**
   * A new empty file next to the target. Not {@code Files.createTempFile}: that makes the file
   * owner-only (0600), and the rename would give the result those permissions instead of the
   * usual ones from the umask.
   */
  private static Path createTemp(Path dir, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path temp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      try {
        return Files.createFile(temp);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  /**
   * Writes {@code target} with {@code body} and commits; if {@code body} throws, nothing is
   * written (the exception propagates, the target is untouched).
   */
  public static void write(Path target, IOConsumer<OutputStream> body) throws IOException {
    Objects.requireNonNull(body, "body");
    try (AtomicOutput out = open(target)) {
      body.accept(out.stream());
      out.commit();
    }
  }

  /** Where to write; buffered. Closing it only flushes; the file is finished by {@link #commit()}. */
  public OutputStream stream() {
    return stream;
  }

  /** The file this output replaces on commit (absolute). */
  public Path target() {
    return target;
  }

  /** The temporary file being written (absolute); for tests and diagnostics. */
  public Path tempFile() {
    return temp;
  }

  /**
   * Flushes, forces the bytes to disk and renames the temporary file over the target.
   *
   * @throws IOException if any step fails; then the temporary file is deleted and the target untouched
   * @throws IllegalStateException if already committed or closed
   */
  public void commit() throws IOException {
    if (committed || closed) {
      throw new IllegalStateException("output to " + target + " is already " + (committed ? "committed" : "closed"));
    }
    try {
      buffered.flush();
      channel.force(true);
      channel.close();
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      committed = true;
    } catch (IOException | RuntimeException e) {
      discard(e);
      throw e;
    }
  }

  /** True after a successful {@link #commit()}. */
  public boolean isCommitted() {
    return committed;
  }

  /** Deletes the temporary file unless committed. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (!committed) {
      channel.close();
      Files.deleteIfExists(temp);
    }
  }

  private void discard(Exception primary) {
    closed = true;
    try {
      channel.close();
      Files.deleteIfExists(temp);
    } catch (IOException | RuntimeException suppressed) {
      primary.addSuppressed(suppressed);
    }
  }
}

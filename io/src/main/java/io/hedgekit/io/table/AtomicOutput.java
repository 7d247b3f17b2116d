package io.hedgekit.io.table;

import io.hedgekit.kernels.InputException;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

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
  /** Longest target name kept whole in a temporary file's name (Linux allows 255 bytes per name). */
  private static final int MAX_NAME_IN_TEMP = 200;
  /** Longest file name most file systems accept, in bytes (NAME_MAX on Linux). */
  private static final int NAME_MAX_BYTES = 255;
  /** Temporary files of this JVM not yet committed or deleted; the shutdown hook deletes them. */
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(AtomicOutput::deleteLive, "hedgekit-output-cleanup"));
  }

  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  /** Held while the file is written (released when the channel closes): marks it as in use. */
  @SuppressWarnings("unused")
  private final FileLock lock;
  private final BufferedOutputStream buffered;
  private final OutputStream stream;
  private boolean committed;
  private boolean closed;

  private AtomicOutput(Path target, Path temp, FileChannel channel) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
    this.lock = tryLock(channel);
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
   * Starts writing {@code target} (its directory must exist), first deleting stale temporary
   * files that killed processes left for the same target ({@link #removeStaleTemps}).
   *
   * @throws InputException if the target cannot be written for a reason the user can fix: its
   *     directory is missing, not a directory, read-only or not writable, the target is a
   *     directory, or its name is too long
   * @throws IOException if the temporary file cannot be created for another reason
   */
  public static AtomicOutput open(Path target) throws IOException {
    Path absolute = checkPath(target);
    Path dir = absolute.getParent();
    removeStaleTemps(absolute);
    Path temp = createTemp(target, dir, absolute.getFileName().toString());
    try {
      return new AtomicOutput(absolute, temp, FileChannel.open(temp, StandardOpenOption.WRITE));
    } catch (IOException | RuntimeException e) {
      LIVE.remove(temp);
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /**
   * Checks, before any work is done, that {@code target} can be written: the checks of
   * {@link #open} and a trial temporary file created and deleted in its directory.
   *
   * @throws InputException naming the target and the reason when it cannot be written
   */
  public static void checkWritable(Path target) {
    Path absolute = checkPath(target);
    try {
      Path probe = createTemp(target, absolute.getParent(), absolute.getFileName().toString());
      LIVE.remove(probe);
      Files.deleteIfExists(probe);
    } catch (IOException e) {
      throw new InputException(target.toString(), 0, null, null, "cannot write: " + e.getMessage(), e);
    }
  }

  /** The target's absolute path, after the checks that need no file created. */
  private static Path checkPath(Path target) {
    Objects.requireNonNull(target, "target");
    Path absolute = target.toAbsolutePath().normalize();
    String given = target.toString();
    if (absolute.getFileName() == null || given.isEmpty()) {
      throw new InputException(given, 0, null, null, "cannot write: not a file name");
    }
    int bytes = absolute.getFileName().toString().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > NAME_MAX_BYTES) {
      throw new InputException(given, 0, null, null, "cannot write: the file name is " + bytes
          + " bytes long, more than the " + NAME_MAX_BYTES + " a file system allows");
    }
    if (Files.isDirectory(absolute)) {
      throw new InputException(given, 0, null, null, "cannot write: it is a directory; give a file name");
    }
    Path dir = absolute.getParent();
    if (!Files.exists(dir)) {
      throw new InputException(given, 0, null, null, "cannot write: directory " + dir + " does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new InputException(given, 0, null, null, "cannot write: " + dir + " is not a directory");
    }
    return absolute;
  }

  /**
   * A new empty file next to the target, registered for deletion at exit. Not
   * {@code Files.createTempFile}: that makes the file owner-only (0600), and the rename would
   * give the result those permissions instead of the usual ones from the umask.
   *
   * @throws InputException when the directory refuses new files (permission, read-only file system)
   */
  private static Path createTemp(Path given, Path dir, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path temp = dir.resolve(tempPrefix(name) + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      try {
        LIVE.add(temp);
        return Files.createFile(temp);
      } catch (FileAlreadyExistsException e) {
        LIVE.remove(temp);
        if (attempt >= 100) {
          throw e;
        }
      } catch (IOException e) {
        LIVE.remove(temp);
        String reason = reason(e, dir);
        if (reason != null) {
          throw new InputException(given.toString(), 0, null, null, "cannot write: " + reason, e);
        }
        throw e;
      }
    }
  }

  /** ".name." with the name cut to {@link #MAX_NAME_IN_TEMP} characters, so long names still fit. */
  private static String tempPrefix(String name) {
    String kept = name.length() > MAX_NAME_IN_TEMP ? name.substring(0, MAX_NAME_IN_TEMP) : name;
    return "." + kept + ".";
  }

  /**
   * A user-fixable reason for a failure to create a file in {@code dir}, or null when it is
   * something else. Package-private for tests: running as root, permissions cannot be provoked.
   */
  static String reason(IOException e, Path dir) {
    String os = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : "";
    String low = os.toLowerCase(Locale.ROOT);
    if (low.contains("read-only file system")) {
      return "directory " + dir + " is on a read-only file system";
    }
    if (e instanceof AccessDeniedException || low.contains("permission denied")) {
      return "no permission to create files in directory " + dir;
    }
    if (low.contains("file name too long")) {
      return "the file name is too long for the file system of " + dir;
    }
    if (e instanceof NoSuchFileException) {
      return Files.isDirectory(dir) ? "directory " + dir + " does not accept new files"
          : "directory " + dir + " does not exist";
    }
    if (e instanceof NotDirectoryException || low.contains("not a directory")) {
      return dir + " is not a directory";
    }
    if (low.contains("no space left")) {
      return "no space left on the device of " + dir;
    }
    if (low.contains("quota")) {
      return "disk quota exceeded in " + dir;
    }
    return null;
  }

  /**
   * Deletes the temporary files that processes writing {@code target} left when they were
   * killed: files named {@code .<target name>.<random>.tmp} beside it that neither this JVM nor
   * another live process holds (a writer keeps its temporary file locked). Files of other names
   * are never touched.
   *
   * @return the files deleted (absolute), empty when none
   */
  public static List<Path> removeStaleTemps(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    Path dir = absolute.getParent();
    Path name = absolute.getFileName();
    List<Path> removed = new ArrayList<>();
    if (dir == null || name == null || !Files.isDirectory(dir)) {
      return removed;
    }
    Pattern pattern = Pattern.compile(Pattern.quote(tempPrefix(name.toString())) + "[0-9a-z]{1,13}\\.tmp");
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
        p -> pattern.matcher(p.getFileName().toString()).matches())) {
      for (Path p : entries) {
        if (!LIVE.contains(p) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && deleteIfUnlocked(p)) {
          removed.add(p);
        }
      }
    } catch (IOException e) {
      // A directory that cannot be listed has nothing we may delete; the write reports its own error.
    }
    return removed;
  }

  /** Deletes {@code p} if no process holds its lock; false when it is in use or cannot be deleted. */
  private static boolean deleteIfUnlocked(Path p) {
    try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
      FileLock l;
      try {
        l = c.tryLock();
      } catch (OverlappingFileLockException e) {
        return false;
      }
      if (l == null) {
        return false;
      }
      Files.delete(p);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** An exclusive lock on the temporary file, telling other processes it is in use; null where unsupported. */
  private static FileLock tryLock(FileChannel channel) {
    try {
      return channel.tryLock();
    } catch (IOException | OverlappingFileLockException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** Shutdown hook: deletes every temporary file of this JVM that was not committed. */
  private static void deleteLive() {
    for (Path p : LIVE) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException | RuntimeException e) {
        // Best effort at exit; the next run writing this target removes what is left.
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
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      committed = true;
      LIVE.remove(temp);
      channel.close();
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
      LIVE.remove(temp);
    }
  }

  private void discard(Exception primary) {
    closed = true;
    try {
      channel.close();
      Files.deleteIfExists(temp);
      LIVE.remove(temp);
    } catch (IOException | RuntimeException suppressed) {
      primary.addSuppressed(suppressed);
    }
  }
}

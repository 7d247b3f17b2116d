package io.hedgekit.io.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.kernels.InputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
  @TempDir
  Path dir;

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void write_createsTheFile() throws IOException {
    Path t = dir.resolve("out.txt");
    AtomicOutput.write(t, out -> out.write("hello".getBytes(StandardCharsets.UTF_8)));
    assertEquals("hello", Files.readString(t));
    assertEquals(List.of("out.txt"), files());
  }

  @Test
  void write_failureLeavesNoFileAndNoTempFile() throws IOException {
    Path t = dir.resolve("out.txt");
    IOException boom = new IOException("disk on fire");
    IOException e = assertThrows(IOException.class, () -> AtomicOutput.write(t, out -> {
      out.write(new byte[100_000]);
      throw boom;
    }));
    assertSame(boom, e);
    assertEquals(List.of(), files());
  }

  @Test
  void write_failureKeepsTheOldFile() throws IOException {
    Path t = dir.resolve("out.txt");
    Files.writeString(t, "old");
    assertThrows(IllegalStateException.class, () -> AtomicOutput.write(t, out -> {
      out.write("new, half".getBytes(StandardCharsets.UTF_8));
      throw new IllegalStateException("bug");
    }));
    assertEquals("old", Files.readString(t));
    assertEquals(List.of("out.txt"), files());
  }

  @Test
  void commit_replacesAnExistingFile() throws IOException {
    Path t = dir.resolve("out.txt");
    Files.writeString(t, "old content that is longer");
    AtomicOutput.write(t, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
    assertEquals("new", Files.readString(t));
  }

  @Test
  void open_tempFileIsInTheTargetDirectoryAndHiddenUntilCommit() throws IOException {
    Path t = dir.resolve("out.txt");
    try (AtomicOutput out = AtomicOutput.open(t)) {
      assertEquals(dir.toAbsolutePath(), out.tempFile().getParent());
      try (Writer w = new OutputStreamWriter(out.stream(), StandardCharsets.UTF_8)) {
        w.write("text");
      }
      assertFalse(Files.exists(t), "nothing at the target before commit");
      out.commit();
      assertTrue(out.isCommitted());
      assertThrows(IllegalStateException.class, out::commit);
    }
    assertEquals("text", Files.readString(t), "closing the wrapping writer did not close the file early");
    assertEquals(List.of("out.txt"), files());
  }

  @Test
  void commit_resultHasTheUsualPermissionsNotOwnerOnly() throws IOException {
    Path plain = Files.createFile(dir.resolve("plain.txt"));
    Path t = dir.resolve("out.txt");
    AtomicOutput.write(t, out -> out.write(1));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(t));
  }

  @Test
  void close_withoutCommitDeletesTheTempFile() throws IOException {
    Path t = dir.resolve("out.txt");
    try (AtomicOutput out = AtomicOutput.open(t)) {
      out.stream().write(1);
      out.stream().flush();
      assertTrue(Files.exists(out.tempFile()));
    }
    assertEquals(List.of(), files());
  }

  @Test
  void commit_failureDeletesTheTempFile() throws IOException {
    Path t = dir.resolve("sub");
    try (AtomicOutput out = AtomicOutput.open(t)) {
      out.stream().write(1);
      Files.createDirectory(t);
      Files.writeString(t.resolve("keep"), "x");
      assertThrows(IOException.class, out::commit, "cannot rename a file over a non-empty directory");
    }
    assertEquals(List.of("sub"), files());
  }

  @Test
  void open_directoryAsTarget_isAnInputErrorNamingIt() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    InputException e = assertThrows(InputException.class, () -> AtomicOutput.open(sub));
    assertEquals(sub + ": cannot write: it is a directory; give a file name", e.getMessage());
  }

  @Test
  void open_missingDirectory_namesTheDirectory() {
    Path t = dir.resolve("nope").resolve("out.txt");
    InputException e = assertThrows(InputException.class, () -> AtomicOutput.open(t));
    assertEquals(t + ": cannot write: directory " + dir.resolve("nope") + " does not exist", e.getMessage());
  }

  @Test
  void reason_userFixableFailuresAreNamed() {
    Path d = Path.of("/data/out");
    assertEquals("no permission to create files in directory /data/out",
        AtomicOutput.reason(new AccessDeniedException("/data/out/.x.1.tmp"), d));
    assertEquals("directory /data/out is on a read-only file system",
        AtomicOutput.reason(new FileSystemException("/data/out/.x.1.tmp", null, "Read-only file system"), d));
    assertEquals("the file name is too long for the file system of /data/out",
        AtomicOutput.reason(new FileSystemException("/data/out/.x.1.tmp", null, "File name too long"), d));
    assertEquals("no space left on the device of /data/out",
        AtomicOutput.reason(new FileSystemException("/data/out/.x.1.tmp", null, "No space left on device"), d));
    assertNull(AtomicOutput.reason(new IOException("controller on fire"), d));
  }

  @Test
  void removeStaleTemps_deletesLeftoversButNotTheTempOfAnOpenOutput() throws IOException {
    Path t = dir.resolve("out.csv");
    Path stale = Files.writeString(dir.resolve(".out.csv.abc123.tmp"), "half");
    try (AtomicOutput out = AtomicOutput.open(t)) {
      assertFalse(Files.exists(stale), "open removes what a killed run left");
      assertEquals(List.of(), AtomicOutput.removeStaleTemps(t), "the live temp file is ours");
      assertTrue(Files.exists(out.tempFile()));
    }
  }

  @Test
  void removeStaleTemps_keepsATempFileLockedByAnotherProcess() throws Exception {
    Path t = dir.resolve("out.csv");
    Path held = Files.writeString(dir.resolve(".out.csv.zz9.tmp"), "being written");
    Process p;
    try {
      p = new ProcessBuilder("python3", "-c", "import fcntl,sys,time\n"
          + "f=open(sys.argv[1],'r+'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)",
          held.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("needs python3 to hold a POSIX lock from another process: " + e.getMessage());
      return;
    }
    try {
      assertEquals("locked", new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine());
      assertEquals(List.of(), AtomicOutput.removeStaleTemps(t));
      assertTrue(Files.exists(held), "a live writer's file is never deleted");
    } finally {
      p.destroyForcibly().waitFor();
    }
    assertEquals(List.of(held.toAbsolutePath()), AtomicOutput.removeStaleTemps(t), "once its process is gone it is stale");
  }
}

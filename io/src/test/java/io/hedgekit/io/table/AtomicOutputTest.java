package io.hedgekit.io.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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
    Files.createDirectory(t);
    Files.writeString(t.resolve("keep"), "x");
    try (AtomicOutput out = AtomicOutput.open(t)) {
      out.stream().write(1);
      assertThrows(IOException.class, out::commit, "cannot rename a file over a non-empty directory");
    }
    assertEquals(List.of("sub"), files());
  }
}

package io.hedgekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example in docs/embedding.md compiles and runs, and prints what the guide says it does. */
class EmbeddingGuideTest {

  @Test
  void guideJavaExample_compilesAndRuns(@TempDir Path dir) throws Exception {
    String guide = Files.readString(ReadmeExampleTest.repoRoot().resolve("docs/embedding.md"));
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(guide);
    assertTrue(m.find(), "docs/embedding.md has a java block");
    Path file = dir.resolve("EmbeddingGuide.java");
    Files.writeString(file, m.group(1));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc = javac.run(null, diagnostics, diagnostics, "-d", dir.toString(), "-cp",
        System.getProperty("java.class.path"), file.toString());
    assertEquals(0, rc, "the guide's example does not compile:\n" + diagnostics);
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Method main = loader.loadClass("EmbeddingGuide").getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(saved);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("rejected id p5 (row 5), column underlying"), printed);
    assertTrue(printed.contains("BTC delta "), printed);
    assertTrue(printed.contains("VaR 75% "), printed);
    assertTrue(printed.contains("after the tick: BTC value "), printed);
  }
}

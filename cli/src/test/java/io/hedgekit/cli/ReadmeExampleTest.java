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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API example in the README compiles and runs against the shipped examples. */
class ReadmeExampleTest {

  static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !(Files.exists(p.resolve("README.md")) && Files.isDirectory(p.resolve("examples")))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  @Test
  void readmeJavaExample_compilesAndRuns(@TempDir Path dir) throws Exception {
    Path root = repoRoot();
    String readme = Files.readString(root.resolve("README.md"));
    int section = readme.indexOf("## Java API");
    assertTrue(section >= 0, "README has a '## Java API' section");
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(m.find(section), "README's Java API section has a java block");
    String body = m.group(1).replace("\"examples/", "\"" + root.resolve("examples") + "/");
    String source = """
        import io.hedgekit.io.market.MarketJson;
        import io.hedgekit.kernels.BackendOptions;
        import io.hedgekit.kernels.market.MarketData;
        import io.hedgekit.risk.backend.Backends;
        import io.hedgekit.risk.book.ArrowResolvedBook;
        import io.hedgekit.risk.book.ResolveOptions;
        import io.hedgekit.risk.greeks.GreeksJob;
        import io.hedgekit.risk.greeks.PortfolioGreeks;
        import io.hedgekit.kernels.Progress;
        import java.nio.file.Path;
        import org.apache.arrow.memory.BufferAllocator;
        import org.apache.arrow.memory.RootAllocator;
        import org.apache.arrow.vector.Float8Vector;

        public class ReadmeExample {
          public static void main(String[] args) throws Exception {
        """ + body + "\n  }\n}\n";
    Path file = dir.resolve("ReadmeExample.java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc = javac.run(null, diagnostics, diagnostics, "-d", dir.toString(), "-cp",
        System.getProperty("java.class.path"), file.toString());
    assertEquals(0, rc, "README example does not compile:\n" + diagnostics);
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Method main = loader.loadClass("ReadmeExample").getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(saved);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("BTC delta"), printed);
    assertTrue(List.of(printed.split("\n")).stream().anyMatch(l -> l.contains("positions, first delta")), printed);
  }
}

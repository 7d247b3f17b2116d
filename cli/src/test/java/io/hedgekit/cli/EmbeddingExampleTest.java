package io.hedgekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgekit.io.scenario.ScenarioFiles;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.scenario.ScenarioMetadata;
import io.hedgekit.kernels.scenario.ScenarioSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/embedding} builds against the installed hedgekit artifacts and its JSON equals
 * {@code hedgekit greeks}'s per-position file summed and {@code hedgekit var}'s full revaluation.
 * Needs {@code mvn install} (as {@code ./hedgekit test} and CI run it): when the installed jars are
 * not those of this build it fails in CI ({@code CI=true}) and is skipped elsewhere, saying why.
 */
class EmbeddingExampleTest {
  private static final List<String> MODULES = List.of("kernels", "io", "cpu", "gpu", "risk");
  private static final String FLAGS = "--add-modules jdk.incubator.vector --add-opens=java.base/java.nio=ALL-UNNAMED "
      + "--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED";

  @TempDir
  Path dir;

  @Test
  void example_buildsAgainstInstalledArtifacts_andMatchesTheCli() throws Exception {
    Path root = ReadmeExampleTest.repoRoot();
    requireInstalled(root);
    Path pom = root.resolve("examples/embedding/pom.xml");
    Path log = dir.resolve("mvn.log");
    int rc = run(List.of("mvn", "-B", "-q", "-ntp", "-Dmaven.repo.local=" + localRepository(), "-f", pom.toString(),
        "package"), log, 300);
    assertEquals(0, rc, "building examples/embedding failed:\n" + Files.readString(log));
    Path jar = root.resolve("examples/embedding/target/embedding-example.jar");
    assertTrue(Files.isRegularFile(jar), jar + " was not built");

    Path scenarios = dir.resolve("scenarios.arrow");
    writeScenarios(scenarios);
    Path book = root.resolve("examples/book.csv");
    Path market = root.resolve("examples/market.json");
    List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    java.addAll(List.of(FLAGS.split(" ")));
    java.addAll(List.of("-Dhedgekit.backend=scalar", "-jar", jar.toString(), book.toString(), market.toString(),
        scenarios.toString()));
    Path out = dir.resolve("example.out");
    rc = run(java, out, 120);
    String printed = Files.readString(out);
    assertEquals(0, rc, "the example failed:\n" + printed);
    String line = printed.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow(() -> new AssertionError(printed));
    JsonNode got = new ObjectMapper().readTree(line);

    Path perPosition = dir.resolve("greeks.csv");
    CliRun g = CliRun.of("greeks", "--book", book.toString(), "--market", market.toString(), "--out", perPosition.toString(),
        "--backend", "scalar", "--quiet");
    assertEquals(0, g.exitCode(), g.err());
    Map<String, double[]> sums = sumPerUnderlying(perPosition);
    assertEquals(sums.values().stream().mapToLong(s -> (long) s[5]).sum(), got.get("positions").asLong());
    assertEquals(sums.keySet(), toSet(got.get("greeks").fieldNames()));
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      JsonNode u = got.get("greeks").get(e.getKey());
      String[] names = {"value", "delta", "gamma", "vega", "theta"};
      for (int c = 0; c < names.length; c++) {
        double want = e.getValue()[c];
        assertEquals(want, u.get(names[c]).asDouble(), 1e-9 * Math.max(1, Math.abs(want)), e.getKey() + " " + names[c]);
      }
    }
    CliRun v = CliRun.of("var", "--book", book.toString(), "--market", market.toString(), "--scenarios",
        scenarios.toString(), "--method", "full", "--confidence", "0.99", "--backend", "scalar", "--json", "--quiet");
    assertEquals(0, v.exitCode(), v.err());
    JsonNode full = new ObjectMapper().readTree(v.out()).get("results").get(0);
    assertEquals(0.99, got.get("var").get("confidence").asDouble(), 0);
    assertEquals(full.get("var").asDouble(), got.get("var").get("var").asDouble(), 0);
    assertEquals(full.get("es").asDouble(), got.get("var").get("es").asDouble(), 0);
  }

  private static java.util.Set<String> toSet(java.util.Iterator<String> it) {
    java.util.Set<String> s = new java.util.TreeSet<>();
    it.forEachRemaining(s::add);
    return s;
  }

  /** value, delta, gamma, vega, theta and the position count per underlying, summed in file order. */
  private static Map<String, double[]> sumPerUnderlying(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<String> header = List.of(lines.get(0).split(","));
    int[] cols = {header.indexOf("value"), header.indexOf("delta"), header.indexOf("gamma"), header.indexOf("vega"),
        header.indexOf("theta")};
    Map<String, double[]> sums = new java.util.TreeMap<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",", -1);
      double[] s = sums.computeIfAbsent(f[header.indexOf("underlying")], k -> new double[6]);
      for (int c = 0; c < cols.length; c++) {
        s[c] += Double.parseDouble(f[cols[c]]);
      }
      s[5]++;
    }
    return sums;
  }

  /** 500 one-day scenarios for the example book's underlyings, written as Arrow IPC. */
  private static void writeScenarios(Path file) {
    int m = 500;
    SplittableRandom rnd = new SplittableRandom(13);
    int[] scenario = new int[m];
    double[] horizon = new double[m];
    double[][] returns = new double[3][m];
    for (int s = 0; s < m; s++) {
      scenario[s] = s + 1;
      horizon[s] = 1;
      for (int u = 0; u < 3; u++) {
        returns[u][s] = rnd.nextDouble(-0.08, 0.08);
      }
    }
    ScenarioSet set = new ScenarioSet("test", ScenarioMetadata.UNKNOWN, List.of("BTC", "ETH", "SOL"), scenario, null,
        horizon, returns, null);
    try (BufferAllocator a = new RootAllocator()) {
      ScenarioFiles.write(set, file, TableFormat.ARROW, a, Progress.NONE);
    }
  }

  /** The installed hedgekit jars must be this build's (same bytes as each module's target jar). */
  private static void requireInstalled(Path root) throws IOException {
    Path repo = localRepository();
    List<String> problems = new ArrayList<>();
    for (String m : MODULES) {
      Path built = root.resolve(m + "/target/hedgekit-" + m + "-0.1.0.jar");
      Path installed = repo.resolve("io/hedgekit/hedgekit-" + m + "/0.1.0/hedgekit-" + m + "-0.1.0.jar");
      if (!Files.isRegularFile(installed)) {
        problems.add(installed + " is missing");
      } else if (!Files.isRegularFile(built) || Files.mismatch(built, installed) != -1) {
        problems.add(installed + " is not this build's " + built);
      }
    }
    if (problems.isEmpty()) {
      return;
    }
    String why = "the embedding example needs this build installed (mvn install, as ./hedgekit test does): "
        + String.join("; ", problems);
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(why);
    }
    Assumptions.abort(why);
  }

  /**
   * The Maven local repository of this build (surefire passes it as {@code hedgekit.localRepository});
   * outside Maven, -Dmaven.repo.local in MAVEN_OPTS, else ~/.m2/repository.
   */
  static Path localRepository() {
    String fromBuild = System.getProperty("hedgekit.localRepository");
    if (fromBuild != null && !fromBuild.isBlank() && !fromBuild.contains("${")) {
      return Path.of(fromBuild);
    }
    String opts = System.getenv().getOrDefault("MAVEN_OPTS", "");
    Matcher m = Pattern.compile("-Dmaven\\.repo\\.local=(\\S+)").matcher(opts);
    if (m.find()) {
      return Path.of(m.group(1));
    }
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  private static int run(List<String> command, Path output, int timeoutSeconds) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
          + Files.readString(output, StandardCharsets.UTF_8));
    }
    return p.exitValue();
  }
}

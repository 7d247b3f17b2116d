package io.hedgekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JvmFlagsTest {

  @Test
  void missing_noneUnderTheFlagsTheBuildPasses() {
    assertEquals(List.of(), JvmFlags.missing());
  }

  @Test
  void main_withoutTheFlags_exit2NamingEachFlagToAdd() throws Exception {
    Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), HedgekitMain.class.getName(), "greeks",
        "--book", "examples/book.csv", "--market", "examples/market.json").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), out);
    for (String flag : List.of("--add-modules jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED")) {
      assertTrue(out.contains("\n  " + flag), flag + " in: " + out);
    }
  }
}

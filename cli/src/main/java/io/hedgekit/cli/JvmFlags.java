package io.hedgekit.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags hedgekit needs on JDK 25, checked at start so that a JVM started without them
 * fails at once saying which flag to add, instead of failing later as if an Arrow file were
 * corrupt, or {@code --backend auto} quietly choosing a slower engine. The {@code ./hedgekit}
 * launcher passes them all.
 */
final class JvmFlags {
  /** What the launcher passes, for the message. */
  static final String ALL = "--add-modules jdk.incubator.vector --add-opens=java.base/java.nio=ALL-UNNAMED"
      + " --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED";

  private JvmFlags() {
  }

  /** The missing flags, each with what needs it; empty when all are there. */
  static List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      missing.add("--add-modules jdk.incubator.vector (the cpu backend's Vector API kernels)");
    }
    Module self = JvmFlags.class.getModule();
    if (!Object.class.getModule().isOpen("java.nio", self)) {
      missing.add("--add-opens=java.base/java.nio=ALL-UNNAMED (Arrow reads buffer addresses)");
    }
    if (!unsafeMemoryAccessAllowed()) {
      missing.add("--sun-misc-unsafe-memory-access=allow (Arrow's off-heap memory)");
    }
    if (!self.isNativeAccessEnabled()) {
      missing.add("--enable-native-access=ALL-UNNAMED (OpenCL through JOCL)");
    }
    return missing;
  }

  private static boolean unsafeMemoryAccessAllowed() {
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.equals("--sun-misc-unsafe-memory-access=allow") || arg.equals("-Dsun.misc.unsafe.memory.access=allow")) {
        return true;
      }
    }
    return false;
  }

  /** The error for {@link #missing()} flags. */
  static String message(List<String> missing) {
    return "hedgekit: error: this JVM was started without flags hedgekit needs; add\n  "
        + String.join("\n  ", missing)
        + "\nto the java command line (all of them: " + ALL + "), or run it through the ./hedgekit launcher, which sets them.";
  }
}

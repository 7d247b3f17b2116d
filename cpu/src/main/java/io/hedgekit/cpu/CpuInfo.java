package io.hedgekit.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the {@code cpu} backend sees on this machine: whether the Vector API module
 * ({@code jdk.incubator.vector}) is present, the double-precision species it would use, and the
 * processors available to the JVM. Used by {@code hedgekit devices} and by
 * {@link CpuBackendProvider#availability()}.
 *
 * @param vectorApiPresent true if {@code jdk.incubator.vector} is in the boot layer (the JVM was
 *     started with {@code --add-modules jdk.incubator.vector}) and its species could be created
 * @param speciesName the preferred double species, e.g. {@code Species[double, 8, S_512_BIT]};
 *     "none" without the Vector API
 * @param bitWidth vector width in bits (0 without the Vector API)
 * @param doubleLanes doubles per vector (0 without the Vector API)
 * @param availableProcessors {@link Runtime#availableProcessors()}
 * @param cpuModel the CPU model from {@code /proc/cpuinfo}, or {@code os.arch} where that file does not exist
 * @param problem why the Vector API is not usable, or null when it is
 */
public record CpuInfo(boolean vectorApiPresent, String speciesName, int bitWidth, int doubleLanes,
    int availableProcessors, String cpuModel, String problem) {

  /** The module that must be resolved for the backend to run. */
  public static final String VECTOR_MODULE = "jdk.incubator.vector";

  /** Looks at this JVM and machine; never throws. */
  public static CpuInfo detect() {
    int processors = Runtime.getRuntime().availableProcessors();
    String model = readCpuModel();
    if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
      return new CpuInfo(false, "none", 0, 0, processors, model,
          VECTOR_MODULE + " is not loaded; start the JVM with --add-modules " + VECTOR_MODULE);
    }
    try {
      return species(processors, model);
    } catch (LinkageError | RuntimeException e) {
      return new CpuInfo(false, "none", 0, 0, processors, model,
          VECTOR_MODULE + " could not be initialised: " + e);
    }
  }

  /** In its own method so that the species classes are linked only after the module check. */
  private static CpuInfo species(int processors, String model) {
    int lanes = io.hedgekit.cpu.impl.SpeciesFacts.doubleLanes();
    String problem = lanes < 2 ? "the preferred vector species holds one double: no SIMD to use" : null;
    return new CpuInfo(problem == null, io.hedgekit.cpu.impl.SpeciesFacts.name(),
        io.hedgekit.cpu.impl.SpeciesFacts.bits(), lanes, processors, model, problem);
  }

  /** One line for {@code hedgekit devices}. */
  public String describe() {
    String cores = availableProcessors + (availableProcessors == 1 ? " processor" : " processors");
    if (!vectorApiPresent) {
      return "cpu: " + cpuModel + ", " + cores + "; Vector API not usable: " + problem;
    }
    return "cpu: " + cpuModel + ", " + cores + ", " + bitWidth + "-bit vectors (" + doubleLanes
        + " doubles, " + speciesName + ")";
  }

  private static String readCpuModel() {
    Path info = Path.of("/proc/cpuinfo");
    try {
      if (Files.isReadable(info)) {
        List<String> lines = Files.readAllLines(info);
        for (String line : lines) {
          if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
            int colon = line.indexOf(':');
            if (colon >= 0) {
              return line.substring(colon + 1).trim();
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through to the architecture name
    }
    return System.getProperty("os.arch", "unknown architecture");
  }
}

package io.hedgekit.risk.backend;

import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.BackendProvider;
import io.hedgekit.kernels.BackendUnavailableException;
import io.hedgekit.kernels.ComputeBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Picks and opens a compute backend by name ({@code scalar}, {@code cpu}, {@code gpu}) or
 * {@code auto}, and says which one it chose and why (as Lucene's VectorizationProvider does).
 *
 * <p>Backends are found with {@link ServiceLoader} on {@link BackendProvider}, so another runtime
 * plugs in by adding a jar. {@code auto} takes the usable backend with the highest
 * {@link BackendProvider.Availability#autoRank()}: a real GPU, else the CPU SIMD backend, else
 * the scalar reference.
 */
public final class Backends {

  /** Names accepted besides the providers' own. */
  public static final String AUTO = "auto";

  private Backends() {
  }

  /** A backend opened for use, with the one-line reason it was chosen. */
  public record Selection(ComputeBackend backend, String reason) implements AutoCloseable {
    @Override
    public void close() {
      backend.close();
    }
  }

  /** Every provider on the class path, in a stable order (scalar, cpu, gpu, then by name). */
  public static List<BackendProvider> providers() {
    List<BackendProvider> all = new ArrayList<>();
    ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).forEach(all::add);
    List<String> order = List.of("scalar", "cpu", "gpu");
    all.sort(Comparator.comparingInt((BackendProvider p) -> {
      int i = order.indexOf(p.name());
      return i < 0 ? order.size() : i;
    }).thenComparing(BackendProvider::name));
    return all;
  }

  /** Provider names, for help texts. */
  public static List<String> names() {
    return providers().stream().map(BackendProvider::name).toList();
  }

  /**
   * Opens the named backend, or the best usable one for {@code auto}.
   *
   * @throws BackendUnavailableException if the named backend is unknown or cannot run here
   */
  public static Selection open(String name, BackendOptions options) {
    return open(name, options, providers());
  }

  /**
   * As {@link #open(String, BackendOptions)}, choosing among {@code providers} only (for embedders
   * that ship their own list, and for tests of a class path without some backends).
   */
  public static Selection open(String name, BackendOptions options, List<BackendProvider> providers) {
    String wanted = name == null ? AUTO : name.toLowerCase(Locale.ROOT);
    if (wanted.equals(AUTO)) {
      BackendProvider best = null;
      BackendProvider.Availability bestAvailability = null;
      List<String> passedOver = new ArrayList<>();
      for (BackendProvider p : providers) {
        BackendProvider.Availability a = safeAvailability(p);
        if (!a.usable()) {
          passedOver.add(p.name() + " unavailable (" + a.reason() + ")");
          continue;
        }
        if (best == null || a.autoRank() > bestAvailability.autoRank()) {
          if (best != null) {
            passedOver.add(best.name() + " ranks lower");
          }
          best = p;
          bestAvailability = a;
        } else {
          passedOver.add(p.name() + " ranks lower (" + a.reason() + ")");
        }
      }
      if (best == null) {
        throw new BackendUnavailableException("no backend is usable: " + String.join("; ", passedOver));
      }
      ComputeBackend backend = openOrFallBack(best, options, providers, passedOver);
      String reason = "backend auto: " + backend.description()
          + (passedOver.isEmpty() ? "" : " [" + String.join("; ", passedOver) + "]");
      return new Selection(backend, reason);
    }
    for (BackendProvider p : providers) {
      if (p.name().equals(wanted)) {
        BackendProvider.Availability a = safeAvailability(p);
        if (!a.usable()) {
          throw new BackendUnavailableException("backend " + wanted + " is not usable here: " + a.reason());
        }
        ComputeBackend backend = p.open(options);
        return new Selection(backend, "backend " + wanted + ": " + backend.description());
      }
    }
    throw new BackendUnavailableException("unknown backend '" + name + "'; choose one of "
        + providers.stream().map(BackendProvider::name).toList() + " or auto");
  }

  private static ComputeBackend openOrFallBack(BackendProvider best, BackendOptions options,
      List<BackendProvider> providers, List<String> notes) {
    try {
      return best.open(options);
    } catch (BackendUnavailableException e) {
      notes.add(best.name() + " failed to open (" + e.getMessage() + ")");
      for (BackendProvider p : providers) {
        if (p.name().equals("cpu") || p.name().equals("scalar")) {
          if (p != best && safeAvailability(p).usable()) {
            return p.open(options);
          }
        }
      }
      throw e;
    }
  }

  /** A provider's availability; a provider that throws is reported unusable, never fatal. */
  public static BackendProvider.Availability safeAvailability(BackendProvider p) {
    try {
      return p.availability();
    } catch (RuntimeException | LinkageError e) {
      return new BackendProvider.Availability(false, -1, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}

package io.hedgekit.risk.var;

import io.hedgekit.kernels.BackendOptions;
import io.hedgekit.kernels.ComputeBackend;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.reference.ScalarBackendProvider;
import io.hedgekit.risk.InMemoryBook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small resolved books for the risk tests, built row by row. */
public final class TestBooks {
  private final List<String> underlyings;
  private final double[] spots;
  private final List<double[]> rows = new ArrayList<>();
  private final List<String> ids = new ArrayList<>();

  /** A builder for a book over {@code underlyings} at {@code spots}. */
  public TestBooks(List<String> underlyings, double... spots) {
    this.underlyings = List.copyOf(underlyings);
    this.spots = spots.clone();
  }

  /** The scalar reference backend (the cpu backend is tested elsewhere). */
  public static ComputeBackend scalar() {
    return new ScalarBackendProvider().open(BackendOptions.defaults());
  }

  /** A test resource file (copied from /work/shared/data). */
  public static Path resource(String name) {
    try {
      return Path.of(TestBooks.class.getResource("/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Coins held. */
  public TestBooks spot(String underlying, double size) {
    return add(ContractKind.SPOT, underlying, 0, 0, 0, 0, 0, size, 0, 0);
  }

  /** A linear perpetual entered at today's spot. */
  public TestBooks linearPerp(String underlying, double size, double funding8h) {
    return add(ContractKind.LINEAR_PERPETUAL, underlying, 0, 0, 0, 0, 0, size, spotOf(underlying), funding8h);
  }

  /** An inverse perpetual (size in USD face) entered at {@code entry}. */
  public TestBooks inversePerp(String underlying, double face, double entry, double funding8h) {
    return add(ContractKind.INVERSE_PERPETUAL, underlying, 0, 0, 0, 0, 0, face, entry, funding8h);
  }

  /** A dated future (linear: size in coins; inverse: USD face). */
  public TestBooks future(String underlying, boolean inverse, double size, double years, double rate, double carry, double entry) {
    return add(inverse ? ContractKind.INVERSE_FUTURE : ContractKind.LINEAR_FUTURE, underlying, 0, years, 0, rate, carry,
        size, entry, 0);
  }

  /** An option. */
  public TestBooks option(String underlying, boolean call, boolean inverse, double strike, double years, double vol,
      double size) {
    ContractKind kind = ContractKind.of(ContractKind.Instrument.OPTION, call, inverse);
    return add(kind, underlying, strike, years, vol, 0.03, 0.0, size, 0, 0);
  }

  private double spotOf(String underlying) {
    return spots[underlyings.indexOf(underlying)];
  }

  /** Any position. */
  public TestBooks add(ContractKind kind, String underlying, double strike, double years, double vol, double rate,
      double carry, double size, double entry, double funding8h) {
    int u = underlyings.indexOf(underlying);
    if (u < 0) {
      throw new IllegalArgumentException(underlying);
    }
    rows.add(new double[] {kind.code(), u, spots[u], strike, years, vol, rate, carry, size, entry, funding8h});
    ids.add(kind.name().toLowerCase() + "-" + underlying + "-" + rows.size());
    return this;
  }

  /** The book, served in batches of {@code batchRows}. */
  public InMemoryBook build(int batchRows) {
    int n = rows.size();
    int[] kind = new int[n];
    int[] und = new int[n];
    double[][] d = new double[9][n];
    for (int i = 0; i < n; i++) {
      double[] r = rows.get(i);
      kind[i] = (int) r[0];
      und[i] = (int) r[1];
      for (int c = 0; c < 9; c++) {
        d[c][i] = r[c + 2];
      }
    }
    PositionColumns cols = PositionColumns.ofArrays(kind, und, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
    return new InMemoryBook(cols, ids, underlyings, spots, batchRows);
  }
}

package io.hedgekit.risk.var;

import io.hedgekit.io.table.TableFormat;
import io.hedgekit.io.table.TableWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Per-scenario P&amp;L of a VaR run, USD, in the scenario order of the chosen step. The arrays are
 * the run's own (not copied): do not modify them.
 *
 * @param underlyings the book's underlyings
 * @param scenarioIds scenario number of each entry
 * @param full full-revaluation portfolio P&amp;L
 * @param fullByUnderlying {@code [u][s]}: full-revaluation P&amp;L of underlying u's positions
 * @param deltaGamma delta-gamma portfolio P&amp;L, or null when approximations were off
 * @param deltaGammaVegaTheta delta-gamma-vega-theta portfolio P&amp;L, or null
 */
public record PnlVectors(List<String> underlyings, int[] scenarioIds, double[] full, double[][] fullByUnderlying,
    double[] deltaGamma, double[] deltaGammaVegaTheta) {

  /** Rows per record batch written. */
  public static final int BATCH_ROWS = 65_536;

  /** Number of scenarios. */
  public int scenarios() {
    return full.length;
  }

  /**
   * Writes the full-revaluation vectors as a table: {@code scenario} (int32), {@code pnl}
   * (float64) and one {@code pnl_<U>} (float64) per underlying; atomically, via {@link TableWriter}.
   *
   * @param format CSV or Arrow IPC
   * @param allocator for one record batch at a time
   */
  public void write(Path path, TableFormat format, BufferAllocator allocator) {
    List<Field> fields = new ArrayList<>();
    fields.add(new Field("scenario", FieldType.notNullable(new ArrowType.Int(32, true)), null));
    ArrowType f64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    fields.add(new Field("pnl", FieldType.notNullable(f64), null));
    for (String u : underlyings) {
      fields.add(new Field("pnl_" + u, FieldType.notNullable(f64), null));
    }
    Schema schema = new Schema(fields);
    int m = full.length;
    try (TableWriter writer = TableWriter.open(path, format, schema);
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      List<FieldVector> v = root.getFieldVectors();
      for (FieldVector fv : v) {
        fv.setInitialCapacity(Math.min(BATCH_ROWS, Math.max(1, m)));
        fv.allocateNew();
      }
      for (int from = 0; from < m; from += BATCH_ROWS) {
        int n = Math.min(BATCH_ROWS, m - from);
        IntVector ids = (IntVector) v.get(0);
        for (int i = 0; i < n; i++) {
          ids.setSafe(i, scenarioIds[from + i]);
        }
        ids.setValueCount(n);
        fill((Float8Vector) v.get(1), full, from, n);
        for (int u = 0; u < underlyings.size(); u++) {
          fill((Float8Vector) v.get(2 + u), fullByUnderlying[u], from, n);
        }
        root.setRowCount(n);
        writer.write(root);
      }
      writer.commit();
    }
  }

  private static void fill(Float8Vector v, double[] src, int from, int n) {
    for (int i = 0; i < n; i++) {
      v.setSafe(i, src[from + i]);
    }
    v.setValueCount(n);
  }
}

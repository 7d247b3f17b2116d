package io.hedgekit.risk.greeks;

import io.hedgekit.io.table.ArrowSegments;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.io.table.TableWriter;
import io.hedgekit.kernels.ContractKind;
import io.hedgekit.kernels.GreeksColumns;
import io.hedgekit.kernels.GreeksKernel;
import io.hedgekit.kernels.PositionColumns;
import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.market.VolSmile;
import io.hedgekit.risk.ResolvedBatch;
import io.hedgekit.risk.ResolvedBook;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Per-position Greeks of a whole book, streamed batch by batch: resolve, compute with a backend's
 * kernel straight into Arrow output vectors, write them (CSV or Arrow IPC, atomically: the file
 * appears whole or not at all), and sum per underlying for the summary.
 */
public final class GreeksJob {

  /** Output columns: id, underlying, instrument, then {@link GreeksColumns#NAMES}, then {@link #DELTA_SMILE}. */
  public static final Schema SCHEMA = schema();

  /**
   * The sticky-moneyness delta column: delta + vega·∂σ/∂S with ∂σ/∂S = −σ′(k)/S, σ′(k) the slope
   * of the underlying's smile in log-moneyness k = ln(K/F_T) at the option's strike and expiry (the
   * vol moves with the forward). Equal to delta for non-options and underlyings without a smile.
   */
  public static final String DELTA_SMILE = PortfolioGreeks.DELTA_SMILE;

  private GreeksJob() {
  }

  private static Schema schema() {
    List<Field> fields = new ArrayList<>();
    fields.add(Field.notNullable("id", ArrowType.Utf8.INSTANCE));
    fields.add(Field.notNullable("underlying", ArrowType.Utf8.INSTANCE));
    fields.add(Field.notNullable("instrument", ArrowType.Utf8.INSTANCE));
    for (String name : GreeksColumns.NAMES) {
      fields.add(new Field(name, FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null));
    }
    fields.add(new Field(DELTA_SMILE, FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null));
    return new Schema(fields);
  }

  /**
   * Computes Greeks for every position of {@code book} and writes them to a file.
   *
   * @param out output file, or null for the summary only; written atomically (whole or not at all)
   * @param format output format (when {@code out} is given)
   * @param progress told the number of positions done after each batch
   * @return the per-underlying sums
   */
  public static PortfolioGreeks run(ResolvedBook book, GreeksKernel kernel, Path out, TableFormat format,
      BufferAllocator allocator, Progress progress) {
    GreeksSums sums = new GreeksSums(book.underlyings(), book.spots(), false, book.smiles());
    run(book, kernel, out, format, allocator, progress, sums);
    return sums.portfolio();
  }

  /**
   * As above, adding every batch to {@code sums} (made with the book's smiles,
   * {@code ResolvedBook.smiles()}, for the {@link #DELTA_SMILE} sums).
   */
  public static void run(ResolvedBook book, GreeksKernel kernel, Path out, TableFormat format,
      BufferAllocator allocator, Progress progress, GreeksSums sums) {
    if (out == null) {
      run(book, kernel, allocator, progress, root -> { }, sums);
      return;
    }
    try (TableWriter writer = TableWriter.open(out, format, SCHEMA)) {
      run(book, kernel, allocator, progress, writer::write, sums);
      writer.commit();
    }
  }

  /**
   * Computes Greeks for every position of {@code book}, handing each result batch to
   * {@code sink} as an Arrow {@link VectorSchemaRoot} with {@link #SCHEMA} (valid only during the
   * call: copy or write what you keep).
   *
   * @return the per-underlying sums
   */
  public static PortfolioGreeks run(ResolvedBook book, GreeksKernel kernel, BufferAllocator allocator,
      Progress progress, Consumer<VectorSchemaRoot> sink) {
    GreeksSums sums = new GreeksSums(book.underlyings(), book.spots(), false, book.smiles());
    run(book, kernel, allocator, progress, sink, sums);
    return sums.portfolio();
  }

  /**
   * As {@link #run(ResolvedBook, GreeksKernel, BufferAllocator, Progress, Consumer)}, adding every
   * batch to {@code sums} (which may keep buckets too).
   */
  public static void run(ResolvedBook book, GreeksKernel kernel, BufferAllocator allocator,
      Progress progress, Consumer<VectorSchemaRoot> sink, GreeksSums sums) {
    long done = 0;
    List<VolSmile> smiles = book.smiles();
    Iterator<ResolvedBatch> it = book.batches();
    try {
      while (it.hasNext()) {
        try (ResolvedBatch batch = it.next();
            VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator)) {
          PositionColumns p = batch.columns();
          int n = p.rows();
          root.allocateNew();
          GreeksColumns results = outputs(root, n);
          kernel.compute(p, results);
          sums.add(p, results);
          deltaSmile(p, results, smiles, (Float8Vector) root.getVector(DELTA_SMILE));
          fillLabels(root, batch, n);
          markDefined(root, n);
          root.setRowCount(n);
          sink.accept(root);
          done += n;
          progress.update(done, -1);
        }
      }
    } finally {
      ResolvedBook.endPass(it);
    }
  }

  /** Kernel views of the ten float64 output vectors of {@code root}, sized for n rows. */
  private static GreeksColumns outputs(VectorSchemaRoot root, int n) {
    MemorySegment[] segs = new MemorySegment[GreeksColumns.COUNT];
    for (int c = 0; c < GreeksColumns.COUNT; c++) {
      Float8Vector v = (Float8Vector) root.getVector(GreeksColumns.NAMES.get(c));
      v.setValueCount(n); // sizes the data buffer; validity is set after the kernel ran
      segs[c] = ArrowSegments.of(v);
    }
    return GreeksColumns.of(n, segs);
  }

  /** Fills the {@link #DELTA_SMILE} column ({@link GreeksSums#deltaSmile}). */
  private static void deltaSmile(PositionColumns p, GreeksColumns g, List<VolSmile> smiles, Float8Vector out) {
    int n = p.rows();
    for (int i = 0; i < n; i++) {
      out.setSafe(i, GreeksSums.deltaSmile(p, g, smiles.get(p.underlying().getAtIndex(PositionColumns.INT, i)), i));
    }
    out.setValueCount(n);
  }

  private static void fillLabels(VectorSchemaRoot root, ResolvedBatch batch, int n) {
    VarCharVector id = (VarCharVector) root.getVector("id");
    VarCharVector underlying = (VarCharVector) root.getVector("underlying");
    VarCharVector instrument = (VarCharVector) root.getVector("instrument");
    PositionColumns p = batch.columns();
    for (int i = 0; i < n; i++) {
      id.setSafe(i, batch.id(i).getBytes(StandardCharsets.UTF_8));
      underlying.setSafe(i, batch.underlyingName(i).getBytes(StandardCharsets.UTF_8));
      ContractKind kind = ContractKind.ofCode(p.kind().getAtIndex(PositionColumns.INT, i));
      instrument.setSafe(i, kind.instrument().fileName().getBytes(StandardCharsets.UTF_8));
    }
    id.setValueCount(n);
    underlying.setValueCount(n);
    instrument.setValueCount(n);
  }

  /** Marks kernel outputs as present, except NaN (the coin value of linear contracts), which is null. */
  private static void markDefined(VectorSchemaRoot root, int n) {
    for (String name : GreeksColumns.NAMES) {
      FieldVector fv = root.getVector(name);
      Float8Vector v = (Float8Vector) fv;
      for (int i = 0; i < n; i++) {
        double x = v.getDataBuffer().getDouble((long) i * Float8Vector.TYPE_WIDTH);
        if (Double.isNaN(x)) {
          v.setNull(i);
        } else {
          v.setIndexDefined(i);
        }
      }
    }
  }
}

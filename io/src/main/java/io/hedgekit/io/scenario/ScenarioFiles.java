package io.hedgekit.io.scenario;

import io.hedgekit.io.impl.ArrowBlocks;
import io.hedgekit.io.impl.CsvRecordReader;
import io.hedgekit.io.impl.Numbers;
import io.hedgekit.io.impl.TrackingAllocator;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.io.table.TableWriter;
import io.hedgekit.kernels.InputException;
import io.hedgekit.kernels.Progress;
import io.hedgekit.kernels.scenario.ScenarioMetadata;
import io.hedgekit.kernels.scenario.ScenarioSet;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads and writes scenario files (see the package documentation for the columns).
 *
 * <p>Arrow IPC files are written in record batches of {@link #BATCH_ROWS} rows with the set's
 * {@link ScenarioMetadata} in the schema metadata; CSV files hold the same columns and no
 * metadata, numbers written with Java's shortest round-trip form (so a set read back is equal bit
 * for bit). Both go through {@link TableWriter}, so a reader never sees half a file.
 *
 * <p>Reading detects the format from the content: a file starting with the Arrow magic
 * {@code ARROW1} is Arrow IPC, anything else is read as CSV. Every problem is an
 * {@link InputException} naming the file and, where it applies, the 1-based data row and the
 * column: missing {@code scenario} column, no {@code _return} column, unknown or duplicate
 * columns, a vol-shift column without its return column, wrong column types (Arrow: int32 for
 * scenario and step, float64 for the rest; CSV: text that does not parse), empty cells or nulls,
 * NaN or infinite values, negative horizons, a horizon that differs within a step, a scenario id
 * used twice in one step, a log return beyond the sanity bound ({@link #DEFAULT_MAX_ABS_RETURN}),
 * and files with no rows. A file whose header has no {@code scenario} column is "not a scenario
 * file" (its first bytes shown printable), and an Arrow file that cannot be opened is "truncated or
 * not an Arrow IPC file".
 */
public final class ScenarioFiles {

  /** Rows per Arrow record batch when writing. */
  public static final int BATCH_ROWS = 65_536;
  /**
   * Default sanity bound on |log return| when reading: 3, a move to 20 times or 1/20 of spot in
   * one scenario. Larger values are almost always units gone wrong.
   */
  public static final double DEFAULT_MAX_ABS_RETURN = 3.0;

  private static final byte[] ARROW_MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

  private ScenarioFiles() {
  }

  // ---------------------------------------------------------------- writing

  /**
   * Writes {@code set} in the format its file name asks for ({@link TableFormat#fromPath}:
   * {@code .csv}, or {@code .arrow}/{@code .arrows}/{@code .ipc}/{@code .feather}).
   *
   * @throws IllegalArgumentException for any other file name ending
   */
  public static void write(ScenarioSet set, Path path, BufferAllocator allocator, Progress progress) {
    write(set, path, TableFormat.fromPath(path, null), allocator, progress);
  }

  /**
   * Writes {@code set} to {@code path} (replacing it) through {@link TableWriter}: nothing appears
   * at {@code path} unless the whole file was written.
   *
   * @param allocator for one record batch of vectors at a time
   * @param progress told (rows written, rows) after every batch
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public static void write(ScenarioSet set, Path path, TableFormat format, BufferAllocator allocator, Progress progress) {
    List<String> names = columnNames(set);
    int ints = set.hasStepColumn() ? 2 : 1;
    List<Field> fields = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      ArrowType type = c < ints ? new ArrowType.Int(32, true) : new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      fields.add(new Field(names.get(c), FieldType.notNullable(type), null));
    }
    Schema schema = new Schema(fields, ScenarioSchemaMetadata.toSchemaMetadata(set.metadata()));
    List<double[]> doubles = doubleColumns(set);
    int[][] intCols = set.hasStepColumn() ? new int[][] {set.scenarioArray(), set.stepArray()} : new int[][] {set.scenarioArray()};
    int rows = set.rows();
    try (TableWriter writer = TableWriter.open(path, format, schema);
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      List<FieldVector> vectors = root.getFieldVectors();
      for (FieldVector v : vectors) {
        v.setInitialCapacity(Math.min(BATCH_ROWS, rows));
        v.allocateNew();
      }
      for (int from = 0; from < rows; from += BATCH_ROWS) {
        int n = Math.min(BATCH_ROWS, rows - from);
        for (int c = 0; c < ints; c++) {
          IntVector v = (IntVector) vectors.get(c);
          int[] src = intCols[c];
          for (int i = 0; i < n; i++) {
            v.setSafe(i, src[from + i]);
          }
          v.setValueCount(n);
        }
        for (int c = 0; c < doubles.size(); c++) {
          Float8Vector v = (Float8Vector) vectors.get(ints + c);
          double[] src = doubles.get(c);
          for (int i = 0; i < n; i++) {
            v.setSafe(i, src[from + i]);
          }
          v.setValueCount(n);
        }
        root.setRowCount(n);
        writer.write(root);
        progress.update(from + n, rows);
      }
      writer.commit();
    }
  }

  private static List<String> columnNames(ScenarioSet set) {
    List<String> names = new ArrayList<>();
    names.add(ScenarioSet.SCENARIO);
    if (set.hasStepColumn()) {
      names.add(ScenarioSet.STEP);
    }
    if (set.hasHorizonColumn()) {
      names.add(ScenarioSet.HORIZON_DAYS);
    }
    for (int u = 0; u < set.underlyings().size(); u++) {
      names.add(set.underlyings().get(u) + ScenarioSet.RETURN_SUFFIX);
      if (set.hasVolShift(u)) {
        names.add(set.underlyings().get(u) + ScenarioSet.VOL_SHIFT_SUFFIX);
      }
    }
    return names;
  }

  /** The float64 columns of the set in file order (after scenario and step). */
  private static List<double[]> doubleColumns(ScenarioSet set) {
    List<double[]> cols = new ArrayList<>();
    if (set.hasHorizonColumn()) {
      cols.add(set.horizonArray());
    }
    for (int u = 0; u < set.underlyings().size(); u++) {
      cols.add(set.returnArray(u));
      if (set.hasVolShift(u)) {
        cols.add(set.volShiftArray(u));
      }
    }
    return cols;
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads a scenario file, Arrow IPC or CSV (detected from the content).
   *
   * @param allocator for Arrow record batches while reading (released before returning); unused
   *     for CSV
   * @param progress Arrow: (record batches read, batches); CSV: (bytes read, file size)
   * @throws InputException for any problem with the file's content (see the class documentation)
   *     and for a missing or unreadable file
   */
  public static ScenarioSet read(Path path, BufferAllocator allocator, Progress progress) {
    return read(path, allocator, progress, DEFAULT_MAX_ABS_RETURN);
  }

  /**
   * As {@link #read(Path, BufferAllocator, Progress)}, with the sanity bound on log returns.
   *
   * @param maxAbsReturn the largest |log return| accepted, > 0 (infinity accepts any finite
   *     return); a return beyond it is an {@link InputException} naming the row, since it is
   *     almost always a unit mistake (a price or a percentage where a log return belongs)
   */
  public static ScenarioSet read(Path path, BufferAllocator allocator, Progress progress, double maxAbsReturn) {
    if (!(maxAbsReturn > 0)) {
      throw new IllegalArgumentException("maxAbsReturn must be > 0, was " + maxAbsReturn);
    }
    String file = path.toString();
    byte[] head = new byte[ARROW_MAGIC.length];
    int got;
    try (InputStream in = Files.newInputStream(path)) {
      got = in.readNBytes(head, 0, head.length);
    } catch (NoSuchFileException e) {
      throw new InputException(file, 0, null, null, "no such file", e);
    } catch (IOException e) {
      throw new InputException(file, 0, null, null, "cannot read: " + e.getMessage(), e);
    }
    if (got == 0) {
      throw new InputException(file, 0, null, null, "empty file: a scenario file needs a header and at least one row");
    }
    try {
      if (got == ARROW_MAGIC.length && Arrays.equals(head, ARROW_MAGIC)) {
        return readArrow(path, file, allocator, progress, maxAbsReturn);
      }
      return readCsv(path, file, progress, maxAbsReturn);
    } catch (IOException e) {
      throw new InputException(file, 0, null, null, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Text from a file made safe to print: control and non-ASCII-printable characters become
   * {@code ?}, and it is cut to 60 characters (a binary file read as CSV has a "header" of bytes).
   */
  static String printable(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 64));
    for (int i = 0; i < s.length() && b.length() < 60; i++) {
      char ch = s.charAt(i);
      b.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
    }
    return s.length() > 60 ? b + "..." : b.toString();
  }

  /** Column layout shared by both formats: which column index holds what. */
  private static final class Layout {
    final String file;
    int scenario = -1;
    int step = -1;
    int horizon = -1;
    final List<String> underlyings = new ArrayList<>();
    final Map<String, Integer> returnCol = new LinkedHashMap<>();
    final Map<String, Integer> volCol = new LinkedHashMap<>();
    final List<String> names;
    final int[] underlyingOf;
    final boolean[] isVol;

    Layout(String file, List<String> names) {
      this.file = file;
      this.names = List.copyOf(names);
      if (!names.contains(ScenarioSet.SCENARIO) && names.stream().noneMatch(n -> n.endsWith(ScenarioSet.RETURN_SUFFIX))) {
        String shown = printable(String.join(",", names));
        throw new InputException(file, 0, null, null, "not a scenario file: its header has neither a scenario nor any <U>_return column"
            + " (a scenario file starts scenario[,step][,horizon_days],<U>_return[,<U>_vol_shift],...; this one starts \""
            + shown + "\")");
      }
      for (int c = 0; c < names.size(); c++) {
        String n = names.get(c);
        if (names.subList(0, c).contains(n)) {
          throw new InputException(file, 0, printable(n), null, "duplicate column");
        }
        if (n.equals(ScenarioSet.SCENARIO)) {
          scenario = c;
        } else if (n.equals(ScenarioSet.STEP)) {
          step = c;
        } else if (n.equals(ScenarioSet.HORIZON_DAYS)) {
          horizon = c;
        } else if (n.endsWith(ScenarioSet.VOL_SHIFT_SUFFIX) && n.length() > ScenarioSet.VOL_SHIFT_SUFFIX.length()) {
          volCol.put(n.substring(0, n.length() - ScenarioSet.VOL_SHIFT_SUFFIX.length()), c);
        } else if (n.endsWith(ScenarioSet.RETURN_SUFFIX) && n.length() > ScenarioSet.RETURN_SUFFIX.length()) {
          String u = n.substring(0, n.length() - ScenarioSet.RETURN_SUFFIX.length());
          returnCol.put(u, c);
          underlyings.add(u);
        } else {
          throw new InputException(file, 0, printable(n), null,
              "unknown column; a scenario file has scenario, step, horizon_days, <U>_return and <U>_vol_shift columns");
        }
      }
      if (scenario < 0) {
        throw new InputException(file, 0, ScenarioSet.SCENARIO, null, "missing column (columns are " + names + ")");
      }
      if (underlyings.isEmpty()) {
        throw new InputException(file, 0, null, null,
            "no <U>_return column: a scenario set must move at least one underlying (columns are " + names + ")");
      }
      for (String u : volCol.keySet()) {
        if (!returnCol.containsKey(u)) {
          throw new InputException(file, 0, u + ScenarioSet.VOL_SHIFT_SUFFIX, null,
              "vol shift without a " + u + ScenarioSet.RETURN_SUFFIX + " column");
        }
      }
      underlyingOf = underlyingOf();
      isVol = new boolean[names.size()];
      for (int vc : volCol.values()) {
        isVol[vc] = true;
      }
    }

    /** Per column: index of its underlying (return and vol-shift columns), else -1. */
    int[] underlyingOf() {
      int[] out = new int[names.size()];
      Arrays.fill(out, -1);
      for (int u = 0; u < underlyings.size(); u++) {
        String name = underlyings.get(u);
        out[returnCol.get(name)] = u;
        Integer vc = volCol.get(name);
        if (vc != null) {
          out[vc] = u;
        }
      }
      return out;
    }

    boolean isInt(int c) {
      return c == scenario || c == step;
    }
  }

  /** Growable per-column storage while reading. */
  private static final class Builder {
    final Layout layout;
    int rows;
    int[] scenario = new int[1024];
    int[] step;
    double[] horizon;
    final double[][] returns;
    final double[][] vols;
    final double maxAbsReturn;

    Builder(Layout layout, double maxAbsReturn) {
      this.maxAbsReturn = maxAbsReturn;
      this.layout = layout;
      step = layout.step >= 0 ? new int[1024] : null;
      horizon = layout.horizon >= 0 ? new double[1024] : null;
      int nu = layout.underlyings.size();
      returns = new double[nu][1024];
      vols = new double[nu][];
      for (int u = 0; u < nu; u++) {
        if (layout.volCol.containsKey(layout.underlyings.get(u))) {
          vols[u] = new double[1024];
        }
      }
    }

    void ensure(int extra) {
      long need = (long) rows + extra;
      if (need > Integer.MAX_VALUE - 16) {
        throw new InputException(layout.file, 0, null, null, "too many rows (more than " + (Integer.MAX_VALUE - 16) + ")");
      }
      if (need <= scenario.length) {
        return;
      }
      int cap = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, 2L * scenario.length));
      scenario = Arrays.copyOf(scenario, cap);
      step = step == null ? null : Arrays.copyOf(step, cap);
      horizon = horizon == null ? null : Arrays.copyOf(horizon, cap);
      for (int u = 0; u < returns.length; u++) {
        returns[u] = Arrays.copyOf(returns[u], cap);
        vols[u] = vols[u] == null ? null : Arrays.copyOf(vols[u], cap);
      }
    }

    ScenarioSet build(ScenarioMetadata metadata) {
      if (rows == 0) {
        throw new InputException(layout.file, 0, null, null, "no scenario rows (only a header)");
      }
      int n = rows;
      double[][] r = new double[returns.length][];
      double[][] v = new double[returns.length][];
      for (int u = 0; u < returns.length; u++) {
        r[u] = Arrays.copyOf(returns[u], n);
        v[u] = vols[u] == null ? null : Arrays.copyOf(vols[u], n);
      }
      int[] sc = Arrays.copyOf(scenario, n);
      int[] st = step == null ? null : Arrays.copyOf(step, n);
      double[] h = horizon == null ? null : Arrays.copyOf(horizon, n);
      try {
        return new ScenarioSet(layout.file, metadata, layout.underlyings, sc, st, h, r, v);
      } catch (ScenarioSet.InvalidRow e) {
        throw new InputException(layout.file, e.row(), e.column(), e.value(), e.problem(), e);
      }
    }

    /** The array that receives float64 column {@code c} (valid until the next {@link #ensure}). */
    double[] target(int c) {
      if (c == layout.horizon) {
        return horizon;
      }
      int u = layout.underlyingOf[c];
      return layout.isVol[c] ? vols[u] : returns[u];
    }

    /** True when {@code x} needs {@link #checked}: not finite, a negative horizon, or a return beyond the bound. */
    boolean suspect(double x, int column) {
      return !Double.isFinite(x) || (column == layout.horizon && x < 0)
          || (Math.abs(x) > maxAbsReturn && layout.underlyingOf[column] >= 0 && !layout.isVol[column]);
    }

    /** Checks one double: finite, >= 0 for horizons, within the sanity bound for returns. */
    double checked(double x, long row, int column, String text) {
      if (!Double.isFinite(x)) {
        throw new InputException(layout.file, row, layout.names.get(column), text, "must be a finite number");
      }
      if (Math.abs(x) > maxAbsReturn && layout.underlyingOf[column] >= 0 && !layout.isVol[column]) {
        throw new InputException(layout.file, row, layout.names.get(column), text, String.format(java.util.Locale.ROOT,
            "log return beyond the sanity bound |r| <= %s (a move to %.3g or %.3g times spot): usually a price or a "
                + "percentage where a log return belongs; if it is real, raise --max-abs-return", plain(maxAbsReturn),
            Math.exp(maxAbsReturn), Math.exp(-maxAbsReturn)));
      }
      if (column == layout.horizon && x < 0) {
        throw new InputException(layout.file, row, layout.names.get(column), text, "must be >= 0");
      }
      return x;
    }
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static ScenarioSet readCsv(Path path, String file, Progress progress, double maxAbsReturn) throws IOException {
    long size = Files.size(path);
    try (CountingStream counting = new CountingStream(Files.newInputStream(path));
        CsvRecordReader csv = new CsvRecordReader(new InputStreamReader(counting, StandardCharsets.UTF_8), file)) {
      List<String> header = csv.next();
      while (header != null && header.isEmpty()) {
        header = csv.next();
      }
      if (header == null) {
        throw new InputException(file, 0, null, null, "empty file: a scenario file needs a header and at least one row");
      }
      Layout layout = new Layout(file, List.copyOf(header));
      Builder b = new Builder(layout, maxAbsReturn);
      int width = layout.names.size();
      List<String> rec;
      while ((rec = csv.next()) != null) {
        if (rec.isEmpty()) {
          continue;
        }
        long row = b.rows + 1L;
        if (rec.size() != width) {
          throw new InputException(file, row, null, null, "has " + rec.size() + " fields, the header " + width);
        }
        b.ensure(1);
        int r = b.rows;
        for (int c = 0; c < width; c++) {
          String text = rec.get(c);
          String name = layout.names.get(c);
          if (text.isEmpty()) {
            throw new InputException(file, row, name, null, "missing value");
          }
          if (layout.isInt(c)) {
            int x;
            try {
              x = Integer.parseInt(text);
            } catch (NumberFormatException e) {
              throw new InputException(file, row, name, text, "must be an int32 (whole number)");
            }
            if (c == layout.scenario) {
              b.scenario[r] = x;
            } else {
              b.step[r] = x;
            }
            continue;
          }
          double x;
          try {
            x = Numbers.parse(text);
          } catch (NumberFormatException e) {
            throw new InputException(file, row, name, text, "must be a float64 number");
          }
          b.target(c)[r] = b.checked(x, row, c, text);
        }
        b.rows++;
        if (b.rows % BATCH_ROWS == 0) {
          progress.update(Math.min(counting.count, size), size);
        }
      }
      progress.update(size, size);
      return b.build(ScenarioMetadata.UNKNOWN);
    }
  }

  private static ScenarioSet readArrow(Path path, String file, BufferAllocator allocator, Progress progress,
      double maxAbsReturn) throws IOException {
    // Buffers Arrow loses when a batch is damaged are freed once the reader is closed.
    TrackingAllocator tracking = new TrackingAllocator(allocator);
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(ch, tracking)) {
      VectorSchemaRoot root;
      List<ArrowBlock> blocks;
      try {
        root = reader.getVectorSchemaRoot();
        blocks = reader.getRecordBlocks();
      } catch (IOException | RuntimeException e) {
        throw new InputException(file, 0, null, null, "truncated or not an Arrow IPC file (" + e.getMessage() + ")", e);
      }
      Schema schema = root.getSchema();
      List<String> names = schema.getFields().stream().map(Field::getName).toList();
      Layout layout = arrowLayout(schema, names, file);
      ScenarioMetadata metadata = arrowMetadata(schema, file);
      Builder b = new Builder(layout, maxAbsReturn);
      int done = 0;
      for (ArrowBlock block : blocks) {
        ArrowBlocks.check(ch, block, done, file);
        tracking.mark();
        try {
          reader.loadRecordBatch(block);
        } catch (IOException | RuntimeException e) {
          throw new InputException(file, b.rows + 1L, null, null, "truncated or damaged Arrow IPC file: cannot read record batch " + done + " (" + e.getMessage() + ")", e);
        }
        addBatch(root, layout, names, b, file);
        done++;
        progress.update(done, blocks.size());
      }
      tracking.mark();
      return b.build(metadata);
    } catch (UncheckedIOException e) {
      tracking.releaseLeftovers();
      throw new InputException(file, 0, null, null, "cannot read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      tracking.releaseLeftovers();
      throw e;
    }
  }

  /**
   * Reads a scenario set arriving as Arrow record batches from any {@link ArrowReader} (a Flight
   * stream, an IPC stream), with the same columns, types and checks as an Arrow scenario file.
   * The reader is not closed.
   *
   * @param name what error messages call the set (in place of a file name)
   * @throws InputException for any problem with the content (see the class documentation)
   */
  public static ScenarioSet read(ArrowReader reader, String name) {
    try {
      try {
        reader.getVectorSchemaRoot();
      } catch (IOException | RuntimeException e) {
        throw new InputException(name, 0, null, null, "not a readable Arrow stream: " + e.getMessage(), e);
      }
      return readArrow(reader, name, -1, Progress.NONE);
    } catch (IOException | UncheckedIOException e) {
      throw new InputException(name, 0, null, null, "cannot read: " + e.getMessage(), e);
    }
  }

  /** Reads every record batch of {@code reader}; {@code batches} is their number if known, else -1 (for progress). */
  private static ScenarioSet readArrow(ArrowReader reader, String file, int batches, Progress progress)
      throws IOException {
    VectorSchemaRoot root = reader.getVectorSchemaRoot();
    Schema schema = root.getSchema();
    List<String> names = schema.getFields().stream().map(Field::getName).toList();
    Layout layout = arrowLayout(schema, names, file);
    ScenarioMetadata metadata = arrowMetadata(schema, file);
    Builder b = new Builder(layout, DEFAULT_MAX_ABS_RETURN);
    int done = 0;
    while (true) {
      try {
        if (!reader.loadNextBatch()) {
          break;
        }
      } catch (IOException | RuntimeException e) {
        throw new InputException(file, b.rows + 1L, null, null, "cannot read record batch " + done + ": " + e.getMessage(), e);
      }
      addBatch(root, layout, names, b, file);
      done++;
      progress.update(done, batches);
    }
    return b.build(metadata);
  }

  /** The layout of an Arrow scenario schema, its column types checked (int32 ids, float64 values). */
  private static Layout arrowLayout(Schema schema, List<String> names, String file) {
    Layout layout = new Layout(file, names);
    for (int c = 0; c < names.size(); c++) {
      ArrowType t = schema.getFields().get(c).getType();
      boolean ok = layout.isInt(c)
          ? t instanceof ArrowType.Int i && i.getBitWidth() == 32 && i.getIsSigned()
          : t instanceof ArrowType.FloatingPoint f && f.getPrecision() == FloatingPointPrecision.DOUBLE;
      if (!ok) {
        throw new InputException(file, 0, names.get(c), null,
            "must be " + (layout.isInt(c) ? "int32" : "float64") + ", is " + t);
      }
    }
    return layout;
  }

  /** The generator metadata of an Arrow scenario schema. */
  private static ScenarioMetadata arrowMetadata(Schema schema, String file) {
    try {
      return ScenarioSchemaMetadata.fromSchemaMetadata(schema.getCustomMetadata());
    } catch (IllegalArgumentException e) {
      throw new InputException(file, 0, null, null, "bad schema metadata: " + e.getMessage(), e);
    }
  }

  /**
   * Adds the loaded record batch in {@code root} to {@code b}: the batch's buffers validated, then
   * every value checked (nulls, non-finite or implausible values, named by row and column).
   */
  private static void addBatch(VectorSchemaRoot root, Layout layout, List<String> names, Builder b, String file) {
    int n = root.getRowCount();
    b.ensure(n);
    List<FieldVector> vectors = root.getFieldVectors();
    ArrowBlocks.validate(vectors, file, b.rows);
    for (int c = 0; c < vectors.size(); c++) {
      FieldVector fv = vectors.get(c);
      double[] target = layout.isInt(c) ? null : b.target(c);
      boolean nulls = fv.getNullCount() > 0;
      for (int i = 0; i < n; i++) {
        long row = b.rows + i + 1L;
        if (nulls && fv.isNull(i)) {
          throw new InputException(file, row, names.get(c), null, "missing value (null)");
        }
        if (layout.isInt(c)) {
          (c == layout.scenario ? b.scenario : b.step)[b.rows + i] = ((IntVector) fv).get(i);
        } else {
          double x = ((Float8Vector) fv).get(i);
          if (b.suspect(x, c)) {
            b.checked(x, row, c, Double.toString(x));
          }
          target[b.rows + i] = x;
        }
      }
    }
    b.rows += n;
  }

  /** Counts bytes read, for progress. */
  private static final class CountingStream extends FilterInputStream {
    volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}

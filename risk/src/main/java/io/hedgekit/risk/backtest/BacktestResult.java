package io.hedgekit.risk.backtest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.hedgekit.io.table.TableFormat;
import io.hedgekit.io.table.TableWriter;
import io.hedgekit.risk.var.RiskJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A VaR backtest. JSON ({@link #toJson()}) holds everything but the daily rows, which
 * {@link #writeDays} writes as a table ({@code date, var, es, pnl, breach}).
 *
 * @param confidence VaR confidence
 * @param window returns per VaR sample
 * @param horizonDays 1
 * @param observations days scored (n)
 * @param breaches days whose P&amp;L was below −VaR (x)
 * @param expectedBreaches n·(1 − confidence)
 * @param firstDate date of the first scored P&amp;L
 * @param lastDate date of the last scored P&amp;L
 * @param droppedDays daily returns left out because a book underlying had no price
 * @param kupiec proportion-of-failures test
 * @param christoffersen independence test
 * @param conditionalCoverage the two together (χ² with 2 degrees of freedom)
 * @param trafficLight Basel zone over the last days
 * @param days one row per scored day (not in JSON)
 */
public record BacktestResult(double confidence, int window, double horizonDays, int observations, int breaches,
    double expectedBreaches, String firstDate, String lastDate, int droppedDays,
    BacktestStatistics.TestResult kupiec, BacktestStatistics.TestResult christoffersen,
    BacktestStatistics.TestResult conditionalCoverage, TrafficLight trafficLight, @JsonIgnore List<Day> days) {

  /**
   * @param days the last this many observations (fewer when the backtest is shorter)
   * @param breaches breaches among them
   * @param zone green, yellow or red
   */
  public record TrafficLight(int days, int breaches, BacktestStatistics.Zone zone) {
  }

  /**
   * One scored day.
   *
   * @param date the day whose close-to-close move was realised
   * @param var VaR forecast the evening before, from the previous {@code window} returns, USD
   * @param es ES forecast the evening before, USD
   * @param pnl the book's P&amp;L under the realised move, USD
   * @param breach pnl < −var
   */
  public record Day(String date, double var, double es, double pnl, boolean breach) {
  }

  /** This result as indented JSON (without the daily rows). */
  public String toJson() {
    return RiskJson.toJson(this);
  }

  /** Writes the daily rows as {@code date} (utf8), {@code var, es, pnl} (float64), {@code breach} (bool). */
  public void writeDays(Path path, TableFormat format, BufferAllocator allocator) {
    ArrowType f64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    Schema schema = new Schema(List.of(
        new Field("date", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
        new Field("var", FieldType.notNullable(f64), null),
        new Field("es", FieldType.notNullable(f64), null),
        new Field("pnl", FieldType.notNullable(f64), null),
        new Field("breach", FieldType.notNullable(ArrowType.Bool.INSTANCE), null)));
    try (TableWriter writer = TableWriter.open(path, format, schema);
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      VarCharVector date = (VarCharVector) root.getVector(0);
      Float8Vector var = (Float8Vector) root.getVector(1);
      Float8Vector es = (Float8Vector) root.getVector(2);
      Float8Vector pnl = (Float8Vector) root.getVector(3);
      BitVector breach = (BitVector) root.getVector(4);
      root.allocateNew();
      for (int i = 0; i < days.size(); i++) {
        Day d = days.get(i);
        date.setSafe(i, d.date().getBytes(StandardCharsets.UTF_8));
        var.setSafe(i, d.var());
        es.setSafe(i, d.es());
        pnl.setSafe(i, d.pnl());
        breach.setSafe(i, d.breach() ? 1 : 0);
      }
      root.setRowCount(days.size());
      writer.write(root);
      writer.commit();
    }
  }
}

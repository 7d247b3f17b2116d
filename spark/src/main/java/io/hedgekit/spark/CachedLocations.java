package io.hedgekit.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.Partition;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The book's rows for the tail pass, with each partition's preferred location set to the executor
 * whose {@link PassCache} holds it ({@code executor_<host>_<id>}, the form Spark's scheduler takes
 * for cached blocks), so that with delay scheduling ({@code spark.locality.wait}, 3 s) the tail task
 * runs where its resolved positions are. The rows themselves are the parent's, unchanged; a
 * partition with no known executor keeps the parent's preference.
 */
final class CachedLocations extends RDD<InternalRow> {
  private static final long serialVersionUID = 1L;
  private static final ClassTag<InternalRow> TAG = ClassTag$.MODULE$.apply(InternalRow.class);
  private final HashMap<Integer, String> executors;

  /** {@code executors}: partition index → {@code executor_<host>_<executorId>}. */
  CachedLocations(RDD<InternalRow> parent, Map<Integer, String> executors) {
    super(parent, TAG);
    this.executors = new HashMap<>(executors);
  }

  @Override
  public scala.collection.Iterator<InternalRow> compute(Partition split, TaskContext context) {
    return firstParent(TAG).iterator(split, context);
  }

  @Override
  public Partition[] getPartitions() {
    return firstParent(TAG).partitions();
  }

  @Override
  public scala.collection.immutable.Seq<String> getPreferredLocations(Partition split) {
    String at = executors.get(split.index());
    if (at == null) {
      return firstParent(TAG).preferredLocations(split).toList();
    }
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(at)).toList();
  }
}

package io.hedgekit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hedgekit.risk.var.PositionContribution;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The top contributors kept by a partition and merged: exactly the first N of a full sort. */
class PartitionTailTest {
  @Test
  void top_equalsTheFirstOfAFullSort_afterMergingSerializedParts() throws Exception {
    SplittableRandom rnd = new SplittableRandom(11);
    List<PositionContribution> all = new ArrayList<>();
    PartitionTail merged = new PartitionTail(2, 7);
    double[] sums = new double[2];
    for (int part = 0; part < 5; part++) {
      PartitionTail t = new PartitionTail(2, 7);
      for (int i = 0; i < 3_000; i++) {
        // Few distinct magnitudes, so ties by |contribution| (broken by id) are common.
        double c = (rnd.nextInt(40) - 20) * 1.5;
        String id = "p" + part + "-" + i;
        int u = rnd.nextInt(2);
        t.add(u, id, u == 0 ? "BTC" : "ETH", c);
        all.add(new PositionContribution(id, u == 0 ? "BTC" : "ETH", c));
        sums[u] += c;
      }
      merged.add(roundTrip(t));
    }
    all.sort(PartitionTail.LARGEST_FIRST);
    assertEquals(all.subList(0, 7), merged.top());
    assertEquals(sums[0], merged.byUnderlying[0], 1e-9);
    assertEquals(sums[1], merged.byUnderlying[1], 1e-9);
  }

  @Test
  void top_zero_keepsNone() {
    PartitionTail t = new PartitionTail(1, 0);
    t.add(0, "a", "BTC", 5);
    assertEquals(List.of(), t.top());
    assertEquals(5, t.byUnderlying[0]);
  }

  private static PartitionTail roundTrip(PartitionTail t) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(t);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (PartitionTail) in.readObject();
    }
  }
}

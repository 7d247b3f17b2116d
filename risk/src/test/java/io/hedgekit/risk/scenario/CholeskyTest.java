package io.hedgekit.risk.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CholeskyTest {

  @Test
  void lower_reproducesTheMatrix() {
    double[][] c = {{1, 0.8, 0.3}, {0.8, 1, 0.5}, {0.3, 0.5, 1}};
    double[][] l = Cholesky.lower(c);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += l[i][k] * l[j][k];
        }
        assertEquals(c[i][j], s, 1e-15);
      }
      for (int j = i + 1; j < 3; j++) {
        assertEquals(0.0, l[i][j]);
      }
    }
    assertEquals(0.6, l[1][1], 1e-15); // √(1 − 0.8²)
  }

  @Test
  void lower_rejectsInvalidMatrices() {
    assertThrows(IllegalArgumentException.class, () -> Cholesky.lower(new double[][] {{1, 1}, {1, 1}}));
    assertThrows(IllegalArgumentException.class, () -> Cholesky.lower(new double[][] {{1, 0.5}, {0.4, 1}}));
    assertThrows(IllegalArgumentException.class, () -> Cholesky.lower(new double[][] {{2, 0}, {0, 1}}));
    assertThrows(IllegalArgumentException.class, () -> Cholesky.lower(new double[][] {{1, 1.5}, {1.5, 1}}));
    assertThrows(IllegalArgumentException.class, () -> Cholesky.lower(new double[][] {{1, 0.9, 0.9}, {0.9, 1, -0.9}, {0.9, -0.9, 1}}));
  }
}

package org.unime.udfs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

  @Test
  void scalesAllGradientsByTheGlobalNormWhenAboveTheLimit() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      NDArray a = manager.create(new float[] {3f, 0f});
      NDArray b = manager.create(new float[] {0f, 4f, 0f});

      double norm = GradientClipping.clipInPlace(List.of(a, b), 1.0);

      assertThat(norm).isCloseTo(5.0, within(1e-6));
      double scale = 1.0 / (5.0 + 1e-6);
      assertThat((double) a.toFloatArray()[0]).isCloseTo(3 * scale, within(1e-7));
      assertThat((double) b.toFloatArray()[1]).isCloseTo(4 * scale, within(1e-7));
      assertThat(GradientClipping.globalNorm(List.of(a, b))).isCloseTo(1.0, within(1e-6));
    }
  }

  @Test
  void leavesGradientsBelowTheLimitOrWithClippingOffAlone() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      NDArray a = manager.create(new float[] {0.3f, 0.4f});

      assertThat(GradientClipping.clipInPlace(List.of(a), 1.0)).isCloseTo(0.5, within(1e-6));
      assertThat(a.toFloatArray()).containsExactly(0.3f, 0.4f);

      NDArray big = manager.create(new float[] {30f, 40f});
      assertThat(GradientClipping.clipInPlace(List.of(big), 0.0)).isCloseTo(50.0, within(1e-4));
      assertThat(big.toFloatArray()).containsExactly(30f, 40f);
    }
  }
}

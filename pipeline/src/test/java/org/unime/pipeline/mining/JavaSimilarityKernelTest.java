package org.unime.pipeline.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JavaSimilarityKernelTest {
  private final JavaSimilarityKernel kernel = new JavaSimilarityKernel();

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 63, 64, 65, 150})
  void matchesTheNaiveDotProductBitForBit(int dim) {
    Random random = new Random(dim);
    float[][] queries = RetrievalFixtures.gaussianVectors(random, 5, dim);
    float[][] cands = RetrievalFixtures.gaussianVectors(random, 9, dim);
    float[] out = new float[5 * 9];

    kernel.scores(flat(queries), 5, flat(cands), 9, dim, out);

    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 9; j++) {
        assertThat(out[i * 9 + j]).isEqualTo(RetrievalFixtures.dot(queries[i], cands[j]));
      }
    }
  }

  @Test
  void overwritesOnlyTheUsedPrefixOfReusedBuffers() {
    float[] queries = {1f, 2f, 99f, 99f}; // one query of dim 2, then buffer slack
    float[] cands = {3f, 4f, 5f, 6f, 99f, 99f};
    float[] out = {7f, 7f, 7f};

    kernel.scores(queries, 1, cands, 2, 2, out);

    assertThat(out).containsExactly(11f, 17f, 7f);
  }

  @Test
  void emptyBlocksProduceNothing() {
    float[] out = new float[0];
    kernel.scores(new float[0], 0, new float[8], 2, 4, out);
    assertThat(out).isEmpty();
  }

  @Test
  void rejectsShortArrays() {
    assertThatThrownBy(() -> kernel.scores(new float[3], 1, new float[4], 1, 4, new float[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute similarities: the query array is too short (got 3 floats, need 4)");
    assertThatThrownBy(() -> kernel.scores(new float[4], 1, new float[4], 1, 0, new float[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot compute similarities: dim must be >= 1");
  }

  static float[] flat(float[][] rows) {
    return Arrays.stream(rows).reduce(new float[0], JavaSimilarityKernelTest::concat);
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

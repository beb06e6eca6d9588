package org.unime.udfs.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.unime.udfs.train.BatchGradients;

/** Shards and gradient sums: what treeAggregate relies on. */
class GradientSumTest {

  private static GradientSum shard(Random random, double loss, int examples, String executor) {
    float[] a = new float[5];
    float[] b = new float[3];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextGaussian() * (i == 0 ? 1e-6f : 1f);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) random.nextGaussian();
    }
    return GradientSum.of(
        new BatchGradients(List.of("w", "b"), List.of(a, b), loss, examples), Map.of("kl1", loss / 2), examples,
        1_000L * examples, executor);
  }

  @Test
  void sumIsTheSameInEveryCombinationOrder() {
    GradientSum[] parts = new GradientSum[5];
    long[] seeds = {1, 2, 3, 4, 5};
    BatchGradients[] results = new BatchGradients[3];
    int[][] orders = {{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}};
    for (int o = 0; o < orders.length; o++) {
      for (int i = 0; i < parts.length; i++) {
        parts[i] = shard(new Random(seeds[i]), 0.1 * (i + 1), 3 + i, "e" + (i % 2));
      }
      // ((a+b)+(c+d))+e in a different grouping and order each time, as treeAggregate may do.
      GradientSum left = GradientSum.zero().merge(parts[orders[o][0]]).merge(parts[orders[o][1]]);
      GradientSum right = parts[orders[o][2]].merge(parts[orders[o][3]]);
      results[o] = right.merge(left).merge(parts[orders[o][4]]).toBatchGradients(1.5, 25);
    }
    for (int o = 1; o < orders.length; o++) {
      for (int p = 0; p < 2; p++) {
        assertThat(results[o].gradients().get(p)).containsExactly(results[0].gradients().get(p));
      }
    }
    assertThat(results[0].names()).containsExactly("w", "b");
  }

  @Test
  void carriesLossTermsExamplesAndCriticalPath() {
    Random random = new Random(2);
    GradientSum sum =
        shard(random, 0.2, 4, "a").merge(shard(random, 0.3, 6, "b")).merge(shard(random, 0.1, 2, "a"));

    assertThat(sum.loss()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(sum.terms().get("kl1")).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(sum.examples()).isEqualTo(12);
    assertThat(sum.shards()).isEqualTo(3);
    assertThat(sum.criticalPathNanos()).as("executor b: 6000 ns vs a: 4000 + 2000").isEqualTo(6_000L);
    assertThat(sum.totalComputeNanos()).isEqualTo(12_000L);
  }

  @Test
  void refusesGradientsOfDifferentModels() {
    GradientSum a = shard(new Random(3), 0.1, 1, "x");
    GradientSum other =
        GradientSum.of(new BatchGradients(List.of("v"), List.of(new float[1]), 0, 1), Map.of(), 1, 0, "x");

    assertThatThrownBy(() -> a.merge(other)).hasMessageContaining("Cannot sum gradients of different models");
  }

  @Test
  void shardsAreContiguousAndBalanced() {
    int[] batch = {9, 8, 7, 6, 5, 4, 3};

    List<Shard> shards = Shard.split(batch, 3);

    assertThat(shards).extracting(Shard::offset).containsExactly(0, 2, 4);
    assertThat(shards.get(0).examples()).containsExactly(9, 8);
    assertThat(shards.get(1).examples()).containsExactly(7, 6);
    assertThat(shards.get(2).examples()).containsExactly(5, 4, 3);
    assertThatThrownBy(() -> Shard.split(batch, 8)).hasMessageContaining("into 8 shards");
  }
}

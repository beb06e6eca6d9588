package org.unime.pipeline.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RerankingTest {

  @Test
  void everyReadoutIsAPermutationOfTheInput() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 500; trial++) {
      int k = 1 + random.nextInt(10);
      double[] a = random.doubles(k, -3, 3).toArray();
      double[] b = random.doubles(k, -3, 3).toArray();
      // Coarse values make ties common.
      double[] coarse = Arrays.stream(a).map(Math::rint).toArray();
      for (Reranking r : new Reranking[] {Reranking.listwise(a), Reranking.pairwise(a, b), Reranking.byScore(coarse)}) {
        assertThat(Arrays.stream(r.order()).sorted().toArray()).isEqualTo(IntStream.range(0, k).toArray());
        for (int i = 0; i < k; i++) {
          assertThat(r.order()[r.rankAfter(i) - 1]).isEqualTo(i);
        }
      }
    }
  }

  @Test
  void ordersByScoreWithTiesInInputOrder() {
    Reranking r = Reranking.byScore(new double[] {0.2, 0.9, 0.2, 0.5, 0.9});

    assertThat(r.order()).containsExactly(1, 4, 3, 0, 2);
    assertThat(r.best()).isEqualTo(1);
    assertThat(r.rankAfter(0)).isEqualTo(4);
  }

  @Test
  void listwisePutsTheArgmaxFirstAndScoresArePositionProbabilities() {
    double[] logits = {0.1, 3.0, -1.0, 2.9};
    Reranking r = Reranking.listwise(logits);

    assertThat(r.best()).isEqualTo(1);
    assertThat(r.order()).containsExactly(1, 3, 0, 2);
    assertThat(Arrays.stream(r.scores()).sum()).isCloseTo(1.0, within(1e-12));
    double z = Arrays.stream(logits).map(Math::exp).sum();
    assertThat(r.scores()[3]).isCloseTo(Math.exp(2.9) / z, within(1e-12));
  }

  @Test
  void pairwiseSortsByProbabilityOfYesNotByTheYesLogit() {
    // Candidate 0 has the larger Yes logit but an even larger No logit.
    Reranking r = Reranking.pairwise(new double[] {5.0, 1.0}, new double[] {6.0, 0.0});

    assertThat(r.order()).containsExactly(1, 0);
    assertThat(r.scores()[0]).isCloseTo(Math.exp(5) / (Math.exp(5) + Math.exp(6)), within(1e-12));
    assertThat(Reranking.probabilityYes(0, 0)).isEqualTo(0.5);
  }

  @Test
  void nanScoresAreRejected() {
    assertThatThrownBy(() -> Reranking.byScore(new double[] {0.1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot rerank: the score of candidate 2 of 2 is NaN");
  }
}

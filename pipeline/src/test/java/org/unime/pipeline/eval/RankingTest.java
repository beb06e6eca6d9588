package org.unime.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class RankingTest {
  @Test
  void argmaxTakesTheFirstMaximumLikeNumpy() {
    assertThat(Ranking.argmax(new double[] {0.1, 0.7, 0.7, 0.2})).isEqualTo(1);
    assertThat(Ranking.argmax(new double[] {0.5, 0.5})).isZero();
    assertThat(Ranking.argmax(new double[] {-0.0, 0.0})).isZero();
  }

  @Test
  void rankCountsHigherScoresAndEarlierTies() {
    double[] scores = {0.3, 0.9, 0.3, 0.1};
    assertThat(Ranking.rank(scores, 1)).isZero();
    assertThat(Ranking.rank(scores, 0)).isEqualTo(1);
    assertThat(Ranking.rank(scores, 2)).isEqualTo(2);
    assertThat(Ranking.rank(scores, 3)).isEqualTo(3);
  }

  @Test
  void topKAgreesWithRankAndStopsAtThePool() {
    double[] scores = {0.3, 0.9, 0.3, 0.1};
    assertThat(Ranking.topK(scores, 3)).containsExactly(1, 0, 2);
    assertThat(Ranking.topK(scores, 10)).containsExactly(1, 0, 2, 3);
    assertThatThrownBy(() -> Ranking.topK(scores, 0))
        .hasMessage("Cannot take the top k: k must be at least 1 (got 0)");
  }

  @Test
  void nanAndEmptyScoresAreRejected() {
    assertThatThrownBy(() -> Ranking.argmax(new double[] {0.1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot rank candidates: score 1 is NaN (got NaN)");
    assertThatThrownBy(() -> Ranking.argmax(new double[0]))
        .hasMessage("Cannot rank candidates: there are none (got 0 scores)");
    assertThatThrownBy(() -> Ranking.rank(new double[] {1.0}, 1))
        .hasMessage("Cannot rank item: index is outside the 1 scores (got 1)");
  }

  @Test
  void cosineIgnoresScaleAndRejectsZeroVectors() {
    assertThat(Cosine.of(new float[] {3, 4}, new float[] {6, 8})).isCloseTo(1.0, offset(1e-12));
    assertThat(Cosine.scores(new float[] {1, 0}, new float[][] {{0, 2}, {-1, 0}})).containsExactly(0.0, -1.0);
    assertThatThrownBy(() -> Cosine.scores(new float[] {1, 0}, new float[][] {{0, 0}}))
        .hasMessageStartingWith("Cannot compute cosine: candidate 0 has no finite non-zero norm");
    assertThatThrownBy(() -> Cosine.of(new float[] {1, 0}, new float[] {1}))
        .hasMessage("Cannot compute cosine: vector b has dimension 1, expected 2 (got 1)");
  }
}

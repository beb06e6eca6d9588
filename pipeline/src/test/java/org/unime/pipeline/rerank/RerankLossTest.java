package org.unime.pipeline.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the loss against values written out by hand (direct exp/log, no shared helper). */
class RerankLossTest {

  @Test
  void pairwiseIsTheCrossEntropyOfTheTwoAnswers() {
    double yes = 2.0;
    double no = 0.5;
    double pYes = Math.exp(yes) / (Math.exp(yes) + Math.exp(no));

    assertThat(RerankLoss.pairwise(yes, no, PairLabel.YES)).isCloseTo(-Math.log(pYes), within(1e-12));
    assertThat(RerankLoss.pairwise(yes, no, PairLabel.NO)).isCloseTo(-Math.log(1 - pYes), within(1e-12));
    assertThat(RerankLoss.pairwise(0, 0, PairLabel.YES)).isCloseTo(Math.log(2), within(1e-15));
  }

  @Test
  void listwiseIsTheCrossEntropyOverThePositionsOnly() {
    double[] logits = {0.3, -1.2, 2.5, 0.0, 1.1};
    double z = 0;
    for (double l : logits) {
      z += Math.exp(l);
    }

    for (int answer = 1; answer <= logits.length; answer++) {
      assertThat(RerankLoss.listwise(logits, answer))
          .isCloseTo(-Math.log(Math.exp(logits[answer - 1]) / z), within(1e-12));
    }
  }

  @Test
  void largeLogitsDoNotOverflow() {
    assertThat(RerankLoss.pairwise(1000, 0, PairLabel.YES)).isCloseTo(0, within(1e-12));
    assertThat(RerankLoss.pairwise(1000, 0, PairLabel.NO)).isCloseTo(1000, within(1e-9));
    assertThat(RerankLoss.listwise(new double[] {800, 800}, 2)).isCloseTo(Math.log(2), within(1e-12));
  }

  @Test
  void queryLossWeighsTheSumOfBothPairsAndTheList() {
    RerankLoss.QueryLogits q =
        new RerankLoss.QueryLogits(new double[] {1, -1}, new double[] {0.5, 0.2}, new double[] {0, 1, 2}, 2);
    double pair = Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(0.3));
    double list = -Math.log(Math.exp(1) / (1 + Math.exp(1) + Math.exp(2)));

    assertThat(RerankLoss.query(q, RerankSettings.reference())).isCloseTo(pair + list, within(1e-12));
    RerankSettings weighted = RerankSettings.reference().withLossWeights(0.25, 2.0);
    assertThat(RerankLoss.query(q, weighted)).isCloseTo(0.25 * pair + 2 * list, within(1e-12));
    RerankLoss.QueryLogits other =
        new RerankLoss.QueryLogits(new double[] {0, 0}, new double[] {0, 0}, new double[] {0, 0}, 1);
    assertThat(RerankLoss.batchMean(List.of(q, other), weighted))
        .isCloseTo((RerankLoss.query(q, weighted) + RerankLoss.query(other, weighted)) / 2, within(1e-12));
  }

  @Test
  void badShapesAreRejectedWithTheValue() {
    assertThatThrownBy(() -> RerankLoss.listwise(new double[] {1, 2}, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute the listwise loss: the answer position must be in 1..2 (got 3)");
    assertThatThrownBy(() -> new RerankLoss.QueryLogits(new double[] {1}, new double[] {1, 2}, new double[] {1}, 1))
        .hasMessage("Cannot compute the reranker loss: pair logits must be [l_Yes, l_No] (got 1 and 2 values)");
    assertThatThrownBy(() -> RerankLoss.batchMean(List.of(), RerankSettings.reference()))
        .hasMessage("Cannot compute the reranker loss of an empty batch (got 0 queries)");
  }
}

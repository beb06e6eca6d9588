package org.unime.pipeline.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RerankSettingsTest {

  @Test
  void referenceIsTheReleasedCode() {
    RerankSettings s = RerankSettings.reference();

    assertThat(s.negativeChoice()).isEqualTo(NegativeChoice.FIRST_STORED);
    assertThat(s.listSize()).isEqualTo(5);
    assertThat(s.positions()).isEqualTo(PositionDistribution.REFERENCE);
    assertThat(s.pairwiseWeight()).isEqualTo(1.0);
    assertThat(s.listwiseWeight()).isEqualTo(1.0);
  }

  @Test
  void wireNamesRoundTrip() {
    for (NegativeChoice c : NegativeChoice.values()) {
      assertThat(NegativeChoice.parse(c.wireName())).isEqualTo(c);
    }
    for (PositionDistribution d : PositionDistribution.values()) {
      assertThat(PositionDistribution.parse(d.wireName())).isEqualTo(d);
    }
    for (RerankMode m : RerankMode.values()) {
      assertThat(RerankMode.parse(m.wireName())).isEqualTo(m);
    }
  }

  @Test
  void badValuesNameWhatIsAllowed() {
    assertThatThrownBy(() -> NegativeChoice.parse("hardest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot parse the reranker's negative choice: expected one of first-stored, highest-score"
            + " (got hardest)");
    assertThatThrownBy(() -> RerankMode.parse("both"))
        .hasMessage("Cannot parse the rerank mode: expected one of listwise, pairwise (got both)");
    assertThatThrownBy(() -> RerankSettings.reference().withListSize(0))
        .hasMessage("Cannot configure the reranker's training data: list-size must be >= 1 (got 0)");
    assertThatThrownBy(() -> RerankSettings.reference().withLossWeights(0, 0))
        .hasMessage("Cannot configure the reranker's training data: loss weights must be finite, >= 0 and not both 0"
            + " (got 0.0:0.0)");
    assertThatThrownBy(() -> RerankSettings.reference().withLossWeights(-1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package org.unime.pipeline.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RetrievalFilterTest {

  @Test
  void capIsExclusive() {
    RetrievalFilter filter = RetrievalFilter.below(0.9f, Set.of("pos"));

    assertThat(filter.accepts("c", 0.8999f)).isTrue();
    assertThat(filter.accepts("c", 0.9f)).isFalse();
    assertThat(filter.accepts("c", 0.95f)).isFalse();
  }

  @Test
  void positivesAreExcludedEvenBelowTheCap() {
    RetrievalFilter filter = RetrievalFilter.below(0.9f, Set.of("pos", "pos2"));

    assertThat(filter.accepts("pos", 0.1f)).isFalse();
    assertThat(filter.accepts("pos2", -1f)).isFalse();
    assertThat(filter.accepts("other", 0.1f)).isTrue();
  }

  @Test
  void unboundedKeepsEveryFiniteSimilarity() {
    RetrievalFilter filter = RetrievalFilter.unbounded(Set.of("pos"));

    assertThat(filter.maxSimilarity()).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(filter.accepts("c", Float.MAX_VALUE)).isTrue();
    assertThat(filter.accepts("pos", 0f)).isFalse();
  }

  @Test
  void rejectsNaNCapAndMissingPositives() {
    assertThatThrownBy(() -> RetrievalFilter.below(Float.NaN, Set.of("pos")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build a retrieval filter: the similarity cap is NaN (got NaN); use "
            + "RetrievalFilter.unbounded(...) to disable it");
    assertThatThrownBy(() -> RetrievalFilter.unbounded(Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build a retrieval filter: no positive ids to exclude (got []); pass the query's "
            + "positive ids, they are always excluded explicitly");
  }
}

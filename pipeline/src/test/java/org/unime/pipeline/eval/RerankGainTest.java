package org.unime.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RerankGainTest {
  @Test
  void precisionAtOneBeforeAndAfter() {
    List<RankedQuery> queries = List.of(
        new RankedQuery("q1", List.of("a", "b"), List.of("b", "a"), Set.of("b")), // fixed by the reranker
        new RankedQuery("q2", List.of("c", "d"), List.of("d", "c"), Set.of("c")), // broken by it
        new RankedQuery("q3", List.of("e", "f"), List.of("f", "e"), Set.of("f")), // fixed
        new RankedQuery("q4", List.of("g"), List.of("g"), Set.of("h"))); // never found

    RerankGain gain = RerankGain.of(queries);

    assertThat(gain).isEqualTo(new RerankGain(4, 1, 2));
    assertThat(gain.precisionBefore()).isEqualTo(0.25);
    assertThat(gain.precisionAfter()).isEqualTo(0.5);
    assertThat(gain.gain()).isCloseTo(0.25, offset(1e-12));
  }

  @Test
  void brokenQueriesAreRejectedNotCountedAsMisses() {
    assertThatThrownBy(() -> new RankedQuery("q1", List.of(), List.of("a"), Set.of("a")))
        .hasMessage("Cannot rank query q1: a ranking is empty (got 0 before, 1 after)");
    assertThatThrownBy(() -> new RankedQuery("q1", List.of("a"), List.of("a"), Set.of()))
        .hasMessage("Cannot rank query q1: it has no positive (got [])");
    assertThatThrownBy(() -> RerankGain.of(List.of()))
        .hasMessage("Cannot compute rerank gain: there are no queries (got 0)");
    RankedQuery q = new RankedQuery("q1", List.of("a"), List.of("a"), Set.of("a"));
    assertThatThrownBy(() -> RerankGain.of(List.of(q, q)))
        .hasMessage("Cannot compute rerank gain: query q1 appears twice (got q1)");
  }
}

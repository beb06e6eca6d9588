package org.unime.udfs.unime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec §5 batch construction: [positive, first k stored negatives] and the aligned judge scores. */
class CandidateListsTest {
  private static final Map<String, Integer> ITEMS = new HashMap<>();

  static {
    for (String id : List.of("q1", "q2", "p1", "p1b", "p2", "n0", "n1", "n2", "n3", "n4")) {
      ITEMS.put(id, ITEMS.size());
    }
  }

  private static MinedRow row(String query, String positive, double score, List<String> negatives, List<Double> scores) {
    return new MinedRow(query, positive, score, negatives, scores);
  }

  @Test
  void takesThePositiveAndTheFirstKStoredNegativesInStoredOrder() {
    MinedRow r =
        row("q1", "p1", 0.9, List.of("n3", "n1", "n4", "n1", "n0"), List.of(0.4, 0.2, 0.05, 0.2, 0.3));

    ExampleSet set = CandidateLists.build(List.of(r), ITEMS, 3, Map.of("q1", List.of("p1", "p1b", "unknown")));

    assertThat(set.size()).isEqualTo(1);
    assertThat(set.queries()[0]).isEqualTo(ITEMS.get("q1"));
    assertThat(set.candidates()[0])
        .containsExactly(ITEMS.get("p1"), ITEMS.get("n3"), ITEMS.get("n1"), ITEMS.get("n4"));
    assertThat(set.targets()[0]).containsExactly(0.9f, 0.4f, 0.2f, 0.05f);
    assertThat(set.otherPositives()[0]).as("other positives present as items, own one excluded").containsExactly(ITEMS.get("p1b"));
  }

  @Test
  void keepsCyclicDuplicatesAsStored() {
    MinedRow r = row("q2", "p2", 0.7, List.of("n0", "n1", "n0", "n1"), List.of(0.1, 0.2, 0.1, 0.2));

    ExampleSet set = CandidateLists.build(List.of(r), ITEMS, 4, Map.of());

    assertThat(set.candidates()[0]).containsExactly(ITEMS.get("p2"), ITEMS.get("n0"), ITEMS.get("n1"), ITEMS.get("n0"), ITEMS.get("n1"));
    assertThat(set.otherPositives()[0]).isEmpty();
  }

  @Test
  void refusesRowsWithFewerStoredNegativesThanK() {
    MinedRow r = row("q1", "p1", 0.9, List.of("n0", "n1"), List.of(0.1, 0.2));

    assertThatThrownBy(() -> CandidateLists.build(List.of(r), ITEMS, 8, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("query q1: it has 2 stored negatives, fewer than unime.training.negatives = 8");
  }

  @Test
  void namesAMissingItem() {
    MinedRow r = row("q1", "p1", 0.9, List.of("gone"), List.of(0.1));

    assertThatThrownBy(() -> CandidateLists.build(List.of(r), ITEMS, 1, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("query q1: item gone is in neither the candidates nor the queries table");
  }
}

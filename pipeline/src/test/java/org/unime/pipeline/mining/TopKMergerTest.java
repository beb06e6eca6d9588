package org.unime.pipeline.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKMergerTest {

  @Test
  void mergesPartitionTopKsIntoTheGlobalTopKWhateverThePartialOrder() {
    Random random = new Random(3);
    List<ScoredCandidate> all = new ArrayList<>();
    List<List<ScoredCandidate>> partitions = new ArrayList<>();
    for (int p = 0; p < 6; p++) {
      partitions.add(new ArrayList<>());
    }

    for (int i = 0; i < 500; i++) {
      ScoredCandidate candidate = new ScoredCandidate("c" + i, random.nextInt(40) / 40f);
      all.add(candidate);
      partitions.get(random.nextInt(6)).add(candidate);
    }

    all.sort(ScoredCandidate.BEST_FIRST);
    TopKMerger merger = TopKMerger.keeping(20);
    List<List<ScoredCandidate>> partials = new ArrayList<>();
    for (List<ScoredCandidate> partition : partitions) {
      partials.add(merger.merge(List.of(partition))); // each partition's own top-20
    }

    for (int trial = 0; trial < 5; trial++) {
      Collections.shuffle(partials, random);
      assertThat(merger.merge(partials)).isEqualTo(all.subList(0, 20));
    }
  }

  @Test
  void pairwiseReductionEqualsOneShotMerge() {
    TopKMerger merger = TopKMerger.keeping(2);
    List<ScoredCandidate> a = List.of(new ScoredCandidate("a", 0.9f), new ScoredCandidate("b", 0.3f));
    List<ScoredCandidate> b = List.of(new ScoredCandidate("c", 0.9f));
    List<ScoredCandidate> c = List.of(new ScoredCandidate("d", 0.95f));

    assertThat(merger.merge(merger.merge(a, b), c)).isEqualTo(merger.merge(List.of(c, b, a)));
    assertThat(merger.merge(List.of(a, b, c)))
        .containsExactly(new ScoredCandidate("d", 0.95f), new ScoredCandidate("a", 0.9f));
  }

  @Test
  void emptyPartialsMergeToEmpty() {
    assertThat(TopKMerger.keeping(3).merge(List.of(List.of(), List.of()))).isEmpty();
    assertThat(TopKMerger.keeping(3).merge(List.of())).isEmpty();
  }

  @Test
  void rejectsOverlappingPartitions() {
    List<ScoredCandidate> a = List.of(new ScoredCandidate("x", 0.5f));
    assertThatThrownBy(() -> TopKMerger.keeping(3).merge(a, a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot merge partial top-k results: candidate x appears twice (got it again with similarity "
            + "0.5); candidate partitions must be disjoint");
  }
}

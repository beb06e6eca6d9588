package org.unime.pipeline.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedTopKTest {

  @Test
  void keepsTheKBestWithTiesBrokenBySmallerId() {
    BoundedTopK top = BoundedTopK.keeping(3);
    top.offer("d", 0.5f);
    top.offer("b", 0.9f);
    top.offer("c", 0.5f);
    top.offer("a", 0.5f);
    top.offer("e", 0.1f);

    assertThat(top.sortedDescending())
        .containsExactly(
            new ScoredCandidate("b", 0.9f), new ScoredCandidate("a", 0.5f), new ScoredCandidate("c", 0.5f));
  }

  @Test
  void resultDoesNotDependOnOfferOrder() {
    Random random = new Random(7);
    List<ScoredCandidate> offers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      offers.add(new ScoredCandidate("c" + i, random.nextInt(10) / 10f)); // many exact ties
    }

    List<ScoredCandidate> expected = new ArrayList<>(offers);
    expected.sort(ScoredCandidate.BEST_FIRST);
    expected = expected.subList(0, 25);
    for (int trial = 0; trial < 20; trial++) {
      Collections.shuffle(offers, random);
      BoundedTopK top = BoundedTopK.keeping(25);
      offers.forEach(c -> top.offer(c.candidateId(), c.similarity()));
      assertThat(top.sortedDescending()).isEqualTo(expected);
    }
  }

  @Test
  void kLargerThanOffersKeepsEverythingSorted() {
    BoundedTopK top = BoundedTopK.keeping(100);
    top.offer("x", 0.2f);
    top.offer("y", 0.7f);

    assertThat(top.size()).isEqualTo(2);
    assertThat(top.sortedDescending())
        .containsExactly(new ScoredCandidate("y", 0.7f), new ScoredCandidate("x", 0.2f));
    assertThat(BoundedTopK.keeping(5).sortedDescending()).isEmpty();
  }

  @Test
  void mergeOfDisjointPartialsEqualsOneTopKOverAll() {
    Random random = new Random(11);
    BoundedTopK all = BoundedTopK.keeping(10);
    BoundedTopK left = BoundedTopK.keeping(10);
    BoundedTopK right = BoundedTopK.keeping(10);
    for (int i = 0; i < 300; i++) {
      float sim = random.nextInt(20) / 20f;
      all.offer("c" + i, sim);
      (random.nextBoolean() ? left : right).offer("c" + i, sim);
    }

    assertThat(left.merge(right).sortedDescending()).isEqualTo(all.sortedDescending());
  }

  @Test
  void negativeZeroTiesWithPositiveZero() {
    BoundedTopK top = BoundedTopK.keeping(1);
    top.offer("b", 0.0f);
    top.offer("a", -0.0f);

    assertThat(top.sortedDescending()).containsExactly(new ScoredCandidate("a", 0.0f));
  }

  @Test
  void couldAcceptIsConservative() {
    BoundedTopK top = BoundedTopK.keeping(2);
    assertThat(top.couldAccept(-1e30f)).isTrue();
    top.offer("a", 0.5f);
    top.offer("b", 0.7f);

    assertThat(top.couldAccept(0.4f)).isFalse();
    assertThat(top.couldAccept(0.5f)).isTrue(); // a tie may still win on id
    assertThat(top.offer("0", 0.5f)).isTrue();
    assertThat(top.offer("z", 0.5f)).isFalse();
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> BoundedTopK.keeping(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot create a top-k: k must be at least 1 (got 0)");
    assertThatThrownBy(() -> BoundedTopK.keeping(3).offer("a", Float.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot offer candidate a to a top-k: similarity is NaN (got NaN)");
    BoundedTopK top = BoundedTopK.keeping(3);
    assertThatThrownBy(() -> top.merge(top))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot merge a top-k with itself");
    assertThatThrownBy(() -> top.merge(BoundedTopK.keeping(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot merge top-k results: both must keep the same k for the merge to be exact (got 3 and 4)");
  }
}

package org.unime.pipeline.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.unime.pipeline.mining.SamplerFixtures.constant;
import static org.unime.pipeline.mining.SamplerFixtures.ids;
import static org.unime.pipeline.mining.SamplerFixtures.names;
import static org.unime.pipeline.mining.SamplerFixtures.pool;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HardNegativeSamplerTest {
  private static final HardNegativeSampler PAPER =
      HardNegativeSampler.create(SamplingSettings.paperDefaults(), 42L);
  private static final HardNegativeSampler STRIDE_ONLY = HardNegativeSampler.create(
      SamplingSettings.builder().withTraversal(CyclicTraversal.STRIDE_ONLY).build(), 42L);
  private static final HardNegativeSampler CLAMP = HardNegativeSampler.create(
      SamplingSettings.builder().withLowPositivePolicy(LowPositivePolicy.CLAMP_ALPHA_TO_POSITIVE).build(), 42L);

  // Cross-checked with an independent Python implementation of the same hash, generator and shuffle.
  private static final List<String> PINNED_GOLDEN_DRAW =
      List.of("c41", "c02", "c33", "c06", "c42", "c00", "c48", "c08", "c47", "c46");

  @Test
  void allFiftySurviveGivesEveryFifthRank() {
    MinedNegatives mined = PAPER.sample(new MiningQuery("q", 0.9, pool(constant(50, 0.5))));

    assertThat(ids(mined)).isEqualTo(names(0, 5, 10, 15, 20, 25, 30, 35, 40, 45));
    assertThat(mined.outcome()).isEqualTo(SamplingOutcome.SAMPLED);
    assertThat(mined.survivors()).isEqualTo(50);
    assertThat(mined.falseNegativesRemoved()).isZero();
    assertThat(mined.alpha()).isEqualTo(0.9 - 0.01);
    assertThat(mined.negatives()).allSatisfy(n -> assertThat(n.score()).isEqualTo(0.5));
    assertThat(ids(STRIDE_ONLY.sample(new MiningQuery("q", 0.9, pool(constant(50, 0.5))))))
        .isEqualTo(names(0, 5, 10, 15, 20, 25, 30, 35, 40, 45));
  }

  @Test
  void wrapAroundContinuesWithTheNextOffset() {
    MinedNegatives mined = PAPER.sample(new MiningQuery("q", 0.9, pool(constant(12, 0.5))));

    assertThat(ids(mined)).isEqualTo(names(0, 5, 10, 1, 6, 11, 2, 7, 3, 8));
    assertThat(mined.outcome()).isEqualTo(SamplingOutcome.SAMPLED);
  }

  @Test
  void sevenSurvivorsAreTraversedThenRepeatedCyclically() {
    double[] scores = constant(50, 0.95); // all false negatives ...
    int[] low = {3, 8, 10, 20, 21, 33, 49}; // ... except these, R[0..6] in retrieval order
    for (int i : low) {
      scores[i] = 0.2;
    }

    MinedNegatives mined = PAPER.sample(new MiningQuery("q", 0.9, pool(scores)));

    // The traversal's picks H = R0, R5, R1, R6, R2, R3, R4 play c0..c6; then c0, c1, c2 again.
    List<String> h = names(3, 33, 8, 49, 10, 20, 21);
    assertThat(ids(mined)).isEqualTo(concat(h, h.subList(0, 3)));
    assertThat(mined.outcome()).isEqualTo(SamplingOutcome.CYCLIC_REPEAT);
    assertThat(mined.survivors()).isEqualTo(7);
    assertThat(mined.falseNegativesRemoved()).isEqualTo(43);
    assertThat(ids(STRIDE_ONLY.sample(new MiningQuery("q", 0.9, pool(scores)))))
        .isEqualTo(names(3, 33, 3, 33, 3, 33, 3, 33, 3, 33));
  }

  @Test
  void twoSurvivorsAlternate() {
    MinedNegatives mined = PAPER.sample(new MiningQuery("q", 0.6, pool(0.99, 0.3, 0.8, 0.1, 0.7)));

    assertThat(ids(mined)).isEqualTo(names(1, 3, 1, 3, 1, 3, 1, 3, 1, 3));
    assertThat(mined.negatives()).extracting(JudgedCandidate::score)
        .containsExactly(0.3, 0.1, 0.3, 0.1, 0.3, 0.1, 0.3, 0.1, 0.3, 0.1);
    assertThat(mined.outcome()).isEqualTo(SamplingOutcome.CYCLIC_REPEAT);
    assertThat(ids(STRIDE_ONLY.sample(new MiningQuery("q", 0.6, pool(0.99, 0.3, 0.8, 0.1, 0.7)))))
        .isEqualTo(names(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
  }

  @Test
  void noSurvivorsFallsBackToTenDistinctPoolMembersScoredOne() {
    MinedNegatives mined = PAPER.sample(new MiningQuery("q", 0.5, pool(constant(50, 0.7))));

    assertThat(mined.outcome()).isEqualTo(SamplingOutcome.FALLBACK);
    assertThat(mined.negatives()).hasSize(10);
    assertThat(new HashSet<>(ids(mined))).hasSize(10);
    assertThat(names(IntStream.range(0, 50).toArray())).containsAll(ids(mined));
    assertThat(mined.negatives()).allSatisfy(n -> assertThat(n.score()).isEqualTo(1.0));
    assertThat(mined.survivors()).isZero();
    assertThat(mined.falseNegativesRemoved()).isEqualTo(50);
  }

  @Test
  void fallbackFromASmallPoolDrawsItWholeAndRepeats() {
    MinedNegatives mined = PAPER.sample(new MiningQuery("q", 0.5, pool(0.9, 0.8, 0.95)));

    List<String> ids = ids(mined);
    assertThat(mined.outcome()).isEqualTo(SamplingOutcome.FALLBACK);
    assertThat(ids).hasSize(10);
    assertThat(Set.copyOf(ids.subList(0, 3))).isEqualTo(Set.copyOf(names(0, 1, 2)));
    for (int i = 3; i < 10; i++) {
      assertThat(ids.get(i)).isEqualTo(ids.get(i % 3));
    }
  }

  @Test
  void emptyPoolYieldsNoNegatives() {
    MinedNegatives mined = PAPER.sample(new MiningQuery("q", 0.5, List.of()));

    assertThat(mined.outcome()).isEqualTo(SamplingOutcome.EMPTY_POOL);
    assertThat(mined.negatives()).isEmpty();
    assertThat(mined.survivors()).isZero();
    assertThat(mined.falseNegativesRemoved()).isZero();
  }

  @Test
  void lowPositiveFallsBackAsWrittenOrClampsAlphaToThePositive() {
    // Like released record 27: s_pos = 0.0085 < beta, negatives around 0.004.
    double[] scores = {0.004, 0.02, 0.0041, 0.0039, 0.5, 0.0085, 0.004, 0.003, 0.0086};
    MiningQuery query = new MiningQuery("r27", 0.0085, pool(scores));

    MinedNegatives asWritten = PAPER.sample(query);
    MinedNegatives clamped = CLAMP.sample(query);

    assertThat(asWritten.outcome()).isEqualTo(SamplingOutcome.FALLBACK);
    assertThat(asWritten.alpha()).isEqualTo(0.0085 - 0.01);
    assertThat(clamped.alpha()).isEqualTo(0.0085);
    assertThat(clamped.outcome()).isEqualTo(SamplingOutcome.CYCLIC_REPEAT);
    assertThat(clamped.survivors()).isEqualTo(6); // 0.0085 itself is kept, 0.0086 and above are not
    assertThat(ids(clamped)).isEqualTo(names(0, 7, 2, 3, 5, 6, 0, 7, 2, 3)); // R0, R5, R1, R2, R3, R4, ...
    // Above beta the policies agree.
    MiningQuery normal = new MiningQuery("n", 0.5, pool(0.2, 0.6, 0.49));
    assertThat(CLAMP.sample(normal)).isEqualTo(PAPER.sample(normal));
  }

  @Test
  void scoreEqualToAlphaIsKept() {
    HardNegativeSampler exact = HardNegativeSampler.create(SamplingSettings.builder().withBeta(0.125).build(), 1L);
    MinedNegatives mined = exact.sample(new MiningQuery("q", 0.5, pool(0.375, Math.nextUp(0.375))));

    assertThat(mined.alpha()).isEqualTo(0.375);
    assertThat(ids(mined)).containsOnly("c00");
    assertThat(mined.falseNegativesRemoved()).isEqualTo(1);
    // With the paper's beta, alpha is the double s_t - 0.01 and a candidate scored exactly that survives.
    double alpha = 0.7 - 0.01;
    assertThat(ids(PAPER.sample(new MiningQuery("q", 0.7, pool(alpha, Math.nextUp(alpha)))))).containsOnly("c00");
  }

  @Test
  void fallbackIsSeededByGlobalSeedAndQueryId() {
    MiningQuery query = new MiningQuery("q-17", 0.1, pool(constant(50, 0.9)));
    MiningQuery sameQuery = new MiningQuery("q-17", 0.1, pool(constant(50, 0.9)));
    MiningQuery otherId = new MiningQuery("q-18", 0.1, pool(constant(50, 0.9)));

    assertThat(PAPER.sample(query)).isEqualTo(PAPER.sample(sameQuery));
    assertThat(ids(PAPER.sample(otherId))).isNotEqualTo(ids(PAPER.sample(query)));
    assertThat(ids(HardNegativeSampler.create(SamplingSettings.paperDefaults(), 43L).sample(query)))
        .isNotEqualTo(ids(PAPER.sample(query)));
  }

  @Test
  void fallbackDrawIsPinnedSoRerunsStayByteIdentical() {
    // Pinned output of StableSeed + SplitMix64 + partial Fisher-Yates: if this changes, reruns of mining are no
    // longer reproducible against earlier runs.
    MinedNegatives mined = PAPER.sample(new MiningQuery("q-golden", 0.1, pool(constant(50, 0.9))));

    assertThat(ids(mined)).isEqualTo(PINNED_GOLDEN_DRAW);
  }

  @Test
  void rejectsOversizedPoolsAndInvalidQueries() {
    assertThatThrownBy(() -> PAPER.sample(new MiningQuery("q", 0.9, pool(constant(51, 0.5)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot sample negatives for query q: the pool is larger than pool-size (got 51 candidates, "
            + "pool-size 50)");
    assertThatThrownBy(() -> new MiningQuery("q", 1.5, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot mine negatives for query q: the judge score of the positive must be a probability in "
            + "[0, 1] (got 1.5)");
    assertThatThrownBy(() -> new MiningQuery("q", 0.5, List.of(new JudgedCandidate("a", 0.1),
            new JudgedCandidate("a", 0.2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot mine negatives for query q: candidate ids must be unique (got a twice)");
    assertThatThrownBy(() -> new JudgedCandidate("a", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot use candidate a: its judge score is not finite (got NaN)");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}

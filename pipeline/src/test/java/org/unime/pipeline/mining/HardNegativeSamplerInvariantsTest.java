package org.unime.pipeline.mining;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties that must hold for any pool, checked over seeded random inputs. */
class HardNegativeSamplerInvariantsTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void invariantsHoldOnRandomPools(long seed) {
    Random random = new Random(seed);
    for (int trial = 0; trial < 300; trial++) {
      SamplingSettings settings = SamplingSettings.builder()
          .withTraversal(CyclicTraversal.values()[random.nextInt(2)])
          .withLowPositivePolicy(LowPositivePolicy.values()[random.nextInt(2)])
          .withInterval(1 + random.nextInt(7))
          .withMinNegatives(1 + random.nextInt(12))
          .build();
      HardNegativeSampler sampler = HardNegativeSampler.create(settings, seed);
      MiningQuery query = randomQuery(random, "q-" + trial);

      MinedNegatives mined = sampler.sample(query);

      assertThat(sampler.sample(query)).isEqualTo(mined);
      checkInvariants(settings, query, mined);
    }
  }

  private static MiningQuery randomQuery(Random random, String id) {
    int size = random.nextInt(51);
    // Scores on a coarse grid, so many candidates sit right at the boundary s_t - 0.01.
    double positive = random.nextInt(101) / 100.0;
    double[] scores = new double[size];
    for (int i = 0; i < size; i++) {
      scores[i] = random.nextInt(101) / 100.0;
    }

    return new MiningQuery(id, positive, SamplerFixtures.pool(scores));
  }

  private static void checkInvariants(SamplingSettings settings, MiningQuery query, MinedNegatives mined) {
    List<JudgedCandidate> pool = query.candidates();
    double alpha = mined.alpha();
    List<JudgedCandidate> survivors = pool.stream().filter(c -> c.score() <= alpha).toList();
    if (pool.isEmpty()) {
      assertThat(mined.outcome()).isEqualTo(SamplingOutcome.EMPTY_POOL);
      assertThat(mined.negatives()).isEmpty();
      return;
    }

    assertThat(mined.negatives()).hasSize(settings.minNegatives());
    assertThat(pool.stream().map(JudgedCandidate::candidateId).toList())
        .containsAll(SamplerFixtures.ids(mined));
    assertThat(mined.survivors()).isEqualTo(survivors.size());
    assertThat(mined.falseNegativesRemoved()).isEqualTo(pool.size() - survivors.size());
    if (survivors.isEmpty()) {
      assertThat(mined.outcome()).isEqualTo(SamplingOutcome.FALLBACK);
      assertThat(mined.negatives()).allSatisfy(n -> assertThat(n.score()).isEqualTo(settings.fallbackScore()));
      int distinct = Math.min(pool.size(), settings.minNegatives());
      assertThat(new HashSet<>(SamplerFixtures.ids(mined))).hasSize(distinct);
      return;
    }

    // Never a candidate the judge scored above alpha, and every score is the candidate's own.
    assertThat(mined.negatives()).containsAnyElementsOf(survivors).isSubsetOf(survivors);
    checkTraversalOrder(settings, survivors, mined);
  }

  /**
   * The negatives are H repeated cyclically, where H is distinct and, read as indices into the survivors R, is a
   * sequence of passes: each pass walks one residue class of the interval in increasing order, and the residues
   * of successive passes increase (only residue 0 for STRIDE_ONLY).
   */
  private static void checkTraversalOrder(
      SamplingSettings settings, List<JudgedCandidate> survivors, MinedNegatives mined) {
    Map<JudgedCandidate, Integer> rank = new HashMap<>();
    for (int i = 0; i < survivors.size(); i++) {
      rank.put(survivors.get(i), i);
    }

    List<JudgedCandidate> negatives = mined.negatives();
    int distinct = new HashSet<>(negatives).size();
    List<Integer> h = new ArrayList<>();
    for (int i = 0; i < distinct; i++) {
      h.add(rank.get(negatives.get(i)));
    }

    assertThat(new HashSet<>(h)).hasSize(distinct);
    for (int i = 0; i < negatives.size(); i++) {
      assertThat(negatives.get(i)).isEqualTo(negatives.get(i % distinct));
    }

    int interval = settings.interval();
    int r = survivors.size();
    for (int i = 1; i < h.size(); i++) {
      int previous = h.get(i - 1);
      boolean samePass = h.get(i) == previous + interval;
      boolean nextPass = h.get(i) == previous % interval + 1 && previous + interval >= r;
      assertThat(samePass || nextPass).as("H = %s over %d survivors", h, r).isTrue();
    }

    if (settings.traversal() == CyclicTraversal.STRIDE_ONLY) {
      assertThat(h).allSatisfy(index -> assertThat(index % interval).isZero());
    }

    assertThat(h.get(0)).isZero();
    // Too few picks only once the traversal has run out of survivors.
    int reachable = settings.traversal() == CyclicTraversal.WRAP_AROUND ? r : (r + interval - 1) / interval;
    assertThat(distinct).isEqualTo(Math.min(reachable, settings.minNegatives()));
    assertThat(mined.outcome())
        .isEqualTo(distinct == settings.minNegatives() ? SamplingOutcome.SAMPLED : SamplingOutcome.CYCLIC_REPEAT);
  }
}

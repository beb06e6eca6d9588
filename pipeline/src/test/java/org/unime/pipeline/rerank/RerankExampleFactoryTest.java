package org.unime.pipeline.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RerankExampleFactoryTest {
  /** Stored order differs from score order on purpose: hn[0] is not the highest-scored negative. */
  static final MinedQuery QUERY =
      new MinedQuery("q1", "pos", List.of("n0", "n1", "n2", "n3", "n4", "n5", "n6"),
          List.of(0.30, 0.80, 0.10, 0.80, 0.55, 0.90, 0.20));

  static final RerankSettings UNIFORM_FIRST = RerankSettings.reference().withPositions(PositionDistribution.UNIFORM);

  @Test
  void positivePairIsYesAndFirstStoredNegativeIsNo() {
    QueryExamples ex = RerankExampleFactory.create(RerankSettings.reference()).examplesFor(QUERY, 1);

    assertThat(ex.positivePair()).isEqualTo(new PairExample("q1", "pos", PairLabel.YES));
    assertThat(ex.negativePair()).isEqualTo(new PairExample("q1", "n0", PairLabel.NO));
  }

  @Test
  void highestScoreModePicksTheHardestNegativeWithTiesInStoredOrder() {
    RerankExampleFactory factory =
        RerankExampleFactory.create(RerankSettings.reference().withNegativeChoice(NegativeChoice.HIGHEST_SCORE));

    assertThat(factory.examplesFor(QUERY, 1).negativePair().candidateId()).isEqualTo("n5");
    // n1 and n3 tie at 0.80: stored order decides.
    assertThat(factory.chosenNegatives(QUERY)).containsExactly("n5", "n1", "n3", "n4", "n0", "n6", "n2");
  }

  @Test
  void listHoldsTheFirstXChosenNegativesInOrderWithThePositiveAtItsPosition() {
    for (NegativeChoice choice : NegativeChoice.values()) {
      RerankExampleFactory factory = RerankExampleFactory.create(UNIFORM_FIRST.withNegativeChoice(choice));
      List<String> expectedNegatives = factory.chosenNegatives(QUERY).subList(0, 5);
      for (long seed = 0; seed < 50; seed++) {
        ListExample list = factory.examplesFor(QUERY, seed).list();

        assertThat(list.size()).isEqualTo(6);
        assertThat(list.positiveId()).isEqualTo("pos");
        List<String> withoutPositive = new ArrayList<>(list.candidateIds());
        withoutPositive.remove(list.answerPosition() - 1);
        assertThat(withoutPositive).as("%s, seed %d", choice, seed).isEqualTo(expectedNegatives);
      }
    }
  }

  @Test
  void uniformPositionsCoverOneToXPlusOneEvenly() {
    RerankExampleFactory factory = RerankExampleFactory.create(UNIFORM_FIRST);
    int draws = 60_000;
    int[] counts = new int[7];
    for (long seed = 0; seed < draws; seed++) {
      counts[factory.examplesFor(QUERY, seed).list().answerPosition()]++;
    }

    assertThat(counts[0]).isZero();
    for (int p = 1; p <= 6; p++) {
      // 1/6 with a 5-sigma band (sigma = sqrt(p(1-p)/n) ~ 0.0015).
      assertThat(counts[p] / (double) draws).as("position %d", p).isCloseTo(1 / 6.0, within(0.0077));
    }
  }

  @Test
  void referencePositionsReproduceTheReleasedCodesSkew() {
    RerankExampleFactory factory = RerankExampleFactory.create(RerankSettings.reference());
    int draws = 60_000;
    int[] counts = new int[7];
    for (long seed = 0; seed < draws; seed++) {
      counts[factory.examplesFor(QUERY, seed).list().answerPosition()]++;
    }

    // n = randint(1, 4), ans = randint(1, n + 1): P(ans = a) = 1/4 * sum over n >= a - 1 of 1 / (n + 1).
    double[] expected = {0, 77 / 240.0, 77 / 240.0, 47 / 240.0, 27 / 240.0, 12 / 240.0, 0};
    for (int p = 1; p <= 6; p++) {
      assertThat(counts[p] / (double) draws).as("position %d", p).isCloseTo(expected[p], within(0.01));
    }
    assertThat(counts[6]).as("the last position is never drawn").isZero();
  }

  @Test
  void theSameSeedGivesTheSameExamplesWhateverTheQueryOrder() {
    RerankExampleFactory factory = RerankExampleFactory.create(UNIFORM_FIRST);
    MinedQuery other = new MinedQuery("q2", "p2", List.of("a", "b", "c"), List.of(0.1, 0.2, 0.3));

    QueryExamples first = factory.examplesFor(QUERY, 42);
    factory.examplesFor(other, 42);
    QueryExamples again = RerankExampleFactory.create(UNIFORM_FIRST).examplesFor(QUERY, 42);

    assertThat(again).isEqualTo(first);
    long distinct = java.util.stream.LongStream.range(0, 40)
        .mapToObj(s -> factory.examplesFor(QUERY, s).list().answerPosition()).distinct().count();
    assertThat(distinct).as("positions change with the seed").isGreaterThan(1);
  }

  @Test
  void shortListsUseEveryNegativeAndStayInRange() {
    MinedQuery two = new MinedQuery("q3", "pos", List.of("a", "b"), List.of(0.4, 0.6));
    for (PositionDistribution d : PositionDistribution.values()) {
      RerankExampleFactory factory = RerankExampleFactory.create(RerankSettings.reference().withPositions(d));
      boolean[] seen = new boolean[4];
      for (long seed = 0; seed < 500; seed++) {
        ListExample list = factory.examplesFor(two, seed).list();
        assertThat(list.size()).isEqualTo(3);
        seen[list.answerPosition()] = true;
      }
      assertThat(seen).as(d.wireName()).containsExactly(false, true, true, true);
    }
  }

  @Test
  void firstStoredKeepsRepeatsAndHighestScoreDropsThem() {
    MinedQuery cyclic = new MinedQuery("q4", "pos", List.of("a", "b", "a", "b"), List.of(0.2, 0.7, 0.2, 0.7));

    assertThat(RerankExampleFactory.create(RerankSettings.reference()).chosenNegatives(cyclic))
        .containsExactly("a", "b", "a", "b");
    assertThat(RerankExampleFactory.create(RerankSettings.reference().withNegativeChoice(NegativeChoice.HIGHEST_SCORE))
        .chosenNegatives(cyclic)).containsExactly("b", "a");
  }

  @Test
  void aNegativeEqualToThePositiveIsNeverUsed() {
    MinedQuery odd = new MinedQuery("q5", "pos", List.of("pos", "a"), List.of(0.99, 0.1));
    RerankExampleFactory factory = RerankExampleFactory.create(UNIFORM_FIRST);

    assertThat(factory.examplesFor(odd, 3).negativePair().candidateId()).isEqualTo("a");
    assertThat(factory.examplesFor(odd, 3).list().candidateIds()).containsExactlyInAnyOrder("a", "pos");
  }

  @Test
  void aQueryWithoutNegativesCannotBeBuilt() {
    MinedQuery empty = new MinedQuery("q6", "pos", List.of(), List.of());
    RerankExampleFactory factory = RerankExampleFactory.create(UNIFORM_FIRST);

    assertThat(factory.canBuild(empty)).isFalse();
    assertThat(factory.canBuild(QUERY)).isTrue();
    assertThatThrownBy(() -> factory.examplesFor(empty, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build reranker examples for query q6: it has no hard negative other than its positive"
            + " (got 0 stored negatives)");
  }
}

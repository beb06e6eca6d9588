package org.unime.pipeline.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockScorerTest {

  private static final List<BlockScorer> SCORERS = List.of(
      BlockScorer.create(),
      BlockScorer.builder(new JavaSimilarityKernel()).withQueryTile(3).withCandidateTile(5).build(),
      BlockScorer.builder(new JavaSimilarityKernel()).withQueryTile(1).withCandidateTile(1).build());

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void topKEqualsBruteForce(long seed) {
    Random random = new Random(seed);
    Pool pool = Pool.random(random);
    for (int k : new int[] {1, 7, 50, pool.size() + 5}) {
      for (BlockScorer scorer : SCORERS) {
        List<BoundedTopK> tops = scorer.retrieve(pool.queryBlock(), List.of(pool.candidateBlock()), k);
        assertMatchesBruteForce(pool, tops, k);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15})
  void resultsDoNotDependOnHowCandidatesAreSplitIntoBlocks(long seed) {
    Random random = new Random(seed);
    Pool pool = Pool.random(random);
    int k = 1 + random.nextInt(30);
    TopKMerger merger = TopKMerger.keeping(k);
    for (int trial = 0; trial < 8; trial++) {
      List<CandidateBlock> blocks = pool.randomSplit(random, 1 + random.nextInt(7));
      BlockScorer scorer = SCORERS.get(random.nextInt(SCORERS.size()));

      // One top-k per query shared by every block, as within one task.
      assertMatchesBruteForce(pool, scorer.retrieve(pool.queryBlock(), blocks, k), k);

      // Separate partial results per block, as across partitions, merged two ways.
      List<List<BoundedTopK>> partials = new ArrayList<>();
      for (CandidateBlock block : blocks) {
        partials.add(scorer.retrieve(pool.queryBlock(), List.of(block), k));
      }

      Collections.shuffle(partials, random);
      for (int q = 0; q < pool.queryCount(); q++) {
        List<List<ScoredCandidate>> lists = new ArrayList<>();
        BoundedTopK merged = BoundedTopK.keeping(k);
        for (List<BoundedTopK> partial : partials) {
          lists.add(partial.get(q).sortedDescending());
          merged.merge(partial.get(q));
        }

        assertThat(merger.merge(lists)).isEqualTo(pool.bruteForce(q, k));
        assertThat(merged.sortedDescending()).isEqualTo(pool.bruteForce(q, k));
      }
    }
  }

  @Test
  void emptyPoolGivesEmptyResults() {
    QueryBlock queries = QueryBlock.ofRows(
        List.of("q"), new float[][] {{1f, 0f}}, List.of(RetrievalFilter.unbounded(Set.of("p"))));

    List<BoundedTopK> noBlocks = BlockScorer.create().retrieve(queries, List.of(), 5);
    List<BoundedTopK> emptyBlock = BlockScorer.create()
        .retrieve(queries, List.of(new CandidateBlock(List.of(), new float[0], 2)), 5);

    assertThat(noBlocks.get(0).sortedDescending()).isEmpty();
    assertThat(emptyBlock.get(0).sortedDescending()).isEmpty();
  }

  @Test
  void capIsExclusiveAndPositiveIsExcludedById() {
    CandidateBlock cands = CandidateBlock.ofRows(
        List.of("pos", "dup", "at-cap", "low", "lower"),
        new float[][] {{1f, 0f}, {1f, 0f}, {0.75f, 0f}, {0.5f, 0f}, {0.25f, 0f}});
    QueryBlock queries = QueryBlock.ofRows(
        List.of("q"), new float[][] {{1f, 0f}}, List.of(RetrievalFilter.below(0.75f, Set.of("pos"))));

    List<BoundedTopK> tops = BlockScorer.create().retrieve(queries, List.of(cands), 10);

    assertThat(tops.get(0).sortedDescending())
        .containsExactly(new ScoredCandidate("low", 0.5f), new ScoredCandidate("lower", 0.25f));

    QueryBlock uncapped = QueryBlock.ofRows(
        List.of("q"), new float[][] {{1f, 0f}}, List.of(RetrievalFilter.unbounded(Set.of("pos"))));
    assertThat(BlockScorer.create().retrieve(uncapped, List.of(cands), 2).get(0).sortedDescending())
        .containsExactly(new ScoredCandidate("dup", 1f), new ScoredCandidate("at-cap", 0.75f));
  }

  @Test
  void failsLoudlyOnNonFiniteSimilarity() {
    CandidateBlock cands = CandidateBlock.ofRows(List.of("huge"), new float[][] {{Float.MAX_VALUE, Float.MAX_VALUE}});
    QueryBlock queries = QueryBlock.ofRows(
        List.of("q"), new float[][] {{2f, 2f}}, List.of(RetrievalFilter.unbounded(Set.of("p"))));

    assertThatThrownBy(() -> BlockScorer.create().retrieve(queries, List.of(cands), 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot rank candidate huge for query q: the similarity is not finite (got Infinity); check "
            + "both embeddings for NaN or infinite values");
  }

  @Test
  void rejectsMismatchedShapes() {
    CandidateBlock cands = CandidateBlock.ofRows(List.of("c"), new float[][] {{1f, 2f, 3f}});
    QueryBlock queries = QueryBlock.ofRows(
        List.of("q"), new float[][] {{1f, 2f}}, List.of(RetrievalFilter.unbounded(Set.of("p"))));

    assertThatThrownBy(() -> BlockScorer.create().retrieve(queries, List.of(cands), 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot score a query block against a candidate block: embedding dims differ (got 2 and 3)");
    CandidateBlock sameDim = CandidateBlock.ofRows(List.of("c"), new float[][] {{1f, 2f}});
    assertThatThrownBy(() -> BlockScorer.create().score(queries, sameDim, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot score a query block: need one top-k per query (got 0 top-ks for 1 queries)");
    assertThatThrownBy(() -> new CandidateBlock(List.of("a", "b"), new float[3], 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build a candidate block: the vectors must hold rows × dim floats (got 3 floats for 2 "
            + "rows of dim 2)");
    assertThatThrownBy(() -> BlockScorer.builder(new JavaSimilarityKernel()).withQueryTile(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot build a block scorer: tiles must be >= 1");
  }

  private static void assertMatchesBruteForce(Pool pool, List<BoundedTopK> tops, int k) {
    assertThat(tops).hasSize(pool.queryCount());
    for (int q = 0; q < pool.queryCount(); q++) {
      assertThat(tops.get(q).sortedDescending()).as("query %d, k=%d", q, k).isEqualTo(pool.bruteForce(q, k));
    }
  }

  /** Random queries, candidates and filters; tie-prone or Gaussian vectors, caps and positives vary per query. */
  private record Pool(
      float[][] queries, List<RetrievalFilter> filters, float[][] candidates, List<String> candidateIds) {

    static Pool random(Random random) {
      int dim = 1 + random.nextInt(40);
      int nq = 1 + random.nextInt(12);
      int nc = random.nextInt(400);
      boolean ties = random.nextBoolean();
      float[][] queries = ties
          ? RetrievalFixtures.tieProneVectors(random, nq, dim)
          : RetrievalFixtures.gaussianVectors(random, nq, dim);
      float[][] candidates = ties
          ? RetrievalFixtures.tieProneVectors(random, nc, dim)
          : RetrievalFixtures.gaussianVectors(random, nc, dim);
      List<String> ids = RetrievalFixtures.ids("cand-", nc);
      List<RetrievalFilter> filters = new ArrayList<>();
      for (int q = 0; q < nq; q++) {
        Set<String> positives = new HashSet<>(Set.of("not-in-pool-" + q));
        for (int p = random.nextInt(3); p > 0 && nc > 0; p--) {
          positives.add(ids.get(random.nextInt(nc)));
        }

        filters.add(random.nextBoolean()
            ? RetrievalFilter.unbounded(positives)
            : RetrievalFilter.below((random.nextInt(9) - 2) * 0.5f, positives)); // often equal to a similarity
      }

      return new Pool(queries, filters, candidates, ids);
    }

    int queryCount() {
      return queries.length;
    }

    int size() {
      return candidates.length;
    }

    QueryBlock queryBlock() {
      return QueryBlock.ofRows(RetrievalFixtures.ids("q-", queries.length), queries, filters);
    }

    CandidateBlock candidateBlock() {
      return CandidateBlock.ofRows(candidateIds, candidates);
    }

    List<ScoredCandidate> bruteForce(int q, int k) {
      return RetrievalFixtures.bruteForce(queries[q], candidates, candidateIds, filters.get(q), k);
    }

    /** Assigns each candidate to one of {@code parts} blocks at random, shuffled within each block. */
    List<CandidateBlock> randomSplit(Random random, int parts) {
      List<List<Integer>> members = new ArrayList<>();
      for (int p = 0; p < parts; p++) {
        members.add(new ArrayList<>());
      }

      for (int j = 0; j < candidates.length; j++) {
        members.get(random.nextInt(parts)).add(j);
      }

      List<CandidateBlock> blocks = new ArrayList<>();
      for (List<Integer> block : members) {
        Collections.shuffle(block, random);
        List<String> ids = new ArrayList<>();
        float[][] rows = new float[block.size()][];
        for (int i = 0; i < block.size(); i++) {
          ids.add(candidateIds.get(block.get(i)));
          rows[i] = candidates[block.get(i)];
        }

        blocks.add(block.isEmpty()
            ? new CandidateBlock(List.of(), new float[0], queries[0].length)
            : CandidateBlock.ofRows(ids, rows));
      }

      return blocks;
    }
  }
}

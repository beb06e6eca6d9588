package org.unime.udfs.embed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recall@1 of an {@link EmbeddingModel}: each query is embedded, the single most similar pool item (cosine) is its
 * answer, and it scores a hit when that item is one of its positives. Queries with no positive in the pool are left
 * out and counted. The chance level is {@code 1 / pool size} (every query here has one positive in the pool).
 */
public final class RetrievalEvaluator {
  private RetrievalEvaluator() {}

  /**
   * One measured metric.
   *
   * @param name e.g. {@code i2t-r1/eval-unseen-concept}
   * @param queries queries scored
   * @param hits queries whose top-1 was a positive
   * @param poolSize number of pool items
   * @param poolDescription what the pool is, for the report
   * @param skipped queries left out because none of their positives is in the pool
   */
  public record Result(String name, int queries, int hits, int poolSize, String poolDescription, int skipped) {
    public double recallAt1() {
      return queries == 0 ? 0.0 : (double) hits / queries;
    }

    public double chance() {
      return poolSize == 0 ? 0.0 : 1.0 / poolSize;
    }
  }

  /** Scores {@code queries} against {@code pool}. */
  public static Result recallAt1(
      String name, EmbeddingModel model, List<LabeledQuery> queries, List<EmbeddingInput> pool, String poolDescription) {
    Map<String, Integer> poolIndex = new HashMap<>();
    for (int i = 0; i < pool.size(); i++) {
      poolIndex.put(pool.get(i).id(), i);
    }
    List<LabeledQuery> scored =
        queries.stream().filter(q -> q.positiveIds().stream().anyMatch(poolIndex::containsKey)).toList();
    if (scored.isEmpty() || pool.isEmpty()) {
      return new Result(name, 0, 0, pool.size(), poolDescription, queries.size());
    }
    float[][] poolVectors = model.embed(pool);
    float[][] queryVectors = model.embed(scored.stream().map(LabeledQuery::query).toList());
    int hits = 0;
    for (int q = 0; q < scored.size(); q++) {
      int best = argmaxDot(queryVectors[q], poolVectors);
      if (scored.get(q).positiveIds().contains(pool.get(best).id())) {
        hits++;
      }
    }
    return new Result(name, scored.size(), hits, pool.size(), poolDescription, queries.size() - scored.size());
  }

  private static int argmaxDot(float[] query, float[][] pool) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < pool.length; i++) {
      double s = 0.0;
      float[] p = pool[i];
      for (int d = 0; d < query.length; d++) {
        s += query[d] * p[d];
      }
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    }
    return best;
  }
}

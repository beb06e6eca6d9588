package org.unime.pipeline.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * P@1 before and after reranking (spec §8 Table 3): the fraction of queries whose first-ranked candidate is a
 * positive, by the embedder's ranking and by the reranker's.
 *
 * @param queries number of queries
 * @param hitsBefore queries whose top-1 before reranking is a positive
 * @param hitsAfter queries whose top-1 after reranking is a positive
 */
public record RerankGain(int queries, int hitsBefore, int hitsAfter) {

  public RerankGain {
    if (queries < 1 || hitsBefore < 0 || hitsBefore > queries || hitsAfter < 0 || hitsAfter > queries) {
      throw new IllegalArgumentException("Cannot make rerank gain: hits must be within 0..queries and queries at"
          + " least 1 (got queries " + queries + ", before " + hitsBefore + ", after " + hitsAfter + ")");
    }
  }

  /** Counts hits over the queries; query ids must be unique so that no query is counted twice. */
  public static RerankGain of(List<RankedQuery> rankedQueries) {
    if (rankedQueries.isEmpty()) {
      throw new IllegalArgumentException("Cannot compute rerank gain: there are no queries (got 0)");
    }
    Set<String> seen = new HashSet<>();
    int before = 0;
    int after = 0;
    for (RankedQuery q : rankedQueries) {
      if (!seen.add(q.queryId())) {
        throw new IllegalArgumentException("Cannot compute rerank gain: query " + q.queryId() + " appears twice"
            + " (got " + q.queryId() + ")");
      }
      before += q.hitBefore() ? 1 : 0;
      after += q.hitAfter() ? 1 : 0;
    }
    return new RerankGain(rankedQueries.size(), before, after);
  }

  public double precisionBefore() {
    return (double) hitsBefore / queries;
  }

  public double precisionAfter() {
    return (double) hitsAfter / queries;
  }

  /** After minus before, in P@1 (fraction) points; negative when the reranker hurts. */
  public double gain() {
    return precisionAfter() - precisionBefore();
  }
}

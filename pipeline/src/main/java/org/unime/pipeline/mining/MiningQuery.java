package org.unime.pipeline.mining;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The input of hard-negative sampling for one query (spec §4): the positive's judge score and the stage-1 pool
 * with judge scores, in retrieval order.
 *
 * @param queryId the query's stable id; also keys the fallback's random draw
 * @param positiveScore judge score s_t of the positive, in [0, 1]
 * @param candidates the pool P in descending retrieval similarity (ties as {@link ScoredCandidate#BEST_FIRST}),
 *     each with its judge score in [0, 1]; ids unique; the positive itself must not be in it
 */
public record MiningQuery(String queryId, double positiveScore, List<JudgedCandidate> candidates)
    implements Serializable {

  public MiningQuery {
    Objects.requireNonNull(queryId, "queryId");
    candidates = List.copyOf(candidates);
    requireJudgeScore(queryId, "the positive", positiveScore);
    Set<String> ids = new HashSet<>();
    for (JudgedCandidate candidate : candidates) {
      requireJudgeScore(queryId, "candidate " + candidate.candidateId(), candidate.score());
      if (!ids.add(candidate.candidateId())) {
        throw new IllegalArgumentException(
            "Cannot mine negatives for query " + queryId + ": candidate ids must be unique (got "
                + candidate.candidateId() + " twice)");
      }
    }
  }

  // Judge scores are a two-way softmax (spec §3), so anything outside [0, 1] is a scoring bug, not data.
  private static void requireJudgeScore(String queryId, String what, double score) {
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException(
          "Cannot mine negatives for query " + queryId + ": the judge score of " + what
              + " must be a probability in [0, 1] (got " + score + ")");
    }
  }
}

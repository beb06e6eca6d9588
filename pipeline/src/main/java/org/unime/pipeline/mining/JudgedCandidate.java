package org.unime.pipeline.mining;

import java.io.Serializable;
import java.util.Objects;

/**
 * A candidate with its judge score s(q, c): the MLLM judge's P(Yes) for the query–candidate pair (spec §3), or the
 * fallback score for a negative drawn by the fallback (spec §4 step 3).
 *
 * @param candidateId the candidate's stable id
 * @param score the judge score; finite
 */
public record JudgedCandidate(String candidateId, double score) implements Serializable {

  public JudgedCandidate {
    Objects.requireNonNull(candidateId, "candidateId");
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException(
          "Cannot use candidate " + candidateId + ": its judge score is not finite (got " + score + ")");
    }
  }
}

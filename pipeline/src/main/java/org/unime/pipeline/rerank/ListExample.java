package org.unime.pipeline.rerank;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A listwise training example: candidates shown as (1)..(k), the target being the positive's position.
 *
 * @param queryId the query
 * @param candidateIds the candidates in prompt order, the positive among them
 * @param answerPosition the positive's 1-based position, the "(n)" to answer
 */
public record ListExample(String queryId, List<String> candidateIds, int answerPosition) implements Serializable {

  public ListExample {
    Objects.requireNonNull(queryId, "queryId");
    candidateIds = List.copyOf(candidateIds);
    if (answerPosition < 1 || answerPosition > candidateIds.size()) {
      throw new IllegalArgumentException(
          "Cannot build a list example for query " + queryId + ": the answer position must be in 1.."
              + candidateIds.size() + " (got " + answerPosition + ")");
    }
  }

  /** k, the number of candidates. */
  public int size() {
    return candidateIds.size();
  }

  /** The candidate at the answer position. */
  public String positiveId() {
    return candidateIds.get(answerPosition - 1);
  }
}

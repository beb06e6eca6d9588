package org.unime.pipeline.rerank;

import java.io.Serializable;
import java.util.Objects;

/**
 * A pairwise training example: does {@code candidateId} meet the requirements of {@code queryId}?
 *
 * @param queryId the query
 * @param candidateId the candidate shown
 * @param label Yes for the positive, No for the negative
 */
public record PairExample(String queryId, String candidateId, PairLabel label) implements Serializable {

  public PairExample {
    Objects.requireNonNull(queryId, "queryId");
    Objects.requireNonNull(candidateId, "candidateId");
    Objects.requireNonNull(label, "label");
  }
}

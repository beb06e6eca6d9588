package org.unime.pipeline.mining;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * One retrieved candidate and its embedding similarity to a query.
 *
 * <p>The retrieval order is {@link #BEST_FIRST}: higher similarity first, then the lexicographically smaller
 * candidate id ({@link String#compareTo}, UTF-16 code units). Ties are broken by id rather than by arrival order
 * so that a top-k does not depend on how the candidate pool was split into blocks or partitions.
 *
 * @param candidateId the candidate's stable id
 * @param similarity the query–candidate similarity; never NaN. {@code -0.0f} is stored as {@code 0.0f} so that
 *     the two zeros, which compare equal as numbers, also tie-break the same way
 */
public record ScoredCandidate(String candidateId, float similarity) implements Serializable {

  /** Retrieval order: higher similarity first, then smaller candidate id. Consistent with equals. */
  public static final Comparator<ScoredCandidate> BEST_FIRST =
      (a, b) -> compareBestFirst(a.similarity, a.candidateId, b.similarity, b.candidateId);

  public ScoredCandidate {
    Objects.requireNonNull(candidateId, "candidateId");
    if (Float.isNaN(similarity)) {
      throw new IllegalArgumentException(
          "Cannot score candidate " + candidateId + ": similarity is NaN (got " + similarity + ")");
    }

    similarity = similarity + 0.0f; // -0.0f + 0.0f == +0.0f
  }

  /**
   * Compares two (similarity, id) pairs in {@link #BEST_FIRST} order without allocating records; negative when
   * the first pair ranks ahead of the second. Similarities must not be NaN and must already have -0.0 folded.
   */
  static int compareBestFirst(float simA, String idA, float simB, String idB) {
    int bySimilarity = Float.compare(simB, simA);
    return bySimilarity != 0 ? bySimilarity : idA.compareTo(idB);
  }
}

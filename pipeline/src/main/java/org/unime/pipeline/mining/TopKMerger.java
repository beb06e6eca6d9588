package org.unime.pipeline.mining;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges one query's partial top-k lists, each computed over a different candidate partition, into the exact
 * global top-k, best first, with the {@link ScoredCandidate#BEST_FIRST} tie-break.
 *
 * <p>Exactness needs two preconditions, the second of which is checked: each partial is the top-k (or a superset of
 * it) of its partition, and partitions are disjoint, so no candidate id appears in two partials. The result does
 * not depend on the order of the partials or of the entries within them, so merges can be applied in any tree
 * shape (e.g. Spark's {@code reduceByKey}).
 *
 * <p>Immutable, thread-safe and serializable.
 */
public final class TopKMerger implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int k;

  private TopKMerger(int k) {
    this.k = k;
  }

  /** A merger that keeps the best {@code k >= 1} candidates. */
  public static TopKMerger keeping(int k) {
    BoundedTopK.keeping(k); // validates k with the same message
    return new TopKMerger(k);
  }

  public int k() {
    return k;
  }

  /** The exact top-k of the union of the partials, best first. */
  public List<ScoredCandidate> merge(Collection<? extends Collection<ScoredCandidate>> partials) {
    BoundedTopK top = BoundedTopK.keeping(k);
    Set<String> seen = new HashSet<>();
    for (Collection<ScoredCandidate> partial : partials) {
      for (ScoredCandidate candidate : partial) {
        if (!seen.add(candidate.candidateId())) {
          throw new IllegalArgumentException(
              "Cannot merge partial top-k results: candidate " + candidate.candidateId()
                  + " appears twice (got it again with similarity " + candidate.similarity()
                  + "); candidate partitions must be disjoint");
        }

        top.offer(candidate.candidateId(), candidate.similarity());
      }
    }

    return top.sortedDescending();
  }

  /** Two-way form of {@link #merge(Collection)}, for pairwise reductions. */
  public List<ScoredCandidate> merge(List<ScoredCandidate> left, List<ScoredCandidate> right) {
    return merge(List.of(left, right));
  }
}

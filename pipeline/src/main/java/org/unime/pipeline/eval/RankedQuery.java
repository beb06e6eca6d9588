package org.unime.pipeline.eval;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One query's candidate ranking before and after reranking, best first, and its positives.
 *
 * @param queryId query id, for error messages
 * @param before ranking by the embedder; not empty
 * @param after ranking by the reranker (usually a reordering of the top of {@code before}); not empty
 * @param positives ids that count as correct; not empty
 */
public record RankedQuery(String queryId, List<String> before, List<String> after, Set<String> positives) {

  public RankedQuery {
    Objects.requireNonNull(queryId, "queryId");
    before = List.copyOf(before);
    after = List.copyOf(after);
    positives = Set.copyOf(positives);
    // An empty ranking or positive set has no P@1; counting it as a miss would hide a broken retrieval.
    if (before.isEmpty() || after.isEmpty()) {
      throw new IllegalArgumentException("Cannot rank query " + queryId + ": a ranking is empty (got "
          + before.size() + " before, " + after.size() + " after)");
    }
    if (positives.isEmpty()) {
      throw new IllegalArgumentException("Cannot rank query " + queryId + ": it has no positive (got [])");
    }
  }

  public boolean hitBefore() {
    return positives.contains(before.get(0));
  }

  public boolean hitAfter() {
    return positives.contains(after.get(0));
  }
}

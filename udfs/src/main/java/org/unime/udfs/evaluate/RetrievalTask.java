package org.unime.udfs.evaluate;

import java.util.List;
import java.util.Objects;
import org.unime.udfs.embed.EmbeddingInput;

/**
 * One MMEB-style task: rows of a query and its candidate list with the ground truth at index 0 (spec section 7). A
 * row is correct iff its ground truth scores highest (ties go to index 0, as numpy's argmax).
 *
 * @param name task name, e.g. {@code i2t/emoji/eval-unseen-concept} or an MMEB-eval dataset such as
 *     {@code ImageNet-1K}
 * @param rows at least one
 * @param skipped queries left out because none of their positives is in the task's pool
 */
public record RetrievalTask(String name, List<Row> rows, int skipped) {

  public RetrievalTask {
    Objects.requireNonNull(name, "name");
    rows = List.copyOf(rows);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("Cannot make task " + name + ": it has no rows (got 0, " + skipped
          + " skipped)");
    }
  }

  /**
   * A query and its candidates. Item ids identify the item's content: equal ids are embedded once.
   *
   * @param id row id, unique in the task (the query's id, or the MMEB-eval row index)
   * @param query the query
   * @param candidates ground truth first, then the distractors; at least two
   */
  public record Row(String id, EmbeddingInput query, List<EmbeddingInput> candidates) {
    public Row {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(query, "query");
      candidates = List.copyOf(candidates);
      if (candidates.size() < 2) {
        throw new IllegalArgumentException("Cannot make task row " + id + ": it needs the ground truth and at least"
            + " one distractor (got " + candidates.size() + " candidates)");
      }
    }
  }
}

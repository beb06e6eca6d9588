package org.unime.udfs.judge;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the {@code candidates} or {@code queries} table, as the judge's trainer and evaluator see it (the
 * columns of {@code org.unime.udfs.delta.ItemSchema}, Spark-free). {@link JudgeCorpusRows} converts Spark rows.
 *
 * @param id row id
 * @param dataset dataset name ({@code emoji}, {@code tabler}, {@code mdi}, ...)
 * @param split split wire name ({@code train}, {@code eval-unseen-concept}, {@code eval-unseen-vendor}, ...)
 * @param text text part or null
 * @param image PNG bytes or null
 * @param positiveIds for queries, the ids of their positive candidates; empty for candidates
 * @param source provenance map (emoji: unified, base_unified, vendor, skin_tone...; icons: name, style, set...)
 */
public record CorpusItem(
    String id,
    String dataset,
    String split,
    String text,
    byte[] image,
    List<String> positiveIds,
    Map<String, String> source)
    implements Serializable {

  public CorpusItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(split, "split");
    positiveIds = positiveIds == null ? List.of() : List.copyOf(positiveIds);
    source = source == null ? Map.of() : Map.copyOf(source);
  }

  public boolean hasImage() {
    return image != null;
  }

  /** The judge's view of this row. */
  public JudgeItem toJudgeItem() {
    return new JudgeItem(id, text, image);
  }

  @Override
  public String toString() {
    return "CorpusItem[" + id + ", " + split + "]";
  }
}

package org.unime.udfs.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.unime.udfs.delta.ItemSchema;

/**
 * Converts rows of the {@code candidates} / {@code queries} Delta tables ({@link ItemSchema#ITEMS}) into
 * {@link CorpusItem}s for {@link JudgeTrainer} and {@link PairwiseEvaluation}. Driver-side: {@link #collect} brings
 * the rows to the driver (the built-in datasets are a few hundred MB at most).
 */
public final class JudgeCorpusRows {
  private JudgeCorpusRows() {}

  /** Collects a frame with the items schema's columns, ordered by id for a stable result. */
  public static List<CorpusItem> collect(Dataset<Row> items) {
    List<CorpusItem> out = new ArrayList<>();
    for (Row row : items.orderBy(ItemSchema.ID).collectAsList()) {
      out.add(fromRow(row));
    }
    return out;
  }

  /** One row of the items schema. */
  public static CorpusItem fromRow(Row row) {
    List<String> positives = row.getList(row.fieldIndex(ItemSchema.POSITIVE_IDS));
    Map<String, String> source = row.getJavaMap(row.fieldIndex(ItemSchema.SOURCE));
    return new CorpusItem(
        row.getAs(ItemSchema.ID),
        row.getAs(ItemSchema.DATASET),
        row.getAs(ItemSchema.SPLIT),
        row.getAs(ItemSchema.TEXT),
        row.getAs(ItemSchema.IMAGE),
        positives,
        source);
  }
}

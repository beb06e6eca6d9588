package org.unime.udfs.embed;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.unime.conf.StorageSettings;
import org.unime.udfs.delta.ItemSchema;

/**
 * Driver-side reads of the ingest tables for model training and evaluation, pinned to the table versions current
 * when {@link #pin} ran (so the manifest's training-data versions are exactly what was read). Rows are collected to
 * the driver: fine for the built-in datasets (a few hundred MB at most); a Spark-side trainer would not collect.
 * Driver-only (holds the session); not serializable.
 */
public final class ItemTables {
  private final SparkSession spark;
  private final String candidatesPath;
  private final String queriesPath;
  private final Map<String, Long> versions;

  private ItemTables(SparkSession spark, String candidatesPath, String queriesPath, Map<String, Long> versions) {
    this.spark = spark;
    this.candidatesPath = candidatesPath;
    this.queriesPath = queriesPath;
    this.versions = versions;
  }

  /** Pins the current versions of the candidates and queries tables. */
  public static ItemTables pin(SparkSession spark, StorageSettings storage) {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (String path : List.of(storage.candidatesPath(), storage.queriesPath())) {
      if (!DeltaTable.isDeltaTable(spark, path)) {
        throw new IllegalStateException(
            "Cannot read training data: " + path + " is not a Delta table; run the `ingest` command first");
      }
      versions.put(path, DeltaTable.forPath(spark, path).history(1).head().<Long>getAs("version"));
    }
    return new ItemTables(spark, storage.candidatesPath(), storage.queriesPath(), versions);
  }

  /** Every row of the pinned candidates table (items schema). */
  public Dataset<Row> candidateRows() {
    return read(candidatesPath);
  }

  /** Every row of the pinned queries table (items schema). */
  public Dataset<Row> queryRows() {
    return read(queriesPath);
  }

  /** Table path → Delta version read. */
  public Map<String, Long> versions() {
    return versions;
  }

  /** Candidates matching {@code filter} (on the items schema's columns), ordered by id. */
  public List<EmbeddingInput> candidates(Column filter) {
    List<EmbeddingInput> out = new ArrayList<>();
    for (Row row : read(candidatesPath).filter(filter).select(ItemSchema.ID, ItemSchema.TEXT, ItemSchema.IMAGE).collectAsList()) {
      out.add(input(row));
    }
    out.sort(Comparator.comparing(EmbeddingInput::id));
    return out;
  }

  /**
   * Queries matching {@code filter}, ordered by id; at most {@code capPerGroup} per (dataset, modality), chosen by a
   * hash of the id (stable across runs; 0 = no cap).
   */
  public List<LabeledQuery> queries(Column filter, int capPerGroup) {
    Dataset<Row> rows = read(queriesPath).filter(filter);
    if (capPerGroup > 0) {
      // Rank on a thin projection, then semi-join: the window never shuffles image bytes.
      Dataset<Row> kept =
          rows.select(ItemSchema.ID, ItemSchema.DATASET, ItemSchema.MODALITY)
              .withColumn(
                  "_rank",
                  row_number()
                      .over(Window.partitionBy(ItemSchema.DATASET, ItemSchema.MODALITY).orderBy(xxhash64(col(ItemSchema.ID)))))
              .filter(col("_rank").leq(capPerGroup))
              .select(col(ItemSchema.ID).as("_kept"));
      rows = rows.join(broadcast(kept), col(ItemSchema.ID).equalTo(col("_kept")), "left_semi");
    }
    List<LabeledQuery> out = new ArrayList<>();
    Dataset<Row> thin =
        rows.select(ItemSchema.ID, ItemSchema.DATASET, ItemSchema.TEXT, ItemSchema.IMAGE, ItemSchema.POSITIVE_IDS);
    for (Row row : thin.collectAsList()) {
      out.add(new LabeledQuery(input(row), row.getAs(ItemSchema.DATASET), row.getList(row.fieldIndex(ItemSchema.POSITIVE_IDS))));
    }
    out.sort(Comparator.comparing(q -> q.query().id()));
    return out;
  }

  /**
   * The retrieval pool for {@code queries}: every text candidate of the queries' datasets whose split is the split
   * of at least one of their positives (unseen-concept queries → the unseen-concept labels; unseen-vendor queries →
   * the labels of their train concepts; Fashion-MNIST test → the ten class names).
   */
  public Pool textPool(List<LabeledQuery> queries) {
    List<String> datasets = queries.stream().map(LabeledQuery::dataset).distinct().sorted().toList();
    Object[] positives = queries.stream().flatMap(q -> q.positiveIds().stream()).distinct().toArray();
    Dataset<Row> candidates = read(candidatesPath);
    List<String> splits =
        candidates.filter(col(ItemSchema.ID).isin(positives)).select(ItemSchema.SPLIT).distinct().orderBy(ItemSchema.SPLIT)
            .collectAsList().stream().map(r -> r.getString(0)).toList();
    Column filter =
        col(ItemSchema.MODALITY).equalTo("text")
            .and(col(ItemSchema.DATASET).isin(datasets.toArray()))
            .and(col(ItemSchema.SPLIT).isin(splits.toArray()));
    return new Pool(candidates(filter), "text candidates of " + String.join("+", datasets) + " in split " + String.join("+", splits));
  }

  /**
   * A retrieval pool.
   *
   * @param items the candidates
   * @param description which candidates, for reports
   */
  public record Pool(List<EmbeddingInput> items, String description) {}

  private Dataset<Row> read(String path) {
    return spark.read().format("delta").option("versionAsOf", versions.get(path)).load(path);
  }

  private static EmbeddingInput input(Row row) {
    String text = row.getAs(ItemSchema.TEXT);
    byte[] image = row.getAs(ItemSchema.IMAGE);
    return new EmbeddingInput(row.getAs(ItemSchema.ID), text, image);
  }
}

package org.unime.tests.refresh;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.unime.conf.UnimeSettings;
import org.unime.tests.TestSettings;
import org.unime.udfs.delta.DeltaMerge;
import org.unime.udfs.delta.ItemSchema;
import org.unime.udfs.spark.ScalaValues;

/**
 * Source-table surgery for the refresh test and benchmark: settings with tiny real models, a deterministic
 * held-back share of rows, edits (changed text, removed rows) and the ingest-style MERGE that adds rows back.
 */
public final class RefreshFixture {
  private static final DeltaMerge ITEMS = DeltaMerge.onKeys(List.of(ItemSchema.ID), ItemSchema.CONTENT_HASH);

  private RefreshFixture() {}

  /**
   * reference.conf + {@code overrides}, tables under {@code <root>/tables}, models in {@code models} (shared by
   * every root of a test, so all runs use the same artifacts), the tiny budgets of {@link TestSettings#quickModels}.
   */
  public static UnimeSettings settings(Path root, Path models, Map<String, String> overrides) {
    Map<String, String> all = new HashMap<>(TestSettings.quickModels(root));
    all.putAll(overrides);
    all.put("unime.models.dir", models.toString());
    return TestSettings.with(root, all);
  }

  /** A stable pseudo-random number in [0, 10000) per id. */
  static Column bucket(Column id) {
    return conv(substring(sha2(id, 256), 1, 8), 16, 10).cast("long").mod(10000);
  }

  /** Candidates whose id hashes below {@code fraction}. */
  public static Dataset<Row> heldCandidates(Dataset<Row> candidates, double fraction) {
    return candidates.filter(bucket(col(ItemSchema.ID)).lt(lit((long) Math.round(fraction * 10000))));
  }

  /** Queries whose id hashes below {@code fraction}, plus every query with a positive among {@code heldCandidates}. */
  public static Dataset<Row> heldQueries(Dataset<Row> queries, Dataset<Row> heldCandidates, double fraction) {
    Dataset<Row> pointing =
        queries.select(col(ItemSchema.ID), explode(col(ItemSchema.POSITIVE_IDS)).as("positive"))
            .join(heldCandidates.select(col(ItemSchema.ID).as("positive")), "positive")
            .select(ItemSchema.ID);
    Dataset<Row> byHash = queries.filter(bucket(col(ItemSchema.ID)).lt(lit((long) Math.round(fraction * 10000))));
    return queries.join(byHash.select(ItemSchema.ID).union(pointing).distinct(), ScalaValues.seq(List.of(ItemSchema.ID)), "left_semi");
  }

  /** {@code rows} minus those whose id is in {@code drop}. */
  public static Dataset<Row> without(Dataset<Row> rows, Dataset<Row> drop) {
    return rows.join(drop.select(ItemSchema.ID), ScalaValues.seq(List.of(ItemSchema.ID)), "left_anti");
  }

  /** The rows with the given ids get new text (and so a new content hash); the others are unchanged. */
  public static Dataset<Row> withRevisedText(Dataset<Row> rows, List<String> ids) {
    Column hit = col(ItemSchema.ID).isin(ids.toArray());
    return rows
        .withColumn(ItemSchema.TEXT, when(hit, concat(col(ItemSchema.TEXT), lit(" (revised)"))).otherwise(col(ItemSchema.TEXT)))
        .withColumn(ItemSchema.CONTENT_HASH,
            when(hit, sha2(concat(col(ItemSchema.CONTENT_HASH), lit(":revised")), 256)).otherwise(col(ItemSchema.CONTENT_HASH)));
  }

  /** The first {@code n} ids of {@code rows} in hash order (a stable, data-independent pick). */
  public static List<String> pick(Dataset<Row> rows, int n) {
    return rows.orderBy(sha2(col(ItemSchema.ID), 256)).limit(n).select(ItemSchema.ID)
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }

  /** Writes (replacing) the candidates and queries tables of {@code target}. */
  public static void writeSources(UnimeSettings target, Dataset<Row> candidates, Dataset<Row> queries) {
    candidates.write().format("delta").mode("overwrite").save(target.storage().candidatesPath());
    queries.write().format("delta").mode("overwrite").save(target.storage().queriesPath());
  }

  /**
   * Makes {@code target}'s source tables equal to the given rows the way ingest would: MERGE by id and content hash
   * (new and changed rows only), then deletes the rows that are gone.
   */
  public static void updateSources(SparkSession spark, UnimeSettings target, Dataset<Row> candidates, Dataset<Row> queries) {
    update(spark, target.storage().candidatesPath(), candidates);
    update(spark, target.storage().queriesPath(), queries);
  }

  private static void update(SparkSession spark, String path, Dataset<Row> rows) {
    Dataset<Row> stored = spark.read().format("delta").load(path);
    ITEMS.into(spark, rows.join(stored.select(ItemSchema.ID, ItemSchema.CONTENT_HASH),
        ScalaValues.seq(List.of(ItemSchema.ID, ItemSchema.CONTENT_HASH)), "left_anti").localCheckpoint(), path);
    List<String> gone = without(spark.read().format("delta").load(path), rows).select(ItemSchema.ID)
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    if (!gone.isEmpty()) {
      DeltaTable.forPath(spark, path).delete(col(ItemSchema.ID).isin(gone.toArray()));
    }
  }
}

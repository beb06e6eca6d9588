package org.unime.udfs.unime;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.unime.conf.StorageSettings;
import org.unime.udfs.delta.DeltaTables;
import org.unime.udfs.delta.ItemSchema;
import org.unime.udfs.embed.EmbeddingInput;

/**
 * Reads a UniME-V2 run's training data on the driver: the {@code hard_negatives} table at a pinned Delta version,
 * and the query and candidate items its rows name, from the {@code queries} and {@code candidates} tables at their
 * pinned versions. Rows are collected (one small row per query plus the items actually used): fine for the demo
 * datasets and for tens of thousands of queries; the items are then prepared once and broadcast to executors.
 * Driver-only.
 */
public final class TrainingData {
  private TrainingData() {}

  /**
   * The Delta versions a run reads, path → version, in the order hard negatives, candidates, queries. Recorded in
   * the run manifest and the model manifest; a resumed run reads the same versions.
   *
   * @param hardNegatives path of the hard-negatives table
   * @param versions table path → version
   */
  public record Pins(String hardNegatives, Map<String, Long> versions) {
    public Pins {
      versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    long version(String path) {
      Long v = versions.get(path);
      if (v == null) {
        throw new IllegalStateException("Cannot read " + path + ": the run did not pin a version of it (pins " + versions + ")");
      }
      return v;
    }
  }

  /**
   * What a run trains on.
   *
   * @param rows the mined rows, ordered by query id
   * @param items every item the rows name (queries first, then candidates; each ordered by id)
   * @param examples candidate lists and targets over {@code items}
   */
  public record Loaded(List<MinedRow> rows, List<EmbeddingInput> items, ExampleSet examples) {}

  /**
   * Pins the hard-negatives table at {@code requestedVersion} (-1 = latest) and the item tables at their latest
   * versions.
   */
  public static Pins pin(SparkSession spark, StorageSettings storage, long requestedVersion) {
    String hardNegatives = storage.tablePath("hard-negatives");
    DeltaTables.require(spark, hardNegatives, "mine-all");
    long latest = DeltaTables.version(spark, hardNegatives);
    if (requestedVersion > latest) {
      throw new IllegalArgumentException(
          "Cannot pin " + hardNegatives + " at version " + requestedVersion + ": its latest version is " + latest
              + "; fix unime.training.hard-negatives-version or use -1 for the latest");
    }
    Map<String, Long> versions = new LinkedHashMap<>();
    versions.put(hardNegatives, requestedVersion < 0 ? latest : requestedVersion);
    for (String path : List.of(storage.candidatesPath(), storage.queriesPath())) {
      DeltaTables.require(spark, path, "ingest");
      versions.put(path, DeltaTables.version(spark, path));
    }
    return new Pins(hardNegatives, versions);
  }

  /** Reads the pinned tables and builds the candidate lists with the first {@code negatives} stored negatives. */
  public static Loaded read(SparkSession spark, StorageSettings storage, Pins pins, int negatives) {
    List<MinedRow> rows = minedRows(spark, pins);
    if (rows.isEmpty()) {
      throw new IllegalStateException(
          "Cannot train: " + pins.hardNegatives() + " at version " + pins.version(pins.hardNegatives())
              + " has no rows; run `mine-all` on the training queries first");
    }
    Set<String> queryIds = new LinkedHashSet<>();
    Set<String> candidateIds = new LinkedHashSet<>();
    for (MinedRow r : rows) {
      queryIds.add(r.queryId());
      candidateIds.add(r.positiveId());
      candidateIds.addAll(r.negativeIds().subList(0, Math.min(negatives, r.negativeIds().size())));
    }
    Map<String, List<String>> positivesOfQuery = new HashMap<>();
    List<EmbeddingInput> items = new ArrayList<>();
    for (Row row : items(spark, storage.queriesPath(), pins, queryIds, true)) {
      items.add(input(row));
      positivesOfQuery.put(row.getAs(ItemSchema.ID), row.getList(row.fieldIndex(ItemSchema.POSITIVE_IDS)));
    }
    for (Row row : items(spark, storage.candidatesPath(), pins, candidateIds, false)) {
      items.add(input(row));
    }
    Map<String, Integer> index = new HashMap<>();
    for (EmbeddingInput item : items) {
      if (index.putIfAbsent(item.id(), index.size()) != null) {
        throw new IllegalStateException(
            "Cannot index the training items: id " + item.id() + " is both a query and a candidate");
      }
    }
    return new Loaded(rows, items, CandidateLists.build(rows, index, negatives, positivesOfQuery));
  }

  private static List<MinedRow> minedRows(SparkSession spark, Pins pins) {
    Dataset<Row> table =
        spark.read().format("delta").option("versionAsOf", pins.version(pins.hardNegatives())).load(pins.hardNegatives());
    List<MinedRow> rows = new ArrayList<>();
    for (Row r :
        table.select("query_id", "positive_id", "positive_score", "negative_ids", "negative_scores").collectAsList()) {
      rows.add(
          new MinedRow(
              r.getString(0), r.getString(1), r.getDouble(2), r.getList(3), r.<Double>getList(4)));
    }
    rows.sort(Comparator.comparing(MinedRow::queryId));
    return rows;
  }

  private static List<Row> items(SparkSession spark, String path, Pins pins, Set<String> ids, boolean queries) {
    Dataset<Row> wanted = spark.createDataset(new ArrayList<>(ids), Encoders.STRING()).toDF("_wanted");
    Dataset<Row> table = spark.read().format("delta").option("versionAsOf", pins.version(path)).load(path);
    List<String> columns = new ArrayList<>(List.of(ItemSchema.ID, ItemSchema.TEXT, ItemSchema.IMAGE));
    if (queries) {
      columns.add(ItemSchema.POSITIVE_IDS);
    }
    List<Row> found =
        new ArrayList<>(
            table.join(wanted, col(ItemSchema.ID).equalTo(col("_wanted")), "left_semi")
                .select(columns.stream().map(c -> col(c)).toArray(Column[]::new))
                .collectAsList());
    if (found.size() != ids.size()) {
      Set<String> missing = new LinkedHashSet<>(ids);
      found.forEach(r -> missing.remove(r.<String>getAs(ItemSchema.ID)));
      throw new IllegalStateException(
          "Cannot train: " + missing.size() + " item(s) named by the hard negatives are missing from " + path
              + " at version " + pins.version(path) + " (first: " + missing.iterator().next()
              + "); re-run `mine-all` after ingest");
    }
    found.sort(Comparator.comparing(r -> r.<String>getAs(ItemSchema.ID)));
    return found;
  }

  private static EmbeddingInput input(Row row) {
    return new EmbeddingInput(row.getAs(ItemSchema.ID), row.getAs(ItemSchema.TEXT), row.getAs(ItemSchema.IMAGE));
  }
}

package org.unime.tests;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unime.conf.UnimeSettings;
import org.unime.jobs.IngestJob;
import org.unime.jobs.MineAllJob;
import org.unime.jobs.ModelsJob;
import org.unime.udfs.stages.MiningRunner;

/**
 * End to end on a real subset: ingest, train the built-in embedder and judge, then mine-all. Every mined query gets
 * exactly ten negatives, none of them a positive, with judge scores in [0, 1], and a re-run changes nothing. Two
 * vectors of the embeddings table are poisoned with NaN before retrieval: both are rejected with their id, and every
 * mined query still ends up mined or rejected.
 */
class MineAllIT {
  @TempDir static Path dir;
  static SparkSession spark;
  static UnimeSettings settings;
  static String nanQuery;
  static String nanCandidate;

  @BeforeAll
  static void minedOnce() throws Exception {
    spark = SharedSpark.get();
    settings = TestSettings.withQuickModels(dir, Map.ofEntries(
        Map.entry("unime.ingest.emoji.max-concepts", "40"),
        Map.entry("unime.ingest.icons.tabler.max-concepts", "30"),
        Map.entry("unime.ingest.icons.mdi.max-concepts", "30"),
        Map.entry("unime.ingest.fashion-mnist.max-train", "100"),
        Map.entry("unime.ingest.fashion-mnist.max-test", "20"),
        Map.entry("unime.ingest.holdout.unseen-concept-fraction", "0.2"),
        Map.entry("unime.mining.max-queries-per-dataset", "25"),
        Map.entry("unime.retrieval.top-k", "20"),
        Map.entry("unime.judge.partitions", "2")));
    IngestJob.ingest(spark, settings);
    ModelsJob.trainAll(spark, settings);
    new MiningRunner(spark, settings).embed();
    poisonVectors();
    MineAllJob.mineAll(spark, settings);
  }

  /**
   * A precomputed embeddings table with a NaN in one mined query's and one pool candidate's vector (the embed
   * stage keeps vectors it already has, so mine-all retrieves with these).
   */
  private static void poisonVectors() {
    Dataset<Row> embeddings = table("embeddings");
    Dataset<Row> mined = new MiningRunner(spark, settings).minedQueries().select("id");
    nanQuery = embeddings.filter(col("kind").equalTo("query")).join(mined, "id").orderBy("id").first().getAs("id");
    nanCandidate = embeddings.filter(col("kind").equalTo("candidate")).orderBy("id").first().getAs("id");
    DeltaTable.forPath(spark, settings.storage().tablePath("embeddings"))
        .update(col("id").isin(nanQuery, nanCandidate),
            Map.of("vector", expr("transform(vector, (x, i) -> IF(i = 0, CAST('NaN' AS FLOAT), x))")));
  }

  private static Dataset<Row> table(String name) {
    return spark.read().format("delta").load(settings.storage().tablePath(name));
  }

  @Test
  void everyMinedQueryHasTenNegativesThatAreNotPositives() {
    List<Row> mined = table("hard-negatives").collectAsList();
    long minedQueries = 25L * 4; // four datasets, capped at 25 training queries each
    long rejected = spark.read().format("delta").load(settings.storage().rejectsPath())
        .filter(col("stage").equalTo("mine")).count();
    assertThat(mined.size() + rejected).isEqualTo(minedQueries);
    assertThat(mined.size()).isGreaterThan(90);
    Dataset<Row> positives =
        spark.read().format("delta").load(settings.storage().queriesPath())
            .select(col("id").as("query_id"), explode(col("positive_ids")).as("pid"));
    Dataset<Row> negatives = table("hard-negatives").select(col("query_id"), explode(col("negative_ids")).as("pid"));
    assertThat(negatives.join(positives, scala.jdk.javaapi.CollectionConverters.asScala(List.of("query_id", "pid")).toSeq(), "inner").count())
        .as("no mined negative is one of its query's positives").isZero();
    for (Row row : mined) {
      assertThat(row.getList(row.fieldIndex("negative_ids"))).hasSize(10);
      List<Object> scores = row.getList(row.fieldIndex("negative_scores"));
      assertThat(scores).hasSize(10).allSatisfy(s -> assertThat((Double) s).isBetween(0.0, 1.0));
      assertThat(row.<Double>getAs("positive_score")).isBetween(0.0, 1.0);
    }
  }

  @Test
  void judgeScoredEveryRetrievedPairOnceAndTheAuditAddsUp() {
    long retrieved = table("retrieval").count();
    long judgedCandidates = table("judgments").filter(col("is_positive").equalTo(false)).count();
    assertThat(judgedCandidates).isEqualTo(retrieved);
    Row totals = table("judge-audit").groupBy().sum("queries").head();
    assertThat(totals.getLong(0)).isEqualTo(table("hard-negatives").count());
  }

  @Test
  void nanVectorsAreRejectedWithTheirIdAndEveryMinedQueryIsAccountedFor() {
    Dataset<Row> rejects = spark.read().format("delta").load(settings.storage().rejectsPath());
    List<Row> invalid = rejects.filter(col("reason").equalTo("invalid-vector")).orderBy("row_id").collectAsList();
    assertThat(invalid).extracting(r -> r.<String>getAs("row_id"))
        .containsExactlyInAnyOrder(nanQuery, nanCandidate);
    assertThat(invalid).allSatisfy(r -> assertThat(r.<String>getAs("detail"))
        .startsWith("Cannot retrieve with the vector of " + r.getAs("row_id")).contains("NaN"));
    assertThat(table("retrieval").filter(col("candidate_id").equalTo(nanCandidate).or(col("query_id").equalTo(nanQuery)))
        .count()).as("retrieval rows of the NaN vectors").isZero();
    assertThat(table("hard-negatives").filter(col("query_id").equalTo(nanQuery)).count()).isZero();

    // in = out + rejects: every mined query has a hard-negatives row or a mine-stage reject, never both.
    Dataset<Row> mined = new MiningRunner(spark, settings).minedQueries().select("id");
    Dataset<Row> out = table("hard-negatives").select(col("query_id").as("id"));
    Dataset<Row> rejected = rejects.filter(col("stage").equalTo("mine")).select(col("row_id").as("id"));
    assertThat(out.union(rejected).distinct().count()).isEqualTo(mined.count());
    assertThat(out.intersect(rejected).count()).isZero();
    assertThat(rejected.filter(col("id").equalTo(nanQuery)).count()).as("the NaN query's mine reject").isEqualTo(1);
  }

  @Test
  void rerunChangesNothing() throws Exception {
    List<Row> before = table("hard-negatives").orderBy("query_id").collectAsList();
    long judgments = table("judgments").count();
    long embeddings = table("embeddings").count();

    MineAllJob.mineAll(spark, settings);

    assertThat(table("hard-negatives").orderBy("query_id").collectAsList()).isEqualTo(before);
    assertThat(table("judgments").count()).as("cached judgments are not re-scored").isEqualTo(judgments);
    assertThat(table("embeddings").count()).isEqualTo(embeddings);
  }
}

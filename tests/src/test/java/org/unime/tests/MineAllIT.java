package org.unime.tests;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * End to end on a real subset: ingest, train the built-in embedder and judge, then mine-all. Every mined query gets
 * exactly ten negatives, none of them a positive, with judge scores in [0, 1], and a re-run changes nothing.
 */
class MineAllIT {
  @TempDir static Path dir;
  static SparkSession spark;
  static UnimeSettings settings;

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
    MineAllJob.mineAll(spark, settings);
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

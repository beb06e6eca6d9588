package org.unime.tests;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.unime.conf.UnimeSettings;
import org.unime.jobs.IngestJob;
import org.unime.pipeline.ingest.IngestReport;

/** Ingest of a small real subset of every built-in dataset into Delta, then an identical re-run. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestIT {
  @TempDir static Path storage;
  static SparkSession spark;
  static UnimeSettings settings;
  static IngestReport first;

  @BeforeAll
  static void ingestOnce() {
    spark = SharedSpark.get();
    settings =
        TestSettings.with(
            storage,
            Map.of(
                "unime.ingest.emoji.max-concepts", "30",
                "unime.ingest.icons.tabler.max-concepts", "25",
                "unime.ingest.icons.mdi.max-concepts", "25",
                "unime.ingest.fashion-mnist.max-train", "60",
                "unime.ingest.fashion-mnist.max-test", "20",
                "unime.ingest.rows-per-partition", "100"));
    first = IngestJob.ingest(spark, settings);
  }

  private static Dataset<Row> table(String path) {
    return spark.read().format("delta").load(path);
  }

  @Test
  @Order(1)
  void everyDatasetLandsWithBalancedCounts() {
    assertThat(first.datasets()).containsOnlyKeys("emoji", "tabler", "mdi", "fashion-mnist");
    first.datasets().values().forEach(c -> assertThat(c.balanced()).isTrue());
    assertThat(first.datasets().get("fashion-mnist").queries()).isEqualTo(80);
    assertThat(first.datasets().get("fashion-mnist").candidates()).isEqualTo(10);

    long candidates = table(settings.storage().candidatesPath()).count();
    long queries = table(settings.storage().queriesPath()).count();
    long rejects = table(settings.storage().rejectsPath()).count();
    assertThat(candidates + queries).isEqualTo(first.totalWritten());
    assertThat(rejects).isEqualTo(first.totalRejected());
    assertThat(first.totalRead()).isEqualTo(candidates + queries + rejects);
  }

  @Test
  @Order(2)
  void splitsHoldOutTheUnseenVendorAndTheTestPartition() {
    List<Row> splits =
        table(settings.storage().queriesPath()).groupBy("dataset", "split").count().collectAsList();
    assertThat(splits).anySatisfy(r -> assertThat(r.<String>getAs("split")).isEqualTo("eval-unseen-vendor"));
    assertThat(
            table(settings.storage().queriesPath())
                .filter(col("split").equalTo("eval-unseen-vendor"))
                .filter(col("source").getItem("vendor").notEqual("twitter"))
                .count())
        .isZero();
    assertThat(
            table(settings.storage().candidatesPath())
                .filter(col("split").equalTo("train"))
                .filter(col("source").getItem("vendor").equalTo("twitter"))
                .count())
        .as("no unseen-vendor image may be a training candidate")
        .isZero();
    assertThat(splits)
        .anySatisfy(r -> {
          assertThat(r.<String>getAs("dataset")).isEqualTo("fashion-mnist");
          assertThat(r.<String>getAs("split")).isEqualTo("test");
          assertThat(r.<Long>getAs("count")).isEqualTo(20L);
        });
  }

  @Test
  @Order(3)
  void everyQueryPositiveIsAWrittenCandidateAndImagesArePng() throws Exception {
    Dataset<Row> positives =
        table(settings.storage().queriesPath()).select(col("id"), explode(col("positive_ids")).as("pid"));
    Dataset<Row> candidateIds = table(settings.storage().candidatesPath()).select(col("id").as("cid"));
    assertThat(positives.join(candidateIds, col("pid").equalTo(col("cid")), "left_anti").count()).isZero();

    List<Row> images =
        table(settings.storage().candidatesPath()).filter(col("image").isNotNull()).select("image", "modality").limit(20).collectAsList();
    assertThat(images).isNotEmpty();
    for (Row row : images) {
      assertThat(row.getString(1)).isEqualTo("image");
      assertThat(ImageIO.read(new ByteArrayInputStream((byte[]) row.get(0)))).isNotNull();
    }
  }

  @Test
  @Order(4)
  void rerunDuplicatesNothingAndRewritesNothing() {
    long candidatesBefore = table(settings.storage().candidatesPath()).count();
    long queriesBefore = table(settings.storage().queriesPath()).count();
    long rejectsBefore = table(settings.storage().rejectsPath()).count();
    Map<String, Long> versionsBefore = new java.util.HashMap<>();
    for (String path : List.of(settings.storage().candidatesPath(), settings.storage().queriesPath())) {
      versionsBefore.put(path, DeltaTable.forPath(spark, path).history(1).head().<Long>getAs("version"));
    }

    IngestReport second = IngestJob.ingest(spark, settings);

    assertThat(second).isEqualTo(first);
    assertThat(table(settings.storage().candidatesPath()).count()).isEqualTo(candidatesBefore);
    assertThat(table(settings.storage().queriesPath()).count()).isEqualTo(queriesBefore);
    assertThat(table(settings.storage().rejectsPath()).count()).isEqualTo(rejectsBefore);
    for (String path : List.of(settings.storage().candidatesPath(), settings.storage().queriesPath())) {
      Row last = DeltaTable.forPath(spark, path).history(1).head();
      if (last.<Long>getAs("version").equals(versionsBefore.get(path))) {
        continue; // no commit at all
      }
      // A MERGE that matched nothing to change may still commit; it must not have inserted or updated a row.
      Map<String, String> metrics = last.getJavaMap(last.fieldIndex("operationMetrics"));
      assertThat(last.<String>getAs("operation")).isEqualTo("MERGE");
      assertThat(metrics.get("numTargetRowsInserted")).as("%s: %s", path, metrics).isEqualTo("0");
      assertThat(metrics.get("numTargetRowsUpdated")).as("%s: %s", path, metrics).isEqualTo("0");
    }
  }
}

package org.unime.tests.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
import org.unime.conf.ConfigLoader;
import org.unime.conf.UnimeSettings;
import org.unime.jobs.IngestJob;
import org.unime.jobs.UnimeCli;
import org.unime.tests.SharedSpark;
import org.unime.udfs.delta.ItemSchema;
import org.unime.udfs.embed.BuiltInEmbedder;
import org.unime.udfs.embed.EmbedderStage;
import org.unime.udfs.embed.ItemTables;
import org.unime.udfs.embed.LabeledQuery;
import org.unime.udfs.embed.RetrievalEvaluator;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;

/**
 * The {@code evaluate} command end to end on a small real ingest: a tiny stage-1 embedder and a second tiny model
 * standing in for a trained one under {@code unime.training.output-dir/in-batch}, plus small MMEB-eval, Karpathy and
 * SugarCrepe files written from the ingested emoji. Checks the Delta table (every suite, both models, MERGE on
 * re-run), P@1 against an independent count, and the report with its charts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvaluateJobIT {
  @TempDir static Path root;
  static SparkSession spark;
  static Map<String, String> conf;
  static UnimeSettings settings;

  @BeforeAll
  static void ingestAndTrainTinyModels() throws Exception {
    spark = SharedSpark.get();
    conf = new HashMap<>();
    conf.put("unime.storage.root", root.resolve("tables").toString());
    conf.put("unime.reports-dir", root.resolve("reports").toString());
    conf.put("unime.models.dir", root.resolve("models").toString());
    String dataHome = System.getProperty("test.data.home");
    if (dataHome != null) {
      conf.put("unime.data-home", dataHome);
    }
    conf.putAll(Map.of(
        "unime.ingest.emoji.max-concepts", "40",
        "unime.ingest.icons.tabler.max-concepts", "30",
        "unime.ingest.icons.mdi.max-concepts", "20",
        "unime.ingest.fashion-mnist.max-train", "60",
        "unime.ingest.fashion-mnist.max-test", "40",
        "unime.ingest.holdout.unseen-concept-fraction", "0.3",
        "unime.models.embedder.steps", "15",
        "unime.models.embedder.warmup-steps", "2",
        "unime.models.embedder.batch-size", "64"));
    settings = settings(Map.of());
    IngestJob.ingest(spark, settings);
    EmbedderStage.run(ItemTables.pin(spark, settings.storage()), settings.models());
    String trained = Path.of(settings.training().outputDir(), "in-batch").toString();
    EmbedderStage.run(ItemTables.pin(spark, settings.storage()),
        settings(Map.of("unime.models.embedder.uri", trained, "unime.models.embedder.seed", "7")).models());
    conf.putAll(BenchmarkFixtures.write(spark, settings, root.resolve("bench")));
    settings = settings(Map.of());
  }

  static UnimeSettings settings(Map<String, String> more) {
    Map<String, String> all = new HashMap<>(conf);
    all.putAll(more);
    return UnimeSettings.from(ConfigLoader.defaults().withOverrides(all).load());
  }

  static void evaluate(Map<String, String> more, String... uris) throws Exception {
    Map<String, String> all = new HashMap<>(conf);
    all.putAll(more);
    List<String> argv = new ArrayList<>();
    all.forEach((k, v) -> {
      argv.add("--conf");
      argv.add(k + "=" + v);
    });
    argv.add("evaluate");
    argv.addAll(List.of(uris));
    UnimeCli.main(argv.toArray(new String[0]));
  }

  static Dataset<Row> table() {
    return spark.read().format("delta").load(settings.evaluation().table());
  }

  static double value(String version, String suite, String task, String metric) {
    List<Row> rows = table().filter(col("model_version").equalTo(version).and(col("suite").equalTo(suite))
        .and(col("task").equalTo(task)).and(col("metric").equalTo(metric))).collectAsList();
    assertThat(rows).as("%s/%s/%s of %s", suite, task, metric, version).hasSize(1);
    return rows.get(0).<Double>getAs("value");
  }

  static String version(String uri) {
    return ModelArtifact.open(uri).manifest().version();
  }

  @Test
  @Order(1)
  void evaluateWritesEverySuiteOfBothModelsToTheTable() throws Exception {
    evaluate(Map.of());

    Dataset<Row> rows = table();
    String stageOne = version(settings.models().embedder().uri());
    String trained = version(Path.of(settings.training().outputDir(), "in-batch").toString());
    assertThat(rows.select("model_version").distinct().collectAsList()).extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder(stageOne, trained);
    assertThat(rows.select("run_id").distinct().count()).isEqualTo(1);
    Row first = rows.filter(col("model_version").equalTo(stageOne)).head();
    assertThat(first.<String>getAs("loss")).isEqualTo("stage-1");
    assertThat(first.<Long>getAs("seed")).isEqualTo(settings.models().embedder().seed());
    assertThat(rows.filter(col("model_version").equalTo(trained)).head().<String>getAs("loss")).isEqualTo("in-batch");
    for (String version : List.of(stageOne, trained)) {
      List<String> keys = rows.filter(col("model_version").equalTo(version)).collectAsList().stream()
          .map(r -> r.getString(r.fieldIndex("suite")) + "/" + r.getString(r.fieldIndex("task")) + "/"
              + r.getString(r.fieldIndex("metric")))
          .toList();
      assertThat(keys).doesNotHaveDuplicates().contains(
          "mmeb-style/i2t/emoji/eval-unseen-concept/p@1", "mmeb-style/t2i/tabler/eval-unseen-concept/p@1",
          "mmeb-style/i2t/emoji/eval-unseen-vendor/p@1", "mmeb-style/cls/fashion-mnist/test/p@1",
          "mmeb-style/meta/Retrieval/p@1", "mmeb-style/meta/Classification/p@1", "mmeb-style/dist/OOD/p@1",
          "mmeb-style/overall/p@1",
          "recall/emoji/eval-unseen-concept/t2i-r@1", "recall/mdi/eval-unseen-concept/i2t-r@5", "recall/overall/r@1",
          "compositional/overall/accuracy",
          "mmeb-eval/VOC2007/p@1", "mmeb-eval/MSCOCO_t2i/p@1", "mmeb-eval/meta/Classification/p@1",
          "mmeb-eval/overall/p@1",
          "karpathy/dataset_flickr30k/test/t2i-r@1", "karpathy/dataset_flickr30k/test/i2t-r@1",
          "sugar-crepe/replace_att/accuracy", "sugar-crepe/group/Replace/accuracy");
    }
    assertThat(rows.filter(col("value").lt(0).or(col("value").gt(1))).count()).isZero();
    assertThat(rows.filter(col("queries").leq(0)).count()).isZero();
  }

  /** Same queries and pools as the held-out P@1 of the models command, counted by RetrievalEvaluator. */
  @Test
  @Order(2)
  void p1MatchesAnIndependentCountOnTheFullPools() throws Exception {
    String uri = settings.models().embedder().uri();
    ItemTables tables = ItemTables.pin(spark, settings.storage());
    try (BuiltInEmbedder model = BuiltInEmbedder.load(ModelArtifact.open(uri), DeviceSpec.CPU, 64)) {
      for (Map.Entry<String, org.apache.spark.sql.Column> set : Map.of(
          "cls/fashion-mnist/test", col(ItemSchema.SPLIT).equalTo("test"),
          "i2t/emoji/eval-unseen-vendor", col(ItemSchema.SPLIT).equalTo("eval-unseen-vendor")
              .and(col(ItemSchema.MODALITY).equalTo("image-text"))).entrySet()) {
        List<LabeledQuery> queries = tables.queries(set.getValue(), 0);
        ItemTables.Pool pool = tables.textPool(queries);
        RetrievalEvaluator.Result expected = RetrievalEvaluator.recallAt1(set.getKey(), model, queries, pool.items(), "");

        assertThat(value(version(uri), "mmeb-style", set.getKey(), "p@1")).as(set.getKey())
            .isCloseTo(expected.recallAt1(), org.assertj.core.api.Assertions.within(1e-12));
      }
    }
  }

  @Test
  @Order(3)
  void theReportHasEverySuiteAndReadableCharts() throws Exception {
    Path dir = Path.of(settings.reportsDir());
    String md = Files.readString(dir.resolve("evaluation.md"));

    assertThat(md).contains("MMEB-style P@1 on the held-out splits", "Image↔text recall@k", "Compositional pairs",
        "MMEB-eval P@1", "Karpathy-split recall@k", "SugarCrepe", "| stage-1 |", "| in-batch |",
        "Pending reranker");
    for (String png : List.of("evaluation-mmeb-style.png", "evaluation-recall.png", "evaluation-compositional.png",
        "evaluation-mmeb-eval.png", "evaluation-karpathy.png", "evaluation-sugar-crepe.png")) {
      assertThat(md).contains("](" + png + ")");
      assertThat(ImageIO.read(dir.resolve(png).toFile()).getWidth()).as(png).isPositive();
    }
  }

  /** Re-evaluating one model (now without the SugarCrepe files) replaces its rows; the other model's stay. */
  @Test
  @Order(4)
  void reEvaluatingAModelReplacesItsRowsOnly() throws Exception {
    String stageOne = version(settings.models().embedder().uri());
    String trained = version(Path.of(settings.training().outputDir(), "in-batch").toString());
    Map<String, Long> before = counts();
    String trainedRun = table().filter(col("model_version").equalTo(trained)).head().getAs("run_id");
    long sugarCrepeRows = table().filter(col("model_version").equalTo(stageOne).and(col("suite").equalTo("sugar-crepe")))
        .count();

    evaluate(Map.of("unime.evaluation.sugar-crepe.dir", ""), settings.models().embedder().uri());

    Map<String, Long> after = counts();
    assertThat(after.get(stageOne)).isEqualTo(before.get(stageOne) - sugarCrepeRows);
    assertThat(after.get(trained)).isEqualTo(before.get(trained));
    assertThat(table().filter(col("model_version").equalTo(trained)).select("run_id").distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactly(trainedRun);
    assertThat(table().filter(col("model_version").equalTo(stageOne)).select("run_id").distinct().collectAsList())
        .extracting(r -> r.getString(0)).doesNotContain(trainedRun).hasSize(1);
  }

  private static Map<String, Long> counts() {
    return table().groupBy("model_version").count().collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
  }
}

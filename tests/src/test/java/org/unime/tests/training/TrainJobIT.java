package org.unime.tests.training;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
import org.unime.udfs.delta.DeltaTables;
import org.unime.udfs.delta.ItemSchema;
import org.unime.udfs.embed.BuiltInEmbedder;
import org.unime.udfs.embed.EmbedderStage;
import org.unime.udfs.embed.EmbeddingInput;
import org.unime.udfs.embed.ItemTables;
import org.unime.udfs.embed.LabeledQuery;
import org.unime.udfs.mining.MiningSchemas;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.unime.UnimeTraining;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The {@code train} command end to end on a real ingest subset of every built-in dataset: stage-1 embedder, a
 * hard-negatives table mined from it (see {@link #mineHardNegatives}), then a short UniME-V2 run that must lower the
 * loss and raise held-out P@1 above the stage-1 embedder's, record everything it promises (pinned table versions in
 * the run and model manifests, a metrics row per step, the loss-curve PNG, a loadable artifact), resume a finished run
 * to the same model, and run the two ablation losses through the CLI.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainJobIT {
  private static final int STEPS = 40;

  @TempDir static Path root;
  static SparkSession spark;
  static Map<String, String> overrides;
  static UnimeSettings settings;
  static UnimeTraining.Result result;

  @BeforeAll
  static void trainOnce() throws Exception {
    spark = TrainingSpark.get();
    overrides = new HashMap<>();
    overrides.put("unime.storage.root", root.resolve("tables").toString());
    overrides.put("unime.reports-dir", root.resolve("reports").toString());
    overrides.put("unime.models.dir", root.resolve("models").toString());
    String dataHome = System.getProperty("test.data.home");
    if (dataHome != null) {
      overrides.put("unime.data-home", dataHome);
    }
    overrides.putAll(
        Map.of(
            "unime.ingest.emoji.max-concepts", "40",
            "unime.ingest.icons.tabler.max-concepts", "25",
            "unime.ingest.icons.mdi.max-concepts", "25",
            "unime.ingest.fashion-mnist.max-train", "100",
            "unime.ingest.fashion-mnist.max-test", "60",
            "unime.models.embedder.steps", "30",
            "unime.models.embedder.warmup-steps", "5",
            "unime.models.embedder.batch-size", "64"));
    overrides.putAll(
        Map.of(
            "unime.training.steps", Integer.toString(STEPS),
            "unime.training.warmup-steps", "4",
            "unime.training.batch-size", "32",
            "unime.training.learning-rate", "1e-3",
            "unime.training.partitions", "2",
            "unime.training.checkpoint-every", "20"));
    settings = settings(Map.of());
    IngestJob.ingest(spark, settings);
    EmbedderStage.run(ItemTables.pin(spark, settings.storage()), settings.models());
    mineHardNegatives();
    result = UnimeTraining.run(spark, settings, UnimeTraining.Start.FRESH);
  }

  static UnimeSettings settings(Map<String, String> more) {
    Map<String, String> all = new HashMap<>(overrides);
    all.putAll(more);
    return UnimeSettings.from(ConfigLoader.defaults().withOverrides(all).load());
  }

  @Test
  @Order(1)
  void aShortRunLowersTheLossAndBeatsTheStageOneEmbedderOnHeldOutP1() {
    assertThat(result.summary().steps()).isEqualTo(STEPS);
    assertThat(result.summary().lastLoss()).isLessThan(result.summary().firstLoss());
    assertThat(result.summary().lastKl1()).isLessThan(result.summary().firstKl1());
    double base = result.heldOutP1("base");
    double trained = result.heldOutP1("trained");
    assertThat(result.heldOut().get("trained")).extracting(r -> r.name()).contains("p1/eval-unseen-concept", "p1/held-out");
    assertThat(result.heldOut().get("trained").get(result.heldOut().get("trained").size() - 1).queries()).isGreaterThan(50);
    assertThat(trained).as("held-out P@1: stage-1 %s, UniME-V2 %s", base, trained).isGreaterThan(base);
  }

  @Test
  @Order(2)
  void recordsTablesMetricsCurveAndALoadableArtifact() throws Exception {
    String hardNegatives = settings.storage().tablePath("hard-negatives");
    long version = DeltaTables.version(spark, hardNegatives);
    assertThat(result.pins()).containsEntry(hardNegatives, version).containsKeys(settings.storage().candidatesPath());
    assertThat(result.artifact().manifest().trainingData()).containsEntry(hardNegatives, version);
    assertThat(result.artifact().manifest().metrics()).containsKeys("p1/held-out", "base/p1/held-out", "train/loss-last");
    String runJson = Files.readString(Path.of(settings.training().runDir(), "unime-v2", "run.json"));
    assertThat(runJson).contains(result.runId()).contains(hardNegatives).contains("\"completedSteps\": " + STEPS);

    List<Row> rows =
        spark.read().format("delta").load(settings.training().metricsTable())
            .filter(col("run_id").equalTo(result.runId())).orderBy("step").collectAsList();
    assertThat(rows).hasSize(STEPS);
    assertThat(rows).extracting(r -> r.<Integer>getAs("step")).containsExactlyElementsOf(
        java.util.stream.IntStream.range(0, STEPS).boxed().toList());
    Row first = rows.get(0);
    assertThat(first.<Double>getAs("kl1")).isPositive();
    assertThat(first.<Double>getAs("samples_per_second")).isPositive();
    assertThat(first.<Long>getAs("bytes_up")).isPositive();
    assertThat(rows.get(STEPS - 1).<Double>getAs("learning_rate")).isLessThan(rows.get(4).<Double>getAs("learning_rate"));

    assertThat(ImageIO.read(result.lossCurve().toFile()).getWidth()).isPositive();
    try (BuiltInEmbedder model = BuiltInEmbedder.load(ModelArtifact.open(result.artifact().uri()), DeviceSpec.CPU, 32)) {
      assertThat(model.embed(List.of(EmbeddingInput.text("t", "red heart")))[0]).hasSize(model.dimension());
    }
  }

  @Test
  @Order(3)
  void resumingAFinishedRunReproducesTheSameModel() throws Exception {
    UnimeTraining.Result again = UnimeTraining.run(spark, settings, UnimeTraining.Start.RESUME);

    assertThat(again.resumedFromStep()).isEqualTo(STEPS);
    assertThat(again.runId()).isEqualTo(result.runId());
    assertThat(again.artifact().manifest().version()).isEqualTo(result.artifact().manifest().version());
  }

  @Test
  @Order(4)
  void theAblationLossesRunFromTheCommandLine() throws Exception {
    for (String loss : List.of("hard-negatives-only", "in-batch")) {
      List<String> argv = new ArrayList<>();
      Map<String, String> conf = new HashMap<>(overrides);
      conf.putAll(
          Map.of(
              "unime.training.loss", loss, "unime.training.steps", "4", "unime.training.warmup-steps", "0",
              "unime.training.checkpoint-every", "4", "unime.training.held-out-sets", "[]"));
      conf.forEach((k, v) -> {
        argv.add("--conf");
        argv.add(k + "=" + v);
      });
      argv.add("train");

      UnimeCli.main(argv.toArray(new String[0]));

      Path report = Path.of(settings.reportsDir(), "train-" + loss + ".md");
      assertThat(Files.readString(report)).contains("UniME-V2 training: " + loss).contains("4 steps");
      assertThat(Path.of(settings.training().outputDir(), loss, ModelArtifact.MANIFEST)).exists();
    }
  }

  /**
   * A stand-in for the mining pipeline (its own tests cover it): for each training query, the stage-1 embedder's ten
   * most similar non-positive candidates of the global training pool, in rank order, scored by a fixed rule that
   * plays the judge: the positive 0.9, a negative 0.45·(1 + cosine), so near-misses get scores close to the
   * positive's, as a judge gives them.
   */
  private static void mineHardNegatives() throws Exception {
    ItemTables tables = ItemTables.pin(spark, settings.storage());
    List<LabeledQuery> queries = tables.queries(col(ItemSchema.SPLIT).equalTo("train"), 0);
    List<EmbeddingInput> pool = tables.candidates(col(ItemSchema.SPLIT).equalTo("train"));
    float[][] q;
    float[][] c;
    try (BuiltInEmbedder model =
        BuiltInEmbedder.load(ModelArtifact.open(settings.models().embedder().uri()), DeviceSpec.CPU, 64)) {
      q = model.embed(queries.stream().map(LabeledQuery::query).toList());
      c = model.embed(pool);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      LabeledQuery query = queries.get(i);
      String positive = query.positiveIds().stream().filter(id -> pool.stream().anyMatch(p -> p.id().equals(id))).findFirst().orElse(null);
      if (positive == null) {
        continue;
      }
      double[] cos = new double[pool.size()];
      Integer[] order = new Integer[pool.size()];
      for (int j = 0; j < pool.size(); j++) {
        order[j] = j;
        for (int d = 0; d < q[i].length; d++) {
          cos[j] += q[i][d] * c[j][d];
        }
      }
      java.util.Arrays.sort(order, (a, b) -> Double.compare(cos[b], cos[a]));
      List<String> ids = new ArrayList<>();
      List<Double> scores = new ArrayList<>();
      for (int j = 0; j < order.length && ids.size() < 10; j++) {
        String id = pool.get(order[j]).id();
        if (!query.positiveIds().contains(id)) {
          ids.add(id);
          scores.add(0.45 * (1 + cos[order[j]]));
        }
      }
      rows.add(
          RowFactory.create(
              query.query().id(), positive, 0.9, seq(ids), seq(scores), "sampled", 10, 0, 0.89));
    }
    spark.createDataFrame(rows, MiningSchemas.HARD_NEGATIVES).write().format("delta")
        .save(settings.storage().tablePath("hard-negatives"));
  }

  private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return CollectionConverters.asScala(list).toList();
  }
}

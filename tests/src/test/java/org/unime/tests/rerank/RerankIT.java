package org.unime.tests.rerank;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
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
import org.unime.jobs.MineAllJob;
import org.unime.jobs.ModelsJob;
import org.unime.jobs.RerankerJob;
import org.unime.pipeline.eval.Cosine;
import org.unime.udfs.delta.ItemSchema;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.embed.EmbeddingModels;
import org.unime.udfs.embed.ItemTables;
import org.unime.udfs.embed.LabeledQuery;
import org.unime.udfs.embed.RetrievalEvaluator;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.tests.SharedSpark;

/**
 * The reranker end to end on a small real subset: ingest, the built-in embedder and judge, mine-all, then
 * {@link RerankerJob#trainAndRerank} (train a tiny reranker for a few steps on the mined table, rerank the held-out
 * top-5 and top-10 listwise and pairwise). Checks the contracts, not quality: every (mode, k) slice holds, per held-out
 * query, a permutation of exactly the embedder's top-k (recomputed here); the report's counts equal a recount from
 * the table; before-reranking hits equal the embedder's held-out P@1 hits; a rerun replaces the slices.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RerankIT {
  private static final List<String> SETS = List.of("eval-unseen-concept", "eval-unseen-vendor", "fashion-mnist-test");
  private static final List<String> MODES = List.of("listwise", "pairwise");
  private static final int[] KS = {5, 10};
  private static final int CAP = 8;

  @TempDir static Path root;
  static SparkSession spark;
  static UnimeSettings settings;
  static String report;

  @BeforeAll
  static void rerankOnce() throws Exception {
    spark = SharedSpark.get();
    settings = settings(root);
    IngestJob.ingest(spark, settings);
    ModelsJob.trainAll(spark, settings);
    MineAllJob.mineAll(spark, settings);
    report = RerankerJob.trainAndRerank(spark, settings);
  }

  static UnimeSettings settings(Path dir) {
    Map<String, String> o = new HashMap<>();
    o.put("unime.storage.root", dir.resolve("tables").toString());
    o.put("unime.reports-dir", dir.resolve("reports").toString());
    o.put("unime.models.dir", dir.resolve("models").toString());
    String dataHome = System.getProperty("test.data.home");
    if (dataHome != null) {
      o.put("unime.data-home", dataHome);
    }
    o.putAll(Map.of(
        "unime.ingest.emoji.max-concepts", "40",
        "unime.ingest.icons.tabler.max-concepts", "30",
        "unime.ingest.icons.mdi.max-concepts", "30",
        "unime.ingest.fashion-mnist.max-train", "100",
        "unime.ingest.fashion-mnist.max-test", "20",
        "unime.ingest.holdout.unseen-concept-fraction", "0.2",
        "unime.mining.max-queries-per-dataset", "12",
        "unime.retrieval.top-k", "20",
        "unime.judge.partitions", "2"));
    // Real training, a few steps: enough for the contracts, not for quality.
    o.putAll(Map.of(
        "unime.models.embedder.steps", "20",
        "unime.models.embedder.warmup-steps", "2",
        "unime.models.embedder.batch-size", "64",
        "unime.judge.training.steps", "8",
        "unime.judge.training.warmup-steps", "2",
        "unime.judge.training.groups-per-step", "8",
        "unime.judge.training.report-triples-per-kind", "10"));
    o.putAll(Map.ofEntries(
        Map.entry("unime.reranker.architecture.dim", "32"),
        Map.entry("unime.reranker.architecture.layers", "2"),
        Map.entry("unime.reranker.architecture.ffn-dim", "64"),
        Map.entry("unime.reranker.architecture.max-positions", "448"),
        Map.entry("unime.reranker.architecture.max-text-tokens", "8"),
        Map.entry("unime.reranker.training.steps", "4"),
        Map.entry("unime.reranker.training.warmup-steps", "1"),
        Map.entry("unime.reranker.training.queries-per-step", "4"),
        Map.entry("unime.reranker.batch-size", "16"),
        Map.entry("unime.reranker.partitions", "2"),
        Map.entry("unime.reranker.max-queries-per-dataset", Integer.toString(CAP))));
    return UnimeSettings.from(ConfigLoader.defaults().withOverrides(o).load());
  }

  @Test
  @Order(1)
  void everySliceHoldsAPermutationOfEachHeldOutQuerysEmbedderTopK() {
    Map<String, List<String>> expected = embedderTopTen();
    assertThat(expected).hasSizeGreaterThan(20);
    String version = ModelArtifact.open(settings.reranker().uri()).manifest().version();
    for (String mode : MODES) {
      for (int k : KS) {
        Map<String, List<Row>> byQuery = slice(mode, k);
        assertThat(byQuery.keySet()).as("%s k=%d", mode, k).isEqualTo(expected.keySet());
        byQuery.forEach((query, rows) -> {
          List<String> top = expected.get(query).subList(0, Math.min(k, expected.get(query).size()));
          List<Integer> ranks = IntStream.rangeClosed(1, top.size()).boxed().toList();
          assertThat(sorted(rows, "rank_before")).as("%s %s k=%d", query, mode, k).isEqualTo(top);
          assertThat(rows).extracting(r -> r.<Integer>getAs("rank_after")).containsExactlyInAnyOrderElementsOf(ranks);
          assertThat(rows).allSatisfy(r -> assertThat(r.<String>getAs("reranker_version")).isEqualTo(version));
        });
      }
    }
  }

  @Test
  @Order(2)
  void reportCountsEqualARecountFromTheTable() {
    Map<String, Row> queries = new HashMap<>();
    spark.read().format("delta").load(settings.storage().queriesPath())
        .select(ItemSchema.ID, ItemSchema.SPLIT, ItemSchema.DATASET, ItemSchema.POSITIVE_IDS).collectAsList()
        .forEach(r -> queries.put(r.getString(0), r));
    Map<String, int[]> recount = new TreeMap<>();
    for (String mode : MODES) {
      for (int k : KS) {
        slice(mode, k).forEach((query, rows) -> {
          Row q = queries.get(query);
          String set = "test".equals(q.getString(1)) ? "fashion-mnist-test" : q.getString(1);
          List<String> positives = q.getList(3);
          int before = positives.contains(sorted(rows, "rank_before").get(0)) ? 1 : 0;
          int after = positives.contains(sorted(rows, "rank_after").get(0)) ? 1 : 0;
          for (String key : List.of(set, "held-out")) {
            int[] n = recount.computeIfAbsent(key + "|" + k + "|" + mode, x -> new int[3]);
            n[0]++;
            n[1] += before;
            n[2] += after;
          }
        });
      }
    }
    Map<String, int[]> reported = new TreeMap<>();
    for (String line : report.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| set ")).toList()) {
      String[] c = line.substring(2, line.length() - 2).split(" \\| ");
      reported.put(c[0] + "|" + c[1] + "|" + c[2],
          new int[] {Integer.parseInt(c[3]), Integer.parseInt(c[4]), Integer.parseInt(c[5])});
    }
    assertThat(reported.keySet()).isEqualTo(recount.keySet());
    recount.forEach((key, n) -> assertThat(reported.get(key)).as(key).containsExactly(n));
  }

  @Test
  @Order(3)
  void hitsBeforeRerankingAreTheEmbeddersHeldOutPrecisionAtOne() {
    ItemTables tables = ItemTables.pin(spark, settings.storage());
    EmbeddingModel embedder = embedder();
    for (String set : SETS) {
      List<LabeledQuery> queries = tables.queries(filter(set), CAP);
      ItemTables.Pool pool = tables.textPool(queries);
      RetrievalEvaluator.Result p1 = RetrievalEvaluator.recallAt1(set, embedder, queries, pool.items(), "");
      assertThat(report).as(set).containsPattern("\\| " + set + " \\| 5 \\| listwise \\| " + p1.queries() + " \\| "
          + p1.hits() + " \\|");
    }
  }

  @Test
  @Order(4)
  void rerunReplacesTheSlicesInsteadOfAddingRows() throws Exception {
    long rows = table().count();
    String again = RerankerJob.trainAndRerank(spark, settings);
    assertThat(table().count()).isEqualTo(rows);
    assertThat(table().groupBy("query_id", "candidate_id", "mode", "top_k").count().filter(col("count").gt(1))
        .count()).isZero();
    assertThat(table().select("mode", "top_k").distinct().count()).isEqualTo(MODES.size() * KS.length);
    assertThat(again).contains("## Reranker training", "## Rerank gain on the held-out queries");
    assertThat(Files.readString(Path.of(settings.reportsDir(), "reranker.md"))).contains(again);
  }

  /** The embedder's top-10 over each set's pool, recomputed from the vectors (cosine, pool order on ties). */
  private static Map<String, List<String>> embedderTopTen() {
    ItemTables tables = ItemTables.pin(spark, settings.storage());
    EmbeddingModel embedder = embedder();
    Map<String, List<String>> out = new HashMap<>();
    for (String set : SETS) {
      List<LabeledQuery> queries = tables.queries(filter(set), CAP);
      List<String> pool = tables.textPool(queries).items().stream().map(i -> i.id()).toList();
      float[][] poolVectors = embedder.embed(tables.textPool(queries).items());
      for (LabeledQuery q : queries) {
        if (q.positiveIds().stream().noneMatch(pool::contains)) {
          continue;
        }
        double[] scores = Cosine.scores(embedder.embed(List.of(q.query()))[0], poolVectors);
        List<Integer> order = IntStream.range(0, pool.size()).boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparing(i -> i)).toList();
        out.put(q.query().id(), order.subList(0, Math.min(10, order.size())).stream().map(pool::get).toList());
      }
    }
    return out;
  }

  private static EmbeddingModel embedder() {
    return EmbeddingModels.open(settings.models().embedder().uri(), DeviceSpec.CPU, 64);
  }

  private static Column filter(String set) {
    return "fashion-mnist-test".equals(set)
        ? col(ItemSchema.SPLIT).equalTo("test").and(col(ItemSchema.DATASET).equalTo("fashion-mnist"))
        : col(ItemSchema.SPLIT).equalTo(set).and(col(ItemSchema.MODALITY).equalTo("image-text"));
  }

  private static org.apache.spark.sql.Dataset<Row> table() {
    return spark.read().format("delta").load(settings.reranker().table());
  }

  private static Map<String, List<Row>> slice(String mode, int k) {
    Map<String, List<Row>> byQuery = new HashMap<>();
    table().filter(col("mode").equalTo(mode).and(col("top_k").equalTo(k))).collectAsList()
        .forEach(r -> byQuery.computeIfAbsent(r.<String>getAs("query_id"), x -> new ArrayList<>()).add(r));
    return byQuery;
  }

  private static List<String> sorted(List<Row> rows, String rank) {
    return rows.stream().sorted(Comparator.comparingInt((Row r) -> r.<Integer>getAs(rank)))
        .map(r -> r.<String>getAs("candidate_id")).toList();
  }
}

package org.unime.udfs.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unime.pipeline.rerank.MinedQuery;
import org.unime.pipeline.rerank.RerankMode;
import org.unime.pipeline.rerank.RerankSettings;
import org.unime.udfs.judge.CorpusItem;
import org.unime.udfs.judge.JudgeItem;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelCache;
import org.unime.udfs.stages.ModelRef;

/**
 * The Spark stage on a local[2] session: a top-12 table of three queries reranked at k = 5 and 10, listwise and
 * pairwise, by a briefly trained reranker; written to Delta and rewritten.
 */
class RerankStageTest {
  static final StructType ITEMS = DataTypes.createStructType(List.of(
      DataTypes.createStructField("id", DataTypes.StringType, false),
      DataTypes.createStructField("text", DataTypes.StringType, true),
      DataTypes.createStructField("image", DataTypes.BinaryType, true)));
  static final StructType TOP_K = DataTypes.createStructType(List.of(
      DataTypes.createStructField("query_id", DataTypes.StringType, false),
      DataTypes.createStructField("rank", DataTypes.IntegerType, false),
      DataTypes.createStructField("candidate_id", DataTypes.StringType, false),
      DataTypes.createStructField("similarity", DataTypes.FloatType, false)));

  @TempDir static Path dir;
  static SparkSession spark;
  static String uri;
  static List<JudgeItem> queries;
  static List<JudgeItem> candidates;
  static Dataset<Row> topK;

  @BeforeAll
  static void setUp() {
    queries = TestItems.items("q", 3);
    candidates = TestItems.items("c", 20);
    uri = dir.resolve("reranker").toString();
    trainTinyReranker();
    spark = SparkSession.builder().master("local[2]").appName("rerank-stage-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.warehouse.dir", dir.resolve("warehouse").toString())
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .getOrCreate();
    List<Row> rows = new ArrayList<>();
    for (int q = 0; q < queries.size(); q++) {
      for (int rank = 1; rank <= 12; rank++) {
        rows.add(RowFactory.create("q" + q, rank, "c" + ((q * 5 + rank * 3) % 20), 1f - rank / 20f));
      }
    }
    topK = spark.createDataFrame(rows, TOP_K);
  }

  @AfterAll
  static void tearDown() {
    if (spark != null) {
      spark.stop();
    }
    ModelCache.clear();
  }

  @Test
  void everyQueryGetsAPermutationOfItsTopKAndTheLocalModelsOrder() {
    for (int k : new int[] {5, 10}) {
      for (RerankMode mode : RerankMode.values()) {
        RerankStage stage = RerankStage.of(new ModelRef(uri, "cpu", 8), mode, k).withPartitions(2);
        List<Row> out = stage.rerank(topK, table(queries), table(candidates)).collectAsList();

        assertThat(out).hasSize(3 * k);
        Map<String, List<Row>> byQuery = out.stream().collect(Collectors.groupingBy(r -> r.getString(0)));
        for (Map.Entry<String, List<Row>> e : byQuery.entrySet()) {
          List<Row> rows = e.getValue();
          List<Integer> expected = IntStream.rangeClosed(1, k).boxed().toList();
          assertThat(rows.stream().map(r -> r.getInt(2)).sorted().toList()).isEqualTo(expected);
          assertThat(rows.stream().map(r -> r.getInt(3)).sorted().toList()).as("%s k=%d", mode, k)
              .isEqualTo(expected);
          assertThat(rows).allSatisfy(r -> {
            assertThat(r.getString(5)).isEqualTo(mode.wireName());
            assertThat(r.getInt(6)).isEqualTo(k);
            assertThat(r.getString(7)).isEqualTo(new ModelRef(uri, "cpu", 8).version());
          });
          assertSameAsLocal(e.getKey(), rows, mode);
        }
      }
    }
  }

  @Test
  void writingAgainReplacesTheSameModeAndK() {
    String path = dir.resolve("reranked").toString();
    RerankStage listwise = RerankStage.of(new ModelRef(uri, "cpu", 8), RerankMode.LISTWISE, 5);
    RerankStage pairwise = RerankStage.of(new ModelRef(uri, "cpu", 8), RerankMode.PAIRWISE, 5);

    listwise.write(spark, listwise.rerank(topK, table(queries), table(candidates)), path);
    listwise.write(spark, listwise.rerank(topK, table(queries), table(candidates)), path);
    pairwise.write(spark, pairwise.rerank(topK, table(queries), table(candidates)), path);

    Dataset<Row> table = spark.read().format("delta").load(path);
    // Delta reads every column back as nullable; names and types must match.
    assertThat(java.util.Arrays.stream(table.schema().fields()).map(f -> f.name() + ":" + f.dataType()).toList())
        .isEqualTo(java.util.Arrays.stream(RerankStage.RERANKED.fields()).map(f -> f.name() + ":" + f.dataType())
            .toList());
    assertThat(table.filter("mode = 'listwise'").count()).isEqualTo(15);
    assertThat(table.filter("mode = 'pairwise'").count()).isEqualTo(15);
  }

  @Test
  void listwiseKAboveTheHeadIsRejectedOnTheDriver() {
    RerankStage stage = RerankStage.of(new ModelRef(uri, "cpu", 8), RerankMode.LISTWISE, 11);

    assertThatThrownBy(() -> stage.rerank(topK, table(queries), table(candidates)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot rerank listwise with " + uri + ": its head answers over at most 10 candidates (got k=11);"
            + " retrain with a larger max-candidates or lower k");
  }

  /** The stage's new ranks equal the model's own reranking of the same top-k, in rank order. */
  private static void assertSameAsLocal(String queryId, List<Row> rows, RerankMode mode) {
    Map<String, JudgeItem> byId = new HashMap<>();
    candidates.forEach(c -> byId.put(c.id(), c));
    List<Row> inRankOrder = rows.stream().sorted((a, b) -> Integer.compare(a.getInt(2), b.getInt(2))).toList();
    List<JudgeItem> topItems = inRankOrder.stream().map(r -> byId.get(r.getString(1))).toList();
    JudgeItem query = queries.get(Integer.parseInt(queryId.substring(1)));
    var reranking = RerankerModels.open(uri, DeviceSpec.CPU, 8).rerank(query, topItems, mode);
    for (int i = 0; i < inRankOrder.size(); i++) {
      assertThat(inRankOrder.get(i).getInt(3)).isEqualTo(reranking.rankAfter(i));
    }
  }

  private static Dataset<Row> table(List<JudgeItem> items) {
    List<Row> rows = items.stream().map(i -> RowFactory.create(i.id(), i.text(), i.png())).toList();
    return spark.createDataFrame(rows, ITEMS);
  }

  /** Three steps on the synthetic items: enough to write a real artifact through the trainer. */
  private static void trainTinyReranker() {
    List<CorpusItem> rows = new ArrayList<>();
    for (JudgeItem i : queries) {
      rows.add(new CorpusItem(i.id(), "test", "train", i.text(), i.png(), List.of(), Map.of()));
    }
    for (JudgeItem i : candidates) {
      rows.add(new CorpusItem(i.id(), "test", "train", i.text(), i.png(), List.of(), Map.of()));
    }
    List<MinedQuery> mined = new ArrayList<>();
    for (int q = 0; q < queries.size(); q++) {
      int first = q + 1;
      List<String> negatives = IntStream.range(first, first + 6).mapToObj(j -> "c" + j).toList();
      mined.add(new MinedQuery("q" + q, "c" + q, negatives, negatives.stream().map(n -> 0.5).toList()));
    }
    RerankerTrainingSettings settings = new RerankerTrainingSettings(
        TestItems.config(2, 0), RerankSettings.reference(), 3, 3, 1e-3, 1, 0.0, 1.0, 3, 1);
    RerankerTrainer.train(mined, rows, settings, uri, Map.of(), null);
  }
}

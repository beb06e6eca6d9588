package org.unime.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unime.pipeline.mining.HardNegativeSampler;
import org.unime.pipeline.mining.SamplingSettings;
import org.unime.udfs.mining.HardNegativeMiner;
import org.unime.udfs.mining.MiningSchemas;
import scala.jdk.javaapi.CollectionConverters;

/** The mine stage on Spark, on hand-made tables that exercise each sampling branch and each reject. */
class HardNegativeMinerIT {
  private static final StructType QUERIES =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("id", DataTypes.StringType, false),
              DataTypes.createStructField("dataset", DataTypes.StringType, false),
              DataTypes.createStructField("positive_ids", DataTypes.createArrayType(DataTypes.StringType, false), false)));

  static SparkSession spark;
  static Dataset<Row> queries;
  static Dataset<Row> retrieval;
  static Dataset<Row> judgments;

  @BeforeAll
  static void tables() {
    spark = SharedSpark.get();
    List<Row> q = new ArrayList<>();
    List<Row> r = new ArrayList<>();
    List<Row> j = new ArrayList<>();
    // all50: every candidate survives (scores well below s_pos - beta).
    addQuery(q, r, j, "all50", 0.9, 50, i -> 0.1);
    // seven: only ranks 0..6 survive; the rest look like false negatives (score above alpha).
    addQuery(q, r, j, "seven", 0.5, 20, i -> i < 7 ? 0.2 : 0.8);
    // none: every candidate scores above the positive: fallback with score 1.0.
    addQuery(q, r, j, "none", 0.3, 12, i -> 0.95);
    // lonely: judged positive but nothing retrieved.
    q.add(RowFactory.create("lonely", "toy", seq(List.of("lonely-pos"))));
    j.add(RowFactory.create("lonely", "lonely-pos", 0.9, true, "judge-v1"));
    // unjudged: retrieved and judged candidates, but its positive was never judged.
    addQuery(q, r, j, "unjudged", 0.9, 12, i -> 0.1);
    j.removeIf(row -> row.getString(0).equals("unjudged") && row.getBoolean(3));
    queries = spark.createDataFrame(q, QUERIES);
    retrieval = spark.createDataFrame(r, MiningSchemas.RETRIEVAL).repartition(3);
    judgments = spark.createDataFrame(j, MiningSchemas.JUDGMENTS).repartition(2);
  }

  @Test
  void everyBranchGivesTenNegativesOrANamedReject() {
    Map<String, Row> mined = new TreeMap<>();
    Map<String, Row> rejects = new TreeMap<>();
    collect(mine(), mined, rejects);

    assertThat(mined).containsOnlyKeys("all50", "seven", "none");
    assertThat(rejects).containsOnlyKeys("lonely", "unjudged");
    assertThat(rejects.get("unjudged").<String>getAs("detail")).contains("has no judge score");
    assertThat(rejects.get("lonely").<String>getAs("detail")).contains("empty");

    for (Row row : mined.values()) {
      List<String> ids = row.getList(row.fieldIndex("negative_ids"));
      List<Double> scores = row.getList(row.fieldIndex("negative_scores"));
      assertThat(ids).hasSize(10).doesNotContain(row.<String>getAs("positive_id"));
      assertThat(scores).hasSize(10).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
    }
    assertThat(mined.get("all50").<String>getAs("outcome")).isEqualTo("sampled");
    assertThat(mined.get("all50").getList(mined.get("all50").fieldIndex("negative_ids")))
        .containsExactly("all50-c00", "all50-c05", "all50-c10", "all50-c15", "all50-c20", "all50-c25",
            "all50-c30", "all50-c35", "all50-c40", "all50-c45");
    assertThat(mined.get("seven").<String>getAs("outcome")).isEqualTo("cyclic-repeat");
    assertThat(mined.get("seven").<Integer>getAs("false_negatives_removed")).isEqualTo(13);
    assertThat(mined.get("none").<String>getAs("outcome")).isEqualTo("fallback");
    assertThat(mined.get("none").getList(mined.get("none").fieldIndex("negative_scores"))).containsOnly(1.0);
  }

  @Test
  void rerunIsIdentical() {
    List<Row> first = mine().orderBy("mined.query_id", "reject.row_id").collectAsList();
    List<Row> second = mine().orderBy("mined.query_id", "reject.row_id").collectAsList();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void auditCountsWhatTheJudgeFlaggedPerDataset() {
    Dataset<Row> mined = mine().filter("mined is not null").select("mined.*");
    Dataset<Row> queryTable =
        queries.withColumn("text", org.apache.spark.sql.functions.lit("toy query"));
    org.unime.udfs.mining.JudgeAudit audit =
        org.unime.udfs.mining.JudgeAudit.of(mined, judgments, queryTable);

    Row toy = audit.summary().collectAsList().get(0);
    assertThat(toy.<Long>getAs("queries")).isEqualTo(3);
    assertThat(toy.<Long>getAs("flagged_false_negatives")).isEqualTo(13 + 12);
    assertThat(toy.<Long>getAs("judged_candidates")).isEqualTo(50 + 20 + 12);
    assertThat(toy.<Double>getAs("fallback_rate")).isEqualTo(1.0 / 3);
    assertThat(audit.histogram().filter("is_positive").groupBy().sum("count").head().getLong(0))
        .as("every judged positive lands in a bin").isEqualTo(4);
    assertThat(audit.toMarkdown()).contains("| toy | 3 | 82 | 25 |").contains("Queries with the most candidates flagged");
  }

  private static Dataset<Row> mine() {
    return new HardNegativeMiner(HardNegativeSampler.create(SamplingSettings.paperDefaults(), 42))
        .mine(queries, retrieval, judgments);
  }

  private static void collect(Dataset<Row> outcomes, Map<String, Row> mined, Map<String, Row> rejects) {
    for (Row row : outcomes.collectAsList()) {
      if (!row.isNullAt(0)) {
        mined.put(row.getStruct(0).getAs("query_id"), row.getStruct(0));
      } else {
        rejects.put(row.getStruct(1).getAs("row_id"), row.getStruct(1));
      }
    }
  }

  private static void addQuery(
      List<Row> q, List<Row> r, List<Row> j, String id, double positiveScore, int pool,
      java.util.function.IntToDoubleFunction score) {
    q.add(RowFactory.create(id, "toy", seq(List.of(id + "-pos"))));
    j.add(RowFactory.create(id, id + "-pos", positiveScore, true, "judge-v1"));
    for (int i = 0; i < pool; i++) {
      String cid = String.format("%s-c%02d", id, i);
      r.add(RowFactory.create(id, i + 1, cid, 1.0f - i * 0.01f, "embed-v1"));
      j.add(RowFactory.create(id, cid, score.applyAsDouble(i), false, "judge-v1"));
    }
  }

  private static scala.collection.immutable.Seq<String> seq(List<String> list) {
    return CollectionConverters.asScala(list).toList();
  }
}
